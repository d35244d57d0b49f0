#include "view/html.h"

#include <charconv>

namespace view
{

void append_escaped(std::string& out, std::string_view text)
{
    std::size_t plain = 0; // start of the run of characters copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char* entity = nullptr;
        switch (text[i]) {
        case '&':
            entity = "&amp;";
            break;
        case '<':
            entity = "&lt;";
            break;
        case '>':
            entity = "&gt;";
            break;
        case '"':
            entity = "&quot;";
            break;
        case '\'':
            entity = "&#39;";
            break;
        case '\t':
        case '\n':
        case '\v':
        case '\f':
        case '\r':
            entity = " ";
            break;
        default:
            continue;
        }
        out.append(text.data() + plain, i - plain);
        out.append(entity);
        plain = i + 1;
    }
    out.append(text.data() + plain, text.size() - plain);
}

void append_int(std::string& out, std::int64_t n)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
}

} // namespace view
