// Réservation sur une longue période (SPEC §4.7): a child, an activity, a period and
// weekdays; applied at once or sent to the mairie, per the activity; the answer day by day.
#pragma once

#include "app/context.h"
#include "db/families.h"
#include "db/long_requests.h"

namespace web
{

// GET and POST /famille/demandes: `enfant`, `activite`, `debut`, `fin` (YYYY-MM-DD), `jours`
// (repeated, 1 = Monday … 7 = Sunday).
http::Response long_requests_page(app::Context& ctx);
http::Response long_request_submit(app::Context& ctx);
// GET /famille/demandes/{id}: what became of each day.
http::Response long_request_page(app::Context& ctx);

// Mails the family's confirmed accounts what became of the request, day by day (when it is
// sent, and again when an agent decides it). Queued on the connection: call it inside the
// transaction of the change.
void mail_long_request(app::Context& ctx, const db::Family& family, const db::LongRequest& r);

} // namespace web
