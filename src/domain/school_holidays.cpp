#include "domain/school_holidays.h"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace domain
{

namespace
{

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

struct Record {
    std::size_t line; // where the record starts, header = 1
    std::vector<std::string> fields;
};

[[noreturn]] void fail(std::size_t line, const std::string& what)
{
    throw std::invalid_argument("Calendrier scolaire, ligne " + std::to_string(line) + " : " +
                                what + '.');
}

std::string_view trim(std::string_view text)
{
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::string quoted_fr(std::string_view text)
{
    return "« " + std::string(text) + " »";
}

// Reads RFC 4180 records: fields in double quotes may hold the separator, line breaks and
// doubled quotes; a CR before LF is dropped.
std::vector<Record> read_records(std::string_view text, char separator)
{
    std::vector<Record> records;
    std::size_t i = 0;
    std::size_t line = 1;
    const std::size_t n = text.size();
    while (i < n) {
        Record record{line, {}};
        while (true) {
            std::string field;
            if (text[i] == '"') {
                const std::size_t opened_at = line;
                ++i;
                while (true) {
                    if (i >= n) {
                        fail(opened_at, "guillemet non fermé");
                    }
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (c == '\n') {
                        ++line;
                    }
                    field += c;
                    ++i;
                }
                if (i < n && text[i] != separator && text[i] != '\r' && text[i] != '\n') {
                    fail(line, "texte inattendu après un champ entre guillemets");
                }
            } else {
                while (i < n && text[i] != separator && text[i] != '\n') {
                    field += text[i];
                    ++i;
                }
                if (!field.empty() && field.back() == '\r') {
                    field.pop_back();
                }
            }
            record.fields.push_back(std::move(field));
            if (i < n && text[i] == separator) {
                ++i;
                if (i >= n) {
                    record.fields.emplace_back();
                    break;
                }
                continue;
            }
            if (i < n && text[i] == '\r') {
                ++i;
            }
            if (i < n && text[i] == '\n') {
                ++i;
                ++line;
            }
            break;
        }
        records.push_back(std::move(record));
    }
    return records;
}

bool blank(const Record& record)
{
    return std::all_of(record.fields.begin(), record.fields.end(),
                       [](const std::string& f) { return trim(f).empty(); });
}

// Lower-case ASCII, é/è/É/È read as e, '_' as a space, spaces collapsed: "Date de début"
// and "date_de_debut" both give "date de debut".
std::string fold(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next == 0xA9 || next == 0xA8 || next == 0x89 || next == 0x88) {
                c = 'e';
                ++i;
            }
        }
        if (c == '_' || c == '\t') {
            c = ' ';
        }
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c == ' ' && (out.empty() || out.back() == ' ')) {
            continue;
        }
        out += c;
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

// "Zone B", "zone b", " B " all give "b".
std::string zone_key(std::string_view text)
{
    std::string key = fold(text);
    if (key == "zone") {
        return "";
    }
    if (key.starts_with("zone ")) {
        key.erase(0, 5);
    }
    return key;
}

// Whether a folded text holds the word (ASCII letters only; anything else separates words).
bool has_word(const std::string& folded, std::string_view word)
{
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && !(folded[i] >= 'a' && folded[i] <= 'z')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < folded.size() && folded[i] >= 'a' && folded[i] <= 'z') {
            ++i;
        }
        if (std::string_view(folded).substr(start, i - start) == word) {
            return true;
        }
    }
    return false;
}

// Positions in column_specs.
enum Column {
    col_description,
    col_population,
    col_start,
    col_end,
    col_location,
    col_zones,
    col_year
};

struct ColumnSpec {
    std::array<std::string_view, 3> names; // folded spellings; "" unused
    const char* label;                     // for the error message
    bool required;
};

const std::array<ColumnSpec, 7> column_specs{{
    {{"description", "", ""}, "Description (description)", true},
    {{"population", "", ""}, "Population (population)", false},
    {{"date de debut", "start date", ""}, "Date de début (start_date)", true},
    {{"date de fin", "end date", ""}, "Date de fin (end_date)", true},
    {{"academies", "academie", "location"}, "Académies (location)", false},
    {{"zones", "zone", ""}, "Zones (zones)", true},
    {{"annee scolaire", "", ""}, "annee_scolaire", false},
}};

using ColumnIndex = std::array<std::optional<std::size_t>, 7>;

ColumnIndex locate_columns(const Record& header)
{
    ColumnIndex index;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string name = fold(trim(header.fields[i]));
        for (std::size_t c = 0; c < column_specs.size(); ++c) {
            const auto& names = column_specs[c].names;
            if (!index[c] && !name.empty() &&
                std::find(names.begin(), names.end(), name) != names.end()) {
                index[c] = i;
            }
        }
    }
    for (std::size_t c = 0; c < column_specs.size(); ++c) {
        if (column_specs[c].required && !index[c]) {
            fail(header.line,
                 std::string("colonne ") + quoted_fr(column_specs[c].label) + " absente");
        }
    }
    return index;
}

// Exactly `width` ASCII digits at text[pos..).
std::optional<int> digits_at(std::string_view text, std::size_t pos, std::size_t width)
{
    if (pos + width > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// "+02:00", "-0500", "+01", "Z" → seconds east of UTC.
std::optional<int> parse_offset(std::string_view text)
{
    if (text == "Z" || text == "z") {
        return 0;
    }
    if (text.empty() || (text[0] != '+' && text[0] != '-')) {
        return std::nullopt;
    }
    const int sign = text[0] == '-' ? -1 : 1;
    std::optional<int> hours = digits_at(text, 1, 2);
    std::optional<int> minutes = 0;
    if (text.size() == 6 && text[3] == ':') {
        minutes = digits_at(text, 4, 2);
    } else if (text.size() == 5) {
        minutes = digits_at(text, 3, 2);
    } else if (text.size() != 3) {
        return std::nullopt;
    }
    if (!hours || !minutes || *hours > 23 || *minutes > 59) {
        return std::nullopt;
    }
    return sign * (*hours * 3600 + *minutes * 60);
}

// The dataset's dates: "2026-10-16T22:00:00+00:00" is the Paris date at that instant;
// "2026-10-17" and "2026-10-17T00:00:00" (no offset) are taken as written.
std::optional<Date> parse_dataset_date(std::string_view text)
{
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto year = digits_at(text, 0, 4);
    const auto month = digits_at(text, 5, 2);
    const auto day = digits_at(text, 8, 2);
    if (!year || !month || !day || *year < 1) {
        return std::nullopt;
    }
    const Date date{*year, *month, *day};
    if (!is_valid_date(date)) {
        return std::nullopt;
    }
    if (text.size() == 10) {
        return date;
    }
    if ((text[10] != 'T' && text[10] != ' ') || text.size() < 16 || text[13] != ':') {
        return std::nullopt;
    }
    LocalDateTime local{date, 0, 0, 0};
    const auto hour = digits_at(text, 11, 2);
    const auto minute = digits_at(text, 14, 2);
    if (!hour || !minute) {
        return std::nullopt;
    }
    local.hour = *hour;
    local.minute = *minute;
    std::size_t pos = 16;
    if (pos < text.size() && text[pos] == ':') {
        const auto second = digits_at(text, pos + 1, 2);
        if (!second) {
            return std::nullopt;
        }
        local.second = *second;
        pos += 3;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            const std::size_t fraction_start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                ++pos;
            }
            if (pos == fraction_start) {
                return std::nullopt;
            }
        }
    }
    if (!is_valid_date_time(local)) {
        return std::nullopt;
    }
    if (pos == text.size()) {
        return date;
    }
    const auto offset = parse_offset(text.substr(pos));
    if (!offset) {
        return std::nullopt;
    }
    return paris_from_epoch(utc_epoch(local) - *offset).date;
}

Date required_date(const Record& record, std::size_t column, const char* what)
{
    const std::string_view text = trim(record.fields[column]);
    if (text.empty()) {
        fail(record.line, std::string(what) + " manquante");
    }
    const auto date = parse_dataset_date(text);
    if (!date) {
        fail(record.line, std::string(what) + " invalide " + quoted_fr(text));
    }
    return *date;
}

std::string field_or_empty(const Record& record, const std::optional<std::size_t>& column)
{
    return column ? std::string(trim(record.fields[*column])) : std::string();
}

// The holiday of one row of the wanted zone; the matched zone text is given.
SchoolHoliday holiday_of_row(const Record& record, const ColumnIndex& index, std::string zone)
{
    SchoolHoliday holiday;
    holiday.description = field_or_empty(record, index[col_description]);
    if (holiday.description.empty()) {
        fail(record.line, "description manquante");
    }
    holiday.first = required_date(record, *index[col_start], "date de début");
    const Date resumption = required_date(record, *index[col_end], "date de fin");
    if (resumption < holiday.first) {
        fail(record.line, "la date de fin précède la date de début");
    }
    if (resumption == holiday.first) {
        // Only the start is published: the summer holidays end with the next rentrée, which
        // comes with the next school year's rows.
        const Date end_of_august{holiday.first.year, 8, 31};
        const bool summer = has_word(fold(holiday.description), "ete");
        holiday.last = summer && holiday.first < end_of_august ? end_of_august : holiday.first;
    } else {
        holiday.last = add_days(resumption, -1);
    }
    holiday.zone = std::move(zone);
    holiday.school_year = field_or_empty(record, index[col_year]);
    return holiday;
}

// The part of a zones cell ("Zone A, Zone B") naming the wanted zone, if any.
std::optional<std::string> matching_zone(std::string_view cell, const std::string& wanted)
{
    std::size_t start = 0;
    while (start <= cell.size()) {
        std::size_t comma = cell.find(',', start);
        if (comma == std::string_view::npos) {
            comma = cell.size();
        }
        const std::string_view part = trim(cell.substr(start, comma - start));
        if (!part.empty() && zone_key(part) == wanted) {
            return std::string(part);
        }
        start = comma + 1;
    }
    return std::nullopt;
}

auto sort_key(const SchoolHoliday& h)
{
    return std::tie(h.first, h.last, h.description, h.school_year);
}

} // namespace

std::vector<SchoolHoliday> parse_school_holidays_csv(std::string_view csv, std::string_view zone)
{
    const std::string wanted = zone_key(zone);
    if (wanted.empty()) {
        throw std::invalid_argument("Calendrier scolaire : aucune zone indiquée.");
    }
    if (csv.starts_with(utf8_bom)) {
        csv.remove_prefix(utf8_bom.size());
    }
    const std::string_view first_line = csv.substr(0, csv.find('\n'));
    const char separator = first_line.find(';') != std::string_view::npos ? ';' : ',';

    std::vector<Record> records = read_records(csv, separator);
    records.erase(std::remove_if(records.begin(), records.end(), blank), records.end());
    if (records.empty()) {
        throw std::invalid_argument("Calendrier scolaire : le fichier est vide.");
    }
    const ColumnIndex index = locate_columns(records.front());
    const std::size_t columns = records.front().fields.size();

    std::vector<SchoolHoliday> holidays;
    for (std::size_t r = 1; r < records.size(); ++r) {
        Record& record = records[r];
        if (record.fields.size() < columns) {
            fail(record.line, std::to_string(record.fields.size()) + " colonnes au lieu de " +
                                  std::to_string(columns));
        }
        const bool extra_filled =
            std::any_of(record.fields.begin() + static_cast<std::ptrdiff_t>(columns),
                        record.fields.end(), [](const std::string& f) { return !trim(f).empty(); });
        if (extra_filled) {
            fail(record.line, std::to_string(record.fields.size()) + " colonnes au lieu de " +
                                  std::to_string(columns));
        }
        if (fold(field_or_empty(record, index[col_population])) == "enseignants") {
            continue;
        }
        auto zone_text = matching_zone(record.fields[*index[col_zones]], wanted);
        if (!zone_text) {
            continue;
        }
        holidays.push_back(holiday_of_row(record, index, std::move(*zone_text)));
    }

    std::stable_sort(
        holidays.begin(), holidays.end(),
        [](const SchoolHoliday& a, const SchoolHoliday& b) { return sort_key(a) < sort_key(b); });
    holidays.erase(std::unique(holidays.begin(), holidays.end(),
                               [](const SchoolHoliday& a, const SchoolHoliday& b) {
                                   return sort_key(a) == sort_key(b);
                               }),
                   holidays.end());
    return holidays;
}

std::vector<DateRange> holiday_ranges(const std::vector<SchoolHoliday>& holidays)
{
    std::vector<DateRange> ranges;
    ranges.reserve(holidays.size());
    for (const SchoolHoliday& holiday : holidays) {
        ranges.push_back(DateRange{holiday.first, holiday.last});
    }
    return ranges;
}

} // namespace domain
