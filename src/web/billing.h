// Espace facturation (SPEC §4.9): the balance and the invoice history, the invoice PDF, and
// "Payer en ligne", which opens a PayFiP operation and sends the parent to its page.
#pragma once

#include "app/context.h"

#include <string>

namespace web
{

http::Response billing_page(app::Context& ctx);
http::Response invoice_pdf(app::Context& ctx);
http::Response invoice_pay(app::Context& ctx);

// Today in Paris, "YYYY-MM-DD".
std::string paris_today();
// A PDF download: attachment, private cache.
http::Response pdf_download(const std::string& file_name, std::string pdf);

} // namespace web
