#include "domain/time.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <system_error>

namespace domain
{

namespace
{

constexpr std::int64_t seconds_per_day = 86400;
// Keeps every intermediate of civil_from_days far from overflow and its year within int.
constexpr std::int64_t max_days = 100'000'000'000;
constexpr std::int64_t winter_offset = 3600;
constexpr std::int64_t summer_offset = 7200;
// EU rule: the clocks change at 01:00 UTC.
constexpr int change_hour_utc = 1;

// The day of the month of the last Sunday of that month.
int last_sunday(int year, int month)
{
    const Date last{year, month, days_in_month(year, month)};
    return last.day - weekday(last) % 7;
}

// Zero-padded decimal, with the sign in front for negative values; total for any int.
void append_padded(std::string& out, int value, std::size_t width)
{
    std::int64_t magnitude = value;
    if (magnitude < 0) {
        out += '-';
        magnitude = -magnitude;
    }
    const std::string digits = std::to_string(magnitude);
    if (digits.size() < width) {
        out.append(width - digits.size(), '0');
    }
    out += digits;
}

// A fixed-width run of digits at text[pos..pos+width).
std::optional<int> parse_digits(std::string_view text, std::size_t pos, std::size_t width)
{
    const std::string_view field = text.substr(pos, width);
    if (field.size() != width) {
        return std::nullopt;
    }
    for (char c : field) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    int value = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (ec != std::errc{} || end != field.data() + field.size()) {
        return std::nullopt;
    }
    return value;
}

} // namespace

bool is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
    static constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    if (month == 2 && is_leap_year(year)) {
        return 29;
    }
    return lengths[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(Date date)
{
    return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

bool is_valid_date_time(LocalDateTime value)
{
    return is_valid_date(value.date) && value.hour >= 0 && value.hour <= 23 && value.minute >= 0 &&
           value.minute <= 59 && value.second >= 0 && value.second <= 59;
}

std::int64_t days_from_civil(Date date)
{
    // 64-bit throughout: any int fields stay far from overflow.
    std::int64_t year = date.year;
    const std::int64_t month = date.month;
    const std::int64_t day = date.day;
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t year_of_era = year - era * 400;
    const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Date civil_from_days(std::int64_t days)
{
    const std::int64_t z = std::clamp(days, -max_days, max_days) + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t day_of_era = z - era * 146097;
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
    const std::int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    const std::int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return Date{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

int weekday(Date date)
{
    // 1970-01-01 was a Thursday (ISO 4); z % 7 lies in -6..6.
    const std::int64_t z = days_from_civil(date);
    return static_cast<int>((z % 7 + 7 + 3) % 7) + 1;
}

Date add_days(Date date, int days)
{
    return civil_from_days(days_from_civil(date) + days);
}

std::int64_t utc_epoch(LocalDateTime utc)
{
    return days_from_civil(utc.date) * seconds_per_day + std::int64_t{utc.hour} * 3600 +
           std::int64_t{utc.minute} * 60 + utc.second;
}

LocalDateTime utc_from_epoch(std::int64_t epoch)
{
    std::int64_t days = epoch / seconds_per_day;
    std::int64_t rest = epoch % seconds_per_day;
    if (rest < 0) {
        rest += seconds_per_day;
        days -= 1;
    }
    LocalDateTime value;
    value.date = civil_from_days(days);
    value.hour = static_cast<int>(rest / 3600);
    value.minute = static_cast<int>(rest % 3600 / 60);
    value.second = static_cast<int>(rest % 60);
    return value;
}

bool paris_summer_time(std::int64_t epoch)
{
    // The year's two changes, kept per thread for the two years last asked about: a planning
    // month asks about hundreds of instants of its year, and of today's when it shows another
    // year's month (about 4 % of its worker time without this, 1.5 % with one year kept in
    // December, when each of the month's days asked about January and December in turn).
    struct Year {
        std::int64_t first = 1; // first and last second of the year, UTC; empty at first
        std::int64_t last = 0;
        std::int64_t start = 0; // summer time from `start` to `end`
        std::int64_t end = 0;
    };
    thread_local std::array<Year, 2> cached; // the most recent first
    if (epoch < cached[0].first || epoch > cached[0].last) {
        if (epoch >= cached[1].first && epoch <= cached[1].last) {
            std::swap(cached[0], cached[1]);
        } else {
            const int year = utc_from_epoch(epoch).date.year;
            cached[1] = cached[0];
            auto& y = cached[0];
            y.first = utc_epoch({{year, 1, 1}, 0, 0, 0});
            y.last = utc_epoch({{year, 12, 31}, 23, 59, 59});
            y.start = utc_epoch({{year, 3, last_sunday(year, 3)}, change_hour_utc, 0, 0});
            y.end = utc_epoch({{year, 10, last_sunday(year, 10)}, change_hour_utc, 0, 0});
        }
    }
    return cached[0].start <= epoch && epoch < cached[0].end;
}

LocalDateTime paris_from_epoch(std::int64_t epoch)
{
    const std::int64_t offset = paris_summer_time(epoch) ? summer_offset : winter_offset;
    // Saturates instead of overflowing at the very end of the range.
    const std::int64_t local = epoch > std::numeric_limits<std::int64_t>::max() - offset
                                   ? std::numeric_limits<std::int64_t>::max()
                                   : epoch + offset;
    return utc_from_epoch(local);
}

std::int64_t epoch_from_paris(LocalDateTime local)
{
    // utc_epoch of any fields stays within ±10^17, so the subtractions cannot overflow.
    const std::int64_t wall = utc_epoch(local);
    // Read as summer time when that reading is consistent: this also picks the first
    // occurrence of the repeated autumn hour. Otherwise winter time, which for the
    // non-existent spring hour lands one hour later on the wall clock.
    const std::int64_t as_summer = wall - summer_offset;
    if (paris_summer_time(as_summer)) {
        return as_summer;
    }
    return wall - winter_offset;
}

std::optional<Date> parse_sql_date(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    const auto year = parse_digits(text, 0, 4);
    const auto month = parse_digits(text, 5, 2);
    const auto day = parse_digits(text, 8, 2);
    if (!year || !month || !day || *year < 1)
        return std::nullopt;
    const Date value{*year, *month, *day};
    if (!is_valid_date(value))
        return std::nullopt;
    return value;
}

std::optional<LocalDateTime> parse_sql_datetime(std::string_view text)
{
    constexpr std::size_t base_length = 19; // "YYYY-MM-DD HH:MM:SS"
    if (text.size() < base_length) {
        return std::nullopt;
    }
    if (text.size() > base_length) {
        const std::string_view fraction = text.substr(base_length + 1);
        if (text[base_length] != '.' || fraction.empty() || fraction.size() > 6 ||
            !parse_digits(fraction, 0, fraction.size())) {
            return std::nullopt;
        }
    }
    if (text[10] != ' ' || text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    const auto date = parse_sql_date(text.substr(0, 10));
    const auto hour = parse_digits(text, 11, 2);
    const auto minute = parse_digits(text, 14, 2);
    const auto second = parse_digits(text, 17, 2);
    if (!date || !hour || !minute || !second) {
        return std::nullopt;
    }
    const LocalDateTime value{*date, *hour, *minute, *second};
    if (!is_valid_date_time(value)) {
        return std::nullopt;
    }
    return value;
}

std::string iso_date(Date d)
{
    std::string out;
    out.reserve(10);
    append_padded(out, d.year, 4);
    out += '-';
    append_padded(out, d.month, 2);
    out += '-';
    append_padded(out, d.day, 2);
    return out;
}

std::string format_sql_datetime(LocalDateTime value)
{
    std::string out = iso_date(value.date);
    out += ' ';
    append_padded(out, value.hour, 2);
    out += ':';
    append_padded(out, value.minute, 2);
    out += ':';
    append_padded(out, value.second, 2);
    return out;
}

const char* month_name_fr(int month)
{
    static constexpr std::array<const char*, 12> names{
        "janvier", "février", "mars",      "avril",   "mai",      "juin",
        "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    if (month < 1 || month > 12) {
        return "";
    }
    return names[static_cast<std::size_t>(month - 1)];
}

const char* weekday_name_fr(int iso_weekday)
{
    static constexpr std::array<const char*, 7> names{"lundi",    "mardi",  "mercredi", "jeudi",
                                                      "vendredi", "samedi", "dimanche"};
    if (iso_weekday < 1 || iso_weekday > 7) {
        return "";
    }
    return names[static_cast<std::size_t>(iso_weekday - 1)];
}

std::string format_date_fr(Date date)
{
    std::string out;
    append_padded(out, date.day, 2);
    out += '/';
    append_padded(out, date.month, 2);
    out += '/';
    append_padded(out, date.year, 4);
    return out;
}

std::string format_time_fr(int hour, int minute)
{
    std::string out;
    append_padded(out, hour, 1);
    out += 'h';
    append_padded(out, minute, 2);
    return out;
}

std::string format_datetime_fr(LocalDateTime value)
{
    return format_date_fr(value.date) + " à " + format_time_fr(value.hour, value.minute);
}

std::string format_long_date_without_year_fr(Date date)
{
    std::string out = weekday_name_fr(weekday(date));
    out += ' ';
    // French writes the first day of a month as an ordinal: "1er décembre".
    out += date.day == 1 ? std::string("1er") : std::to_string(date.day);
    out += ' ';
    out += month_name_fr(date.month);
    return out;
}

std::string format_long_date_fr(Date date)
{
    return format_long_date_without_year_fr(date) + ' ' + std::to_string(date.year);
}

} // namespace domain
