// The Cookie request header (http::parse_cookie_header).
#include "fuzz_check.h"

#include "http/cookies.h"

#include <string>

namespace
{

bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto header = fuzz::as_text(data, size);
    const auto cookies = http::parse_cookie_header(header); // documented never to throw

    // Names are non-empty, trimmed, and hold neither '=' nor ';'; values hold no ';'. Written
    // back with every value quoted, the header reads back to the same cookies.
    std::string again;
    for (const auto& [name, value] : cookies) {
        FUZZ_CHECK(!name.empty() && !is_blank(name.front()) && !is_blank(name.back()));
        FUZZ_CHECK(name.find_first_of("=;") == std::string::npos);
        FUZZ_CHECK(value.find(';') == std::string::npos);
        FUZZ_CHECK(header.find(name) != std::string_view::npos);
        FUZZ_CHECK(header.find(value) != std::string_view::npos);
        again += name + "=\"" + value + "\"; ";
    }
    FUZZ_CHECK(http::parse_cookie_header(again) == cookies);

    // The first occurrence of a name wins: a later pair for an existing name changes nothing.
    if (!cookies.empty()) {
        const auto& first_name = cookies.begin()->first;
        FUZZ_CHECK(http::parse_cookie_header(std::string(header) + ";" + first_name + "=zz") ==
                   cookies);
    }
    return 0;
}
