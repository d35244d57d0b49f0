#include "http/csrf.h"

#include "security/tokens.h"

namespace http {

std::string csrf_token(std::string_view secret, std::string_view cookie_value)
{
    return security::hmac_sha256_b64(secret, std::string("csrf:") + std::string(cookie_value));
}

bool csrf_token_valid(std::string_view secret, std::string_view cookie_value,
                      std::string_view submitted)
{
    if (cookie_value.size() < 32 || submitted.empty())
        return false;
    return security::constant_time_equal(csrf_token(secret, cookie_value), submitted);
}

namespace {
bool iequal(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}
} // namespace

bool same_origin_ok(std::string_view own_origin, std::string_view origin_header,
                    std::string_view referer_header)
{
    if (!origin_header.empty())
        return iequal(origin_header, own_origin);
    if (!referer_header.empty()) {
        // The referer's origin is scheme://host[:port], up to the first '/' after "//".
        const auto scheme_end = referer_header.find("://");
        if (scheme_end == std::string_view::npos)
            return false;
        const auto path_start = referer_header.find('/', scheme_end + 3);
        return iequal(referer_header.substr(0, path_start), own_origin);
    }
    return true;
}

} // namespace http
