// Activities and calendars in the back office against the real stack: creating and editing
// activities regenerates their occurrences (weekdays, public holidays, school holidays,
// closures), the school-holiday import, closures, input validation, roles and tenancy.
#include "client.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace itest;

namespace
{

using Fields = std::vector<std::pair<std::string, std::string>>;

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Text shown on a page, as written in a template or as a value the template escaped.
bool shows(const std::string& html, const std::string& text)
{
    std::string escaped;
    for (const char c : text)
        escaped += c == '\'' ? "&#39;" : c == '"' ? "&quot;" : std::string(1, c);
    return contains(html, text) || contains(html, escaped);
}

std::string sql(const std::string& statement)
{
    return Stack::get().sql(statement);
}

std::unique_ptr<Client> logged_agent(const std::string& email, const std::string& password,
                                     const std::string& host = "localhost")
{
    auto c = std::make_unique<Client>();
    c->host = host;
    c->extra_headers = {"Origin: http://" + host};
    BOOST_REQUIRE_EQUAL(c->agent_login(email, password).status, 303);
    return c;
}

std::unique_ptr<Client> logged_admin()
{
    return logged_agent(admin_email, admin_password);
}

// A canteen-like activity over November 2026, Monday, Tuesday, Thursday and Friday.
Fields activity_form(const std::string& csrf, const std::string& name)
{
    return {{"csrf", csrf},
            {"nom", name},
            {"service", "Restauration scolaire"},
            {"regie", "Régie de test"},
            {"site", "École des essais"},
            {"active", "1"},
            {"jours", "1"},
            {"jours", "2"},
            {"jours", "4"},
            {"jours", "5"},
            {"debut", "2026-11-01"},
            {"fin", "2026-11-30"},
            {"vacances", "closed"},
            {"capacite", "25"},
            {"liste_attente", "1"},
            {"taille_liste_attente", "5"},
            {"attribution", "first_come"},
            {"age_min_mois", "36"},
            {"age_max_mois", "143"},
            {"niveaux", "ps, ms,gs"},
            {"delai_reservation", "jours-ouvres:2@12:00"},
            {"delai_annulation", "veille-semaine:4@12:00"},
            {"demandes_longues", "automatic"}};
}

// The form with field `name` set to `value` (every occurrence replaced; added when absent).
Fields with(Fields fields, const std::string& name, const std::string& value)
{
    bool found = false;
    for (auto& [n, v] : fields)
        if (n == name) {
            v = value;
            found = true;
        }
    if (!found)
        fields.emplace_back(name, value);
    return fields;
}

Fields without(Fields fields, const std::string& name)
{
    std::erase_if(fields, [&](const auto& f) { return f.first == name; });
    return fields;
}

struct Created {
    std::string id;
    std::string path;
    std::string location; // the redirect, with its ?ouverture=N
};

Created create_activity(Client& c, const Fields& form)
{
    const auto r = c.post_form("/gestion/activites/nouvelle", form);
    BOOST_REQUIRE_EQUAL(r.status, 303);
    const auto location = r.header("location");
    const std::string prefix = "/gestion/activites/";
    BOOST_REQUIRE(location.rfind(prefix, 0) == 0);
    const auto query = location.find('?');
    const auto path = location.substr(0, query);
    return {path.substr(prefix.size()), path, location};
}

std::string activity_count(const std::string& name)
{
    return sql("SELECT COUNT(*) FROM activity WHERE name = '" + name + "'");
}

// The open days of an activity between two dates, "YYYY-MM-DD" separated by spaces.
std::string open_days(const std::string& id, const std::string& first, const std::string& last)
{
    return sql("SELECT IFNULL(GROUP_CONCAT(day ORDER BY day SEPARATOR ' '), '') FROM occurrence"
               " WHERE activity_id = " +
               id + " AND closed = 0 AND day BETWEEN '" + first + "' AND '" + last + "'");
}

std::string closed_flag(const std::string& id, const std::string& day)
{
    return sql("SELECT closed FROM occurrence WHERE activity_id = " + id + " AND day = '" + day +
               "'");
}

// --- multipart ---------------------------------------------------------------------------

const std::string boundary = "----portail-itest-activites-5c1e";

Reply post_file(Client& c, const std::string& path, const std::string& csrf,
                const std::string& filename, const std::string& type, const std::string& data)
{
    std::string body = "--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"" +
            filename + "\"\r\nContent-Type: " + type + "\r\n\r\n" + data + "\r\n";
    body += "--" + boundary + "--\r\n";
    return c.post_raw(path, "multipart/form-data; boundary=" + boundary, body);
}

// An extract of the national dataset's CSV export (fr-en-calendrier-scolaire), 2026-2027:
// dates are Paris midnights written in UTC, the end date is the day classes resume; a
// teachers' row and other zones are to be skipped. The zone B periods are the real ones, as
// the demo seeds them, so that importing them changes no other suite's calendar.
const std::string sample_csv =
    "\xEF\xBB\xBF"
    "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\r\n"
    "Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Rennes;"
    "Zone B;2026-2027\r\n"
    "Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Nantes;"
    "Zone B;2026-2027\r\n"
    "Vacances de la Toussaint;Enseignants;2026-10-15T22:00:00+00:00;2026-11-02T23:00:00+00:00;"
    "Rennes;Zone B;2026-2027\r\n"
    "Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Lyon;"
    "Zone A;2026-2027\r\n"
    "Vacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Rennes;Zone B;"
    "2026-2027\r\n"
    "Vacances d'Hiver;-;2027-02-12T23:00:00+00:00;2027-02-28T23:00:00+00:00;Lyon;Zone A;"
    "2026-2027\r\n";

// A one-period file whose description is new to this run: importing it adds one row.
std::string unique_period_csv(const std::string& description)
{
    return "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\n" +
           description +
           ";-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Rennes;Zone B;2026-2027\n";
}

std::string holiday_rows()
{
    return sql("SELECT COUNT(*) FROM school_holiday");
}

} // namespace

BOOST_AUTO_TEST_SUITE(backoffice_activities)

BOOST_AUTO_TEST_CASE(an_activity_opens_on_its_weekdays_but_not_on_weekends_or_public_holidays)
{
    auto admin = logged_admin();
    const auto name = unique_name("Cantine essai ");
    const auto csrf = admin->csrf_from("/gestion/activites/nouvelle");
    const auto created = create_activity(*admin, activity_form(csrf, name));
    // November 2026: 5 Mondays, 4 Tuesdays, 4 Thursdays, 4 Fridays.
    BOOST_TEST(created.location == created.path + "?ouverture=17");
    const auto page = admin->get(created.location);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(shows(page.body, "17 jours d'ouverture"));
    BOOST_TEST(contains(page.body, "2 jours ouvrés avant, à 12h00"));
    BOOST_TEST(contains(page.body, "value=\"PS,MS,GS\""));

    const auto days = open_days(created.id, "2026-11-01", "2026-11-30");
    BOOST_TEST(days == "2026-11-02 2026-11-03 2026-11-05 2026-11-06 2026-11-09 2026-11-10 "
                       "2026-11-12 2026-11-13 2026-11-16 2026-11-17 2026-11-19 2026-11-20 "
                       "2026-11-23 2026-11-24 2026-11-26 2026-11-27 2026-11-30");
    BOOST_TEST(sql("SELECT COUNT(*) FROM occurrence WHERE activity_id = " + created.id +
                   " AND (DAYOFWEEK(day) IN (1, 4, 7))") == "0");
    BOOST_TEST(sql("SELECT DISTINCT capacity FROM occurrence WHERE activity_id = " + created.id) ==
               "25");
    BOOST_TEST(sql("SELECT CONCAT(weekdays, ' ', school_levels, ' ', booking_rule, ' ',"
                   " cancel_rule, ' ', IFNULL(min_age_months, 'x'), ' ', waiting_list_size)"
                   " FROM activity WHERE id = " +
                   created.id) == "1101100 PS,MS,GS jours-ouvres:2@12:00 veille-semaine:4@12:00 "
                                  "36 5");
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE object_type = 'activity' AND object_id = " +
                   created.id + " AND action = 'Création d''une activité'") == "1");

    // Every weekday: Wednesday 11 November (Armistice) stays closed, weekends open.
    const auto all_days = unique_name("Tous les jours ");
    auto form = without(activity_form(csrf, all_days), "jours");
    for (const char* d : {"1", "2", "3", "4", "5", "6", "7"})
        form.emplace_back("jours", d);
    const auto every = create_activity(*admin, form);
    BOOST_TEST(every.location == every.path + "?ouverture=28");
    BOOST_TEST(open_days(every.id, "2026-11-10", "2026-11-12") == "2026-11-10 2026-11-12");
    BOOST_TEST(open_days(every.id, "2026-11-01", "2026-11-01") == ""); // Toussaint, Sunday

    // The list shows it with its days and deadlines in French.
    const auto list = admin->get("/gestion/activites");
    BOOST_TEST(list.status == 200);
    BOOST_TEST(contains(list.body, name));
    BOOST_TEST(contains(list.body, "lun. mar. jeu. ven."));
    BOOST_TEST(contains(list.body, "le jeudi précédent à 12h00"));
    BOOST_TEST(contains(list.body, "href=\"" + created.path + "\""));
}

BOOST_AUTO_TEST_CASE(editing_an_activity_regenerates_its_days_and_keeps_the_record)
{
    auto admin = logged_admin();
    const auto name = unique_name("Periscolaire essai ");
    const auto csrf = admin->csrf_from("/gestion/activites/nouvelle");
    const auto created = create_activity(*admin, activity_form(csrf, name));

    // Tuesdays and Thursdays only, 40 places.
    auto form = with(without(activity_form(csrf, name), "jours"), "capacite", "40");
    form.emplace_back("jours", "2");
    form.emplace_back("jours", "4");
    const auto r = admin->post_form(created.path, form);
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == created.path + "?ouverture=8");
    BOOST_TEST(open_days(created.id, "2026-11-01", "2026-11-08") == "2026-11-03 2026-11-05");
    // The Mondays and Fridays are kept, closed (their bookings, if any, stay on record).
    BOOST_TEST(closed_flag(created.id, "2026-11-02") == "1");
    BOOST_TEST(sql("SELECT DISTINCT capacity FROM occurrence WHERE activity_id = " + created.id +
                   " AND closed = 0") == "40");
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE object_type = 'activity' AND object_id = " +
                   created.id + " AND action = 'Modification d''une activité'") == "1");

    // A name another activity has: an error on the name, nothing changed.
    const auto other = unique_name("Autre essai ");
    create_activity(*admin, activity_form(csrf, other));
    const auto clash = admin->post_form(created.path, with(form, "nom", other));
    BOOST_TEST(clash.status == 400);
    BOOST_TEST(contains(clash.body, "Une autre activité porte déjà ce nom"));
    BOOST_TEST(contains(clash.body, "href=\"#activite-nom\""));
    BOOST_TEST(activity_count(name) == "1");
    const auto duplicate =
        admin->post_form("/gestion/activites/nouvelle", activity_form(csrf, other));
    BOOST_TEST(duplicate.status == 400);
    BOOST_TEST(activity_count(other) == "1");
}

BOOST_AUTO_TEST_CASE(wrong_activity_input_is_refused_in_french_and_nothing_is_stored)
{
    auto admin = logged_admin();
    const auto csrf = admin->csrf_from("/gestion/activites/nouvelle");
    const auto name = unique_name("Refusee ");
    const auto base = activity_form(csrf, name);
    const std::vector<std::pair<Fields, std::string>> cases = {
        {with(base, "fin", "2026-10-31"),
         "La fin de la période doit être le même jour que son début ou après."},
        {with(base, "fin", "2029-11-30"), "La période ne peut pas dépasser deux ans."},
        {with(base, "debut", "2026-02-30"), "doit être une date réelle"},
        {with(base, "capacite", "0"), "La capacité par jour est un nombre entier de 1 à 10 000."},
        {with(base, "capacite", "10001"), "La capacité par jour est un nombre entier"},
        {with(base, "capacite", "12abc"), "La capacité par jour est un nombre entier"},
        {with(base, "taille_liste_attente", "-1"), "La taille de la liste d'attente"},
        {with(base, "delai_reservation", "jours-ouvres:abc"),
         "Le délai de réservation n'est pas compris"},
        {with(base, "delai_annulation", "jours:2@25:00"),
         "Le délai d'annulation n'est pas compris"},
        {without(base, "jours"), "Cochez au moins un jour d'ouverture."},
        {with(base, "jours", "8"), "Les jours d'ouverture vont de 1 (lundi) à 7 (dimanche)"},
        {with(with(base, "age_min_mois", "72"), "age_max_mois", "36"),
         "L'âge maximum doit être supérieur ou égal à l'âge minimum."},
        {with(base, "niveaux", "PS;MS"), "Écrivez les niveaux scolaires séparés par des virgules"},
        {with(base, "vacances", "parfois"),
         "Choisissez une réponse pour « Pendant les vacances scolaires »."},
        {with(base, "nom", ""), "Le champ « Nom » est obligatoire."},
        {with(with(base, "service", ""), "reglement_accepte", "1"),
         "Indiquez le service dont le règlement doit être accepté."},
    };
    for (const auto& [form, message] : cases) {
        const auto r = admin->post_form("/gestion/activites/nouvelle", form);
        BOOST_TEST(r.status == 400, message);
        BOOST_TEST(shows(r.body, message), message);
        BOOST_TEST(shows(r.body, "rien n'a été enregistré"), message);
    }
    BOOST_TEST(activity_count(name) == "0");

    // On an existing activity too: nothing changes.
    const auto created = create_activity(*admin, base);
    const auto r = admin->post_form(created.path, with(base, "capacite", "0"));
    BOOST_TEST(r.status == 400);
    BOOST_TEST(sql("SELECT capacity FROM activity WHERE id = " + created.id) == "25");
    BOOST_TEST(admin->get("/gestion/activites/999999999").status == 404);
    BOOST_TEST(admin->get("/gestion/activites/abc").status == 404);
}

BOOST_AUTO_TEST_CASE(imported_school_holidays_close_the_activities_during_the_holidays)
{
    auto admin = logged_admin();
    const auto csrf = admin->csrf_from("/gestion/calendrier");
    // October and November 2026, across the Toussaint holidays (17 October..1 November).
    const auto name = unique_name("Toussaint essai ");
    const auto created =
        create_activity(*admin, with(activity_form(csrf, name), "debut", "2026-10-01"));

    const auto r = post_file(*admin, "/gestion/calendrier/vacances", csrf,
                             "fr-en-calendrier-scolaire.csv", "text/csv", sample_csv);
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location").rfind("/gestion/calendrier?importees=", 0) == 0);
    BOOST_TEST(sql("SELECT COUNT(*) FROM school_holiday WHERE zone = 'B' AND first_day ="
                   " '2026-10-17' AND last_day = '2026-11-01'") != "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM school_holiday WHERE zone = 'B' AND first_day ="
                   " '2026-10-16'") == "0"); // the teachers' row
    BOOST_TEST(open_days(created.id, "2026-10-17", "2026-11-01") == "");
    BOOST_TEST(open_days(created.id, "2026-10-12", "2026-10-16") ==
               "2026-10-12 2026-10-13 2026-10-15 2026-10-16");
    BOOST_TEST(open_days(created.id, "2026-11-02", "2026-11-03") == "2026-11-02 2026-11-03");

    const auto page = admin->get("/gestion/calendrier");
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "Vacances scolaires de la zone B"));
    BOOST_TEST(contains(page.body, "Vacances de la Toussaint"));
    BOOST_TEST(contains(page.body, "17/10/2026"));

    // A period new to the database is counted.
    const auto description = unique_name("Vacances essai ");
    const auto added = post_file(*admin, "/gestion/calendrier/vacances", csrf, "essai.csv",
                                 "text/csv", unique_period_csv(description));
    BOOST_TEST(added.status == 303);
    BOOST_TEST(added.header("location") == "/gestion/calendrier?importees=1");
    BOOST_TEST(contains(admin->get(added.header("location")).body,
                        "1 période de vacances importée pour la zone B."));
}

// The demo's holiday centre ("Vacances", open on school holidays only) also opens in the summer
// holidays that close its school year, as a centre de loisirs does, and not beyond.
BOOST_AUTO_TEST_CASE(the_demo_holiday_centre_opens_in_the_summer_that_ends_its_school_year)
{
    const std::string activity = "(SELECT a.id FROM activity a JOIN commune c ON c.id ="
                                 " a.commune_id WHERE c.slug = 'caumont' AND a.name = ";
    const auto school_end =
        sql("SELECT period_end FROM activity WHERE id = " + activity + "'Restauration scolaire')");
    const auto centre_end =
        sql("SELECT period_end FROM activity WHERE id = " + activity + "'Vacances')");
    BOOST_REQUIRE_EQUAL(school_end.size(), 10u);
    BOOST_TEST(centre_end == school_end.substr(0, 4) + "-08-31");
    // The summer's weekdays that the known zone B holidays cover, minus the public holidays
    // (14 July, 15 August): each an open day of the centre.
    const auto summer = "o.day > '" + school_end + "' AND o.day <= '" + centre_end + "'";
    const auto holiday_weekdays =
        sql("SELECT COUNT(*) FROM (SELECT '" + school_end +
            "' + INTERVAL seq DAY AS day FROM seq_1_to_62) o WHERE " + summer +
            " AND WEEKDAY(o.day) < 5 AND DATE_FORMAT(o.day, '%m-%d') NOT IN ('07-14', '08-15')"
            " AND EXISTS (SELECT 1 FROM school_holiday h WHERE h.zone = 'B' AND o.day BETWEEN"
            " h.first_day AND h.last_day)");
    const auto open = sql("SELECT COUNT(*) FROM occurrence o WHERE o.activity_id = " + activity +
                          "'Vacances') AND o.closed = 0 AND " + summer);
    BOOST_TEST(open == holiday_weekdays);
    if (school_end.substr(0, 4) == "2027") // the summer of 2027 is known: 3 July..31 August
        BOOST_TEST(open == "41");
    BOOST_TEST(sql("SELECT COUNT(*) FROM occurrence WHERE activity_id = " + activity +
                   "'Vacances') AND day > '" + centre_end + "'") == "0");
}

BOOST_AUTO_TEST_CASE(a_wrong_holiday_file_is_refused_and_nothing_is_stored)
{
    auto admin = logged_admin();
    const auto csrf = admin->csrf_from("/gestion/calendrier");
    const auto before = holiday_rows();
    const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe", 18);
    struct Case {
        std::string filename;
        std::string data;
        int status;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"image.png", png, 400, "n'est pas un fichier texte CSV en UTF-8"},
        {"vide.csv", "", 400, "Choisissez le fichier CSV du calendrier scolaire."},
        {"colonnes.csv", "Description;Population\nVacances;-\n", 400, ""},
        {"dates.csv",
         "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\n"
         "Vacances de la Toussaint;-;2026-02-30;2026-03-02;Rennes;Zone B;2026-2027\n",
         400, ""},
        {"zone.csv",
         "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\n"
         "Vacances de la Toussaint;-;2026-10-17;2026-11-02;Lyon;Zone A;2026-2027\n",
         400, "aucune période de vacances pour la zone B"},
        {"gros.csv", std::string(2 * 1024 * 1024 + 1, 'a'), 413, "Le fichier dépasse 2 Mo"},
    };
    for (const auto& c : cases) {
        const auto r =
            post_file(*admin, "/gestion/calendrier/vacances", csrf, c.filename, "text/csv", c.data);
        BOOST_TEST(r.status == c.status, c.filename);
        BOOST_TEST(shows(r.body, "Le fichier n'a pas été importé"), c.filename);
        BOOST_TEST(shows(r.body, c.message), c.filename);
    }
    BOOST_TEST(holiday_rows() == before);
}

BOOST_AUTO_TEST_CASE(a_closure_closes_a_day_and_deleting_it_reopens_the_day)
{
    auto admin = logged_admin();
    const auto csrf = admin->csrf_from("/gestion/calendrier");
    const auto name = unique_name("Fermeture essai ");
    const auto created = create_activity(*admin, activity_form(csrf, name));
    BOOST_REQUIRE(closed_flag(created.id, "2026-11-12") == "0");

    const auto motif = unique_name("Greve ");
    const auto r = admin->post_form("/gestion/calendrier/fermetures", {{"csrf", csrf},
                                                                       {"activite", created.id},
                                                                       {"du", "2026-11-12"},
                                                                       {"au", "2026-11-13"},
                                                                       {"motif", motif}});
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == "/gestion/calendrier?fermeture=ajoutee");
    BOOST_TEST(closed_flag(created.id, "2026-11-12") == "1");
    BOOST_TEST(closed_flag(created.id, "2026-11-13") == "1");
    BOOST_TEST(closed_flag(created.id, "2026-11-16") == "0");
    const auto closure = sql("SELECT id FROM closure WHERE reason = '" + motif + "'");
    BOOST_REQUIRE(!closure.empty());
    const auto page = admin->get("/gestion/calendrier");
    BOOST_TEST(contains(page.body, motif));
    BOOST_TEST(contains(page.body, "/gestion/calendrier/fermetures/" + closure + "/supprimer"));

    const auto deleted = admin->post_form(
        "/gestion/calendrier/fermetures/" + closure + "/supprimer", {{"csrf", csrf}});
    BOOST_TEST(deleted.status == 303);
    BOOST_TEST(deleted.header("location") == "/gestion/calendrier?fermeture=supprimee");
    BOOST_TEST(closed_flag(created.id, "2026-11-12") == "0");
    BOOST_TEST(closed_flag(created.id, "2026-11-13") == "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM closure WHERE id = " + closure) == "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE object_type = 'closure' AND object_id = " +
                   closure) == "2");
    BOOST_TEST(admin
                   ->post_form("/gestion/calendrier/fermetures/" + closure + "/supprimer",
                               {{"csrf", csrf}})
                   .status == 404);

    // Wrong closures: nothing stored.
    const auto count = sql("SELECT COUNT(*) FROM closure");
    const std::vector<std::pair<Fields, std::string>> wrong = {
        {{{"csrf", csrf}, {"activite", ""}, {"du", "2026-11-13"}, {"au", "2026-11-12"}},
         "La fin de la fermeture doit être le même jour que son début ou après."},
        {{{"csrf", csrf}, {"activite", "999999999"}, {"du", "2026-11-12"}, {"au", "2026-11-12"}},
         "Choisissez une réponse pour « Activité fermée »."},
        {{{"csrf", csrf}, {"activite", ""}, {"du", "12/11/2026"}, {"au", "2026-11-12"}},
         "doit être une date réelle"},
        {{{"csrf", csrf}, {"activite", ""}, {"du", "2026-11-12"}, {"au", "2029-11-12"}},
         "Une fermeture ne peut pas dépasser deux ans."},
    };
    for (const auto& [form, message] : wrong) {
        const auto refused = admin->post_form("/gestion/calendrier/fermetures", form);
        BOOST_TEST(refused.status == 400, message);
        BOOST_TEST(shows(refused.body, message), message);
    }
    BOOST_TEST(sql("SELECT COUNT(*) FROM closure") == count);
}

BOOST_AUTO_TEST_CASE(only_administrators_of_the_commune_manage_activities)
{
    auto admin = logged_admin();
    const auto csrf = admin->csrf_from("/gestion/activites/nouvelle");
    const auto name = unique_name("Privee ");
    const auto created = create_activity(*admin, activity_form(csrf, name));

    // An agent of the commune without the administrateur role: 403 on every page and form.
    const auto email = unique_email("agent-activites");
    const std::string password = "le mot de passe de l'agent des activites";
    BOOST_REQUIRE_EQUAL(
        admin
            ->post_form("/gestion/agents", {{"csrf", admin->csrf_from("/gestion/agents")},
                                            {"nom", "Agent Activités"},
                                            {"email", email},
                                            {"role", "agent"},
                                            {"mot_de_passe", password}})
            .status,
        303);
    auto agent = logged_agent(email, password);
    for (const auto& path :
         std::vector<std::string>{"/gestion/activites", "/gestion/activites/nouvelle", created.path,
                                  "/gestion/calendrier"})
        BOOST_TEST(agent->get(path).status == 403, path);
    const auto agent_csrf = agent->csrf_from("/gestion");
    BOOST_TEST(
        agent->post_form(created.path, with(activity_form(agent_csrf, name), "capacite", "1"))
            .status == 403);
    BOOST_TEST(agent
                   ->post_form("/gestion/calendrier/fermetures", {{"csrf", agent_csrf},
                                                                  {"activite", ""},
                                                                  {"du", "2026-11-12"},
                                                                  {"au", "2026-11-12"}})
                   .status == 403);

    // The administrator of another commune: the activity does not exist for them.
    auto other = logged_agent(other_agent_email, admin_password, other_host);
    BOOST_TEST(other->get(created.path).status == 404);
    const auto other_csrf = other->csrf_from("/gestion/activites");
    BOOST_TEST(
        other->post_form(created.path, with(activity_form(other_csrf, "Piratee"), "capacite", "1"))
            .status == 404);
    BOOST_TEST(!contains(other->get("/gestion/activites").body, name));
    // Nor may they close it.
    const auto closures = sql("SELECT COUNT(*) FROM closure");
    BOOST_TEST(other
                   ->post_form("/gestion/calendrier/fermetures", {{"csrf", other_csrf},
                                                                  {"activite", created.id},
                                                                  {"du", "2026-11-12"},
                                                                  {"au", "2026-11-12"}})
                   .status == 400);
    BOOST_TEST(sql("SELECT COUNT(*) FROM closure") == closures);
    BOOST_TEST(sql("SELECT CONCAT(name, ' ', capacity) FROM activity WHERE id = " + created.id) ==
               name + " 25");
}

BOOST_AUTO_TEST_SUITE_END()
