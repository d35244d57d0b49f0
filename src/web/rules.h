// Règlement(s) intérieur(s): the rules each service publishes, read and accepted by parents.
#pragma once

#include "app/context.h"

#include <cstdint>
#include <string>

namespace web
{

// GET /famille/reglements
http::Response rules_page(app::Context& ctx);
// POST /famille/reglements/{id}/accepter
http::Response rules_accept(app::Context& ctx);
// GET /famille/reglements/{id}/pdf
http::Response rules_pdf_parent(app::Context& ctx);

// A rules PDF shown inline in the browser as "reglement-<id>.pdf"; shared with the back office.
http::Response rules_pdf_response(std::int64_t id, std::string pdf);
// "120 Ko": a file size rounded up to the next kibibyte, so a small file never shows 0.
std::string size_in_ko(int bytes);

} // namespace web
