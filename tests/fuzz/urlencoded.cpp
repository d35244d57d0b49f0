// Query strings and urlencoded bodies (http::parse_urlencoded, url_decode, url_encode).
#include "fuzz_check.h"

#include "http/form.h"
#include "http/parse.h"

#include <algorithm>
#include <string>

namespace
{

// UTF-8 validity by decoding, written independently of http::is_valid_utf8's byte tables.
bool reference_utf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = 1;
        std::uint32_t cp = b;
        std::uint32_t min = 0;
        if (b >= 0x80) {
            if ((b & 0xE0) == 0xC0) {
                len = 2, cp = b & 0x1F, min = 0x80;
            } else if ((b & 0xF0) == 0xE0) {
                len = 3, cp = b & 0x0F, min = 0x800;
            } else if ((b & 0xF8) == 0xF0) {
                len = 4, cp = b & 0x07, min = 0x10000;
            } else {
                return false;
            }
        }
        if (s.size() - i < len)
            return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto body = fuzz::as_text(data, size);
    // On libFuzzer's exactly-sized buffer, so that a read past the end is caught.
    FUZZ_CHECK(http::is_valid_utf8(body) == reference_utf8(body));

    // Both modes refuse the same malformed escapes; decoding never grows the text; what
    // url_encode writes is plain ASCII and decodes back to the original bytes.
    const auto raw = http::url_decode(body, false);
    const auto form = http::url_decode(body, true);
    FUZZ_CHECK(raw.has_value() == form.has_value());
    if (raw) {
        FUZZ_CHECK(raw->size() <= body.size() && form->size() == raw->size());
        const auto encoded = http::url_encode(*raw);
        FUZZ_CHECK(std::all_of(encoded.begin(), encoded.end(), [](char c) {
            return c == '%' || c == '-' || c == '.' || c == '_' || c == '~' ||
                   (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }));
        FUZZ_CHECK(http::url_decode(encoded, true) == raw);
    }

    const auto params = http::parse_urlencoded(body);
    if (!params)
        return 0;
    FUZZ_CHECK(params->items().size() <=
               static_cast<std::size_t>(std::count(body.begin(), body.end(), '&')) + 1);
    // Every accepted name and value is valid UTF-8, names carry no NUL, and writing the
    // parameters back with url_encode reads back the same list in the same order.
    std::string again;
    for (const auto& [name, value] : params->items()) {
        FUZZ_CHECK(http::is_valid_utf8(name) && http::is_valid_utf8(value));
        FUZZ_CHECK(name.find('\0') == std::string::npos);
        FUZZ_CHECK(params->get(name).has_value() && params->has(name));
        if (!again.empty())
            again += '&';
        again += http::url_encode(name);
        again += '=';
        again += http::url_encode(value);
    }
    const auto reparsed = http::parse_urlencoded(again);
    FUZZ_CHECK(reparsed && reparsed->items() == params->items());
    // get() is the first of all().
    for (const auto& [name, value] : params->items()) {
        const auto every = params->all(name);
        FUZZ_CHECK(!every.empty() && every.front() == *params->get(name));
    }
    return 0;
}
