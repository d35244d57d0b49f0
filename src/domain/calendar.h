// The days an activity opens: weekdays within a period, French public holidays, school
// holidays and closures. Dates only (Europe/Paris civil dates); no time of day here.
#pragma once

#include "domain/time.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace domain
{

// Both ends included.
struct DateRange {
    Date first;
    Date last;
    bool operator==(const DateRange&) const = default;
};

// True when first <= d <= last; an inverted range contains nothing.
bool contains(const DateRange& r, Date d);
// True when both ends are real dates and first <= last.
bool is_valid_range(const DateRange& r);
// Number of days of the range, ends included; 0 for an inverted range.
std::int64_t range_length_days(const DateRange& r);

// Weekdays as a 7-bit mask: bit 0 = Monday … bit 6 = Sunday.
using WeekdayMask = unsigned;
constexpr WeekdayMask all_weekdays = 0x7F;
// The bit of an ISO weekday (1 = Monday … 7 = Sunday); 0 outside 1..7.
WeekdayMask weekday_bit(int iso_weekday);
bool opens_on(WeekdayMask mask, Date d);
// Storage form, Monday first: Mon, Tue, Thu, Fri gives "1101100". Bits above 6 are ignored.
std::string weekday_mask_text(WeekdayMask m);
// Exactly seven '0'/'1' characters, Monday first; nullopt for anything else.
std::optional<WeekdayMask> parse_weekday_mask(std::string_view text);

// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
Date easter_sunday(int year);
// The French public holidays (jours fériés) of a year, in date order, without duplicates
// (Ascension sometimes falls on 1 or 8 May): 1 Jan, Easter Monday, 1 May, 8 May, Ascension,
// Whit Monday, 14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec. Alsace-Moselle's extra days (Good
// Friday, 26 Dec) are not included.
std::vector<Date> public_holidays(int year);
// "Lundi de Pâques", "Armistice 1918"…; "" when d is not a public holiday.
const char* public_holiday_name_fr(Date d);
bool is_public_holiday(Date d);
// Monday..Friday and not a public holiday.
bool is_working_day(Date d);

// Canteen and périscolaire close during school holidays (Closed); "Vacances" opens only
// then (Only); some activities do not care (Ignore).
enum class HolidayPolicy { Closed, Only, Ignore };

struct OpeningRules {
    DateRange period; // e.g. the school year
    WeekdayMask weekdays = 0;
    HolidayPolicy holidays = HolidayPolicy::Closed;
    bool closed_on_public_holidays = true;
    // Days the activity closes whatever the rest says (staff training, strike, works).
    std::vector<DateRange> closures;
};

// The longest period opening_dates walks through, about ten years: a longer one is a data
// error and opens on no date rather than looping for minutes.
constexpr std::int64_t max_opening_period_days = 3660;

// The dates the activity opens, in order. Empty for an invalid or inverted period, or one
// longer than max_opening_period_days.
std::vector<Date> opening_dates(const OpeningRules& rules,
                                const std::vector<DateRange>& school_holidays);
// Whether the activity opens on d: exactly when d is one of opening_dates(rules, …).
bool opens(const OpeningRules& rules, const std::vector<DateRange>& school_holidays, Date d);

} // namespace domain
