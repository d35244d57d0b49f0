// Bookings and attendance in the back office (SPEC §5): the day's activities with their
// counts and the week's totals for the kitchen, the list of children of an occurrence with
// allergies, diet and PAI (printable), attendance (pointage), and long-period requests.
#pragma once

#include "app/context.h"

namespace backoffice {

// GET /gestion/reservations?jour=YYYY-MM-DD: the day's occurrences and the week's totals.
http::Response bookings_day(app::Context& ctx);
// GET /gestion/reservations/{id}: the children of occurrence {id} (the canteen list).
http::Response occurrence_roster(app::Context& ctx);
// POST /gestion/reservations/{id}/pointage: `presence-{child}` = present | absent | excuse.
http::Response attendance_submit(app::Context& ctx);
// POST /gestion/reservations/{id}/ajout: `enfant`, present without a booking.
http::Response attendance_add(app::Context& ctx);
// GET /gestion/demandes-longues and POST /gestion/demandes-longues/{id}: `decision` =
// accepter | refuser, `commentaire`.
http::Response long_requests_queue(app::Context& ctx);
http::Response long_request_decide(app::Context& ctx);

} // namespace backoffice
