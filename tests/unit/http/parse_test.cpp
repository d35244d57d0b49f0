#include "http/parse.h"

#include <boost/test/unit_test.hpp>

#include <limits>
#include <string>

using namespace std::string_literals;
using namespace std::string_view_literals;

BOOST_AUTO_TEST_SUITE(http_parse)

// --- parse_int -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(int_accepts_plain_positive_and_negative_numbers)
{
    BOOST_TEST(http::parse_int("0").value_or(-1) == 0);
    BOOST_TEST(http::parse_int("42").value_or(-1) == 42);
    BOOST_TEST(http::parse_int("-17").value_or(0) == -17);
    BOOST_TEST(http::parse_int("1000000").value_or(-1) == 1000000);
}

BOOST_AUTO_TEST_CASE(int_accepts_both_int64_limits)
{
    BOOST_TEST(http::parse_int("9223372036854775807").value_or(0) ==
               std::numeric_limits<std::int64_t>::max());
    BOOST_TEST(http::parse_int("-9223372036854775808").value_or(0) ==
               std::numeric_limits<std::int64_t>::min());
}

BOOST_AUTO_TEST_CASE(int_refuses_overflow)
{
    BOOST_TEST(!http::parse_int("9223372036854775808"));
    BOOST_TEST(!http::parse_int("-9223372036854775809"));
    BOOST_TEST(!http::parse_int("99999999999999999999999999"));
}

BOOST_AUTO_TEST_CASE(int_refuses_empty_and_lone_minus)
{
    BOOST_TEST(!http::parse_int(""));
    BOOST_TEST(!http::parse_int("-"));
}

BOOST_AUTO_TEST_CASE(int_refuses_leading_zeros_and_negative_zero)
{
    BOOST_TEST(!http::parse_int("007"));
    BOOST_TEST(!http::parse_int("00"));
    BOOST_TEST(!http::parse_int("-0"));
    BOOST_TEST(!http::parse_int("-01"));
}

BOOST_AUTO_TEST_CASE(int_refuses_signs_spaces_and_trailing_junk)
{
    BOOST_TEST(!http::parse_int("+1"));
    BOOST_TEST(!http::parse_int(" 1"));
    BOOST_TEST(!http::parse_int("1 "));
    BOOST_TEST(!http::parse_int("12abc"));
    BOOST_TEST(!http::parse_int("--1"));
    BOOST_TEST(!http::parse_int("1.5"));
    BOOST_TEST(!http::parse_int("0x10"));
    BOOST_TEST(!http::parse_int("1e3"));
}

BOOST_AUTO_TEST_CASE(int_refuses_embedded_nul)
{
    BOOST_TEST(!http::parse_int("12\0"sv));
    BOOST_TEST(!http::parse_int("\0"sv));
}

// --- parse_id --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(id_accepts_positive_numbers_up_to_int64_max)
{
    BOOST_TEST(http::parse_id("1").value_or(0) == 1);
    BOOST_TEST(http::parse_id("123456").value_or(0) == 123456);
    BOOST_TEST(http::parse_id("9223372036854775807").value_or(0) ==
               std::numeric_limits<std::int64_t>::max());
}

BOOST_AUTO_TEST_CASE(id_refuses_zero_negatives_and_overflow)
{
    BOOST_TEST(!http::parse_id("0"));
    BOOST_TEST(!http::parse_id("-1"));
    BOOST_TEST(!http::parse_id("-0"));
    BOOST_TEST(!http::parse_id("9223372036854775808"));
}

BOOST_AUTO_TEST_CASE(id_refuses_leading_zeros_empty_and_junk)
{
    BOOST_TEST(!http::parse_id(""));
    BOOST_TEST(!http::parse_id("01"));
    BOOST_TEST(!http::parse_id("+1"));
    BOOST_TEST(!http::parse_id("1 "));
    BOOST_TEST(!http::parse_id("1;DROP"));
}

// --- calendar --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(leap_years_follow_gregorian_rules)
{
    BOOST_TEST(http::is_leap_year(2024));
    BOOST_TEST(http::is_leap_year(2000));
    BOOST_TEST(!http::is_leap_year(1900));
    BOOST_TEST(!http::is_leap_year(2100));
    BOOST_TEST(!http::is_leap_year(2026));
}

BOOST_AUTO_TEST_CASE(days_in_month_knows_every_month)
{
    const int expected[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; ++m) {
        BOOST_TEST(http::days_in_month(2026, m) == expected[m - 1]);
    }
    BOOST_TEST(http::days_in_month(2024, 2) == 29);
    BOOST_TEST(http::days_in_month(2026, 0) == 0);
    BOOST_TEST(http::days_in_month(2026, 13) == 0);
}

// --- parse_date ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(date_accepts_a_real_date)
{
    auto d = http::parse_date("2026-11-29");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(d->year == 2026);
    BOOST_TEST(d->month == 11);
    BOOST_TEST(d->day == 29);
}

BOOST_AUTO_TEST_CASE(date_accepts_february_29_of_a_leap_year)
{
    BOOST_TEST(http::parse_date("2024-02-29").has_value());
    BOOST_TEST(http::parse_date("2000-02-29").has_value());
}

BOOST_AUTO_TEST_CASE(date_refuses_february_29_of_a_common_year)
{
    BOOST_TEST(!http::parse_date("2026-02-29"));
    BOOST_TEST(!http::parse_date("1900-02-29"));
}

BOOST_AUTO_TEST_CASE(date_refuses_february_30)
{
    BOOST_TEST(!http::parse_date("2026-02-30"));
    BOOST_TEST(!http::parse_date("2024-02-30"));
}

BOOST_AUTO_TEST_CASE(date_refuses_day_31_of_30_day_months)
{
    BOOST_TEST(!http::parse_date("2026-04-31"));
    BOOST_TEST(!http::parse_date("2026-11-31"));
    BOOST_TEST(http::parse_date("2026-12-31").has_value());
}

BOOST_AUTO_TEST_CASE(date_refuses_zero_month_and_zero_day)
{
    BOOST_TEST(!http::parse_date("2026-00-10"));
    BOOST_TEST(!http::parse_date("2026-13-10"));
    BOOST_TEST(!http::parse_date("2026-01-00"));
    BOOST_TEST(!http::parse_date("2026-01-32"));
}

BOOST_AUTO_TEST_CASE(date_refuses_years_outside_1900_to_9999)
{
    BOOST_TEST(!http::parse_date("1899-12-31"));
    BOOST_TEST(http::parse_date("1900-01-01").has_value());
    BOOST_TEST(http::parse_date("9999-12-31").has_value());
    BOOST_TEST(!http::parse_date("0000-01-01"));
    BOOST_TEST(!http::parse_date("10000-01-01"));
}

BOOST_AUTO_TEST_CASE(date_refuses_other_shapes)
{
    BOOST_TEST(!http::parse_date(""));
    BOOST_TEST(!http::parse_date("2026-1-05"));
    BOOST_TEST(!http::parse_date("2026-01-5"));
    BOOST_TEST(!http::parse_date("2026/01/05"));
    BOOST_TEST(!http::parse_date("20260105"));
    BOOST_TEST(!http::parse_date("2026-01-05 "));
    BOOST_TEST(!http::parse_date("2026-01-05T00:00"));
    BOOST_TEST(!http::parse_date("2026-+1-05"));
    BOOST_TEST(!http::parse_date("2026--1-05"));
    BOOST_TEST(!http::parse_date("+026-01-05"));
    BOOST_TEST(!http::parse_date("2026-01-\0"
                                 "5"sv));
}

BOOST_AUTO_TEST_CASE(date_iso_zero_pads_and_round_trips)
{
    BOOST_TEST((http::Date{2026, 1, 5}.iso() == "2026-01-05"));
    BOOST_TEST((http::Date{1900, 12, 31}.iso() == "1900-12-31"));
    auto d = http::parse_date("2024-02-09");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(d->iso() == "2024-02-09");
}

BOOST_AUTO_TEST_CASE(dates_compare_chronologically)
{
    BOOST_TEST((http::Date{2025, 12, 31} < http::Date{2026, 1, 1}));
    BOOST_TEST((http::Date{2026, 2, 1} > http::Date{2026, 1, 31}));
    BOOST_TEST((http::Date{2026, 2, 1} == http::Date{2026, 2, 1}));
}

// --- parse_year_month ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(year_month_accepts_yyyy_mm)
{
    auto ym = http::parse_year_month("2026-03");
    BOOST_TEST_REQUIRE(ym.has_value());
    BOOST_TEST(ym->year == 2026);
    BOOST_TEST(ym->month == 3);
    BOOST_TEST(ym->iso() == "2026-03");
}

BOOST_AUTO_TEST_CASE(year_month_refuses_bad_months_and_shapes)
{
    BOOST_TEST(!http::parse_year_month("2026-00"));
    BOOST_TEST(!http::parse_year_month("2026-13"));
    BOOST_TEST(!http::parse_year_month("2026-3"));
    BOOST_TEST(!http::parse_year_month("2026-03-01"));
    BOOST_TEST(!http::parse_year_month("1899-12"));
    BOOST_TEST(!http::parse_year_month("2026_03"));
    BOOST_TEST(!http::parse_year_month(""));
}

BOOST_AUTO_TEST_CASE(year_month_iso_zero_pads)
{
    BOOST_TEST((http::YearMonth{2026, 1}.iso() == "2026-01"));
    BOOST_TEST((http::YearMonth{1950, 11}.iso() == "1950-11"));
}

// --- url_decode / url_encode -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(url_decode_decodes_escapes_in_either_case)
{
    BOOST_TEST(http::url_decode("a%20b", false).value_or("?") == "a b");
    BOOST_TEST(http::url_decode("%c3%a9t%C3%A9", false).value_or("?") == "\xC3\xA9t\xC3\xA9");
    BOOST_TEST(http::url_decode("%2F%2f", false).value_or("?") == "//");
}

BOOST_AUTO_TEST_CASE(url_decode_turns_plus_into_space_only_in_form_mode)
{
    BOOST_TEST(http::url_decode("a+b", true).value_or("?") == "a b");
    BOOST_TEST(http::url_decode("a+b", false).value_or("?") == "a+b");
    BOOST_TEST(http::url_decode("a%2Bb", true).value_or("?") == "a+b");
}

BOOST_AUTO_TEST_CASE(url_decode_refuses_truncated_and_non_hex_escapes)
{
    BOOST_TEST(!http::url_decode("%", false));
    BOOST_TEST(!http::url_decode("%4", false));
    BOOST_TEST(!http::url_decode("abc%4", true));
    BOOST_TEST(!http::url_decode("%zz", false));
    BOOST_TEST(!http::url_decode("%4g", false));
    BOOST_TEST(!http::url_decode("%g4", false));
    BOOST_TEST(!http::url_decode("% 41", false));
}

BOOST_AUTO_TEST_CASE(url_decode_passes_any_byte_through)
{
    auto nul = http::url_decode("a%00b", false);
    BOOST_TEST_REQUIRE(nul.has_value());
    BOOST_TEST(*nul == "a\0b"s);
    BOOST_TEST(http::url_decode("%FF%FE", false).value_or("?") == "\xFF\xFE");
    BOOST_TEST(http::url_decode("", false).value_or("?") == "");
}

BOOST_AUTO_TEST_CASE(url_encode_keeps_unreserved_and_escapes_the_rest_uppercase)
{
    BOOST_TEST(http::url_encode("AZaz09-._~") == "AZaz09-._~");
    BOOST_TEST(http::url_encode("a b&c=d/e?f+g") == "a%20b%26c%3Dd%2Fe%3Ff%2Bg");
    BOOST_TEST(http::url_encode("\xC3\xA9") == "%C3%A9");
    BOOST_TEST(http::url_encode("\0\xFF"sv) == "%00%FF");
}

BOOST_AUTO_TEST_CASE(url_encode_then_decode_round_trips_every_byte)
{
    std::string all;
    for (int b = 0; b < 256; ++b) {
        all.push_back(static_cast<char>(b));
    }
    BOOST_TEST(http::url_decode(http::url_encode(all), false).value_or("?") == all);
    BOOST_TEST(http::url_decode(http::url_encode(all), true).value_or("?") == all);
}

// --- is_valid_utf8 ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(utf8_accepts_ascii_and_multibyte_text)
{
    BOOST_TEST(http::is_valid_utf8(""));
    BOOST_TEST(http::is_valid_utf8("plain ascii"));
    BOOST_TEST(http::is_valid_utf8("\xC3\xA9l\xC3\xA8ve")); // élève
    BOOST_TEST(http::is_valid_utf8("\xE2\x82\xAC"));        // €
    BOOST_TEST(http::is_valid_utf8("\xF0\x9F\x98\x80"));    // U+1F600
    BOOST_TEST(http::is_valid_utf8("\xF4\x8F\xBF\xBF"));    // U+10FFFF
    BOOST_TEST(http::is_valid_utf8("\xEF\xBF\xBF"));        // U+FFFF
    BOOST_TEST(http::is_valid_utf8("\xED\x9F\xBF"));        // U+D7FF, just below surrogates
    BOOST_TEST(http::is_valid_utf8("a\0b"sv));
}

BOOST_AUTO_TEST_CASE(utf8_refuses_overlong_encodings)
{
    BOOST_TEST(!http::is_valid_utf8("\xC0\x80"));
    BOOST_TEST(!http::is_valid_utf8("\xC1\xBF"));
    BOOST_TEST(!http::is_valid_utf8("\xE0\x80\x80"));
    BOOST_TEST(!http::is_valid_utf8("\xE0\x9F\xBF"));
    BOOST_TEST(!http::is_valid_utf8("\xF0\x80\x80\x80"));
    BOOST_TEST(!http::is_valid_utf8("\xF0\x8F\xBF\xBF"));
}

BOOST_AUTO_TEST_CASE(utf8_refuses_surrogates)
{
    BOOST_TEST(!http::is_valid_utf8("\xED\xA0\x80"));
    BOOST_TEST(!http::is_valid_utf8("\xED\xBF\xBF"));
}

BOOST_AUTO_TEST_CASE(utf8_refuses_code_points_above_10ffff)
{
    BOOST_TEST(!http::is_valid_utf8("\xF4\x90\x80\x80"));
    BOOST_TEST(!http::is_valid_utf8("\xF5\x80\x80\x80"));
    BOOST_TEST(!http::is_valid_utf8("\xFF"));
    BOOST_TEST(!http::is_valid_utf8("\xFE"));
}

BOOST_AUTO_TEST_CASE(utf8_refuses_truncated_and_stray_bytes)
{
    BOOST_TEST(!http::is_valid_utf8("\xC3"));
    BOOST_TEST(!http::is_valid_utf8("a\xE2\x82"));
    BOOST_TEST(!http::is_valid_utf8("\xF0\x9F\x98"));
    BOOST_TEST(!http::is_valid_utf8("\x80"));
    BOOST_TEST(!http::is_valid_utf8("\xC3\x28"));
    BOOST_TEST(!http::is_valid_utf8("\xE2\x28\xA1"));
    BOOST_TEST(!http::is_valid_utf8("\xF0\x9F\x28\x80"));
}

BOOST_AUTO_TEST_SUITE_END()
