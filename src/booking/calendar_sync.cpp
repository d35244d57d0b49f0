#include "booking/calendar_sync.h"

#include "domain/calendar.h"
#include "domain/time.h"

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace booking
{

namespace
{

// The database writes dates as "YYYY-MM-DD"; anything else is not a date.
std::optional<domain::Date> date_of(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    const auto number = [&](std::size_t at, std::size_t length, int& out) {
        const auto* first = text.data() + at;
        const auto [end, ec] = std::from_chars(first, first + length, out);
        return ec == std::errc{} && end == first + length;
    };
    domain::Date d;
    if (!number(0, 4, d.year) || !number(5, 2, d.month) || !number(8, 2, d.day) ||
        !domain::is_valid_date(d))
        return std::nullopt;
    return d;
}

std::optional<domain::DateRange> range_of(const std::string& first, const std::string& last)
{
    const auto f = date_of(first);
    const auto l = date_of(last);
    if (!f || !l)
        return std::nullopt;
    return domain::DateRange{*f, *l};
}

domain::HolidayPolicy policy_of(const std::string& stored)
{
    if (stored == "only")
        return domain::HolidayPolicy::Only;
    if (stored == "ignore")
        return domain::HolidayPolicy::Ignore;
    return domain::HolidayPolicy::Closed;
}

} // namespace

int regenerate_occurrences(db::Connection& conn, std::int64_t commune_id,
                           const db::Activity& activity)
{
    domain::OpeningRules rules;
    // A period or mask the database should never hold opens on no day rather than guessing.
    if (const auto period = range_of(activity.period_start, activity.period_end))
        rules.period = *period;
    else
        rules.period = {{2000, 1, 2}, {2000, 1, 1}};
    rules.weekdays = domain::parse_weekday_mask(activity.weekdays).value_or(0);
    rules.holidays = policy_of(activity.holiday_policy);
    for (const auto& c : db::list_closures(conn, commune_id))
        if (c.activity_id == 0 || c.activity_id == activity.id)
            if (const auto r = range_of(c.first_day, c.last_day))
                rules.closures.push_back(*r);

    std::vector<domain::DateRange> holidays;
    for (const auto& h : db::school_holidays(conn, db::holiday_zone(conn, commune_id)))
        if (const auto r = range_of(h.first_day, h.last_day))
            holidays.push_back(*r);

    std::vector<std::string> days;
    for (const auto d : domain::opening_dates(rules, holidays))
        days.push_back(domain::iso_date(d));
    return db::sync_occurrences(conn, commune_id, activity.id, days, activity.capacity);
}

} // namespace booking
