// Invoicing (issue 6, back office) against the real stack: régies and tariff grids created
// through the pages, facts (bookings, attendance, closures) written in the database, then the
// preview and the run through /gestion/facturation: prices by quotient band and date, late
// cancellations with and without the place taken, excused absences and closures not billed,
// attendance without booking at the penalty price, a rerun that adds nothing, a late
// attendance billed by the next run, credit notes, gapless numbers under concurrent runs,
// and nothing visible to another commune.
//
// Each test makes its own régies, activities and families, in March 2026 (a past month), so
// it depends neither on today's date nor on the other suites.
#include "client.h"
#include "fixtures.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <cctype>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace itest;

namespace
{

using Fields = std::vector<std::pair<std::string, std::string>>;

const std::string month = "2026-03";

// Six capital letters unique to this run, for prefixes.
std::string unique_prefix()
{
    auto name = unique_name("");
    for (auto& c : name)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

struct Regie {
    std::string id;
    std::string prefix;
};

Regie create_regie(Client& admin, const std::string& name)
{
    Regie r;
    r.prefix = unique_prefix();
    const auto reply =
        admin.post_form("/gestion/regies", {{"csrf", admin.csrf_from("/gestion/regies")},
                                            {"nom", name},
                                            {"adresse", "1 place de la Mairie\n84510 Caumont"},
                                            {"numcli", "012345"},
                                            {"prefixe_facture", r.prefix},
                                            {"prefixe_avoir", r.prefix + "AV"},
                                            {"delai_paiement", "30"},
                                            {"guichet", "Mairie, du lundi au vendredi"}});
    BOOST_REQUIRE_EQUAL(reply.status, 303);
    r.id = sql("SELECT id FROM regie WHERE name = " + quoted(name));
    BOOST_REQUIRE(!r.id.empty());
    return r;
}

std::string create_activity(const std::string& name)
{
    return sql("INSERT INTO activity (commune_id, name, period_start, period_end, capacity)"
               " VALUES (" +
               caumont() + ", " + quoted(name) +
               ", '2025-09-01', '2026-07-04', 50); SELECT LAST_INSERT_ID()");
}

void attach(Client& admin, const std::string& activity, const std::string& regie)
{
    BOOST_REQUIRE_EQUAL(
        admin
            .post_form("/gestion/activites/" + activity + "/regie",
                       {{"csrf", admin.csrf_from("/gestion/regies")}, {"regie", regie}})
            .status,
        303);
}

// The canteen grid from 2026-01-01: up to 500 2,00 €, 501–1000 3,00 €, above 4,50 €; 6,00 €
// for a day without booking.
void canteen_grid(Client& admin, const std::string& activity)
{
    const auto path = "/gestion/activites/" + activity + "/tarifs";
    const auto reply = admin.post_form(path, {{"csrf", admin.csrf_from(path)},
                                              {"valable_du", "2026-01-01"},
                                              {"qf_min_1", "0"},
                                              {"qf_max_1", "500"},
                                              {"public_1", "all"},
                                              {"prix_1", "2,00"},
                                              {"penalite_1", "6,00"},
                                              {"qf_min_2", "501"},
                                              {"qf_max_2", "1000"},
                                              {"public_2", "all"},
                                              {"prix_2", "3"},
                                              {"penalite_2", "6,00"},
                                              {"qf_min_3", "1001"},
                                              {"qf_max_3", ""},
                                              {"public_3", "all"},
                                              {"prix_3", "4,50"},
                                              {"penalite_3", "6,00"}});
    BOOST_REQUIRE_EQUAL(reply.status, 303);
}

struct Family {
    std::string id;
    std::string child;
};

// quotient: "NULL" or a number; valid_until: "NULL" or a quoted date.
Family create_family(const std::string& name, const std::string& quotient,
                     const std::string& valid_until = "NULL")
{
    Family f;
    f.id = sql("INSERT INTO family (commune_id, number, name, address_line1, postal_code, city,"
               " family_quotient, quotient_valid_until) SELECT " +
               caumont() + ", IFNULL(MAX(number), 0) + 1, " + quoted(name) +
               ", '2 rue des Essais', '84510', 'Caumont-sur-Durance', " + quotient + ", " +
               valid_until + " FROM family WHERE commune_id = " + caumont() +
               "; SELECT LAST_INSERT_ID()");
    f.child = sql("INSERT INTO family_member (commune_id, family_id, role, last_name, first_name)"
                  " VALUES (" +
                  caumont() + ", " + f.id + ", 'child', " + quoted(name) +
                  ", 'Léa'); SELECT LAST_INSERT_ID()");
    return f;
}

std::string occurrence(const std::string& activity, const std::string& day, bool closed = false)
{
    return sql("INSERT INTO occurrence (commune_id, activity_id, day, capacity, closed) VALUES (" +
               caumont() + ", " + activity + ", " + quoted(day) + ", 50, " + (closed ? "1" : "0") +
               "); SELECT LAST_INSERT_ID()");
}

std::string book(const Family& f, const std::string& occ, const std::string& status = "booked",
                 bool late = false, bool taken = false)
{
    return sql("INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status,"
               " queued_at, late_cancel, place_taken, created_at, updated_at) VALUES (" +
               caumont() + ", " + occ + ", " + f.child + ", " + f.id + ", " + quoted(status) +
               ", UTC_TIMESTAMP(6), " + (late ? "1" : "0") + ", " + (taken ? "1" : "0") +
               ", UTC_TIMESTAMP(), UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()");
}

void attend(const Family& f, const std::string& occ, const std::string& status,
            bool without_booking)
{
    sql("INSERT INTO attendance (occurrence_id, child_id, commune_id, family_id, status,"
        " without_booking, marked_at) VALUES (" +
        occ + ", " + f.child + ", " + caumont() + ", " + f.id + ", " + quoted(status) + ", " +
        (without_booking ? "1" : "0") + ", UTC_TIMESTAMP())");
}

Reply issue(Client& c, const std::string& regie, const std::string& m = month)
{
    return c.post_form(
        "/gestion/facturation",
        {{"csrf", c.csrf_from("/gestion/facturation")}, {"regie", regie}, {"mois", m}});
}

std::string invoice_total(const std::string& regie, const Family& f)
{
    return sql("SELECT GROUP_CONCAT(total_cents ORDER BY id) FROM invoice WHERE regie_id = " +
               regie + " AND family_id = " + f.id);
}

std::string year()
{
    return std::to_string(paris_today().year);
}

} // namespace

BOOST_AUTO_TEST_SUITE(billing)

BOOST_AUTO_TEST_CASE(a_run_bills_what_the_rules_say_and_a_rerun_adds_nothing)
{
    auto admin = logged_admin();
    const auto regie = create_regie(*admin, unique_name("Regie facturation "));
    const auto canteen = create_activity(unique_name("Cantine facturee "));
    const auto untariffed = create_activity(unique_name("Atelier sans tarif "));
    attach(*admin, canteen, regie.id);
    attach(*admin, untariffed, regie.id);
    canteen_grid(*admin, canteen);
    BOOST_TEST(sql("SELECT COUNT(*) FROM tariff WHERE activity_id = " + canteen) == "3");
    BOOST_TEST(sql("SELECT IFNULL(regie_id, 0) FROM activity WHERE id = " + canteen) == regie.id);

    const auto d02 = occurrence(canteen, "2026-03-02");
    const auto d03 = occurrence(canteen, "2026-03-03");
    const auto d04 = occurrence(canteen, "2026-03-04");
    const auto d05 = occurrence(canteen, "2026-03-05");
    const auto d06 = occurrence(canteen, "2026-03-06", true); // closed by the commune
    const auto d09 = occurrence(canteen, "2026-03-09");
    const auto workshop = occurrence(untariffed, "2026-03-02");

    // Band 1 (QF 300): billed 02 (present) and 04 (late, place not taken) = 4,00 €.
    const auto low = create_family(unique_name("Basse"), "300");
    book(low, d02);
    attend(low, d02, "present", false);
    book(low, d03);
    attend(low, d03, "excused", false);
    book(low, d04, "cancelled", true, false);
    book(low, d05, "cancelled", true, true);
    book(low, d06);
    book(low, d09, "cancelled", false, false);
    book(low, workshop); // no tariff: reported, not billed
    // Band 2 (QF 800): 02 booked 3,00 € + 03 present without booking 6,00 € = 9,00 €.
    const auto middle = create_family(unique_name("Moyenne"), "800");
    book(middle, d02);
    attend(middle, d03, "present", true);
    // No quotient: the highest band, 4,50 €.
    const auto none = create_family(unique_name("Sansqf"), "NULL");
    book(none, d02);
    // QF 300 valid until 2026-03-04: 03 at 2,00 €, 05 at the highest band 4,50 €.
    const auto expiring = create_family(unique_name("Expire"), "300", "'2026-03-04'");
    book(expiring, d03);
    book(expiring, d05);
    // Only an excused absence and a closed day: nothing to pay, no invoice.
    const auto nothing = create_family(unique_name("Rien"), "300");
    book(nothing, d03);
    attend(nothing, d03, "excused", false);
    book(nothing, d06);

    // The preview writes nothing and says what will be billed.
    const auto preview = admin->get("/gestion/facturation?regie=" + regie.id + "&mois=" + month);
    BOOST_REQUIRE_EQUAL(preview.status, 200);
    BOOST_TEST(contains(preview.body, "4 facture(s) à émettre, 7 ligne(s), total 24,00"));
    BOOST_TEST(contains(preview.body, "Pas de tarif pour"));
    BOOST_TEST(contains(preview.body, "Quotient familial absent ou expiré"));
    BOOST_TEST(contains(preview.body, "Absence excusée"));
    BOOST_TEST(contains(preview.body, "Émettre les factures"));
    BOOST_TEST(sql("SELECT COUNT(*) FROM invoice WHERE regie_id = " + regie.id) == "0");

    const auto issued = issue(*admin, regie.id);
    BOOST_REQUIRE_EQUAL(issued.status, 303);
    BOOST_TEST(contains(issued.header("location"), "execution="));
    BOOST_TEST(invoice_total(regie.id, low) == "400");
    BOOST_TEST(invoice_total(regie.id, middle) == "900");
    BOOST_TEST(invoice_total(regie.id, none) == "450");
    BOOST_TEST(invoice_total(regie.id, expiring) == "650");
    BOOST_TEST(sql("SELECT COUNT(*) FROM invoice WHERE family_id = " + nothing.id) == "0");
    BOOST_TEST(sql("SELECT GROUP_CONCAT(seq_value ORDER BY seq_value) FROM invoice WHERE"
                   " regie_id = " +
                   regie.id) == "1,2,3,4");
    BOOST_TEST(sql("SELECT MIN(number) FROM invoice WHERE regie_id = " + regie.id) ==
               regie.prefix + "-" + year() + "-000001");
    BOOST_TEST(sql("SELECT COUNT(*) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                   " WHERE i.regie_id = " +
                   regie.id) == "7");
    BOOST_TEST(sql("SELECT GROUP_CONCAT(DISTINCT CONCAT(status, ' ', DATEDIFF(due_on, issued_on)))"
                   " FROM invoice WHERE regie_id = " +
                   regie.id) == "a_payer 30");
    BOOST_TEST(sql("SELECT pricing FROM invoice_line WHERE source_kind = 'attendance' AND"
                   " child_id = " +
                   middle.child) == "penalty");
    const auto page =
        admin->get("/gestion/facturation?regie=" + regie.id + "&mois=" + month + "&execution=" +
                   issued.header("location").substr(issued.header("location").rfind('=') + 1));
    BOOST_TEST(contains(page.body, "4 facture(s) émise(s), numéros " + regie.prefix + "-"));

    // Rerunning the month issues nothing and changes nothing.
    BOOST_REQUIRE_EQUAL(issue(*admin, regie.id).status, 303);
    BOOST_TEST(sql("SELECT COUNT(*) FROM invoice WHERE regie_id = " + regie.id) == "4");
    BOOST_TEST(sql("SELECT COUNT(*) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                   " WHERE i.regie_id = " +
                   regie.id) == "7");
    BOOST_TEST(
        contains(admin->get("/gestion/facturation?regie=" + regie.id + "&mois=" + month).body,
                 "Rien à facturer pour ce mois"));

    // An attendance recorded late (the child came on the 9th after cancelling in time) goes
    // into the next run, at the penalty price, with the next number.
    attend(low, d09, "present", true);
    BOOST_REQUIRE_EQUAL(issue(*admin, regie.id, "2026-04").status, 303);
    BOOST_TEST(invoice_total(regie.id, low) == "400,600");
    BOOST_TEST(sql("SELECT month FROM invoice WHERE regie_id = " + regie.id +
                   " AND seq_value = 5") == "2026-04");
}

BOOST_AUTO_TEST_CASE(credit_notes_and_transmission)
{
    auto admin = logged_admin();
    const auto regie = create_regie(*admin, unique_name("Regie avoirs "));
    const auto canteen = create_activity(unique_name("Cantine avoirs "));
    attach(*admin, canteen, regie.id);
    canteen_grid(*admin, canteen);
    const auto a = create_family(unique_name("Avoir"), "300");
    const auto b = create_family(unique_name("Tresor"), "300");
    for (const auto* day : {"2026-03-02", "2026-03-03", "2026-03-05"}) {
        const auto occ = occurrence(canteen, day);
        book(a, occ);
        book(b, occ);
    }
    BOOST_REQUIRE_EQUAL(issue(*admin, regie.id).status, 303);
    const auto invoice = sql("SELECT id FROM invoice WHERE family_id = " + a.id);
    const auto path = "/gestion/factures/" + invoice;
    const auto page = admin->get(path);
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(contains(page.body, "02/03, 03/03, 05/03"));
    BOOST_TEST(contains(admin->get("/gestion/factures?regie=" + regie.id + "&mois=" + month).body,
                        "2 facture(s)"));

    const auto by_family = admin->get("/gestion/factures?famille=" +
                                      sql("SELECT number FROM family WHERE id = " + a.id));
    BOOST_TEST(contains(by_family.body, "1 facture(s)"));
    BOOST_TEST(admin->get("/gestion/factures?famille=abc").status == 400);

    // One day cancelled by a credit note of its own sequence.
    const auto line = sql("SELECT MIN(id) FROM invoice_line WHERE invoice_id = " + invoice);
    const auto credited = admin->post_form(
        path + "/avoir", {{"csrf", admin->csrf_from(path)}, {"lignes", line}, {"motif", "Malade"}});
    BOOST_REQUIRE_EQUAL(credited.status, 303);
    BOOST_TEST(sql("SELECT CONCAT(credited_cents, ' ', status) FROM invoice WHERE id = " +
                   invoice) == "200 a_payer");
    BOOST_TEST(sql("SELECT number FROM credit_note WHERE invoice_id = " + invoice) ==
               regie.prefix + "AV-" + year() + "-000001");
    // The same day again, or more than is due: refused, nothing stored.
    BOOST_TEST(admin
                   ->post_form(path + "/avoir",
                               {{"csrf", admin->csrf_from(path)}, {"lignes", line}, {"motif", "x"}})
                   .status == 409);
    BOOST_TEST(
        admin
            ->post_form(path + "/avoir",
                        {{"csrf", admin->csrf_from(path)}, {"montant", "4,01"}, {"motif", "x"}})
            .status == 409);
    BOOST_TEST(
        admin
            ->post_form(path + "/avoir",
                        {{"csrf", admin->csrf_from(path)}, {"montant", "abc"}, {"motif", "x"}})
            .status == 400);
    BOOST_TEST(sql("SELECT COUNT(*) FROM credit_note WHERE invoice_id = " + invoice) == "1");
    // The rest: the invoice is cancelled.
    BOOST_REQUIRE_EQUAL(
        admin->post_form(path + "/avoir", {{"csrf", admin->csrf_from(path)}, {"motif", "Geste"}})
            .status,
        303);
    BOOST_TEST(sql("SELECT CONCAT(credited_cents, ' ', status) FROM invoice WHERE id = " +
                   invoice) == "600 annulee");
    BOOST_TEST(sql("SELECT GROUP_CONCAT(seq_value ORDER BY seq_value) FROM credit_note WHERE"
                   " regie_id = " +
                   regie.id) == "1,2");

    // Transmission to the Trésor public, once.
    const auto other = sql("SELECT id FROM invoice WHERE family_id = " + b.id);
    const auto other_path = "/gestion/factures/" + other;
    BOOST_TEST(
        admin->post_form(other_path + "/transmettre", {{"csrf", admin->csrf_from(other_path)}})
            .status == 303);
    BOOST_TEST(sql("SELECT status FROM invoice WHERE id = " + other) == "transmise");
    BOOST_TEST(
        admin->post_form(other_path + "/transmettre", {{"csrf", admin->csrf_from(other_path)}})
            .status == 409);
    BOOST_TEST(admin->post_form(path + "/transmettre", {{"csrf", admin->csrf_from(path)}}).status ==
               409);
}

BOOST_AUTO_TEST_CASE(concurrent_runs_number_without_gaps_or_duplicates)
{
    auto admin = logged_admin();
    const int families = 25;
    struct Side {
        Regie regie;
        std::string activity;
    };
    std::vector<Side> sides;
    for (const char* name : {"Regie parallele A ", "Regie parallele B "}) {
        Side s;
        s.regie = create_regie(*admin, unique_name(name));
        s.activity = create_activity(unique_name("Activite parallele "));
        attach(*admin, s.activity, s.regie.id);
        canteen_grid(*admin, s.activity);
        const auto d1 = occurrence(s.activity, "2026-03-10");
        const auto d2 = occurrence(s.activity, "2026-03-12");
        for (int i = 0; i < families; ++i) {
            const auto f = create_family(unique_name("Parallele"), "700");
            book(f, d1);
            book(f, d2);
        }
        sides.push_back(s);
    }
    // Both régies twice, all at once, each from its own session.
    std::vector<std::unique_ptr<Client>> clients;
    std::vector<std::string> tokens;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(logged_admin());
        tokens.push_back(clients.back()->csrf_from("/gestion/facturation"));
    }
    std::vector<long> statuses(4, 0);
    std::latch start(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            statuses[static_cast<std::size_t>(i)] =
                clients[static_cast<std::size_t>(i)]
                    ->post_form("/gestion/facturation",
                                {{"csrf", tokens[static_cast<std::size_t>(i)]},
                                 {"regie", sides[static_cast<std::size_t>(i % 2)].regie.id},
                                 {"mois", month}})
                    .status;
        });
    for (auto& t : threads)
        t.join();
    for (const auto s : statuses)
        BOOST_TEST(s == 303);
    std::string expected;
    for (int i = 1; i <= families; ++i)
        expected += (i > 1 ? "," : "") + std::to_string(i);
    for (const auto& s : sides) {
        BOOST_TEST(sql("SELECT GROUP_CONCAT(seq_value ORDER BY seq_value) FROM invoice WHERE"
                       " regie_id = " +
                       s.regie.id) == expected);
        BOOST_TEST(sql("SELECT COUNT(*) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id"
                       " WHERE i.regie_id = " +
                       s.regie.id) == std::to_string(2 * families));
        BOOST_TEST(sql("SELECT COUNT(DISTINCT family_id) FROM invoice WHERE regie_id = " +
                       s.regie.id) == std::to_string(families));
        BOOST_TEST(sql("SELECT next_value FROM invoice_sequence WHERE kind = 'invoice' AND"
                       " regie_id = " +
                       s.regie.id) == std::to_string(families + 1));
        BOOST_TEST(sql("SELECT SUM(total_cents) FROM invoice WHERE regie_id = " + s.regie.id) ==
                   std::to_string(families * 600));
    }
}

// The régie form is an included template: it once rendered an empty CSRF token (found by
// wapiti, scripts/scan), so a régie could not be created or changed from a browser.
BOOST_AUTO_TEST_CASE(the_regie_forms_carry_the_csrf_token)
{
    auto admin = logged_admin();
    const auto regie = create_regie(*admin, unique_name("Regie formulaire "));
    const std::string empty_token = "name=\"csrf\" value=\"\"";
    const auto list = admin->get("/gestion/regies");
    BOOST_REQUIRE_EQUAL(list.status, 200);
    BOOST_TEST(contains(list.body, "action=\"/gestion/regies\""));
    BOOST_TEST(!contains(list.body, empty_token));
    const auto page = admin->get("/gestion/regies/" + regie.id);
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(!contains(page.body, empty_token));
    // Re-shown with its errors, the form still carries the token.
    const auto wrong = admin->post_form(
        "/gestion/regies/" + regie.id,
        {{"csrf", admin->csrf_from("/gestion/regies")}, {"nom", ""}, {"prefixe_facture", "?"}});
    BOOST_TEST(wrong.status == 400);
    BOOST_TEST(!contains(wrong.body, empty_token));
    BOOST_TEST(contains(wrong.body,
                        "name=\"csrf\" value=\"" + admin->csrf_from("/gestion/regies") + "\""));
}

BOOST_AUTO_TEST_CASE(bad_input_roles_and_other_communes)
{
    auto admin = logged_admin();
    const auto regie = create_regie(*admin, unique_name("Regie privee "));
    const auto canteen = create_activity(unique_name("Cantine privee "));
    attach(*admin, canteen, regie.id);
    canteen_grid(*admin, canteen);
    const auto f = create_family(unique_name("Privee"), "300");
    book(f, occurrence(canteen, "2026-03-16"));
    BOOST_REQUIRE_EQUAL(issue(*admin, regie.id).status, 303);
    const auto invoice = sql("SELECT id FROM invoice WHERE regie_id = " + regie.id);
    BOOST_REQUIRE(!invoice.empty());

    // Malformed input: 400; unknown ids: 404; nothing stored.
    BOOST_TEST(admin->get("/gestion/facturation?regie=abc&mois=" + month).status == 400);
    BOOST_TEST(admin->get("/gestion/facturation?regie=" + regie.id + "&mois=2026-13").status ==
               400);
    BOOST_TEST(admin->get("/gestion/facturation?regie=999999999&mois=" + month).status == 404);
    BOOST_TEST(admin->get("/gestion/factures/999999999").status == 404);
    BOOST_TEST(admin->get("/gestion/factures?mois=mars").status == 400);
    BOOST_TEST(admin->get("/gestion/regies/999999999").status == 404);
    BOOST_TEST(admin->get("/gestion/activites/999999999/tarifs").status == 404);
    const auto tariffs = "/gestion/activites/" + canteen + "/tarifs";
    const auto wrong = admin->post_form(tariffs, {{"csrf", admin->csrf_from(tariffs)},
                                                  {"valable_du", "2026-02-30"},
                                                  {"qf_min_1", "0"},
                                                  {"prix_1", "deux euros"}});
    BOOST_TEST(wrong.status == 400);
    BOOST_TEST(contains(wrong.body, "indiquez le prix du jour en euros"));
    BOOST_TEST(sql("SELECT COUNT(*) FROM tariff WHERE activity_id = " + canteen) == "3");
    const auto bad_regie =
        admin->post_form("/gestion/regies", {{"csrf", admin->csrf_from("/gestion/regies")},
                                             {"nom", unique_name("Mauvaise ")},
                                             {"numcli", "12AB"},
                                             {"prefixe_facture", "fac"},
                                             {"prefixe_avoir", "AV"},
                                             {"delai_paiement", "-3"}});
    BOOST_TEST(bad_regie.status == 400);
    BOOST_TEST(contains(bad_regie.body, "six chiffres"));
    // Without the CSRF token: refused.
    BOOST_TEST(
        admin->post_form("/gestion/facturation", {{"regie", regie.id}, {"mois", month}}).status ==
        403);

    // A régisseur of the commune runs invoicing but does not manage régies or tariffs.
    const std::string password = "le mot de passe du regisseur de test";
    const auto email = unique_name("regisseur") + "@caumont.test";
    BOOST_REQUIRE_EQUAL(
        admin
            ->post_form("/gestion/agents", {{"csrf", admin->csrf_from("/gestion/agents")},
                                            {"nom", "Régisseur Test"},
                                            {"email", email},
                                            {"role", "regisseur"},
                                            {"mot_de_passe", password}})
            .status,
        303);
    auto regisseur = logged_agent(email, password);
    BOOST_TEST(regisseur->get("/gestion/facturation").status == 200);
    BOOST_TEST(regisseur->get("/gestion/factures/" + invoice).status == 200);
    BOOST_TEST(regisseur->get("/gestion/regies").status == 403);
    BOOST_TEST(regisseur->get(tariffs).status == 403);

    // A régisseur of another commune: none of it exists.
    const auto other_email = unique_name("regisseur") + "@autreville.test";
    BOOST_REQUIRE_EQUAL(Stack::get().portail("create-agent --commune autreville --email " +
                                             other_email +
                                             " --name 'Regisseur Autreville' --role regisseur"
                                             " --password-file " +
                                             Stack::get().dir + "/admin-password"),
                        0);
    auto other = logged_agent(other_email, admin_password, other_host);
    const auto other_csrf = other->csrf_from("/gestion/facturation");
    BOOST_TEST(other->get("/gestion/factures/" + invoice).status == 404);
    BOOST_TEST(other->get("/gestion/facturation?regie=" + regie.id + "&mois=" + month).status ==
               404);
    BOOST_TEST(other
                   ->post_form("/gestion/facturation",
                               {{"csrf", other_csrf}, {"regie", regie.id}, {"mois", month}})
                   .status == 404);
    BOOST_TEST(other
                   ->post_form("/gestion/factures/" + invoice + "/avoir",
                               {{"csrf", other_csrf}, {"motif", "x"}})
                   .status == 404);
    BOOST_TEST(
        other->post_form("/gestion/factures/" + invoice + "/transmettre", {{"csrf", other_csrf}})
            .status == 404);
    BOOST_TEST(!contains(other->get("/gestion/factures").body, regie.prefix));
    BOOST_TEST(sql("SELECT CONCAT(status, ' ', credited_cents) FROM invoice WHERE id = " +
                   invoice) == "a_payer 0");
    // Nor does their administrator see the régie or the tariffs.
    auto other_admin = logged_agent(other_agent_email, admin_password, other_host);
    BOOST_TEST(other_admin->get("/gestion/regies/" + regie.id).status == 404);
    BOOST_TEST(other_admin->get(tariffs).status == 404);
    BOOST_TEST(other_admin
                   ->post_form("/gestion/activites/" + canteen + "/regie",
                               {{"csrf", other_admin->csrf_from("/gestion/regies")}, {"regie", ""}})
                   .status == 404);
    BOOST_TEST(sql("SELECT IFNULL(regie_id, 0) FROM activity WHERE id = " + canteen) == regie.id);
}

BOOST_AUTO_TEST_CASE(the_demo_has_the_brochures_two_regies_with_tariffs)
{
    const auto regies =
        sql("SELECT GROUP_CONCAT(name ORDER BY name SEPARATOR '|') FROM regie"
            " WHERE commune_id = " +
            caumont() + " AND name IN ('MAIRIE DE CAUMONT SUR DURANCE', 'Service Jeunesse')");
    BOOST_TEST(regies == "MAIRIE DE CAUMONT SUR DURANCE|Service Jeunesse");
    BOOST_TEST(sql("SELECT g.name FROM activity a JOIN regie g ON g.id = a.regie_id WHERE"
                   " a.commune_id = " +
                   caumont() + " AND a.name = 'Restauration scolaire'") ==
               "MAIRIE DE CAUMONT SUR DURANCE");
    BOOST_TEST(sql("SELECT COUNT(*) FROM activity a JOIN regie g ON g.id = a.regie_id WHERE"
                   " a.commune_id = " +
                   caumont() + " AND g.name = 'Service Jeunesse'") == "4");
    BOOST_TEST(sql("SELECT COUNT(*) FROM tariff t JOIN activity a ON a.id = t.activity_id WHERE"
                   " a.commune_id = " +
                   caumont() + " AND a.name = 'Restauration scolaire'") == "3");
    // Seeding again adds nothing.
    const auto before =
        sql("SELECT CONCAT(COUNT(*), ' ', (SELECT COUNT(*) FROM tariff)) FROM regie");
    BOOST_REQUIRE_EQUAL(Stack::get().portail("seed-demo --admin-password-file " + Stack::get().dir +
                                             "/admin-password --codes-file " + Stack::get().dir +
                                             "/demo-codes.txt"),
                        0);
    BOOST_TEST(sql("SELECT CONCAT(COUNT(*), ' ', (SELECT COUNT(*) FROM tariff)) FROM regie") ==
               before);
    // The pages show them.
    auto admin = logged_admin();
    const auto page = admin->get("/gestion/regies");
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(contains(page.body, "MAIRIE DE CAUMONT SUR DURANCE"));
    BOOST_TEST(contains(page.body, "RS-" + year() + "-000001"));
}

BOOST_AUTO_TEST_SUITE_END()
