// Cookie request header parsing and Set-Cookie building.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace http {

// "a=1; b=2". Malformed pairs are skipped (browsers send junk), first occurrence of a name
// wins, quoted values are unquoted. Never throws.
std::map<std::string, std::string, std::less<>> parse_cookie_header(std::string_view header);

struct SetCookie {
    std::string name;
    std::string value;
    std::string path = "/";
    std::optional<long> max_age; // seconds; 0 deletes; absent = session cookie
    bool http_only = true;
    bool secure = false;
    std::string same_site = "Lax";
    std::string header_value() const; // "name=value; Path=/; Max-Age=…; HttpOnly; Secure; SameSite=Lax"
};

} // namespace http
