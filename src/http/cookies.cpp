#include "http/cookies.h"

namespace http
{

namespace
{

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

std::map<std::string, std::string, std::less<>> parse_cookie_header(std::string_view header)
{
    std::map<std::string, std::string, std::less<>> cookies;
    while (!header.empty()) {
        std::size_t semi = header.find(';');
        std::string_view piece = trim(header.substr(0, semi));
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);

        std::size_t eq = piece.find('=');
        if (eq == std::string_view::npos) {
            continue;
        }
        std::string_view name = trim(piece.substr(0, eq));
        std::string_view value = trim(piece.substr(eq + 1));
        if (name.empty()) {
            continue;
        }
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        // RFC 6265 has browsers list longer paths first, so the first occurrence is the most
        // specifically scoped cookie; a later duplicate is usually a stale or planted one.
        cookies.emplace(std::string(name), std::string(value));
    }
    return cookies;
}

std::string SetCookie::header_value() const
{
    std::string out = name;
    out += '=';
    out += value;
    if (!path.empty()) {
        out += "; Path=";
        out += path;
    }
    if (max_age) {
        out += "; Max-Age=";
        out += std::to_string(*max_age);
    }
    if (http_only) {
        out += "; HttpOnly";
    }
    if (secure) {
        out += "; Secure";
    }
    if (!same_site.empty()) {
        out += "; SameSite=";
        out += same_site;
    }
    return out;
}

} // namespace http
