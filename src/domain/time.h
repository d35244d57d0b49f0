// Calendar arithmetic, Europe/Paris civil time and French formatting. Every rule a parent
// sees (deadlines, opening hours, dates on invoices) is in Paris time; instants are stored
// as UTC seconds since 1970 (epoch). Functions are total: any input gives a defined result,
// fields out of range are carried arithmetically, never trapped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace domain
{

struct Date {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..days_in_month
    auto operator<=>(const Date&) const = default;
};

struct LocalDateTime {
    Date date;
    int hour = 0;   // 0..23
    int minute = 0; // 0..59
    int second = 0; // 0..59
    auto operator<=>(const LocalDateTime&) const = default;
};

bool is_leap_year(int year);
// 0 when month is not 1..12.
int days_in_month(int year, int month);
// A real calendar date (no 30 February, no month 13).
bool is_valid_date(Date date);
// A valid date and a time of day within 00:00:00..23:59:59.
bool is_valid_date_time(LocalDateTime value);

// Days since 1970-01-01 (proleptic Gregorian calendar), after Howard Hinnant's
// days_from_civil; meaningful only for valid dates.
std::int64_t days_from_civil(Date date);
// The inverse; inputs beyond about ±270 million years are clamped.
Date civil_from_days(std::int64_t days);

// ISO weekday: 1 = Monday … 7 = Sunday.
int weekday(Date date);
Date add_days(Date date, int days);

// Seconds since the epoch of a UTC date and time.
std::int64_t utc_epoch(LocalDateTime utc);
LocalDateTime utc_from_epoch(std::int64_t epoch);

// True when Paris is on summer time (UTC+2) at that instant: from the last Sunday of March
// 01:00 UTC (included) to the last Sunday of October 01:00 UTC (excluded), the EU rule.
bool paris_summer_time(std::int64_t epoch);
LocalDateTime paris_from_epoch(std::int64_t epoch);
// The instant of a Paris wall-clock time. A time in the spring-forward gap (02:00..02:59 on
// the last Sunday of March) does not exist: it is read with the winter offset, as if the
// clock had not jumped, so 02:30 gives the instant shown as 03:30. A time in the repeated
// autumn hour (02:00..02:59 on the last Sunday of October) gives its first occurrence,
// still in summer time; a deadline then falls at the earlier instant, never later.
std::int64_t epoch_from_paris(LocalDateTime local);

// MariaDB's DATETIME text "YYYY-MM-DD HH:MM:SS", optionally followed by a fraction of
// 1..6 digits (DATETIME(n) columns) which is dropped. Refuses anything else, including
// "0000-00-00 00:00:00" and impossible dates.
std::optional<LocalDateTime> parse_sql_datetime(std::string_view text);
// MariaDB's DATE text "YYYY-MM-DD": exactly that, a real date of year 1 or later.
std::optional<Date> parse_sql_date(std::string_view text);
// "2026-11-29", for SQL, URLs, forms and file names.
std::string iso_date(Date d);
// "YYYY-MM-DD HH:MM:SS", for binding a value in a prepared statement.
std::string format_sql_datetime(LocalDateTime value);

// "décembre"; "" when month is not 1..12.
const char* month_name_fr(int month);
// "jeudi" for 4; "" when iso_weekday is not 1..7.
const char* weekday_name_fr(int iso_weekday);
// "29/11/2026".
std::string format_date_fr(Date date);
// "18h30", "9h05": the hour without a leading zero, as French signs and letters write it.
std::string format_time_fr(int hour, int minute);
// "29/11/2026 à 18h30".
std::string format_datetime_fr(LocalDateTime value);
// "jeudi 3 décembre 2026"; the first of the month is written "1er": "mardi 1er décembre 2026".
std::string format_long_date_fr(Date date);
// "jeudi 3 décembre", as in "Réserver Cantine le jeudi 3 décembre pour Léa ?".
std::string format_long_date_without_year_fr(Date date);

} // namespace domain
