// From CGI variables and body to a response: commune by Host, route, body, CSRF, session,
// access, handler; every error mapped to a French page in one place.
#pragma once

#include "app/context.h"

#include <map>
#include <string>
#include <string_view>

namespace app
{

struct Outcome {
    http::Response response;
    std::string commune; // slug, for the log line
    std::string actor;   // Context::actor(), for the log line ("-" before a session is read)
    std::string request_id;
};

// `body_too_large` is set when CONTENT_LENGTH exceeded the limit and the body was not read.
Outcome dispatch(const Router& router, Services& services,
                 const std::map<std::string, std::string>& env, std::string_view body,
                 bool body_too_large, bool is_retry = false);

// Headers every response carries (CSP without inline script, nosniff, frame-ancestors…).
// `payment_origin` ("https://www.payfip.gouv.fr") is where forms may also lead: "Payer en
// ligne" posts to the portal, which redirects to the payment service.
void add_security_headers(http::Response& response, bool https,
                          std::string_view payment_origin = {});
// "scheme://host[:port]" of an http(s) URL; "" for anything else.
std::string origin_of(std::string_view url);

} // namespace app
