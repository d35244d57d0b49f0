#include "domain/calendar.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using domain::Date;
using domain::DateRange;
using domain::HolidayPolicy;
using domain::OpeningRules;

namespace
{

std::string iso(Date d)
{
    return domain::format_sql_datetime({d, 0, 0, 0}).substr(0, 10);
}

std::vector<std::string> isos(const std::vector<Date>& dates)
{
    std::vector<std::string> out;
    for (const Date& d : dates) {
        out.push_back(iso(d));
    }
    return out;
}

// "2026-11-02" for 2 November 2026 and so on, for readable expectations.
std::vector<std::string> days_of(int year, int month, std::initializer_list<int> days)
{
    std::vector<std::string> out;
    for (int day : days) {
        out.push_back(iso(Date{year, month, day}));
    }
    return out;
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

constexpr domain::WeekdayMask monday = 1U << 0;
constexpr domain::WeekdayMask tuesday = 1U << 1;
constexpr domain::WeekdayMask wednesday = 1U << 2;
constexpr domain::WeekdayMask thursday = 1U << 3;
constexpr domain::WeekdayMask friday = 1U << 4;
constexpr domain::WeekdayMask canteen_days = monday | tuesday | thursday | friday;
constexpr domain::WeekdayMask monday_to_friday = canteen_days | wednesday;

// Zone B, 2026-2027 (sample data, as parsed from the open-data file: last day = the day
// before classes resume).
const DateRange toussaint_2026{{2026, 10, 17}, {2026, 11, 1}};
const DateRange noel_2026{{2026, 12, 19}, {2027, 1, 3}};
const std::vector<DateRange> zone_b_holidays{toussaint_2026, noel_2026};

} // namespace

BOOST_AUTO_TEST_SUITE(domain_calendar)

BOOST_AUTO_TEST_CASE(range_contains_both_ends)
{
    const DateRange november{{2026, 11, 1}, {2026, 11, 30}};
    BOOST_TEST(domain::contains(november, {2026, 11, 1}));
    BOOST_TEST(domain::contains(november, {2026, 11, 30}));
    BOOST_TEST(domain::contains(november, {2026, 11, 15}));
    BOOST_TEST(!domain::contains(november, {2026, 10, 31}));
    BOOST_TEST(!domain::contains(november, {2026, 12, 1}));
    BOOST_TEST(!domain::contains(november, {2025, 11, 15}));
}

BOOST_AUTO_TEST_CASE(inverted_range_contains_nothing_and_is_invalid)
{
    const DateRange inverted{{2026, 11, 30}, {2026, 11, 1}};
    BOOST_TEST(!domain::contains(inverted, {2026, 11, 15}));
    BOOST_TEST(!domain::is_valid_range(inverted));
    BOOST_TEST(domain::range_length_days(inverted) == 0);
}

BOOST_AUTO_TEST_CASE(range_validity_and_length)
{
    BOOST_TEST(domain::is_valid_range({{2026, 11, 1}, {2026, 11, 1}}));
    BOOST_TEST(domain::range_length_days({{2026, 11, 1}, {2026, 11, 1}}) == 1);
    BOOST_TEST(domain::range_length_days({{2026, 9, 1}, {2027, 8, 31}}) == 365);
    BOOST_TEST(domain::range_length_days({{2027, 9, 1}, {2028, 8, 31}}) == 366);
    BOOST_TEST(!domain::is_valid_range({{2026, 2, 30}, {2026, 3, 1}}));
    BOOST_TEST(!domain::is_valid_range({{2026, 2, 1}, {2026, 13, 1}}));
}

BOOST_AUTO_TEST_CASE(weekday_mask_text_is_monday_first)
{
    BOOST_TEST(domain::weekday_mask_text(canteen_days) == "1101100");
    BOOST_TEST(domain::weekday_mask_text(monday_to_friday) == "1111100");
    BOOST_TEST(domain::weekday_mask_text(wednesday) == "0010000");
    BOOST_TEST(domain::weekday_mask_text(0) == "0000000");
    BOOST_TEST(domain::weekday_mask_text(domain::all_weekdays) == "1111111");
    BOOST_TEST(domain::weekday_mask_text(1U << 6) == "0000001");
    BOOST_TEST(domain::weekday_mask_text(0xFFFFFF80U | monday) == "1000000");
}

BOOST_AUTO_TEST_CASE(weekday_mask_text_round_trips_for_every_mask)
{
    for (domain::WeekdayMask m = 0; m <= domain::all_weekdays; ++m) {
        const auto parsed = domain::parse_weekday_mask(domain::weekday_mask_text(m));
        BOOST_TEST_REQUIRE(parsed.has_value());
        BOOST_TEST(*parsed == m);
    }
}

BOOST_AUTO_TEST_CASE(malformed_weekday_masks_are_refused)
{
    for (const char* text : {"", "110110", "11011000", "1101102", " 101100", "1101100 ", "110 100",
                             "abcdefg", "+101100", "1101100\n"}) {
        BOOST_TEST_INFO("mask " << text);
        BOOST_TEST(!domain::parse_weekday_mask(text).has_value());
    }
}

BOOST_AUTO_TEST_CASE(weekday_bit_of_iso_weekdays)
{
    BOOST_TEST(domain::weekday_bit(1) == monday);
    BOOST_TEST(domain::weekday_bit(7) == 1U << 6);
    BOOST_TEST(domain::weekday_bit(0) == 0U);
    BOOST_TEST(domain::weekday_bit(8) == 0U);
    BOOST_TEST(domain::weekday_bit(-1) == 0U);
}

BOOST_AUTO_TEST_CASE(opens_on_follows_the_mask)
{
    // Week of Monday 2 November 2026.
    const std::vector<bool> expected{true, true, false, true, true, false, false};
    for (int i = 0; i < 7; ++i) {
        const Date d = domain::add_days({2026, 11, 2}, i);
        BOOST_TEST_INFO(iso(d));
        BOOST_TEST(domain::opens_on(canteen_days, d) == expected[static_cast<std::size_t>(i)]);
        BOOST_TEST(!domain::opens_on(0, d));
        BOOST_TEST(domain::opens_on(domain::all_weekdays, d));
    }
}

BOOST_AUTO_TEST_CASE(easter_sunday_of_known_years)
{
    BOOST_TEST(iso(domain::easter_sunday(2026)) == "2026-04-05");
    BOOST_TEST(iso(domain::easter_sunday(2027)) == "2027-03-28");
    BOOST_TEST(iso(domain::easter_sunday(2028)) == "2028-04-16");
    BOOST_TEST(iso(domain::easter_sunday(2025)) == "2025-04-20");
    BOOST_TEST(iso(domain::easter_sunday(2024)) == "2024-03-31");
    BOOST_TEST(iso(domain::easter_sunday(2019)) == "2019-04-21");
    BOOST_TEST(iso(domain::easter_sunday(2008)) == "2008-03-23");
    BOOST_TEST(iso(domain::easter_sunday(2000)) == "2000-04-23");
    BOOST_TEST(iso(domain::easter_sunday(1961)) == "1961-04-02");
    // The extremes of the Gregorian computus.
    BOOST_TEST(iso(domain::easter_sunday(1818)) == "1818-03-22");
    BOOST_TEST(iso(domain::easter_sunday(2285)) == "2285-03-22");
    BOOST_TEST(iso(domain::easter_sunday(2038)) == "2038-04-25");
}

BOOST_AUTO_TEST_CASE(easter_is_a_sunday_between_22_march_and_25_april)
{
    for (int year = 1583; year <= 4099; ++year) {
        const Date easter = domain::easter_sunday(year);
        if (domain::weekday(easter) != 7 || easter < Date{year, 3, 22} ||
            easter > Date{year, 4, 25}) {
            BOOST_TEST_REQUIRE(iso(easter) == "a Sunday from 22 March to 25 April");
        }
    }
}

BOOST_AUTO_TEST_CASE(public_holidays_of_2026_and_2027)
{
    BOOST_TEST(isos(domain::public_holidays(2026)) ==
                   (std::vector<std::string>{"2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08",
                                             "2026-05-14", "2026-05-25", "2026-07-14", "2026-08-15",
                                             "2026-11-01", "2026-11-11", "2026-12-25"}),
               boost::test_tools::per_element());
    BOOST_TEST(isos(domain::public_holidays(2027)) ==
                   (std::vector<std::string>{"2027-01-01", "2027-03-29", "2027-05-01", "2027-05-06",
                                             "2027-05-08", "2027-05-17", "2027-07-14", "2027-08-15",
                                             "2027-11-01", "2027-11-11", "2027-12-25"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ascension_on_may_day_is_listed_once)
{
    // 2008: Easter 23 March, Ascension 1 May.
    const auto dates = domain::public_holidays(2008);
    BOOST_TEST(dates.size() == 10U);
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2008, 5, 1})) == "Fête du Travail");
}

BOOST_AUTO_TEST_CASE(public_holidays_are_the_same_whatever_the_order_of_the_years_asked)
{
    // public_holiday_name_fr keeps the holidays of the two years last asked about: asking
    // about years in any order, two or three in turn, never mixes them up. Each year's
    // Ascension is on a Thursday of its own (2008: 1 May; 2026: 14 May; 2027: 6 May;
    // 2031: 22 May).
    const std::pair<domain::Date, const char*> asked[] = {
        {{2026, 5, 14}, "Ascension"},
        {{2027, 5, 6}, "Ascension"},
        {{2026, 5, 6}, ""},
        {{2027, 5, 14}, ""},
        {{2031, 5, 22}, "Ascension"},
        {{2026, 5, 14}, "Ascension"},
        {{2008, 5, 1}, "Fête du Travail"},
        {{2027, 5, 6}, "Ascension"},
        {{2031, 5, 6}, ""},
        {{2008, 5, 22}, ""},
        {{2026, 12, 25}, "Noël"},
        {{2027, 3, 29}, "Lundi de Pâques"},
    };
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& [day, name] : asked)
            BOOST_TEST(std::string(domain::public_holiday_name_fr(day)) == name,
                       day.year << '-' << day.month << '-' << day.day);
    // Every holiday of those years, year after year and back.
    for (const int year : {2026, 2027, 2008, 2031, 2027, 2026})
        for (const auto& d : domain::public_holidays(year))
            BOOST_TEST(domain::is_public_holiday(d), year);
}

BOOST_AUTO_TEST_CASE(public_holiday_names)
{
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2027, 1, 1})) == "Jour de l'an");
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2027, 3, 29})) == "Lundi de Pâques");
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2027, 5, 6})) == "Ascension");
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2027, 5, 17})) == "Lundi de Pentecôte");
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2026, 11, 11})) == "Armistice 1918");
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2026, 11, 1})) == "Toussaint");
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2026, 12, 25})) == "Noël");
    BOOST_TEST(std::string(domain::public_holiday_name_fr({2026, 12, 24})) == "");
}

BOOST_AUTO_TEST_CASE(easter_sunday_and_good_friday_are_not_public_holidays)
{
    BOOST_TEST(!domain::is_public_holiday({2027, 3, 28}));
    BOOST_TEST(!domain::is_public_holiday({2027, 3, 26}));
    BOOST_TEST(!domain::is_public_holiday({2026, 12, 26}));
    BOOST_TEST(domain::is_public_holiday({2027, 3, 29}));
}

BOOST_AUTO_TEST_CASE(working_days_exclude_weekends_and_public_holidays)
{
    BOOST_TEST(domain::is_working_day({2026, 11, 2}));   // Monday
    BOOST_TEST(!domain::is_working_day({2026, 11, 1}));  // Sunday and Toussaint
    BOOST_TEST(!domain::is_working_day({2026, 10, 31})); // Saturday
    BOOST_TEST(!domain::is_working_day({2026, 11, 11})); // Wednesday, Armistice
    BOOST_TEST(domain::is_working_day({2026, 11, 12}));
    BOOST_TEST(!domain::is_working_day({2027, 3, 29})); // Easter Monday
    BOOST_TEST(!domain::is_working_day({2027, 5, 6}));  // Ascension
    BOOST_TEST(domain::is_working_day({2027, 5, 7}));   // the bridge day is still worked
    BOOST_TEST(!domain::is_working_day({2027, 5, 8}));  // Saturday and Victoire 1945
    BOOST_TEST(!domain::is_working_day({2027, 1, 1}));  // Friday, Jour de l'an
    BOOST_TEST(domain::is_working_day({2026, 12, 24}));
}

BOOST_AUTO_TEST_CASE(canteen_over_toussaint_and_november_2026)
{
    OpeningRules canteen;
    canteen.period = {{2026, 10, 12}, {2026, 11, 30}};
    canteen.weekdays = canteen_days;
    canteen.holidays = HolidayPolicy::Closed;
    const auto expected =
        concat(days_of(2026, 10, {12, 13, 15, 16}),
               days_of(2026, 11, {2, 3, 5, 6, 9, 10, 12, 13, 16, 17, 19, 20, 23, 24, 26, 27, 30}));
    BOOST_TEST(isos(domain::opening_dates(canteen, zone_b_holidays)) == expected,
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(closures_remove_days_whatever_the_rest)
{
    OpeningRules canteen;
    canteen.period = {{2026, 11, 1}, {2026, 11, 30}};
    canteen.weekdays = canteen_days;
    canteen.closures = {{{2026, 11, 20}, {2026, 11, 20}}, {{2026, 11, 26}, {2026, 11, 30}}};
    BOOST_TEST(isos(domain::opening_dates(canteen, zone_b_holidays)) ==
                   days_of(2026, 11, {2, 3, 5, 6, 9, 10, 12, 13, 16, 17, 19, 23, 24}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(wednesdays_skip_armistice_day)
{
    OpeningRules wednesdays;
    wednesdays.period = {{2026, 11, 1}, {2026, 11, 30}};
    wednesdays.weekdays = wednesday;
    BOOST_TEST(isos(domain::opening_dates(wednesdays, zone_b_holidays)) ==
                   days_of(2026, 11, {4, 18, 25}),
               boost::test_tools::per_element());
    wednesdays.closed_on_public_holidays = false;
    BOOST_TEST(isos(domain::opening_dates(wednesdays, zone_b_holidays)) ==
                   days_of(2026, 11, {4, 11, 18, 25}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(vacances_open_only_during_toussaint)
{
    OpeningRules vacances;
    vacances.period = {{2026, 10, 1}, {2026, 11, 30}};
    vacances.weekdays = monday_to_friday;
    vacances.holidays = HolidayPolicy::Only;
    BOOST_TEST(isos(domain::opening_dates(vacances, zone_b_holidays)) ==
                   days_of(2026, 10, {19, 20, 21, 22, 23, 26, 27, 28, 29, 30}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(vacances_over_christmas_close_on_25_december_and_1_january)
{
    OpeningRules vacances;
    vacances.period = {{2026, 12, 1}, {2027, 1, 31}};
    vacances.weekdays = monday_to_friday;
    vacances.holidays = HolidayPolicy::Only;
    BOOST_TEST(isos(domain::opening_dates(vacances, zone_b_holidays)) ==
                   days_of(2026, 12, {21, 22, 23, 24, 28, 29, 30, 31}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ignore_policy_opens_in_and_out_of_school_holidays)
{
    OpeningRules every_day;
    every_day.period = {{2026, 10, 30}, {2026, 11, 3}};
    every_day.weekdays = domain::all_weekdays;
    every_day.holidays = HolidayPolicy::Ignore;
    BOOST_TEST(isos(domain::opening_dates(every_day, zone_b_holidays)) ==
                   concat(days_of(2026, 10, {30, 31}), days_of(2026, 11, {2, 3})),
               boost::test_tools::per_element());
    every_day.closed_on_public_holidays = false;
    BOOST_TEST(isos(domain::opening_dates(every_day, zone_b_holidays)) ==
                   concat(days_of(2026, 10, {30, 31}), days_of(2026, 11, {1, 2, 3})),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_weekday_opens_no_day)
{
    OpeningRules closed;
    closed.period = {{2026, 9, 1}, {2027, 7, 3}};
    closed.weekdays = 0;
    BOOST_TEST(domain::opening_dates(closed, zone_b_holidays).empty());
}

BOOST_AUTO_TEST_CASE(opens_agrees_with_opening_dates_day_by_day)
{
    OpeningRules canteen;
    canteen.period = {{2026, 9, 1}, {2027, 7, 2}};
    canteen.weekdays = canteen_days;
    canteen.closures = {{{2027, 2, 1}, {2027, 2, 3}}};
    const auto dates = domain::opening_dates(canteen, zone_b_holidays);
    std::size_t next = 0;
    for (Date d{2026, 8, 25}; d <= Date{2027, 7, 10}; d = domain::add_days(d, 1)) {
        const bool listed = next < dates.size() && dates[next] == d;
        if (listed) {
            ++next;
        }
        if (domain::opens(canteen, zone_b_holidays, d) != listed) {
            BOOST_TEST_REQUIRE(iso(d) == (listed ? "opens" : "closed"));
        }
    }
    BOOST_TEST(next == dates.size());
}

BOOST_AUTO_TEST_CASE(invalid_or_huge_periods_open_on_no_date)
{
    OpeningRules rules;
    rules.weekdays = domain::all_weekdays;
    rules.holidays = HolidayPolicy::Ignore;
    rules.period = {{2026, 11, 30}, {2026, 11, 1}};
    BOOST_TEST(domain::opening_dates(rules, {}).empty());
    BOOST_TEST(!domain::opens(rules, {}, {2026, 11, 15}));
    rules.period = {{2026, 2, 30}, {2026, 3, 31}};
    BOOST_TEST(domain::opening_dates(rules, {}).empty());
    rules.period = {{2026, 1, 1}, {2036, 12, 31}};
    BOOST_TEST(domain::opening_dates(rules, {}).empty());
    BOOST_TEST(!domain::opens(rules, {}, {2026, 11, 16}));
    rules.period = {{2026, 9, 1}, {2036, 8, 31}};
    // 3,653 days, less the 110 public holidays of ten years.
    BOOST_TEST(domain::opening_dates(rules, {}).size() == 3543U);
}

BOOST_AUTO_TEST_SUITE_END()
