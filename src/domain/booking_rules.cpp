#include "domain/booking_rules.h"

#include "domain/calendar.h"

#include <algorithm>
#include <set>

namespace domain
{

namespace
{

constexpr std::string_view prefix_none = "aucun";
constexpr std::string_view prefix_working_days = "jours-ouvres:";
constexpr std::string_view prefix_weekday = "veille-semaine:";
constexpr std::string_view prefix_calendar_days = "jours:";
constexpr std::string_view prefix_window = "fenetre:";

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

// Exactly `width` digits.
std::optional<int> fixed_digits(std::string_view text, std::size_t width)
{
    if (text.size() != width) {
        return std::nullopt;
    }
    int value = 0;
    for (char c : text) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

// A canonical small count: "0".."99" without leading zero.
std::optional<int> small_count(std::string_view text)
{
    if (text.empty() || text.size() > 2 || (text.size() == 2 && text[0] == '0')) {
        return std::nullopt;
    }
    return fixed_digits(text, text.size());
}

struct TimeOfDay {
    int hour;
    int minute;
};

// "HH:MM", 00:00..23:59.
std::optional<TimeOfDay> parse_time_of_day(std::string_view text)
{
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    const auto hour = fixed_digits(text.substr(0, 2), 2);
    const auto minute = fixed_digits(text.substr(3, 2), 2);
    if (!hour || !minute || *hour > 23 || *minute > 59) {
        return std::nullopt;
    }
    return TimeOfDay{*hour, *minute};
}

// "YYYY-MM-DDTHH:MM", a real date and time.
std::optional<LocalDateTime> parse_local_minute(std::string_view text)
{
    if (text.size() != 16 || text[4] != '-' || text[7] != '-' || text[10] != 'T') {
        return std::nullopt;
    }
    const auto year = fixed_digits(text.substr(0, 4), 4);
    const auto month = fixed_digits(text.substr(5, 2), 2);
    const auto day = fixed_digits(text.substr(8, 2), 2);
    const auto time = parse_time_of_day(text.substr(11));
    if (!year || !month || !day || !time || *year < 1) {
        return std::nullopt;
    }
    const LocalDateTime value{{*year, *month, *day}, time->hour, time->minute, 0};
    if (!is_valid_date_time(value)) {
        return std::nullopt;
    }
    return value;
}

void append_two_digits(std::string& out, int value)
{
    out += static_cast<char>('0' + value / 10 % 10);
    out += static_cast<char>('0' + value % 10);
}

std::string time_of_day_text(int hour, int minute)
{
    std::string out;
    append_two_digits(out, hour);
    out += ':';
    append_two_digits(out, minute);
    return out;
}

std::string local_minute_text(const LocalDateTime& value)
{
    // format_sql_datetime gives "YYYY-MM-DD HH:MM:SS"; the rule text wants "YYYY-MM-DDTHH:MM".
    std::string out = format_sql_datetime(value).substr(0, 16);
    out[10] = 'T';
    return out;
}

// "N@HH:MM" after a prefix.
std::optional<DeadlineRule> parse_count_at(std::string_view rest, DeadlineKind kind)
{
    const std::size_t at = rest.find('@');
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const auto count = small_count(rest.substr(0, at));
    const auto time = parse_time_of_day(rest.substr(at + 1));
    if (!count || !time) {
        return std::nullopt;
    }
    DeadlineRule rule;
    rule.kind = kind;
    rule.hour = time->hour;
    rule.minute = time->minute;
    if (kind == DeadlineKind::WeekdayBefore) {
        rule.iso_weekday = *count;
    } else {
        rule.days = *count;
    }
    if (!is_valid_deadline_rule(rule)) {
        return std::nullopt;
    }
    return rule;
}

bool valid_hour_minute(int hour, int minute)
{
    return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
}

bool whole_minute(const LocalDateTime& value)
{
    return is_valid_date_time(value) && value.second == 0 && value.date.year >= 1 &&
           value.date.year <= 9999;
}

std::string days_text_fr(int days, const char* singular, const char* plural)
{
    return std::to_string(days) + ' ' + (days == 1 ? singular : plural);
}

// An age bound as a number and its unit: {3, "ans"}, {1, "an"}, {18, "mois"}.
struct AgeText {
    int value;
    const char* unit;
};

AgeText age_text(int months, bool upper_bound)
{
    // An upper bound of 143 months reads "11 ans": up to the day before the twelfth birthday.
    if (upper_bound && months >= 23 && (months + 1) % 12 == 0) {
        const int years = (months + 1) / 12 - 1;
        return {years, years == 1 ? "an" : "ans"};
    }
    if (!upper_bound && months >= 12 && months % 12 == 0) {
        const int years = months / 12;
        return {years, years == 1 ? "an" : "ans"};
    }
    return {months, "mois"};
}

std::string with_unit(AgeText age)
{
    return std::to_string(age.value) + ' ' + age.unit;
}

bool in_years(AgeText age)
{
    return std::string_view(age.unit) != "mois";
}

char ascii_upper(char c)
{
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

// The levels named by a class or level text: "cm1 - CM2 " gives {"CM1", "CM2"}.
std::set<std::string> level_tokens(std::string_view text)
{
    std::set<std::string> tokens;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            tokens.insert(current);
            current.clear();
        }
    };
    for (char c : text) {
        if (c == '-' || c == '/' || c == ',' || c == '+') {
            flush();
        } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            current += ascii_upper(c);
        }
    }
    flush();
    return tokens;
}

std::string join_levels(const std::vector<std::string>& levels)
{
    std::string out;
    for (const std::string& level : levels) {
        const std::size_t first = level.find_first_not_of(" \t");
        if (first == std::string::npos) {
            continue;
        }
        const std::size_t last = level.find_last_not_of(" \t");
        if (!out.empty()) {
            out += ", ";
        }
        out += level.substr(first, last - first + 1);
    }
    return out;
}

} // namespace

bool is_valid_deadline_rule(const DeadlineRule& rule)
{
    switch (rule.kind) {
    case DeadlineKind::None:
        return true;
    case DeadlineKind::WorkingDaysBefore:
        return rule.days >= 1 && rule.days <= max_deadline_days &&
               valid_hour_minute(rule.hour, rule.minute);
    case DeadlineKind::WeekdayBefore:
        return rule.iso_weekday >= 1 && rule.iso_weekday <= 7 &&
               valid_hour_minute(rule.hour, rule.minute);
    case DeadlineKind::CalendarDaysBefore:
        return rule.days >= 0 && rule.days <= max_deadline_days &&
               valid_hour_minute(rule.hour, rule.minute);
    case DeadlineKind::Window:
        return whole_minute(rule.window_opens) && whole_minute(rule.window_closes) &&
               rule.window_opens < rule.window_closes;
    }
    return false;
}

std::optional<DeadlineRule> parse_deadline_rule(std::string_view text)
{
    if (text == prefix_none) {
        return DeadlineRule{};
    }
    if (text.starts_with(prefix_working_days)) {
        return parse_count_at(text.substr(prefix_working_days.size()),
                              DeadlineKind::WorkingDaysBefore);
    }
    if (text.starts_with(prefix_weekday)) {
        return parse_count_at(text.substr(prefix_weekday.size()), DeadlineKind::WeekdayBefore);
    }
    if (text.starts_with(prefix_calendar_days)) {
        return parse_count_at(text.substr(prefix_calendar_days.size()),
                              DeadlineKind::CalendarDaysBefore);
    }
    if (text.starts_with(prefix_window)) {
        const std::string_view rest = text.substr(prefix_window.size());
        const std::size_t slash = rest.find('/');
        if (slash == std::string_view::npos) {
            return std::nullopt;
        }
        const auto opens = parse_local_minute(rest.substr(0, slash));
        const auto closes = parse_local_minute(rest.substr(slash + 1));
        if (!opens || !closes) {
            return std::nullopt;
        }
        DeadlineRule rule;
        rule.kind = DeadlineKind::Window;
        rule.window_opens = *opens;
        rule.window_closes = *closes;
        if (!is_valid_deadline_rule(rule)) {
            return std::nullopt;
        }
        return rule;
    }
    return std::nullopt;
}

std::string format_deadline_rule(const DeadlineRule& rule)
{
    switch (rule.kind) {
    case DeadlineKind::None:
        return std::string(prefix_none);
    case DeadlineKind::WorkingDaysBefore:
        return std::string(prefix_working_days) + std::to_string(rule.days) + '@' +
               time_of_day_text(rule.hour, rule.minute);
    case DeadlineKind::WeekdayBefore:
        return std::string(prefix_weekday) + std::to_string(rule.iso_weekday) + '@' +
               time_of_day_text(rule.hour, rule.minute);
    case DeadlineKind::CalendarDaysBefore:
        return std::string(prefix_calendar_days) + std::to_string(rule.days) + '@' +
               time_of_day_text(rule.hour, rule.minute);
    case DeadlineKind::Window:
        return std::string(prefix_window) + local_minute_text(rule.window_opens) + '/' +
               local_minute_text(rule.window_closes);
    }
    return std::string(prefix_none);
}

std::string describe_deadline_rule_fr(const DeadlineRule& rule)
{
    const std::string at = "à " + format_time_fr(rule.hour, rule.minute);
    switch (rule.kind) {
    case DeadlineKind::None:
        return "aucun délai";
    case DeadlineKind::WorkingDaysBefore:
        return days_text_fr(rule.days, "jour ouvré", "jours ouvrés") + " avant, " + at;
    case DeadlineKind::WeekdayBefore:
        return std::string("le ") + weekday_name_fr(rule.iso_weekday) + " précédent " + at;
    case DeadlineKind::CalendarDaysBefore:
        if (rule.days == 0) {
            return "le jour même " + at;
        }
        if (rule.days == 1) {
            return "la veille " + at;
        }
        return days_text_fr(rule.days, "jour", "jours") + " avant, " + at;
    case DeadlineKind::Window:
        return "inscriptions du " + format_datetime_fr(rule.window_opens) + " au " +
               format_datetime_fr(rule.window_closes);
    }
    return "aucun délai";
}

std::optional<std::int64_t> deadline_instant(const DeadlineRule& rule, Date occurrence)
{
    Date day = occurrence;
    switch (rule.kind) {
    case DeadlineKind::None:
        return std::nullopt;
    case DeadlineKind::WorkingDaysBefore:
        // Bounded: a week always holds working days, and days is at most 60 once validated;
        // the cap keeps an unvalidated rule from walking back forever.
        for (int counted = 0, steps = 0; counted < rule.days && steps < 10 * max_deadline_days;
             ++steps) {
            day = add_days(day, -1);
            if (is_working_day(day)) {
                ++counted;
            }
        }
        break;
    case DeadlineKind::WeekdayBefore: {
        const int back = ((weekday(occurrence) - rule.iso_weekday) % 7 + 7) % 7;
        day = add_days(occurrence, back == 0 ? -7 : -back);
        break;
    }
    case DeadlineKind::CalendarDaysBefore:
        day = add_days(occurrence, -rule.days);
        break;
    case DeadlineKind::Window:
        return epoch_from_paris(rule.window_closes);
    }
    return epoch_from_paris(LocalDateTime{day, rule.hour, rule.minute, 0});
}

std::string format_instant_long_fr(std::int64_t instant)
{
    const LocalDateTime paris = paris_from_epoch(instant);
    return format_long_date_fr(paris.date) + " à " + format_time_fr(paris.hour, paris.minute);
}

DeadlineCheck check_deadline(const DeadlineRule& rule, Date occurrence, std::int64_t now,
                             bool cancellation)
{
    DeadlineCheck check;
    check.deadline = deadline_instant(rule, occurrence);
    if (rule.kind == DeadlineKind::Window) {
        const std::int64_t opens = epoch_from_paris(rule.window_opens);
        if (now < opens) {
            check.allowed = false;
            check.opens_at = opens;
            check.reason_fr = std::string(cancellation ? "Les annulations" : "Les inscriptions") +
                              " ouvrent le " + format_instant_long_fr(opens) + '.';
            return check;
        }
        if (now >= *check.deadline) {
            check.allowed = false;
            check.reason_fr =
                cancellation ? "Le délai d'annulation est dépassé : il fallait annuler avant le " +
                                   format_instant_long_fr(*check.deadline) + '.'
                             : "Les inscriptions sont closes depuis le " +
                                   format_instant_long_fr(*check.deadline) + '.';
        }
        return check;
    }
    if (check.deadline && now >= *check.deadline) {
        check.allowed = false;
        check.reason_fr = std::string(cancellation ? "Le délai d'annulation est dépassé : il "
                                                     "fallait annuler avant le "
                                                   : "Le délai de réservation est dépassé : il "
                                                     "fallait réserver avant le ") +
                          format_instant_long_fr(*check.deadline) + '.';
    }
    return check;
}

int age_in_months(Date birth, Date on)
{
    int months = (on.year - birth.year) * 12 + (on.month - birth.month);
    const int anniversary_day = std::min(birth.day, days_in_month(on.year, on.month));
    if (months > 0 && on.day < anniversary_day) {
        --months;
    } else if (months <= 0 && on < birth) {
        // Not born yet: always negative, even within the birth month.
        months = std::min(months, -1);
    }
    return months;
}

std::string describe_age_range_fr(std::optional<int> min_age_months,
                                  std::optional<int> max_age_months)
{
    if (min_age_months && max_age_months) {
        const AgeText from = age_text(*min_age_months, false);
        const AgeText to = age_text(*max_age_months, true);
        // "de 3 à 11 ans", "de 30 à 36 mois", but "de 18 mois à 2 ans".
        const std::string first =
            in_years(from) == in_years(to) ? std::to_string(from.value) : with_unit(from);
        return "de " + first + " à " + with_unit(to);
    }
    if (min_age_months) {
        return "à partir de " + with_unit(age_text(*min_age_months, false));
    }
    if (max_age_months) {
        return "jusqu'à " + with_unit(age_text(*max_age_months, true));
    }
    return "";
}

bool class_matches_levels(std::string_view class_name, const std::vector<std::string>& levels)
{
    const std::set<std::string> child_levels = level_tokens(class_name);
    for (const std::string& level : levels) {
        for (const std::string& token : level_tokens(level)) {
            if (child_levels.count(token) != 0) {
                return true;
            }
        }
    }
    return false;
}

std::string eligibility_refusal(const Eligibility& rules, const ChildFacts& child,
                                const std::string& first_name, Date on)
{
    // The texts are made only for a refusal: a planning month asks about every day it shows.
    if (rules.min_age_months || rules.max_age_months) {
        const auto range = [&] {
            return describe_age_range_fr(rules.min_age_months, rules.max_age_months);
        };
        if (!child.birth_date) {
            return first_name +
                   " n'a pas de date de naissance renseignée dans le dossier de famille : l'âge "
                   "requis (" +
                   range() + ") ne peut pas être vérifié.";
        }
        const int age = age_in_months(*child.birth_date, on);
        if ((rules.min_age_months && age < *rules.min_age_months) ||
            (rules.max_age_months && age > *rules.max_age_months)) {
            return first_name + " n'a pas l'âge requis (" + range() + ") le " +
                   format_long_date_fr(on) + '.';
        }
    }
    const std::string levels =
        rules.school_levels.empty() ? std::string() : join_levels(rules.school_levels);
    if (!levels.empty() && !class_matches_levels(child.class_name, rules.school_levels)) {
        const std::string reserved = "est réservée aux classes " + levels + '.';
        if (level_tokens(child.class_name).empty()) {
            return first_name +
                   " n'a pas de classe renseignée dans le dossier de famille ; cette activité " +
                   reserved;
        }
        return "Cette activité " + reserved;
    }
    if (rules.residents_only && !child.resident) {
        return "Cette activité est réservée aux familles résidant dans la commune.";
    }
    return "";
}

} // namespace domain
