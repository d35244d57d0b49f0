// Strict parsing of untrusted text: the whole input must be consumed, or it is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace http {

// Decimal integer, optional leading '-', no spaces, no '+', no leading zeros beyond "0".
std::optional<std::int64_t> parse_int(std::string_view text);

// Positive database id (1 .. 2^63-1), digits only.
std::optional<std::int64_t> parse_id(std::string_view text);

struct Date {
    int year = 0;  // 1900..9999
    int month = 0; // 1..12
    int day = 0;   // 1..days_in_month
    auto operator<=>(const Date&) const = default;
    std::string iso() const; // "2026-11-29"
};

struct YearMonth {
    int year = 0;
    int month = 0;
    auto operator<=>(const YearMonth&) const = default;
    std::string iso() const; // "2026-11"
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// "YYYY-MM-DD", a real calendar date (2026-02-30 is refused).
std::optional<Date> parse_date(std::string_view text);
// "YYYY-MM".
std::optional<YearMonth> parse_year_month(std::string_view text);

// Percent-decoding; in form mode '+' means space. Refuses truncated or non-hex escapes.
std::optional<std::string> url_decode(std::string_view text, bool form_mode);
std::string url_encode(std::string_view text);

// True when text is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

} // namespace http
