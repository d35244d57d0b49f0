#include "http/parse.h"

#include <charconv>
#include <cstdio>
#include <system_error>

namespace http
{

namespace
{

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool all_digits(std::string_view text)
{
    for (char c : text) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

// Fixed-width decimal field of a date; the caller has already checked the length.
std::optional<int> parse_fixed(std::string_view text)
{
    if (text.empty() || !all_digits(text)) {
        return std::nullopt;
    }
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

bool is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

constexpr int min_year = 1900;
constexpr int max_year = 9999;

std::optional<YearMonth> parse_year_month_fields(std::string_view text)
{
    // Callers guarantee text.size() >= 7.
    if (text[4] != '-') {
        return std::nullopt;
    }
    auto year = parse_fixed(text.substr(0, 4));
    auto month = parse_fixed(text.substr(5, 2));
    if (!year || !month || *year < min_year || *year > max_year || *month < 1 || *month > 12) {
        return std::nullopt;
    }
    return YearMonth{*year, *month};
}

} // namespace

std::optional<std::int64_t> parse_int(std::string_view text)
{
    std::string_view digits = text;
    bool negative = false;
    if (!digits.empty() && digits.front() == '-') {
        negative = true;
        digits.remove_prefix(1);
    }
    // from_chars alone would accept "007" and "-0"; the canonical form is what we check here.
    if (digits.empty() || !all_digits(digits)) {
        return std::nullopt;
    }
    if (digits.front() == '0' && (digits.size() > 1 || negative)) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> parse_id(std::string_view text)
{
    if (text.empty() || text.front() == '-') {
        return std::nullopt;
    }
    auto value = parse_int(text);
    if (!value || *value < 1) {
        return std::nullopt;
    }
    return value;
}

std::string Date::iso() const
{
    // Sized for three full-width negative ints so even a nonsensical Date cannot truncate.
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string YearMonth::iso() const
{
    char buf[32];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

bool is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
    switch (month) {
    case 1:
    case 3:
    case 5:
    case 7:
    case 8:
    case 10:
    case 12:
        return 31;
    case 4:
    case 6:
    case 9:
    case 11:
        return 30;
    case 2:
        return is_leap_year(year) ? 29 : 28;
    default:
        return 0;
    }
}

std::optional<Date> parse_date(std::string_view text)
{
    if (text.size() != 10 || text[7] != '-') {
        return std::nullopt;
    }
    auto ym = parse_year_month_fields(text);
    auto day = parse_fixed(text.substr(8, 2));
    if (!ym || !day || *day < 1 || *day > days_in_month(ym->year, ym->month)) {
        return std::nullopt;
    }
    return Date{ym->year, ym->month, *day};
}

std::optional<YearMonth> parse_year_month(std::string_view text)
{
    if (text.size() != 7) {
        return std::nullopt;
    }
    return parse_year_month_fields(text);
}

std::optional<std::string> url_decode(std::string_view text, bool form_mode)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (text.size() - i < 3) {
                return std::nullopt;
            }
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && form_mode) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string url_encode(std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (is_unreserved(u)) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(hex[u >> 4]);
            out.push_back(hex[u & 0x0F]);
        }
    }
    return out;
}

bool is_valid_utf8(std::string_view text)
{
    // Byte ranges from the Unicode Standard, table 3-7: narrowing the second byte's range is
    // what rules out overlongs (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
        } else if (b0 == 0xE0) {
            len = 3;
            lo = 0xA0;
        } else if (b0 >= 0xE1 && b0 <= 0xEC) {
            len = 3;
        } else if (b0 == 0xED) {
            len = 3;
            hi = 0x9F;
        } else if (b0 >= 0xEE && b0 <= 0xEF) {
            len = 3;
        } else if (b0 == 0xF0) {
            len = 4;
            lo = 0x90;
        } else if (b0 >= 0xF1 && b0 <= 0xF3) {
            len = 4;
        } else if (b0 == 0xF4) {
            len = 4;
            hi = 0x8F;
        } else {
            return false;
        }
        if (n - i < len) {
            return false;
        }
        auto b1 = static_cast<unsigned char>(text[i + 1]);
        if (b1 < lo || b1 > hi) {
            return false;
        }
        for (std::size_t k = 2; k < len; ++k) {
            auto b = static_cast<unsigned char>(text[i + k]);
            if (b < 0x80 || b > 0xBF) {
                return false;
            }
        }
        i += len;
    }
    return true;
}

} // namespace http
