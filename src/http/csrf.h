// CSRF: a per-browser random cookie, and a form token that is its HMAC under the server
// secret; plus the Origin/Referer check. Both are applied to every POST by the dispatcher.
#pragma once

#include <string>
#include <string_view>

namespace http {

// Form token for a given CSRF cookie value.
std::string csrf_token(std::string_view secret, std::string_view cookie_value);
bool csrf_token_valid(std::string_view secret, std::string_view cookie_value,
                      std::string_view submitted);

// OWASP "verify origin with standard headers": when Origin is present it must be ours; else
// when Referer is present its origin must be ours; when neither is sent, the token decides.
bool same_origin_ok(std::string_view own_origin, std::string_view origin_header,
                    std::string_view referer_header);

} // namespace http
