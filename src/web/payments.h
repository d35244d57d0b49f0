// After "Payer en ligne" (SPEC §4.10): the parent's return from PayFiP (a status page), the
// service's notification (server to server, trusted for nothing but the idOp), the family's
// payment history and the receipts.
#pragma once

#include "app/context.h"

namespace web
{

http::Response payment_return(app::Context& ctx);
// Public, without CSRF: always 200 with an empty body.
http::Response payment_notification(app::Context& ctx);
http::Response payments_page(app::Context& ctx);
http::Response payment_receipt(app::Context& ctx);

} // namespace web
