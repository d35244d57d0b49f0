// CSV exports for the back office (SPEC §5): bookings and attendance per period.
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/exports: the choice of period.
http::Response exports_page(app::Context& ctx);
// GET /gestion/exports/reservations.csv?du=YYYY-MM-DD&au=YYYY-MM-DD (a year at most).
http::Response bookings_csv(app::Context& ctx);

} // namespace backoffice
