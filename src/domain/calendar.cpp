#include "domain/calendar.h"

#include <algorithm>
#include <array>

namespace domain
{

namespace
{

struct NamedHoliday {
    Date date;
    const char* name;
};

std::array<NamedHoliday, 11> named_public_holidays(int year)
{
    const Date easter = easter_sunday(year);
    return {{
        {{year, 1, 1}, "Jour de l'an"},
        {add_days(easter, 1), "Lundi de Pâques"},
        {{year, 5, 1}, "Fête du Travail"},
        {{year, 5, 8}, "Victoire 1945"},
        {add_days(easter, 39), "Ascension"},
        {add_days(easter, 50), "Lundi de Pentecôte"},
        {{year, 7, 14}, "Fête nationale"},
        {{year, 8, 15}, "Assomption"},
        {{year, 11, 1}, "Toussaint"},
        {{year, 11, 11}, "Armistice 1918"},
        {{year, 12, 25}, "Noël"},
    }};
}

bool in_any(const std::vector<DateRange>& ranges, Date d)
{
    return std::any_of(ranges.begin(), ranges.end(),
                       [d](const DateRange& r) { return contains(r, d); });
}

bool period_is_walkable(const DateRange& period)
{
    return is_valid_range(period) && range_length_days(period) <= max_opening_period_days;
}

// Every rule but the period.
bool rules_open(const OpeningRules& rules, const std::vector<DateRange>& school_holidays, Date d)
{
    if (!opens_on(rules.weekdays, d)) {
        return false;
    }
    if (rules.closed_on_public_holidays && is_public_holiday(d)) {
        return false;
    }
    if (in_any(rules.closures, d)) {
        return false;
    }
    switch (rules.holidays) {
    case HolidayPolicy::Closed:
        return !in_any(school_holidays, d);
    case HolidayPolicy::Only:
        return in_any(school_holidays, d);
    case HolidayPolicy::Ignore:
        return true;
    }
    return false;
}

} // namespace

bool contains(const DateRange& r, Date d)
{
    return r.first <= d && d <= r.last;
}

bool is_valid_range(const DateRange& r)
{
    return is_valid_date(r.first) && is_valid_date(r.last) && r.first <= r.last;
}

std::int64_t range_length_days(const DateRange& r)
{
    const std::int64_t length = days_from_civil(r.last) - days_from_civil(r.first) + 1;
    return std::max<std::int64_t>(length, 0);
}

WeekdayMask weekday_bit(int iso_weekday)
{
    if (iso_weekday < 1 || iso_weekday > 7) {
        return 0;
    }
    return WeekdayMask{1} << (iso_weekday - 1);
}

bool opens_on(WeekdayMask mask, Date d)
{
    return (mask & weekday_bit(weekday(d))) != 0;
}

std::string weekday_mask_text(WeekdayMask m)
{
    std::string text(7, '0');
    for (int day = 1; day <= 7; ++day) {
        if ((m & weekday_bit(day)) != 0) {
            text[static_cast<std::size_t>(day - 1)] = '1';
        }
    }
    return text;
}

std::optional<WeekdayMask> parse_weekday_mask(std::string_view text)
{
    if (text.size() != 7) {
        return std::nullopt;
    }
    WeekdayMask mask = 0;
    for (int day = 1; day <= 7; ++day) {
        const char c = text[static_cast<std::size_t>(day - 1)];
        if (c == '1') {
            mask |= weekday_bit(day);
        } else if (c != '0') {
            return std::nullopt;
        }
    }
    return mask;
}

Date easter_sunday(int year)
{
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date{year, month, day};
}

std::vector<Date> public_holidays(int year)
{
    std::vector<Date> dates;
    for (const NamedHoliday& holiday : named_public_holidays(year)) {
        dates.push_back(holiday.date);
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
}

const char* public_holiday_name_fr(Date d)
{
    // The holidays of the two years last asked about, kept per thread: a planning month asks
    // about a few days before each of its days (working-day deadlines), and each year's list
    // costs Easter and three date additions.
    struct Year {
        int year = 0;
        bool known = false;
        std::array<NamedHoliday, 11> holidays{};
    };
    thread_local std::array<Year, 2> cached; // the most recent first
    if (!cached[0].known || cached[0].year != d.year) {
        if (cached[1].known && cached[1].year == d.year) {
            std::swap(cached[0], cached[1]);
        } else {
            cached[1] = cached[0];
            cached[0] = Year{d.year, true, named_public_holidays(d.year)};
        }
    }
    for (const NamedHoliday& holiday : cached[0].holidays) {
        if (holiday.date == d) {
            return holiday.name;
        }
    }
    return "";
}

bool is_public_holiday(Date d)
{
    return *public_holiday_name_fr(d) != '\0';
}

bool is_working_day(Date d)
{
    return weekday(d) <= 5 && !is_public_holiday(d);
}

std::vector<Date> opening_dates(const OpeningRules& rules,
                                const std::vector<DateRange>& school_holidays)
{
    std::vector<Date> dates;
    if (!period_is_walkable(rules.period)) {
        return dates;
    }
    for (Date d = rules.period.first; d <= rules.period.last; d = add_days(d, 1)) {
        if (rules_open(rules, school_holidays, d)) {
            dates.push_back(d);
        }
    }
    return dates;
}

bool opens(const OpeningRules& rules, const std::vector<DateRange>& school_holidays, Date d)
{
    return period_is_walkable(rules.period) && contains(rules.period, d) &&
           rules_open(rules, school_holidays, d);
}

} // namespace domain
