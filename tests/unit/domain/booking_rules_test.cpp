#include "domain/booking_rules.h"

#include "domain/calendar.h"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

using domain::Date;
using domain::DeadlineKind;
using domain::DeadlineRule;
using domain::LocalDateTime;

namespace
{

constexpr std::int64_t minute = 60;

DeadlineRule rule(const char* text)
{
    const auto parsed = domain::parse_deadline_rule(text);
    BOOST_TEST_REQUIRE(parsed.has_value(), "rule " << text << " does not parse");
    return *parsed;
}

std::int64_t utc(int year, int month, int day, int hour, int min)
{
    return domain::utc_epoch({{year, month, day}, hour, min, 0});
}

std::int64_t deadline(const char* text, Date occurrence)
{
    return domain::deadline_instant(rule(text), occurrence).value_or(-1);
}

std::string paris(std::int64_t instant)
{
    return domain::format_sql_datetime(domain::paris_from_epoch(instant));
}

bool allowed(const char* text, Date occurrence, std::int64_t now)
{
    return domain::check_deadline(rule(text), occurrence, now, false).allowed;
}

// The action is allowed up to one second before `instant` and refused from it on.
void check_boundary(const char* text, Date occurrence, std::int64_t instant)
{
    BOOST_TEST_INFO(text << " for " << domain::format_long_date_fr(occurrence));
    BOOST_TEST(deadline(text, occurrence) == instant);
    BOOST_TEST(allowed(text, occurrence, instant - minute));
    BOOST_TEST(allowed(text, occurrence, instant - 1));
    BOOST_TEST(!allowed(text, occurrence, instant));
    BOOST_TEST(!allowed(text, occurrence, instant + minute));
}

} // namespace

BOOST_AUTO_TEST_SUITE(domain_deadline_rules)

// ---- parsing and formatting ----

BOOST_AUTO_TEST_CASE(every_kind_parses_into_its_fields)
{
    const DeadlineRule working = rule("jours-ouvres:2@12:00");
    BOOST_TEST((working.kind == DeadlineKind::WorkingDaysBefore));
    BOOST_TEST(working.days == 2);
    BOOST_TEST(working.hour == 12);
    BOOST_TEST(working.minute == 0);

    const DeadlineRule weekday = rule("veille-semaine:4@09:05");
    BOOST_TEST((weekday.kind == DeadlineKind::WeekdayBefore));
    BOOST_TEST(weekday.iso_weekday == 4);
    BOOST_TEST(weekday.hour == 9);
    BOOST_TEST(weekday.minute == 5);

    const DeadlineRule days = rule("jours:0@23:59");
    BOOST_TEST((days.kind == DeadlineKind::CalendarDaysBefore));
    BOOST_TEST(days.days == 0);
    BOOST_TEST(days.hour == 23);
    BOOST_TEST(days.minute == 59);

    const DeadlineRule window = rule("fenetre:2026-06-01T08:30/2026-06-20T23:59");
    BOOST_TEST((window.kind == DeadlineKind::Window));
    BOOST_TEST((window.window_opens == LocalDateTime{{2026, 6, 1}, 8, 30, 0}));
    BOOST_TEST((window.window_closes == LocalDateTime{{2026, 6, 20}, 23, 59, 0}));

    BOOST_TEST((rule("aucun") == DeadlineRule{}));
}

BOOST_AUTO_TEST_CASE(canonical_texts_round_trip)
{
    for (const char* text :
         {"aucun", "jours-ouvres:1@00:00", "jours-ouvres:2@12:00", "jours-ouvres:60@23:59",
          "veille-semaine:1@08:00", "veille-semaine:4@12:00", "veille-semaine:7@02:30",
          "jours:0@08:00", "jours:1@18:00", "jours:60@12:00",
          "fenetre:2026-06-01T08:30/2026-06-20T23:59",
          "fenetre:2026-12-31T23:59/2027-01-01T00:00"}) {
        BOOST_TEST(domain::format_deadline_rule(rule(text)) == text);
    }
}

BOOST_AUTO_TEST_CASE(malformed_rules_are_refused)
{
    for (const char* text : {"",
                             "aucun ",
                             " aucun",
                             "Aucun",
                             "jours-ouvres:2@24:00",
                             "jours-ouvres:2@12:60",
                             "jours-ouvres:61@12:00",
                             "jours-ouvres:100@12:00",
                             "jours-ouvres:0@12:00",
                             "jours-ouvres:02@12:00",
                             "jours-ouvres:-1@12:00",
                             "jours-ouvres:+2@12:00",
                             "jours-ouvres:2@12:0",
                             "jours-ouvres:2@1200",
                             "jours-ouvres:2@12:00:00",
                             "jours-ouvres:2@ 12:00",
                             "jours-ouvres:2",
                             "jours-ouvres:@12:00",
                             "jours-ouvres:2@",
                             "Jours-ouvres:2@12:00",
                             "jours-ouvrés:2@12:00",
                             "jours:61@12:00",
                             "jours:-1@12:00",
                             "jours:1@-1:00",
                             "veille-semaine:0@12:00",
                             "veille-semaine:8@12:00",
                             "veille-semaine:jeudi@12:00",
                             "fenetre:2026-06-01T08:30",
                             "fenetre:2026-06-01T08:30/",
                             "fenetre:2026-06-01 08:30/2026-06-20T23:59",
                             "fenetre:2026-06-01T08:30/2026-06-20T24:00",
                             "fenetre:2026-02-30T08:30/2026-03-20T23:59",
                             "fenetre:2026-06-20T23:59/2026-06-01T08:30",
                             "fenetre:2026-06-01T08:30/2026-06-01T08:30",
                             "fenetre:2026-06-01T08:30:00/2026-06-20T23:59:00",
                             "fenetre:0000-06-01T08:30/2026-06-20T23:59",
                             "delai:2@12:00"}) {
        BOOST_TEST_INFO("rule \"" << text << "\"");
        BOOST_TEST(!domain::parse_deadline_rule(text).has_value());
    }
}

BOOST_AUTO_TEST_CASE(out_of_range_fields_make_an_invalid_rule)
{
    DeadlineRule r;
    r.kind = DeadlineKind::CalendarDaysBefore;
    r.days = 2;
    r.hour = 12;
    BOOST_TEST(domain::is_valid_deadline_rule(r));
    r.hour = 24;
    BOOST_TEST(!domain::is_valid_deadline_rule(r));
    r.hour = 12;
    r.days = 61;
    BOOST_TEST(!domain::is_valid_deadline_rule(r));
    r.kind = DeadlineKind::WeekdayBefore;
    r.iso_weekday = 0;
    BOOST_TEST(!domain::is_valid_deadline_rule(r));
    r.kind = DeadlineKind::Window;
    r.window_opens = {{2026, 6, 1}, 8, 30, 0};
    r.window_closes = {{2026, 6, 1}, 8, 30, 30};
    BOOST_TEST(!domain::is_valid_deadline_rule(r));
}

BOOST_AUTO_TEST_CASE(french_descriptions)
{
    BOOST_TEST(domain::describe_deadline_rule_fr(rule("jours-ouvres:2@12:00")) ==
               "2 jours ouvrés avant, à 12h00");
    BOOST_TEST(domain::describe_deadline_rule_fr(rule("jours-ouvres:1@09:05")) ==
               "1 jour ouvré avant, à 9h05");
    BOOST_TEST(domain::describe_deadline_rule_fr(rule("veille-semaine:4@12:00")) ==
               "le jeudi précédent à 12h00");
    BOOST_TEST(domain::describe_deadline_rule_fr(rule("veille-semaine:7@18:30")) ==
               "le dimanche précédent à 18h30");
    BOOST_TEST(domain::describe_deadline_rule_fr(rule("jours:0@08:00")) == "le jour même à 8h00");
    BOOST_TEST(domain::describe_deadline_rule_fr(rule("jours:1@18:00")) == "la veille à 18h00");
    BOOST_TEST(domain::describe_deadline_rule_fr(rule("jours:7@12:00")) ==
               "7 jours avant, à 12h00");
    BOOST_TEST(
        domain::describe_deadline_rule_fr(rule("fenetre:2026-06-01T08:30/2026-06-20T23:59")) ==
        "inscriptions du 01/06/2026 à 8h30 au 20/06/2026 à 23h59");
    BOOST_TEST(domain::describe_deadline_rule_fr(rule("aucun")) == "aucun délai");
}

// ---- working days ----

BOOST_AUTO_TEST_CASE(two_working_days_before_a_monday_is_the_thursday)
{
    // Monday 7 December 2026 → Thursday 3 December 12:00 (winter time, UTC+1).
    check_boundary("jours-ouvres:2@12:00", {2026, 12, 7}, utc(2026, 12, 3, 11, 0));
}

BOOST_AUTO_TEST_CASE(working_days_skip_the_weekend)
{
    // Tuesday 8 December 2026: Monday 7 (1), Friday 4 (2).
    check_boundary("jours-ouvres:2@12:00", {2026, 12, 8}, utc(2026, 12, 4, 11, 0));
    // Wednesday 9 December: Tuesday 8 (1), Monday 7 (2).
    check_boundary("jours-ouvres:2@12:00", {2026, 12, 9}, utc(2026, 12, 7, 11, 0));
    // One working day before a Monday is the Friday, before a Sunday too.
    check_boundary("jours-ouvres:1@12:00", {2026, 12, 7}, utc(2026, 12, 4, 11, 0));
    check_boundary("jours-ouvres:1@12:00", {2026, 12, 6}, utc(2026, 12, 4, 11, 0));
    check_boundary("jours-ouvres:1@12:00", {2026, 12, 5}, utc(2026, 12, 4, 11, 0));
}

BOOST_AUTO_TEST_CASE(working_days_skip_toussaint_on_a_sunday)
{
    // Tuesday 3 November 2026: Monday 2 (1), [Sunday 1 Toussaint, Saturday 31], Friday 30
    // October (2), already in winter time.
    check_boundary("jours-ouvres:2@12:00", {2026, 11, 3}, utc(2026, 10, 30, 11, 0));
    // Monday 2 November: Friday 30 (1), Thursday 29 October (2).
    check_boundary("jours-ouvres:2@12:00", {2026, 11, 2}, utc(2026, 10, 29, 11, 0));
}

BOOST_AUTO_TEST_CASE(working_days_skip_armistice_on_a_wednesday)
{
    // Thursday 12 November 2026: [Wednesday 11 Armistice], Tuesday 10 (1), Monday 9 (2).
    check_boundary("jours-ouvres:2@12:00", {2026, 11, 12}, utc(2026, 11, 9, 11, 0));
    // Friday 13: Thursday 12 (1), [Wednesday 11], Tuesday 10 (2).
    check_boundary("jours-ouvres:2@12:00", {2026, 11, 13}, utc(2026, 11, 10, 11, 0));
    // The day after: one working day before Thursday 12 is Tuesday 10.
    check_boundary("jours-ouvres:1@12:00", {2026, 11, 12}, utc(2026, 11, 10, 11, 0));
}

BOOST_AUTO_TEST_CASE(working_days_skip_easter_monday)
{
    // Tuesday 30 March 2027: [Monday 29 Easter Monday, weekend], Friday 26 (1), Thursday 25
    // (2), still winter time although the occurrence is in summer time.
    check_boundary("jours-ouvres:2@12:00", {2027, 3, 30}, utc(2027, 3, 25, 11, 0));
}

BOOST_AUTO_TEST_CASE(working_days_skip_ascension_but_not_the_bridge_friday)
{
    // Monday 10 May 2027: Friday 7 (1), [Thursday 6 Ascension], Wednesday 5 (2), summer time.
    check_boundary("jours-ouvres:2@12:00", {2027, 5, 10}, utc(2027, 5, 5, 10, 0));
    check_boundary("jours-ouvres:1@12:00", {2027, 5, 10}, utc(2027, 5, 7, 10, 0));
    // Friday 7 May: [Thursday 6], Wednesday 5 (1), Tuesday 4 (2).
    check_boundary("jours-ouvres:2@12:00", {2027, 5, 7}, utc(2027, 5, 4, 10, 0));
}

BOOST_AUTO_TEST_CASE(working_days_skip_whit_monday_and_new_year)
{
    // Tuesday 18 May 2027: [Monday 17 Whit Monday, weekend], Friday 14 (1), Thursday 13 (2).
    check_boundary("jours-ouvres:2@12:00", {2027, 5, 18}, utc(2027, 5, 13, 10, 0));
    // Monday 4 January 2027: [weekend, Friday 1 January], Thursday 31 (1), Wednesday 30 (2).
    check_boundary("jours-ouvres:2@12:00", {2027, 1, 4}, utc(2026, 12, 30, 11, 0));
}

BOOST_AUTO_TEST_CASE(working_days_deadline_is_n_working_days_back_for_every_day_of_a_year)
{
    for (int n : {1, 2, 3, 5, 10}) {
        const DeadlineRule r{DeadlineKind::WorkingDaysBefore, n, 0, 12, 0, {}, {}};
        for (Date occ{2026, 9, 1}; occ <= Date{2027, 8, 31}; occ = domain::add_days(occ, 1)) {
            const LocalDateTime at = domain::paris_from_epoch(*domain::deadline_instant(r, occ));
            int working = 0;
            for (Date d = at.date; d < occ; d = domain::add_days(d, 1)) {
                working += domain::is_working_day(d) ? 1 : 0;
            }
            if (!domain::is_working_day(at.date) || working != n || at.hour != 12 ||
                at.minute != 0) {
                BOOST_TEST_REQUIRE(domain::format_sql_datetime(at) ==
                                   "a working day, " + std::to_string(n) + " back, at 12:00");
            }
        }
    }
}

// ---- the weekday before ----

BOOST_AUTO_TEST_CASE(thursday_before_for_each_weekday_of_the_occurrence)
{
    // Occurrences Monday 7 … Sunday 13 December 2026.
    const std::vector<int> expected_day{3, 3, 3, 3, 10, 10, 10};
    for (int i = 0; i < 7; ++i) {
        const Date occ = domain::add_days({2026, 12, 7}, i);
        check_boundary("veille-semaine:4@12:00", occ,
                       utc(2026, 12, expected_day[static_cast<std::size_t>(i)], 11, 0));
    }
}

BOOST_AUTO_TEST_CASE(every_weekday_rule_for_a_monday_and_a_thursday)
{
    // Monday 7 December 2026: Monday 30 Nov, Tuesday 1, …, Sunday 6 December.
    const std::vector<std::string> for_monday{
        "2026-11-30 12:00:00", "2026-12-01 12:00:00", "2026-12-02 12:00:00", "2026-12-03 12:00:00",
        "2026-12-04 12:00:00", "2026-12-05 12:00:00", "2026-12-06 12:00:00"};
    // Thursday 10 December 2026: Monday 7, Tuesday 8, Wednesday 9, Thursday 3, Friday 4, …
    const std::vector<std::string> for_thursday{
        "2026-12-07 12:00:00", "2026-12-08 12:00:00", "2026-12-09 12:00:00", "2026-12-03 12:00:00",
        "2026-12-04 12:00:00", "2026-12-05 12:00:00", "2026-12-06 12:00:00"};
    for (int day = 1; day <= 7; ++day) {
        const std::string text = "veille-semaine:" + std::to_string(day) + "@12:00";
        const auto i = static_cast<std::size_t>(day - 1);
        BOOST_TEST(paris(deadline(text.c_str(), {2026, 12, 7})) == for_monday[i]);
        BOOST_TEST(paris(deadline(text.c_str(), {2026, 12, 10})) == for_thursday[i]);
    }
}

BOOST_AUTO_TEST_CASE(weekday_before_is_always_one_to_seven_days_back)
{
    for (int day = 1; day <= 7; ++day) {
        const DeadlineRule r{DeadlineKind::WeekdayBefore, 0, day, 8, 15, {}, {}};
        for (Date occ{2026, 9, 1}; occ <= Date{2027, 8, 31}; occ = domain::add_days(occ, 1)) {
            const LocalDateTime at = domain::paris_from_epoch(*domain::deadline_instant(r, occ));
            const auto back = domain::days_from_civil(occ) - domain::days_from_civil(at.date);
            if (domain::weekday(at.date) != day || back < 1 || back > 7 || at.hour != 8 ||
                at.minute != 15) {
                BOOST_TEST_REQUIRE(domain::format_sql_datetime(at) == "the weekday before");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(weekday_before_does_not_move_off_a_public_holiday)
{
    // Monday 10 May 2027: the Thursday before is Ascension; the rule names that day.
    check_boundary("veille-semaine:4@12:00", {2027, 5, 10}, utc(2027, 5, 6, 10, 0));
}

// ---- calendar days ----

BOOST_AUTO_TEST_CASE(calendar_days_before)
{
    check_boundary("jours:1@18:00", {2026, 12, 3}, utc(2026, 12, 2, 17, 0));
    check_boundary("jours:0@08:00", {2026, 12, 3}, utc(2026, 12, 3, 7, 0));
    check_boundary("jours:7@12:00", {2026, 12, 3}, utc(2026, 11, 26, 11, 0));
    // Across the end of February of a non-leap and a leap year.
    check_boundary("jours:2@12:00", {2027, 3, 1}, utc(2027, 2, 27, 11, 0));
    check_boundary("jours:2@12:00", {2028, 3, 1}, utc(2028, 2, 28, 11, 0));
    check_boundary("jours:60@00:00", {2027, 1, 1}, utc(2026, 11, 1, 23, 0));
}

// ---- summer time ----

BOOST_AUTO_TEST_CASE(noon_on_the_clock_change_days)
{
    // Noon is 11:00 UTC in winter, 10:00 UTC in summer, on the change days themselves.
    check_boundary("jours:0@12:00", {2026, 3, 29}, utc(2026, 3, 29, 10, 0));
    check_boundary("jours:0@12:00", {2026, 10, 25}, utc(2026, 10, 25, 11, 0));
    check_boundary("jours:0@12:00", {2027, 3, 28}, utc(2027, 3, 28, 10, 0));
    check_boundary("jours:0@12:00", {2027, 10, 31}, utc(2027, 10, 31, 11, 0));
    // The day before each change, the other offset.
    check_boundary("jours:1@12:00", {2026, 3, 29}, utc(2026, 3, 28, 11, 0));
    check_boundary("jours:1@12:00", {2026, 10, 25}, utc(2026, 10, 24, 10, 0));
}

BOOST_AUTO_TEST_CASE(half_past_two_in_the_spring_gap_is_half_past_three_summer_time)
{
    // 02:30 does not exist on the last Sunday of March: read with the winter offset, it is
    // 01:30 UTC, shown as 3h30.
    check_boundary("jours:0@02:30", {2026, 3, 29}, utc(2026, 3, 29, 1, 30));
    check_boundary("jours:0@02:30", {2027, 3, 28}, utc(2027, 3, 28, 1, 30));
    check_boundary("veille-semaine:7@02:30", {2027, 3, 29}, utc(2027, 3, 28, 1, 30));
    BOOST_TEST(paris(deadline("jours:0@02:30", {2027, 3, 28})) == "2027-03-28 03:30:00");
    // 01:59 and 03:00 exist and bracket the gap.
    check_boundary("jours:0@01:59", {2027, 3, 28}, utc(2027, 3, 28, 0, 59));
    check_boundary("jours:0@03:00", {2027, 3, 28}, utc(2027, 3, 28, 1, 0));
}

BOOST_AUTO_TEST_CASE(half_past_two_in_the_repeated_autumn_hour_is_the_first_one)
{
    // 02:30 happens twice on the last Sunday of October; the deadline is the earlier,
    // still summer time: 00:30 UTC, not 01:30 UTC.
    check_boundary("jours:0@02:30", {2026, 10, 25}, utc(2026, 10, 25, 0, 30));
    check_boundary("jours:0@02:30", {2027, 10, 31}, utc(2027, 10, 31, 0, 30));
    check_boundary("veille-semaine:7@02:30", {2027, 11, 1}, utc(2027, 10, 31, 0, 30));
    BOOST_TEST(paris(deadline("jours:0@02:30", {2027, 10, 31})) == "2027-10-31 02:30:00");
}

BOOST_AUTO_TEST_CASE(working_days_across_the_clock_changes)
{
    // Tuesday 31 March 2026 (summer time): Monday 30 (1), Friday 27 (2) at noon winter time.
    check_boundary("jours-ouvres:2@12:00", {2026, 3, 31}, utc(2026, 3, 27, 11, 0));
    // Monday 26 October 2026 (winter time): Friday 23 (1) at noon summer time.
    check_boundary("jours-ouvres:1@12:00", {2026, 10, 26}, utc(2026, 10, 23, 10, 0));
}

BOOST_AUTO_TEST_CASE(every_deadline_of_two_years_reads_back_at_its_wall_clock_time)
{
    // Away from the changing hour, the deadline is exactly HH:MM in Paris, every day.
    for (const char* text : {"jours:0@12:00", "jours:1@00:00", "jours:0@23:59",
                             "jours-ouvres:2@12:00", "veille-semaine:4@08:30"}) {
        const DeadlineRule r = rule(text);
        for (Date occ{2026, 1, 1}; occ <= Date{2027, 12, 31}; occ = domain::add_days(occ, 1)) {
            const LocalDateTime at = domain::paris_from_epoch(*domain::deadline_instant(r, occ));
            if (at.hour != r.hour || at.minute != r.minute || at.second != 0) {
                BOOST_TEST_REQUIRE(domain::format_sql_datetime(at) == text);
            }
        }
    }
}

// ---- windows ----

BOOST_AUTO_TEST_CASE(window_before_opening_says_when_it_opens)
{
    const DeadlineRule w = rule("fenetre:2026-06-01T08:30/2026-06-20T23:59");
    const std::int64_t opens = utc(2026, 6, 1, 6, 30);
    const std::int64_t closes = utc(2026, 6, 20, 21, 59);
    for (std::int64_t now : {opens - 30 * 24 * 3600, opens - minute, opens - 1}) {
        const auto check = domain::check_deadline(w, {2026, 7, 6}, now, false);
        BOOST_TEST(!check.allowed);
        BOOST_TEST(check.opens_at.value_or(-1) == opens);
        BOOST_TEST(check.deadline.value_or(-1) == closes);
        BOOST_TEST(check.reason_fr == "Les inscriptions ouvrent le lundi 1er juin 2026 à 8h30.");
    }
}

BOOST_AUTO_TEST_CASE(window_is_open_from_its_first_minute_to_its_last)
{
    const DeadlineRule w = rule("fenetre:2026-06-01T08:30/2026-06-20T23:59");
    const std::int64_t opens = utc(2026, 6, 1, 6, 30);
    const std::int64_t closes = utc(2026, 6, 20, 21, 59);
    for (std::int64_t now :
         {opens, opens + minute, utc(2026, 6, 10, 12, 0), closes - minute, closes - 1}) {
        const auto check = domain::check_deadline(w, {2026, 7, 6}, now, false);
        BOOST_TEST(check.allowed);
        BOOST_TEST(!check.opens_at.has_value());
        BOOST_TEST(check.deadline.value_or(-1) == closes);
        BOOST_TEST(check.reason_fr == "");
    }
}

BOOST_AUTO_TEST_CASE(window_after_closing_is_closed)
{
    const DeadlineRule w = rule("fenetre:2026-06-01T08:30/2026-06-20T23:59");
    const std::int64_t closes = utc(2026, 6, 20, 21, 59);
    for (std::int64_t now : {closes, closes + minute, utc(2026, 7, 6, 8, 0)}) {
        const auto check = domain::check_deadline(w, {2026, 7, 6}, now, false);
        BOOST_TEST(!check.allowed);
        BOOST_TEST(!check.opens_at.has_value());
        BOOST_TEST(check.reason_fr ==
                   "Les inscriptions sont closes depuis le samedi 20 juin 2026 à 23h59.");
    }
}

BOOST_AUTO_TEST_CASE(window_ignores_the_occurrence_date)
{
    const DeadlineRule w = rule("fenetre:2026-06-01T08:30/2026-06-20T23:59");
    const std::int64_t now = utc(2026, 6, 10, 12, 0);
    for (Date occ : {Date{2026, 7, 6}, Date{2026, 8, 31}, Date{2026, 6, 2}, Date{2027, 1, 1}}) {
        const auto check = domain::check_deadline(w, occ, now, false);
        BOOST_TEST(check.allowed);
        BOOST_TEST(check.deadline.value_or(-1) == utc(2026, 6, 20, 21, 59));
    }
}

BOOST_AUTO_TEST_CASE(window_in_winter_time)
{
    const DeadlineRule w = rule("fenetre:2026-12-01T09:00/2027-01-15T12:00");
    const auto check = domain::check_deadline(w, {2027, 2, 22}, utc(2026, 12, 1, 7, 59), false);
    BOOST_TEST(!check.allowed);
    BOOST_TEST(check.opens_at.value_or(-1) == utc(2026, 12, 1, 8, 0));
    BOOST_TEST(check.reason_fr == "Les inscriptions ouvrent le mardi 1er décembre 2026 à 9h00.");
    BOOST_TEST(domain::check_deadline(w, {2027, 2, 22}, utc(2026, 12, 1, 8, 0), false).allowed);
}

BOOST_AUTO_TEST_CASE(window_for_cancellations)
{
    const DeadlineRule w = rule("fenetre:2026-06-01T08:30/2026-06-20T23:59");
    const auto before = domain::check_deadline(w, {2026, 7, 6}, utc(2026, 6, 1, 6, 0), true);
    BOOST_TEST(before.reason_fr == "Les annulations ouvrent le lundi 1er juin 2026 à 8h30.");
    const auto after = domain::check_deadline(w, {2026, 7, 6}, utc(2026, 6, 21, 8, 0), true);
    BOOST_TEST(!after.allowed);
    BOOST_TEST(after.reason_fr == "Le délai d'annulation est dépassé : il fallait annuler avant "
                                  "le samedi 20 juin 2026 à 23h59.");
}

// ---- no deadline and the refusal wording ----

BOOST_AUTO_TEST_CASE(no_deadline_always_allows)
{
    const DeadlineRule none = rule("aucun");
    BOOST_TEST(!domain::deadline_instant(none, {2026, 12, 3}).has_value());
    for (std::int64_t now : {std::int64_t{0}, utc(2026, 12, 3, 11, 0), utc(2030, 1, 1, 0, 0)}) {
        for (bool cancellation : {false, true}) {
            const auto check = domain::check_deadline(none, {2026, 12, 3}, now, cancellation);
            BOOST_TEST(check.allowed);
            BOOST_TEST(!check.deadline.has_value());
            BOOST_TEST(!check.opens_at.has_value());
            BOOST_TEST(check.reason_fr == "");
        }
    }
}

BOOST_AUTO_TEST_CASE(booking_refusal_names_the_deadline)
{
    const DeadlineRule r = rule("veille-semaine:4@12:00");
    const auto check = domain::check_deadline(r, {2026, 12, 7}, utc(2026, 12, 3, 11, 1), false);
    BOOST_TEST(!check.allowed);
    BOOST_TEST(check.deadline.value_or(-1) == utc(2026, 12, 3, 11, 0));
    BOOST_TEST(!check.opens_at.has_value());
    BOOST_TEST(check.reason_fr == "Le délai de réservation est dépassé : il fallait réserver "
                                  "avant le jeudi 3 décembre 2026 à 12h00.");
}

BOOST_AUTO_TEST_CASE(cancellation_refusal_names_the_deadline)
{
    const DeadlineRule r = rule("jours-ouvres:2@12:00");
    const auto check = domain::check_deadline(r, {2026, 12, 7}, utc(2026, 12, 3, 11, 0), true);
    BOOST_TEST(!check.allowed);
    BOOST_TEST(check.reason_fr == "Le délai d'annulation est dépassé : il fallait annuler "
                                  "avant le jeudi 3 décembre 2026 à 12h00.");
    const auto in_time = domain::check_deadline(r, {2026, 12, 7}, utc(2026, 12, 3, 10, 59), true);
    BOOST_TEST(in_time.allowed);
    BOOST_TEST(in_time.deadline.value_or(-1) == utc(2026, 12, 3, 11, 0));
    BOOST_TEST(in_time.reason_fr == "");
}

BOOST_AUTO_TEST_CASE(refusal_on_the_first_of_the_month_and_at_odd_minutes)
{
    const DeadlineRule r = rule("jours:2@09:05");
    const auto check = domain::check_deadline(r, {2026, 12, 3}, utc(2026, 12, 2, 8, 0), false);
    BOOST_TEST(check.reason_fr == "Le délai de réservation est dépassé : il fallait réserver "
                                  "avant le mardi 1er décembre 2026 à 9h05.");
}

BOOST_AUTO_TEST_CASE(refusal_shows_the_real_wall_clock_of_a_gap_deadline)
{
    const auto check = domain::check_deadline(rule("jours:0@02:30"), {2027, 3, 28},
                                              utc(2027, 3, 28, 1, 30), false);
    BOOST_TEST(check.reason_fr == "Le délai de réservation est dépassé : il fallait réserver "
                                  "avant le dimanche 28 mars 2027 à 3h30.");
}

BOOST_AUTO_TEST_CASE(format_instant_long_fr_uses_paris_time)
{
    BOOST_TEST(domain::format_instant_long_fr(utc(2026, 12, 3, 11, 0)) ==
               "jeudi 3 décembre 2026 à 12h00");
    BOOST_TEST(domain::format_instant_long_fr(utc(2026, 6, 30, 22, 30)) ==
               "mercredi 1er juillet 2026 à 0h30");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- eligibility ----

BOOST_AUTO_TEST_SUITE(domain_eligibility)

BOOST_AUTO_TEST_CASE(age_in_months_counts_whole_months)
{
    BOOST_TEST(domain::age_in_months({2023, 12, 3}, {2026, 12, 3}) == 36);
    BOOST_TEST(domain::age_in_months({2023, 12, 3}, {2026, 12, 2}) == 35);
    BOOST_TEST(domain::age_in_months({2023, 12, 3}, {2026, 12, 31}) == 36);
    BOOST_TEST(domain::age_in_months({2023, 12, 3}, {2027, 1, 2}) == 36);
    BOOST_TEST(domain::age_in_months({2023, 12, 3}, {2027, 1, 3}) == 37);
    BOOST_TEST(domain::age_in_months({2026, 12, 3}, {2026, 12, 3}) == 0);
    BOOST_TEST(domain::age_in_months({2026, 11, 30}, {2026, 12, 29}) == 0);
    BOOST_TEST(domain::age_in_months({2026, 11, 30}, {2026, 12, 30}) == 1);
}

BOOST_AUTO_TEST_CASE(month_anniversary_on_a_missing_day_is_the_last_of_the_month)
{
    BOOST_TEST(domain::age_in_months({2026, 1, 31}, {2026, 2, 27}) == 0);
    BOOST_TEST(domain::age_in_months({2026, 1, 31}, {2026, 2, 28}) == 1);
    BOOST_TEST(domain::age_in_months({2026, 1, 31}, {2026, 3, 30}) == 1);
    BOOST_TEST(domain::age_in_months({2026, 1, 31}, {2026, 3, 31}) == 2);
    BOOST_TEST(domain::age_in_months({2026, 1, 31}, {2026, 4, 30}) == 3);
}

BOOST_AUTO_TEST_CASE(born_on_29_february)
{
    BOOST_TEST(domain::age_in_months({2024, 2, 29}, {2025, 2, 27}) == 11);
    BOOST_TEST(domain::age_in_months({2024, 2, 29}, {2025, 2, 28}) == 12);
    BOOST_TEST(domain::age_in_months({2024, 2, 29}, {2025, 3, 1}) == 12);
    BOOST_TEST(domain::age_in_months({2024, 2, 29}, {2027, 2, 28}) == 36);
    BOOST_TEST(domain::age_in_months({2024, 2, 29}, {2028, 2, 28}) == 47);
    BOOST_TEST(domain::age_in_months({2024, 2, 29}, {2028, 2, 29}) == 48);
    BOOST_TEST(domain::age_in_months({2024, 2, 29}, {2024, 3, 28}) == 0);
    BOOST_TEST(domain::age_in_months({2024, 2, 29}, {2024, 3, 29}) == 1);
}

BOOST_AUTO_TEST_CASE(age_before_birth_is_negative)
{
    BOOST_TEST(domain::age_in_months({2026, 12, 10}, {2026, 12, 9}) < 0);
    BOOST_TEST(domain::age_in_months({2026, 12, 10}, {2026, 11, 20}) < 0);
    BOOST_TEST(domain::age_in_months({2026, 12, 10}, {2025, 12, 10}) < 0);
}

BOOST_AUTO_TEST_CASE(age_range_descriptions)
{
    BOOST_TEST(domain::describe_age_range_fr(36, 143) == "de 3 à 11 ans");
    BOOST_TEST(domain::describe_age_range_fr(18, 35) == "de 18 mois à 2 ans");
    BOOST_TEST(domain::describe_age_range_fr(12, 35) == "de 1 à 2 ans");
    BOOST_TEST(domain::describe_age_range_fr(30, 36) == "de 30 à 36 mois");
    BOOST_TEST(domain::describe_age_range_fr(36, 40) == "de 3 ans à 40 mois");
    BOOST_TEST(domain::describe_age_range_fr(36, std::nullopt) == "à partir de 3 ans");
    BOOST_TEST(domain::describe_age_range_fr(12, std::nullopt) == "à partir de 1 an");
    BOOST_TEST(domain::describe_age_range_fr(std::nullopt, 23) == "jusqu'à 1 an");
    BOOST_TEST(domain::describe_age_range_fr(std::nullopt, 11) == "jusqu'à 11 mois");
    BOOST_TEST(domain::describe_age_range_fr(std::nullopt, 71) == "jusqu'à 5 ans");
    BOOST_TEST(domain::describe_age_range_fr(std::nullopt, std::nullopt) == "");
}

namespace
{

const domain::Eligibility three_to_eleven{36, 143, {}, false};
const Date thursday_3_december{2026, 12, 3};

std::string refusal(const domain::Eligibility& rules, const domain::ChildFacts& child,
                    Date on = thursday_3_december)
{
    return domain::eligibility_refusal(rules, child, "Léa", on);
}

domain::ChildFacts born(Date birth)
{
    return domain::ChildFacts{birth, "CE2", true};
}

} // namespace

BOOST_AUTO_TEST_CASE(third_birthday_on_the_day_is_old_enough)
{
    BOOST_TEST(refusal(three_to_eleven, born({2023, 12, 3})) == "");
    BOOST_TEST(refusal(three_to_eleven, born({2023, 12, 4})) ==
               "Léa n'a pas l'âge requis (de 3 à 11 ans) le jeudi 3 décembre 2026.");
}

BOOST_AUTO_TEST_CASE(twelfth_birthday_is_too_old_for_three_to_eleven)
{
    BOOST_TEST(refusal(three_to_eleven, born({2014, 12, 4})) == "");
    BOOST_TEST(refusal(three_to_eleven, born({2014, 12, 3})) ==
               "Léa n'a pas l'âge requis (de 3 à 11 ans) le jeudi 3 décembre 2026.");
}

BOOST_AUTO_TEST_CASE(leap_day_child_turns_three_on_28_february)
{
    const domain::Eligibility from_three{36, std::nullopt, {}, false};
    BOOST_TEST(refusal(from_three, born({2024, 2, 29}), {2027, 2, 28}) == "");
    BOOST_TEST(refusal(from_three, born({2024, 2, 29}), {2027, 2, 26}) ==
               "Léa n'a pas l'âge requis (à partir de 3 ans) le vendredi 26 février 2027.");
}

BOOST_AUTO_TEST_CASE(missing_birth_date_refuses_an_age_rule_only)
{
    const domain::ChildFacts unknown{std::nullopt, "CE2", true};
    BOOST_TEST(refusal(three_to_eleven, unknown) ==
               "Léa n'a pas de date de naissance renseignée dans le dossier de famille : l'âge "
               "requis (de 3 à 11 ans) ne peut pas être vérifié.");
    BOOST_TEST(refusal(domain::Eligibility{}, unknown) == "");
}

BOOST_AUTO_TEST_CASE(school_levels_match_without_case_and_spaces)
{
    const domain::Eligibility maternelle{std::nullopt, std::nullopt, {"PS", "MS", "GS"}, false};
    for (const char* cls : {"MS", "ms", " ms ", "G S", "Ps\t"}) {
        BOOST_TEST_INFO("class " << cls);
        BOOST_TEST(refusal(maternelle, {std::nullopt, cls, true}) == "");
    }
    for (const char* cls : {"CE2", "CP", "MSS", "TPS"}) {
        BOOST_TEST_INFO("class " << cls);
        BOOST_TEST(refusal(maternelle, {std::nullopt, cls, true}) ==
                   "Cette activité est réservée aux classes PS, MS, GS.");
    }
}

BOOST_AUTO_TEST_CASE(double_level_class_matches_either_level)
{
    BOOST_TEST(domain::class_matches_levels("CM1-CM2", {"CM1"}));
    BOOST_TEST(domain::class_matches_levels("CM1-CM2", {"CM2"}));
    BOOST_TEST(domain::class_matches_levels("cm1 / cm2", {"CM2"}));
    BOOST_TEST(domain::class_matches_levels("CE2-CM1", {"cm1 "}));
    BOOST_TEST(domain::class_matches_levels("GS-CP", {"PS", "MS", "GS"}));
    BOOST_TEST(!domain::class_matches_levels("CE1-CE2", {"CM1", "CM2"}));
    BOOST_TEST(!domain::class_matches_levels("CM1", {"CM2"}));
    BOOST_TEST(!domain::class_matches_levels("", {"CM2"}));
    BOOST_TEST(!domain::class_matches_levels("CM1", {}));
}

BOOST_AUTO_TEST_CASE(missing_class_says_so)
{
    const domain::Eligibility elementaire{std::nullopt, std::nullopt, {"CM1", " CM2 "}, false};
    BOOST_TEST(refusal(elementaire, {std::nullopt, " ", true}) ==
               "Léa n'a pas de classe renseignée dans le dossier de famille ; cette activité "
               "est réservée aux classes CM1, CM2.");
    BOOST_TEST(refusal(elementaire, {std::nullopt, "CE1-CE2", true}) ==
               "Cette activité est réservée aux classes CM1, CM2.");
    BOOST_TEST(refusal(elementaire, {std::nullopt, "CM1-CM2", true}) == "");
}

BOOST_AUTO_TEST_CASE(blank_levels_mean_any_class)
{
    const domain::Eligibility blank{std::nullopt, std::nullopt, {"", " "}, false};
    BOOST_TEST(refusal(blank, {std::nullopt, "", true}) == "");
}

BOOST_AUTO_TEST_CASE(residents_only)
{
    const domain::Eligibility residents{std::nullopt, std::nullopt, {}, true};
    BOOST_TEST(refusal(residents, {std::nullopt, "CE2", true}) == "");
    BOOST_TEST(refusal(residents, {std::nullopt, "CE2", false}) ==
               "Cette activité est réservée aux familles résidant dans la commune.");
}

BOOST_AUTO_TEST_CASE(age_is_checked_before_class_and_residence)
{
    const domain::Eligibility all{36, 143, {"CM2"}, true};
    const domain::ChildFacts young{Date{2024, 1, 1}, "PS", false};
    BOOST_TEST(refusal(all, young) ==
               "Léa n'a pas l'âge requis (de 3 à 11 ans) le jeudi 3 décembre 2026.");
    const domain::ChildFacts wrong_class{Date{2016, 1, 1}, "CM1", false};
    BOOST_TEST(refusal(all, wrong_class) == "Cette activité est réservée aux classes CM2.");
    const domain::ChildFacts outsider{Date{2016, 1, 1}, "CM2", false};
    BOOST_TEST(refusal(all, outsider) ==
               "Cette activité est réservée aux familles résidant dans la commune.");
    const domain::ChildFacts fine{Date{2016, 1, 1}, "CM2", true};
    BOOST_TEST(refusal(all, fine) == "");
}

BOOST_AUTO_TEST_CASE(no_rule_accepts_everyone)
{
    BOOST_TEST(refusal(domain::Eligibility{}, domain::ChildFacts{}) == "");
}

BOOST_AUTO_TEST_SUITE_END()
