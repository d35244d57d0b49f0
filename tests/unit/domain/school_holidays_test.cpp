#include "domain/school_holidays.h"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using domain::Date;
using domain::SchoolHoliday;

namespace
{

// tests/unit/domain/data/calendrier-scolaire-sample.csv is SAMPLE DATA, not the official
// calendar: an excerpt shaped like the "fr-en-calendrier-scolaire" export (labels header,
// ';', Paris midnights as UTC instants, one row per académie, a teachers' row, a summer row
// with no end), with 2026-2027 dates inferred for the tests (zone B: Toussaint 17 Oct–2 Nov
// 2026, Noël 19 Dec–4 Jan, Hiver 20 Feb–8 Mar 2027, Printemps 17 Apr–3 May, Pont de
// l'Ascension 6–10 May, summer from 3 July). CSV has no comment syntax, hence this note.
std::string sample_csv()
{
    const char* root = std::getenv("PORTAIL_ROOT");
    const std::filesystem::path base =
        root && *root ? std::filesystem::path(root) : std::filesystem::current_path();
    const auto path = base / "tests/unit/domain/data/calendrier-scolaire-sample.csv";
    std::ifstream in(path, std::ios::binary);
    BOOST_TEST_REQUIRE(in.good(), path.string() << " not found (set PORTAIL_ROOT)");
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::string iso(Date d)
{
    return domain::format_sql_datetime({d, 0, 0, 0}).substr(0, 10);
}

// "Vacances de Noël 2026-12-19..2027-01-03 Zone B 2026-2027".
std::vector<std::string> lines(const std::vector<SchoolHoliday>& holidays)
{
    std::vector<std::string> out;
    for (const SchoolHoliday& h : holidays) {
        out.push_back(h.description + ' ' + iso(h.first) + ".." + iso(h.last) + ' ' + h.zone + ' ' +
                      h.school_year);
    }
    return out;
}

std::vector<std::string> parse(std::string_view csv, std::string_view zone = "B")
{
    return lines(domain::parse_school_holidays_csv(csv, zone));
}

std::string error_of(std::string_view csv, std::string_view zone = "B")
{
    try {
        domain::parse_school_holidays_csv(csv, zone);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no error";
}

const std::string labels_header =
    "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\n";
const std::string api_header =
    "description;population;start_date;end_date;location;zones;annee_scolaire\n";
const std::string toussaint_b = "Vacances de la Toussaint 2026-10-17..2026-11-01 Zone B 2026-2027";

} // namespace

BOOST_AUTO_TEST_SUITE(domain_school_holidays)

BOOST_AUTO_TEST_CASE(sample_file_gives_the_zone_b_holidays)
{
    BOOST_TEST(parse(sample_csv(), "B") ==
                   (std::vector<std::string>{
                       "Début des Vacances d'Été 2026-07-04..2026-08-31 Zone B 2025-2026",
                       toussaint_b,
                       "Vacances de Noël 2026-12-19..2027-01-03 Zone B 2026-2027",
                       "Vacances d'Hiver 2027-02-20..2027-03-07 Zone B 2026-2027",
                       "Vacances de Printemps 2027-04-17..2027-05-02 Zone B 2026-2027",
                       "Pont de l'Ascension 2027-05-06..2027-05-09 Zone B 2026-2027",
                       "Début des Vacances d'Été 2027-07-03..2027-08-31 Zone B 2026-2027",
                   }),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sample_file_gives_other_zones_their_own_dates)
{
    BOOST_TEST(parse(sample_csv(), "Zone A") ==
                   (std::vector<std::string>{
                       "Vacances de la Toussaint 2026-10-17..2026-11-01 Zone A 2026-2027",
                       "Vacances de Noël 2026-12-19..2027-01-03 Zone A 2026-2027",
                       "Vacances d'Hiver 2027-02-13..2027-02-28 Zone A 2026-2027",
                       "Vacances de Printemps 2027-04-10..2027-04-25 Zone A 2026-2027",
                       "Pont de l'Ascension 2027-05-06..2027-05-09 Zone A 2026-2027",
                       "Début des Vacances d'Été 2027-07-03..2027-08-31 Zone A 2026-2027",
                   }),
               boost::test_tools::per_element());
    BOOST_TEST(parse(sample_csv(), "Corse") ==
                   (std::vector<std::string>{
                       "Vacances de la Toussaint 2026-10-17..2026-11-01 Corse 2026-2027"}),
               boost::test_tools::per_element());
    BOOST_TEST(parse(sample_csv(), "Zone D").empty());
}

BOOST_AUTO_TEST_CASE(zone_is_matched_without_case_and_the_word_zone)
{
    const auto expected = parse(sample_csv(), "B");
    for (const char* zone : {"Zone B", "zone b", "ZONE B", " b ", "Zone  B", "zone_b"}) {
        BOOST_TEST_INFO("zone " << zone);
        BOOST_TEST(parse(sample_csv(), zone) == expected, boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(api_field_names_with_commas_and_quotes)
{
    const std::string csv = "description,population,start_date,end_date,location,zones,"
                            "annee_scolaire\n"
                            "\"Vacances de la Toussaint\",\"-\",\"2026-10-16T22:00:00+00:00\","
                            "\"2026-11-01T23:00:00+00:00\",\"Rennes\",\"Zone B\",\"2026-2027\"\n"
                            "\"Pont de l'Ascension, \"\"pont\"\"\",-,2027-05-05T22:00:00+00:00,"
                            "2027-05-09T22:00:00+00:00,Rennes,Zone B,2026-2027\n";
    BOOST_TEST(parse(csv) ==
                   (std::vector<std::string>{
                       toussaint_b,
                       "Pont de l'Ascension, \"pont\" 2027-05-06..2027-05-09 Zone B 2026-2027"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(api_field_names_with_semicolons)
{
    const std::string csv = api_header + "Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;"
                                         "2026-11-01T23:00:00+00:00;Rennes;Zone B;2026-2027\n";
    BOOST_TEST(parse(csv) == std::vector<std::string>{toussaint_b},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bom_and_crlf_are_accepted)
{
    const std::string csv = "\xEF\xBB\xBF"
                            "Description;Population;Date de début;Date de fin;Académies;Zones;"
                            "annee_scolaire\r\n"
                            "Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;"
                            "2026-11-01T23:00:00+00:00;Rennes;Zone B;2026-2027\r\n"
                            "\r\n";
    BOOST_TEST(parse(csv) == std::vector<std::string>{toussaint_b},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(columns_in_any_order_and_extra_columns)
{
    const std::string csv = "Zones;annee_scolaire;Date de fin;Autre;Date de début;Description\n"
                            "Zone B;2026-2027;2026-11-01T23:00:00+00:00;x;"
                            "2026-10-16T22:00:00+00:00;Vacances de la Toussaint\n";
    BOOST_TEST(parse(csv) == std::vector<std::string>{toussaint_b},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(utc_instants_give_the_paris_date)
{
    // 22:00 UTC in summer and 23:00 UTC in winter are both Paris midnight of the next day;
    // 21:59 UTC in October is still the same Paris day.
    const std::string csv = labels_header +
                            "Summer;-;2026-10-16T22:00:00+00:00;2026-10-18T21:59:59+00:00;R;"
                            "Zone B;y\n"
                            "Winter;-;2026-12-18T23:00:00+00:00;2026-12-20T22:59:00+00:00;R;"
                            "Zone B;y\n"
                            "Zulu;-;2027-02-19T23:00:00Z;2027-02-22T23:00:00.000Z;R;Zone B;y\n"
                            "Offset;-;2027-04-17T00:00:00+02:00;2027-04-20T00:00+0200;R;Zone B;y\n";
    BOOST_TEST(parse(csv) == (std::vector<std::string>{
                                 "Summer 2026-10-17..2026-10-17 Zone B y",
                                 "Winter 2026-12-19..2026-12-19 Zone B y",
                                 "Zulu 2027-02-20..2027-02-22 Zone B y",
                                 "Offset 2027-04-17..2027-04-19 Zone B y",
                             }),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(plain_dates_are_taken_as_written)
{
    const std::string csv = labels_header +
                            "Vacances de la Toussaint;-;2026-10-17;2026-11-02;Rennes;Zone B;"
                            "2026-2027\n"
                            "Local;-;2027-02-20T00:00:00;2027-03-08 00:00;Rennes;Zone B;x\n";
    BOOST_TEST(parse(csv) ==
                   (std::vector<std::string>{toussaint_b, "Local 2027-02-20..2027-03-07 Zone B x"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(end_date_is_the_day_classes_resume)
{
    const auto holidays = domain::parse_school_holidays_csv(sample_csv(), "B");
    const auto ranges = domain::holiday_ranges(holidays);
    // Toussaint: classes resume Monday 2 November 2026, so the last day off is Sunday 1st.
    BOOST_TEST(domain::contains(ranges.at(1), {2026, 11, 1}));
    BOOST_TEST(!domain::contains(ranges.at(1), {2026, 11, 2}));
    BOOST_TEST(domain::contains(ranges.at(1), {2026, 10, 17}));
    BOOST_TEST(!domain::contains(ranges.at(1), {2026, 10, 16}));
}

BOOST_AUTO_TEST_CASE(start_only_rows_last_one_day_except_the_summer)
{
    const std::string csv = labels_header +
                            "Début des Vacances d'Été;-;2027-07-02T22:00:00+00:00;"
                            "2027-07-02T22:00:00+00:00;R;Zone B;2026-2027\n"
                            "Debut des vacances d’ete;-;2028-07-01;2028-07-01;R;Zone B;2027-2028\n"
                            "Journée de solidarité;-;2027-06-07;2027-06-07;R;Zone B;2026-2027\n";
    BOOST_TEST(parse(csv) ==
                   (std::vector<std::string>{
                       "Journée de solidarité 2027-06-07..2027-06-07 Zone B 2026-2027",
                       "Début des Vacances d'Été 2027-07-03..2027-08-31 Zone B 2026-2027",
                       "Debut des vacances d’ete 2028-07-01..2028-08-31 Zone B 2027-2028"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(repeated_periods_are_kept_once)
{
    const std::string row = ";2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;";
    const std::string csv = labels_header + "Vacances de la Toussaint;-" + row +
                            "Rennes;Zone B;2026-2027\n" + "Vacances de la Toussaint;Élèves" + row +
                            "Nantes;Zone B;2026-2027\n" + "Vacances de la Toussaint;-" + row +
                            "Lille;zone b;2026-2027\n" +
                            // Same dates, another school year label: a different row.
                            "Vacances de la Toussaint;-" + row + "Lille;Zone B;2027-2028\n";
    BOOST_TEST(
        parse(csv) ==
            (std::vector<std::string>{
                toussaint_b, "Vacances de la Toussaint 2026-10-17..2026-11-01 Zone B 2027-2028"}),
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(teachers_rows_are_skipped)
{
    const std::string csv = labels_header +
                            "Vacances de la Toussaint;Enseignants;2026-10-15T22:00:00+00:00;"
                            "2026-11-02T23:00:00+00:00;Rennes;Zone B;2026-2027\n"
                            "Vacances de la Toussaint; enseignants ;2026-10-15;2026-11-03;Rennes;"
                            "Zone B;2026-2027\n"
                            "Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;"
                            "2026-11-01T23:00:00+00:00;Rennes;Zone B;2026-2027\n";
    BOOST_TEST(parse(csv) == std::vector<std::string>{toussaint_b},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_row_for_several_zones_counts_for_each)
{
    const std::string csv = labels_header + "Pont;-;2027-05-06;2027-05-10;National;"
                                            "\"Zone A, Zone B\";2026-2027\n"
                                            "Hiver;-;2027-02-13;2027-03-01;Lyon;Zone A;2026-2027\n";
    BOOST_TEST(parse(csv, "B") ==
                   std::vector<std::string>{"Pont 2027-05-06..2027-05-09 Zone B 2026-2027"},
               boost::test_tools::per_element());
    BOOST_TEST(parse(csv, "A") ==
                   (std::vector<std::string>{"Hiver 2027-02-13..2027-02-28 Zone A 2026-2027",
                                             "Pont 2027-05-06..2027-05-09 Zone A 2026-2027"}),
               boost::test_tools::per_element());
    BOOST_TEST(parse(csv, "C").empty());
}

BOOST_AUTO_TEST_CASE(rows_of_other_zones_are_not_checked_for_dates)
{
    const std::string csv = labels_header + "Hiver;-;n/a;n/a;Nouméa;Nouvelle Calédonie;x\n" +
                            "Vacances de la Toussaint;-;2026-10-17;2026-11-02;Rennes;Zone B;"
                            "2026-2027\n";
    BOOST_TEST(parse(csv) == std::vector<std::string>{toussaint_b},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(quoted_line_breaks_keep_line_numbers_right)
{
    const std::string csv = labels_header + "\"Vacances\nde la Toussaint\";-;2026-10-17;"
                                            "2026-11-02;Rennes;Zone B;2026-2027\n"
                                            "Noël;-;2026-12-19;2027-01-32;Rennes;Zone B;x\n";
    BOOST_TEST(error_of(csv) ==
               "Calendrier scolaire, ligne 4 : date de fin invalide « 2027-01-32 ».");
}

BOOST_AUTO_TEST_CASE(malformed_rows_are_refused_with_their_line)
{
    BOOST_TEST(error_of(labels_header + "Noël;-;2026-12-19;2027-01-04;Rennes;Zone B\n") ==
               "Calendrier scolaire, ligne 2 : 6 colonnes au lieu de 7.");
    BOOST_TEST(error_of(labels_header + "Noël;-;2026-12-19;2027-01-04;Rennes;Zone B;x;y\n") ==
               "Calendrier scolaire, ligne 2 : 8 colonnes au lieu de 7.");
    BOOST_TEST(error_of(labels_header + "Toussaint;-;2026-10-17;2026-11-02;R;Zone B;x\n" +
                        "Noël;-;2026-12-19;2027-02-30;Rennes;Zone B;x\n") ==
               "Calendrier scolaire, ligne 3 : date de fin invalide « 2027-02-30 ».");
    BOOST_TEST(error_of(labels_header + "Noël;-;2026-12-19T25:00:00+00:00;2027-01-04;R;Zone B;"
                                        "x\n") ==
               "Calendrier scolaire, ligne 2 : date de début invalide « "
               "2026-12-19T25:00:00+00:00 ».");
    BOOST_TEST(error_of(labels_header + "Noël;-;19/12/2026;2027-01-04;R;Zone B;x\n") ==
               "Calendrier scolaire, ligne 2 : date de début invalide « 19/12/2026 ».");
    BOOST_TEST(error_of(labels_header + "Noël;-;2026-12-19T23:00:00+25:00;2027-01-04;R;Zone B;"
                                        "x\n") ==
               "Calendrier scolaire, ligne 2 : date de début invalide « "
               "2026-12-19T23:00:00+25:00 ».");
    BOOST_TEST(error_of(labels_header + "Noël;-;;2027-01-04;R;Zone B;x\n") ==
               "Calendrier scolaire, ligne 2 : date de début manquante.");
    BOOST_TEST(error_of(labels_header + "Noël;-;2027-01-04;2026-12-19;R;Zone B;x\n") ==
               "Calendrier scolaire, ligne 2 : la date de fin précède la date de début.");
    BOOST_TEST(error_of(labels_header + ";-;2026-12-19;2027-01-04;R;Zone B;x\n") ==
               "Calendrier scolaire, ligne 2 : description manquante.");
    BOOST_TEST(error_of(labels_header + "\"Noël;-;2026-12-19;2027-01-04;R;Zone B;x\n") ==
               "Calendrier scolaire, ligne 2 : guillemet non fermé.");
    BOOST_TEST(error_of(labels_header + "\"Noël\"x;-;2026-12-19;2027-01-04;R;Zone B;x\n") ==
               "Calendrier scolaire, ligne 2 : texte inattendu après un champ entre guillemets.");
}

BOOST_AUTO_TEST_CASE(missing_header_columns_are_named)
{
    BOOST_TEST(error_of("Description;Population;Date de début;Date de fin;Académies\n") ==
               "Calendrier scolaire, ligne 1 : colonne « Zones (zones) » absente.");
    BOOST_TEST(error_of("description;zones;end_date\n") ==
               "Calendrier scolaire, ligne 1 : colonne « Date de début (start_date) » absente.");
    BOOST_TEST(error_of("Vacances de la Toussaint;-;2026-10-17;2026-11-02;Rennes;Zone B;x\n") ==
               "Calendrier scolaire, ligne 1 : colonne « Description (description) » absente.");
}

BOOST_AUTO_TEST_CASE(empty_file_and_empty_zone_are_refused)
{
    BOOST_TEST(error_of("") == "Calendrier scolaire : le fichier est vide.");
    BOOST_TEST(error_of("\xEF\xBB\xBF\n\n") == "Calendrier scolaire : le fichier est vide.");
    BOOST_TEST(error_of(sample_csv(), "") == "Calendrier scolaire : aucune zone indiquée.");
    BOOST_TEST(error_of(sample_csv(), "Zone ") == "Calendrier scolaire : aucune zone indiquée.");
}

BOOST_AUTO_TEST_CASE(header_only_gives_no_holiday)
{
    BOOST_TEST(parse(labels_header).empty());
    BOOST_TEST(parse(api_header).empty());
}

BOOST_AUTO_TEST_CASE(canteen_closes_for_the_ascension_bridge)
{
    domain::OpeningRules canteen;
    canteen.period = {{2027, 4, 26}, {2027, 5, 14}};
    canteen.weekdays = 0b0011011; // Monday, Tuesday, Thursday, Friday
    const auto holidays =
        domain::holiday_ranges(domain::parse_school_holidays_csv(sample_csv(), "B"));
    std::vector<std::string> dates;
    for (const Date& d : domain::opening_dates(canteen, holidays)) {
        dates.push_back(iso(d));
    }
    // Printemps until Sunday 2 May; Ascension Thursday 6 and the bridge Friday 7 closed.
    BOOST_TEST(dates == (std::vector<std::string>{"2027-05-03", "2027-05-04", "2027-05-10",
                                                  "2027-05-11", "2027-05-13", "2027-05-14"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(vacances_activity_over_the_imported_toussaint)
{
    domain::OpeningRules vacances;
    vacances.period = {{2026, 9, 1}, {2026, 12, 18}};
    vacances.weekdays = 0b0011111; // Monday to Friday
    vacances.holidays = domain::HolidayPolicy::Only;
    const auto holidays =
        domain::holiday_ranges(domain::parse_school_holidays_csv(sample_csv(), "Zone B"));
    std::vector<std::string> dates;
    for (const Date& d : domain::opening_dates(vacances, holidays)) {
        dates.push_back(iso(d));
    }
    BOOST_TEST(dates == (std::vector<std::string>{
                            "2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23",
                            "2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
