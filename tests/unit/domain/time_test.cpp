#include "domain/time.h"

#include <boost/test/unit_test.hpp>

#include <climits>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <utility>

using domain::Date;
using domain::LocalDateTime;

namespace domain
{
// Lets Boost.Test print a date when an assertion fails.
std::ostream& boost_test_print_type(std::ostream& out, const Date& date)
{
    return out << date.year << '-' << date.month << '-' << date.day;
}
} // namespace domain

namespace
{

// 2026-03-29 01:00:00 UTC and 2026-10-25 01:00:00 UTC, the 2026 clock changes.
constexpr std::int64_t spring_2026 = 1774746000;
constexpr std::int64_t autumn_2026 = 1792890000;

LocalDateTime at(int year, int month, int day, int hour, int minute, int second = 0)
{
    return LocalDateTime{Date{year, month, day}, hour, minute, second};
}

std::string sql(const LocalDateTime& value)
{
    return domain::format_sql_datetime(value);
}

} // namespace

BOOST_AUTO_TEST_SUITE(domain_time)

BOOST_AUTO_TEST_CASE(days_from_civil_counts_from_1970)
{
    BOOST_TEST(domain::days_from_civil({1970, 1, 1}) == 0);
    BOOST_TEST(domain::days_from_civil({1969, 12, 31}) == -1);
    BOOST_TEST(domain::days_from_civil({2000, 3, 1}) == 11017);
    BOOST_TEST(domain::days_from_civil({2026, 12, 3}) == 20790);
}

BOOST_AUTO_TEST_CASE(civil_from_days_inverts_days_from_civil_day_after_day)
{
    Date expected{1600, 1, 1};
    for (std::int64_t z = domain::days_from_civil(expected);
         z < domain::days_from_civil({2400, 12, 31}); ++z) {
        const Date date = domain::civil_from_days(z);
        if (date != expected) {
            BOOST_TEST_REQUIRE(sql({date, 0, 0, 0}) == sql({expected, 0, 0, 0}));
        }
        if (domain::days_from_civil(date) != z) {
            BOOST_TEST_REQUIRE(domain::days_from_civil(date) == z);
        }
        // The next expected date, computed without the algorithm under test.
        ++expected.day;
        if (expected.day > domain::days_in_month(expected.year, expected.month)) {
            expected.day = 1;
            if (++expected.month > 12) {
                expected.month = 1;
                ++expected.year;
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(leap_years_follow_the_gregorian_rule)
{
    BOOST_TEST(domain::is_leap_year(2024));
    BOOST_TEST(domain::is_leap_year(2000));
    BOOST_TEST(!domain::is_leap_year(2026));
    BOOST_TEST(!domain::is_leap_year(2100));
    BOOST_TEST(domain::days_in_month(2024, 2) == 29);
    BOOST_TEST(domain::days_in_month(2026, 2) == 28);
    BOOST_TEST(domain::days_in_month(2026, 13) == 0);
    BOOST_TEST(domain::is_valid_date({2024, 2, 29}));
    BOOST_TEST(!domain::is_valid_date({2026, 2, 29}));
    BOOST_TEST(!domain::is_valid_date({2026, 4, 31}));
    BOOST_TEST(!domain::is_valid_date({2026, 0, 1}));
}

BOOST_AUTO_TEST_CASE(add_days_crosses_months_years_and_leap_days)
{
    BOOST_TEST(domain::add_days({2024, 2, 28}, 1) == (Date{2024, 2, 29}));
    BOOST_TEST(domain::add_days({2024, 2, 29}, 1) == (Date{2024, 3, 1}));
    BOOST_TEST(domain::add_days({2026, 2, 28}, 1) == (Date{2026, 3, 1}));
    BOOST_TEST(domain::add_days({2100, 2, 28}, 1) == (Date{2100, 3, 1}));
    BOOST_TEST(domain::add_days({2026, 12, 31}, 1) == (Date{2027, 1, 1}));
    BOOST_TEST(domain::add_days({2027, 1, 1}, -1) == (Date{2026, 12, 31}));
    BOOST_TEST(domain::add_days({2026, 12, 3}, 365) == (Date{2027, 12, 3}));
}

BOOST_AUTO_TEST_CASE(weekday_of_known_dates)
{
    BOOST_TEST(domain::weekday({2026, 12, 3}) == 4); // Thursday
    BOOST_TEST(domain::weekday({2026, 12, 1}) == 2); // Tuesday
    BOOST_TEST(domain::weekday({1970, 1, 1}) == 4);  // Thursday
    BOOST_TEST(domain::weekday({1969, 12, 28}) == 7);
    BOOST_TEST(domain::weekday({2000, 1, 1}) == 6); // Saturday
    BOOST_TEST(domain::weekday({2026, 3, 29}) == 7);
    BOOST_TEST(domain::weekday({2026, 10, 25}) == 7);
    BOOST_TEST(domain::weekday({2026, 11, 30}) == 1);
}

BOOST_AUTO_TEST_CASE(utc_epoch_and_back)
{
    BOOST_TEST(domain::utc_epoch(at(1970, 1, 1, 0, 0)) == 0);
    BOOST_TEST(domain::utc_epoch(at(2000, 1, 1, 0, 0)) == 946684800);
    BOOST_TEST(domain::utc_epoch(at(2026, 3, 29, 1, 0)) == spring_2026);
    BOOST_TEST(sql(domain::utc_from_epoch(spring_2026)) == "2026-03-29 01:00:00");
    BOOST_TEST(sql(domain::utc_from_epoch(-1)) == "1969-12-31 23:59:59");
    BOOST_TEST(sql(domain::utc_from_epoch(-86400)) == "1969-12-31 00:00:00");
}

BOOST_AUTO_TEST_CASE(paris_is_utc_plus_one_in_winter_and_plus_two_in_summer)
{
    BOOST_TEST(sql(domain::paris_from_epoch(domain::utc_epoch(at(2026, 1, 15, 11, 0)))) ==
               "2026-01-15 12:00:00");
    BOOST_TEST(sql(domain::paris_from_epoch(domain::utc_epoch(at(2026, 7, 14, 10, 0)))) ==
               "2026-07-14 12:00:00");
    BOOST_TEST(sql(domain::paris_from_epoch(domain::utc_epoch(at(2026, 12, 31, 23, 30)))) ==
               "2027-01-01 00:30:00");
}

BOOST_AUTO_TEST_CASE(spring_forward_2026_happens_at_one_utc)
{
    BOOST_TEST(sql(domain::paris_from_epoch(spring_2026 - 60)) == "2026-03-29 01:59:00");
    BOOST_TEST(sql(domain::paris_from_epoch(spring_2026 - 1)) == "2026-03-29 01:59:59");
    BOOST_TEST(sql(domain::paris_from_epoch(spring_2026)) == "2026-03-29 03:00:00");
    BOOST_TEST(sql(domain::paris_from_epoch(spring_2026 + 60)) == "2026-03-29 03:01:00");
}

BOOST_AUTO_TEST_CASE(fall_back_2026_happens_at_one_utc)
{
    BOOST_TEST(sql(domain::paris_from_epoch(autumn_2026 - 60)) == "2026-10-25 02:59:00");
    BOOST_TEST(sql(domain::paris_from_epoch(autumn_2026 - 1)) == "2026-10-25 02:59:59");
    BOOST_TEST(sql(domain::paris_from_epoch(autumn_2026)) == "2026-10-25 02:00:00");
    BOOST_TEST(sql(domain::paris_from_epoch(autumn_2026 + 60)) == "2026-10-25 02:01:00");
}

BOOST_AUTO_TEST_CASE(clock_changes_fall_on_the_last_sundays_of_march_and_october)
{
    // Instants of the changes from the tz database (Europe/Paris), 2020..2030.
    const std::int64_t changes[] = {1585443600, 1603587600, 1616893200, 1635642000, 1648342800,
                                    1667091600, 1679792400, 1698541200, 1711846800, 1729990800,
                                    1743296400, 1761440400, 1774746000, 1792890000, 1806195600,
                                    1824944400, 1837645200, 1856394000, 1869094800, 1887843600,
                                    1901149200, 1919293200};
    bool summer = true;
    for (const std::int64_t change : changes) {
        BOOST_TEST(domain::paris_summer_time(change) == summer);
        BOOST_TEST(domain::paris_summer_time(change - 1) == !summer);
        summer = !summer;
    }
}

BOOST_AUTO_TEST_CASE(summer_time_is_the_same_whatever_the_order_of_the_years_asked)
{
    // paris_summer_time keeps the changes of the two years last asked about: asking about other
    // years in between, and about the last and first seconds of years, never mixes them up.
    const std::int64_t spring_2031 = 1932598800, autumn_2031 = 1950742800;
    const std::int64_t new_year_2027 = domain::utc_epoch(at(2027, 1, 1, 0, 0));
    const std::pair<std::int64_t, bool> asked[] = {
        {spring_2026, true},        {spring_2031 - 1, false}, {autumn_2026 - 1, true},
        {new_year_2027 - 1, false}, {new_year_2027, false},   {spring_2026 - 1, false},
        {autumn_2031 - 1, true},    {autumn_2031, false},     {spring_2031, true},
        {autumn_2026, false},       {1585443600, true},       {1585443599, false},
    };
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& [epoch, summer] : asked)
            BOOST_TEST(domain::paris_summer_time(epoch) == summer, "epoch " << epoch);
}

BOOST_AUTO_TEST_CASE(paris_times_around_the_changes_map_to_their_instants)
{
    BOOST_TEST(domain::epoch_from_paris(at(2026, 3, 29, 1, 59)) == spring_2026 - 60);
    BOOST_TEST(domain::epoch_from_paris(at(2026, 3, 29, 3, 0)) == spring_2026);
    BOOST_TEST(domain::epoch_from_paris(at(2026, 3, 29, 3, 1)) == spring_2026 + 60);
    BOOST_TEST(domain::epoch_from_paris(at(2026, 10, 25, 1, 59)) == autumn_2026 - 3600 - 60);
    BOOST_TEST(domain::epoch_from_paris(at(2026, 10, 25, 3, 0)) == autumn_2026 + 3600);
    BOOST_TEST(domain::epoch_from_paris(at(2026, 1, 15, 12, 0)) ==
               domain::utc_epoch(at(2026, 1, 15, 11, 0)));
    BOOST_TEST(domain::epoch_from_paris(at(2026, 7, 14, 12, 0)) ==
               domain::utc_epoch(at(2026, 7, 14, 10, 0)));
}

BOOST_AUTO_TEST_CASE(paris_time_in_the_spring_gap_is_read_one_hour_later)
{
    // 02:30 does not exist on 29 March 2026: it is taken as 03:30.
    const std::int64_t instant = domain::epoch_from_paris(at(2026, 3, 29, 2, 30));
    BOOST_TEST(instant == spring_2026 + 1800);
    BOOST_TEST(sql(domain::paris_from_epoch(instant)) == "2026-03-29 03:30:00");
    BOOST_TEST(domain::epoch_from_paris(at(2026, 3, 29, 2, 0)) == spring_2026);
    BOOST_TEST(domain::epoch_from_paris(at(2026, 3, 29, 2, 59, 59)) == spring_2026 + 3599);
}

BOOST_AUTO_TEST_CASE(paris_time_in_the_repeated_autumn_hour_is_its_first_occurrence)
{
    // 02:30 happens twice on 25 October 2026: at 00:30 UTC and at 01:30 UTC.
    BOOST_TEST(sql(domain::paris_from_epoch(autumn_2026 - 1800)) == "2026-10-25 02:30:00");
    BOOST_TEST(sql(domain::paris_from_epoch(autumn_2026 + 1800)) == "2026-10-25 02:30:00");
    BOOST_TEST(domain::epoch_from_paris(at(2026, 10, 25, 2, 30)) == autumn_2026 - 1800);
    BOOST_TEST(domain::epoch_from_paris(at(2026, 10, 25, 2, 0)) == autumn_2026 - 3600);
    BOOST_TEST(domain::epoch_from_paris(at(2026, 10, 25, 2, 59, 59)) == autumn_2026 - 1);
}

BOOST_AUTO_TEST_CASE(paris_round_trip_holds_every_quarter_hour_of_2026_but_the_second_autumn_hour)
{
    const std::int64_t start = domain::utc_epoch(at(2026, 1, 1, 0, 0));
    const std::int64_t end = domain::utc_epoch(at(2027, 1, 1, 0, 0));
    for (std::int64_t e = start; e < end; e += 900) {
        const bool repeated = e >= autumn_2026 && e < autumn_2026 + 3600;
        const std::int64_t back = domain::epoch_from_paris(domain::paris_from_epoch(e));
        const std::int64_t expected = repeated ? e - 3600 : e;
        if (back != expected) {
            BOOST_TEST_REQUIRE(back == expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(sql_datetime_parses_mariadb_text)
{
    const auto value = domain::parse_sql_datetime("2026-11-29 18:30:05");
    BOOST_TEST_REQUIRE(value.has_value());
    BOOST_TEST((value->date == Date{2026, 11, 29}));
    BOOST_TEST(value->hour == 18);
    BOOST_TEST(value->minute == 30);
    BOOST_TEST(value->second == 5);
    BOOST_TEST(domain::parse_sql_datetime("2024-02-29 00:00:00").has_value());
    BOOST_TEST(domain::parse_sql_datetime("0001-01-01 00:00:00").has_value());
    BOOST_TEST(domain::parse_sql_datetime("9999-12-31 23:59:59").has_value());
}

BOOST_AUTO_TEST_CASE(sql_date_parses_a_date_column_and_nothing_else)
{
    BOOST_TEST((domain::parse_sql_date("2026-12-03").value_or(Date{}) == Date{2026, 12, 3}));
    BOOST_TEST(domain::parse_sql_date("2024-02-29").has_value());
    BOOST_TEST(domain::parse_sql_date("0001-01-01").has_value());
    BOOST_TEST(!domain::parse_sql_date(""));
    BOOST_TEST(!domain::parse_sql_date("0000-00-00"));
    BOOST_TEST(!domain::parse_sql_date("2026-02-29"));
    BOOST_TEST(!domain::parse_sql_date("2026-13-01"));
    BOOST_TEST(!domain::parse_sql_date("2026-12-3"));
    BOOST_TEST(!domain::parse_sql_date("2026/12/03"));
    BOOST_TEST(!domain::parse_sql_date("2026-12-03 00:00:00"));
    BOOST_TEST(!domain::parse_sql_date("2026-1a-03"));
}

BOOST_AUTO_TEST_CASE(iso_date_pads_every_field_and_reads_back)
{
    BOOST_TEST(domain::iso_date({2026, 3, 4}) == "2026-03-04");
    BOOST_TEST(domain::iso_date({987, 12, 31}) == "0987-12-31");
    const Date day{2028, 2, 29};
    BOOST_TEST((domain::parse_sql_date(domain::iso_date(day)).value_or(Date{}) == day));
}

BOOST_AUTO_TEST_CASE(sql_datetime_drops_a_fraction_of_up_to_six_digits)
{
    BOOST_TEST(sql(domain::parse_sql_datetime("2026-11-29 18:30:05.5").value_or(LocalDateTime{})) ==
               "2026-11-29 18:30:05");
    BOOST_TEST(domain::parse_sql_datetime("2026-11-29 18:30:05.123456").has_value());
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 18:30:05.1234567"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 18:30:05."));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 18:30:05,5"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 18:30:05.-5"));
}

BOOST_AUTO_TEST_CASE(sql_datetime_refuses_other_shapes_and_impossible_values)
{
    BOOST_TEST(!domain::parse_sql_datetime(""));
    BOOST_TEST(!domain::parse_sql_datetime("0000-00-00 00:00:00"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-02-29 00:00:00"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-13-01 00:00:00"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 24:00:00"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 18:60:00"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 18:30:60"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29T18:30:00"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 18:30"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29"));
    BOOST_TEST(!domain::parse_sql_datetime("+026-11-29 18:30:00"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-1-29 18:30:000"));
    BOOST_TEST(!domain::parse_sql_datetime(" 2026-11-29 18:30:00"));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 18:30:00 "));
    BOOST_TEST(!domain::parse_sql_datetime("2026-11-29 -8:30:00"));
}

BOOST_AUTO_TEST_CASE(french_short_formats)
{
    BOOST_TEST(domain::format_date_fr({2026, 11, 29}) == "29/11/2026");
    BOOST_TEST(domain::format_date_fr({2026, 1, 5}) == "05/01/2026");
    BOOST_TEST(domain::format_time_fr(18, 30) == "18h30");
    BOOST_TEST(domain::format_time_fr(9, 5) == "9h05");
    BOOST_TEST(domain::format_time_fr(0, 0) == "0h00");
    BOOST_TEST(domain::format_datetime_fr(at(2026, 11, 29, 18, 30, 59)) == "29/11/2026 à 18h30");
}

BOOST_AUTO_TEST_CASE(french_long_dates_use_lower_case_names_and_1er)
{
    BOOST_TEST(domain::format_long_date_fr({2026, 12, 3}) == "jeudi 3 décembre 2026");
    BOOST_TEST(domain::format_long_date_fr({2026, 12, 1}) == "mardi 1er décembre 2026");
    BOOST_TEST(domain::format_long_date_fr({2026, 8, 15}) == "samedi 15 août 2026");
    BOOST_TEST(domain::format_long_date_fr({2027, 2, 1}) == "lundi 1er février 2027");
    BOOST_TEST(domain::format_long_date_without_year_fr({2026, 12, 3}) == "jeudi 3 décembre");
}

BOOST_AUTO_TEST_CASE(french_month_and_weekday_names)
{
    BOOST_TEST(std::string(domain::month_name_fr(1)) == "janvier");
    BOOST_TEST(std::string(domain::month_name_fr(2)) == "février");
    BOOST_TEST(std::string(domain::month_name_fr(12)) == "décembre");
    BOOST_TEST(std::string(domain::month_name_fr(0)) == "");
    BOOST_TEST(std::string(domain::month_name_fr(13)) == "");
    BOOST_TEST(std::string(domain::weekday_name_fr(1)) == "lundi");
    BOOST_TEST(std::string(domain::weekday_name_fr(7)) == "dimanche");
    BOOST_TEST(std::string(domain::weekday_name_fr(0)) == "");
}

BOOST_AUTO_TEST_CASE(extreme_inputs_give_defined_results)
{
    // Under UBSan these would trap on any signed overflow.
    constexpr auto i64_max = std::numeric_limits<std::int64_t>::max();
    constexpr auto i64_min = std::numeric_limits<std::int64_t>::min();
    BOOST_TEST(domain::is_valid_date(domain::civil_from_days(i64_max)));
    BOOST_TEST(domain::is_valid_date(domain::civil_from_days(i64_min)));
    BOOST_TEST(domain::is_valid_date_time(domain::utc_from_epoch(i64_max)));
    BOOST_TEST(domain::is_valid_date_time(domain::utc_from_epoch(i64_min)));
    BOOST_TEST(domain::is_valid_date_time(domain::paris_from_epoch(i64_max)));
    BOOST_TEST(domain::is_valid_date_time(domain::paris_from_epoch(i64_min)));
    const LocalDateTime huge{{INT_MAX, INT_MAX, INT_MAX}, INT_MAX, INT_MAX, INT_MAX};
    const LocalDateTime tiny{{INT_MIN, INT_MIN, INT_MIN}, INT_MIN, INT_MIN, INT_MIN};
    (void)domain::epoch_from_paris(huge);
    (void)domain::epoch_from_paris(tiny);
    (void)domain::add_days(huge.date, INT_MAX);
    (void)domain::add_days(tiny.date, INT_MIN);
    BOOST_TEST(domain::weekday(huge.date) >= 1);
    BOOST_TEST(domain::weekday(tiny.date) <= 7);
    BOOST_TEST(domain::format_time_fr(INT_MIN, INT_MIN) == "-2147483648h-2147483648");
    BOOST_TEST(!domain::format_long_date_fr(tiny.date).empty());
    BOOST_TEST(!domain::format_datetime_fr(huge).empty());
}

BOOST_AUTO_TEST_SUITE_END()
