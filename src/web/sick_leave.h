// "Enfant malade" (SPEC §9): one action cancels the child's bookings from today for the days
// chosen, and a medical certificate makes them excused absences once an agent accepts it.
#pragma once

#include "app/context.h"

namespace web
{

// GET and POST /famille/enfant-malade (multipart): `enfant`, `jusqu_au` (YYYY-MM-DD, at most
// 30 days ahead), optional file `certificat` (PDF, JPEG or PNG).
http::Response sick_leave_page(app::Context& ctx);
http::Response sick_leave_submit(app::Context& ctx);

} // namespace web
