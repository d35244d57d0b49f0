// Official school holidays from the national open-data dataset "fr-en-calendrier-scolaire"
// (data.education.gouv.fr), as its CSV export gives them.
#pragma once

#include "domain/calendar.h"
#include "domain/time.h"

#include <string>
#include <string_view>
#include <vector>

namespace domain
{

struct SchoolHoliday {
    std::string description; // "Vacances de la Toussaint"
    Date first;              // the first day without classes
    Date last;               // the last day without classes (included)
    std::string zone;        // as written in the file: "Zone B"
    std::string school_year; // "2026-2027"
    bool operator==(const SchoolHoliday&) const = default;
};

// Parses the dataset's CSV export and keeps the holidays of one zone ("B" and "Zone B" are
// the same, case aside), in date order.
// - Header: either the export's labels (Description;Population;Date de début;Date de fin;
//   Académies;Zones;annee_scolaire) or the API field names (description;population;
//   start_date;end_date;location;zones;annee_scolaire), in any order; a UTF-8 BOM, ';' or
//   ',' as separator (the header's decides), quoted fields and CRLF are accepted.
// - Dates: an instant with its offset ("2026-10-16T22:00:00+00:00") is read as the Paris date
//   at that instant (here 17 October); a plain date or a time without offset is taken as is.
// - The dataset's end date is the day classes resume, so a holiday's last day is the day
//   before it: Toussaint 2026 from 2026-10-17 to 2026-11-02 lasts 17 October..1 November.
//   A row whose end equals its start marks only the start: "Début des Vacances d'Été" (the
//   ministry publishes the rentrée with the next school year) runs to 31 August, any other
//   such row is one day.
// - Rows of population "Enseignants" are skipped; a row listing several zones ("Zone A,
//   Zone B") counts for each; identical periods repeated per académie are kept once.
// Throws std::invalid_argument with a French message naming the line for a missing
// column, a malformed row or an impossible date.
std::vector<SchoolHoliday> parse_school_holidays_csv(std::string_view csv, std::string_view zone);

// The periods alone, for opening_dates.
std::vector<DateRange> holiday_ranges(const std::vector<SchoolHoliday>& holidays);

} // namespace domain
