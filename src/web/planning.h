// Planning des activités (SPEC §4.7): the month view per child and the one-off bookings
// and cancellations, as plain forms with a confirmation step (`confirme=1`).
#pragma once

#include "app/context.h"

namespace web {

// GET /famille/planning?enfant={id}&mois=YYYY-MM; without parameters: the first child,
// this month.
http::Response planning_page(app::Context& ctx);
// POST /famille/reservations and /famille/reservations/annuler: `enfant`, `occurrence`,
// `confirme=1` once confirmed.
http::Response booking_submit(app::Context& ctx);
http::Response booking_cancel(app::Context& ctx);

} // namespace web
