// Payments recorded at the régie's counter and the régisseurs' CSV exports (issue 6): a cheque
// recorded on an invoice from the back office, partial then full; the family's payment history
// and receipt show it, and the agent's receipt link gives the same PDF; overpaying, a paid
// invoice or one in online payment is refused with nothing changed; a plain agent is
// forbidden; the invoices and payments CSV hold the right rows and amounts.
//
// Each test makes its own régie, family, parent account and invoices with SQL.
#include "client.h"
#include "domain/time.h"
#include "fixtures.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>

using namespace itest;

namespace
{

struct Family {
    std::string id;
    std::string regie;
    std::string email; // of the parent account
};

// A régie, a family with a guardian and a confirmed parent account (the demo parent's
// password).
Family make_family(const std::string& tag)
{
    Family f;
    const auto name = unique_name(tag);
    f.regie = itest::sql(
        "INSERT INTO regie (commune_id, name, address, payfip_numcli, invoice_prefix,"
        " credit_prefix, office_text) VALUES (" +
        caumont() + ", " + quoted("Régie " + name) + ", 'Place de la Mairie', '012345', " +
        quoted(name.substr(name.size() - 6)) + ", " + quoted(name.substr(name.size() - 6) + "AV") +
        ", 'Mairie, du lundi au vendredi'); SELECT LAST_INSERT_ID()");
    f.id = itest::sql("INSERT INTO family (commune_id, number, name, address_line1, postal_code,"
                      " city) SELECT " +
                      caumont() + ", IFNULL(MAX(number), 0) + 1, " + quoted(name) +
                      ", '2 rue des Écoles', '84510', 'Caumont-sur-Durance' FROM family WHERE"
                      " commune_id = " +
                      caumont() + "; SELECT LAST_INSERT_ID()");
    f.email = unique_email(tag);
    const auto guardian = itest::sql(
        "INSERT INTO family_member (commune_id, family_id, role, last_name, first_name, email)"
        " VALUES (" +
        caumont() + ", " + f.id + ", 'guardian', " + quoted(name) + ", 'Zoé', " + quoted(f.email) +
        "); SELECT LAST_INSERT_ID()");
    itest::sql("INSERT INTO parent_account (commune_id, family_id, guardian_id, email,"
               " password_hash, confirmed_at) SELECT " +
               caumont() + ", " + f.id + ", " + guardian + ", " + quoted(f.email) +
               ", password_hash, UTC_TIMESTAMP() FROM parent_account WHERE email ="
               " 'rolf.fictif@example.org' AND commune_id = " +
               caumont());
    return f;
}

int invoice_counter = 0;

// An invoice of `cents` issued today, due in 20 days.
std::string add_invoice(const Family& f, long cents)
{
    const int seq = ++invoice_counter;
    const auto number = "G-" + f.id + "-" + std::to_string(seq);
    const auto id = itest::sql(
        "INSERT INTO invoice (commune_id, regie_id, family_id, number, seq_year, seq_value, month,"
        " issued_on, due_on, total_cents, paid_cents, status, family_name, family_address,"
        " family_number, regie_name, regie_address, regie_office, payfip_numcli, commune_name,"
        " created_at) SELECT " +
        caumont() + ", r.id, " + f.id + ", " + quoted(number) + ", 2026, " + std::to_string(seq) +
        ", DATE_FORMAT(CURDATE(), '%Y-%m'), CURDATE(), CURDATE() + INTERVAL 20 DAY, " +
        std::to_string(cents) +
        ", 0, 'a_payer', fa.name, '2 rue des Écoles\n84510 Caumont-sur-Durance', fa.number,"
        " r.name, r.address, r.office_text, r.payfip_numcli, 'Caumont-sur-Durance',"
        " UTC_TIMESTAMP() FROM regie r JOIN family fa ON fa.id = " +
        f.id + " WHERE r.id = " + f.regie + "; SELECT LAST_INSERT_ID()");
    itest::sql("INSERT INTO invoice_line (invoice_id, commune_id, source_kind, day, activity_name,"
               " child_name, quantity, unit_cents, amount_cents, pricing, label) VALUES (" +
               id + ", " + caumont() +
               ", 'manual', CURDATE(), 'Cantine à l''école', 'Léa Zoé', 1, " +
               std::to_string(cents) + ", " + std::to_string(cents) + ", 'manual', 'Cantine')");
    return id;
}

std::string number_of(const std::string& invoice)
{
    return itest::sql("SELECT number FROM invoice WHERE id = " + invoice);
}

std::string invoice_state(const std::string& invoice)
{
    return itest::sql("SELECT CONCAT(status, ' ', paid_cents) FROM invoice WHERE id = " + invoice);
}

std::string payments_of(const std::string& invoice)
{
    return itest::sql("SELECT COUNT(*) FROM payment WHERE invoice_id = " + invoice);
}

std::unique_ptr<Client> login_parent(const std::string& email)
{
    auto c = std::make_unique<Client>();
    same_origin(*c);
    const auto csrf = c->csrf_from("/connexion");
    const auto r = c->post_form(
        "/connexion", {{"csrf", csrf}, {"email", email}, {"mot_de_passe", admin_password}});
    BOOST_REQUIRE_EQUAL(r.status, 303);
    return c;
}

std::string invoice_path(const std::string& invoice)
{
    return "/gestion/factures/" + invoice;
}

// Posts the counter-payment form of the invoice page.
Reply record(Client& agent, const std::string& invoice, const std::string& amount,
             const std::string& means, const std::string& reference = "",
             const std::string& date = "")
{
    const auto csrf = agent.csrf_from(invoice_path(invoice));
    return agent.post_form(invoice_path(invoice) + "/paiements", {{"csrf", csrf},
                                                                  {"montant", amount},
                                                                  {"mode", means},
                                                                  {"date", date},
                                                                  {"reference", reference},
                                                                  {"commentaire", "Au guichet"}});
}

// The text of the element with this id ("" when absent).
std::string element_text(const std::string& html, const std::string& id)
{
    const auto at = html.find("id=\"" + id + "\"");
    if (at == std::string::npos)
        return {};
    const auto start = html.find('>', at) + 1;
    return html.substr(start, html.find('<', start) - start);
}

std::string pdf_text(const std::string& pdf)
{
    const auto file = Stack::get().dir + "/manual-payments-test.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    std::string text;
    BOOST_REQUIRE_EQUAL(run("pdftotext -enc UTF-8 '" + file + "' -", &text), 0);
    return text;
}

// The CSV line holding `needle`, "" when none does.
std::string csv_line(const std::string& csv, const std::string& needle)
{
    const auto at = csv.find(needle);
    if (at == std::string::npos)
        return {};
    const auto start = csv.rfind('\n', at);
    const auto end = csv.find("\r\n", at);
    return csv.substr(start == std::string::npos ? 0 : start + 1,
                      end == std::string::npos
                          ? std::string::npos
                          : end - (start == std::string::npos ? 0 : start + 1));
}

std::unique_ptr<Client> plain_agent()
{
    auto admin = logged_admin();
    const std::string password = "le mot de passe de l'agent de test";
    const auto email = unique_name("agent") + "@caumont.test";
    BOOST_REQUIRE_EQUAL(
        admin
            ->post_form("/gestion/agents", {{"csrf", admin->csrf_from("/gestion/agents")},
                                            {"nom", "Agent Test"},
                                            {"email", email},
                                            {"role", "agent"},
                                            {"mot_de_passe", password}})
            .status,
        303);
    return logged_agent(email, password);
}

} // namespace

BOOST_AUTO_TEST_SUITE(manual_payments)

BOOST_AUTO_TEST_CASE(a_cheque_then_cash_pay_the_invoice_with_receipts_for_the_family)
{
    const auto f = make_family("Guichet");
    const auto invoice = add_invoice(f, 5000);
    auto admin = logged_admin();

    const auto page = admin->get(invoice_path(invoice));
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(contains(page.body, "Enregistrer un paiement reçu à la régie"));
    BOOST_TEST(input_value(page.body, "date") == iso(paris_today()));

    // A partial cheque: the invoice stays to pay, for what remains.
    const auto first = record(*admin, invoice, "20,00", "cheque", "1234567");
    BOOST_REQUIRE_EQUAL(first.status, 303);
    const auto receipt1 =
        itest::sql("SELECT receipt_number FROM payment WHERE invoice_id = " + invoice);
    BOOST_REQUIRE(!receipt1.empty());
    BOOST_TEST(first.header("location") == invoice_path(invoice) + "?recu=" + receipt1);
    BOOST_TEST(invoice_state(invoice) == "a_payer 2000");
    BOOST_TEST(itest::sql("SELECT CONCAT(means, ' ', amount_cents, ' ', numauto, ' ',"
                          " family_id, ' ', regie_id) FROM payment WHERE invoice_id = " +
                          invoice) == "cheque 2000 1234567 " + f.id + " " + f.regie);
    auto after = admin->get(invoice_path(invoice) + "?recu=" + receipt1);
    BOOST_TEST(element_text(after.body, "facture-reste") == "30,00\u00A0€");
    BOOST_TEST(element_text(after.body, "facture-statut") == "À payer");
    BOOST_TEST(contains(after.body, "reçu n° " + receipt1));
    BOOST_TEST(contains(after.body, "Chèque n° 1234567"));
    // The journal has the agent's action.
    BOOST_TEST(itest::sql("SELECT COUNT(*) FROM journal WHERE object_type = 'invoice' AND"
                          " object_id = " +
                          invoice +
                          " AND action = 'Paiement au guichet' AND actor_kind = 'agent'"
                          " AND detail LIKE '%Au guichet%'") == "1");

    // The rest in cash: paid.
    BOOST_REQUIRE_EQUAL(record(*admin, invoice, "30", "especes").status, 303);
    BOOST_TEST(invoice_state(invoice) == "payee 5000");
    after = admin->get(invoice_path(invoice));
    BOOST_TEST(element_text(after.body, "facture-statut") == "Payée");
    BOOST_TEST(element_text(after.body, "facture-reste") == "0,00\u00A0€");
    BOOST_TEST(!contains(after.body, "Enregistrer un paiement reçu à la régie"));
    BOOST_TEST(payments_of(invoice) == "2");

    // The family sees both payments, and the invoice paid.
    auto parent = login_parent(f.email);
    const auto history = parent->get("/facturation/paiements");
    BOOST_REQUIRE_EQUAL(history.status, 200);
    BOOST_TEST(contains(history.body, receipt1));
    BOOST_TEST(contains(history.body, "Chèque n° 1234567"));
    BOOST_TEST(contains(history.body, "Espèces"));
    BOOST_TEST(contains(history.body, "20,00\u00A0€"));
    const auto billing = parent->get("/facturation");
    BOOST_TEST(contains(billing.body, number_of(invoice)));

    // Its receipt, and the agent's link to the same one.
    const auto payment_id =
        itest::sql("SELECT id FROM payment WHERE receipt_number = " + quoted(receipt1) +
                   " AND commune_id = " + caumont());
    const auto pdf = parent->get("/facturation/paiements/" + payment_id + "/recu");
    BOOST_REQUIRE_EQUAL(pdf.status, 200);
    BOOST_TEST(pdf.header("content-type") == "application/pdf");
    const auto text = pdf_text(pdf.body);
    BOOST_TEST(contains(text, receipt1));
    BOOST_TEST(contains(text, "Chèque n° 1234567"));
    BOOST_TEST(contains(text, "20,00"));
    BOOST_TEST(contains(text, number_of(invoice)));
    BOOST_TEST(contains(after.body, "href=\"/gestion/paiements/" + payment_id + "/recu\""));
    const auto agent_pdf = admin->get("/gestion/paiements/" + payment_id + "/recu");
    BOOST_REQUIRE_EQUAL(agent_pdf.status, 200);
    BOOST_TEST(agent_pdf.body == pdf.body);
    // The régisseurs' list of payments has both, with the means and the total.
    const auto list = admin->get("/gestion/paiements?regie=" + f.regie);
    BOOST_REQUIRE_EQUAL(list.status, 200);
    BOOST_TEST(contains(list.body, receipt1));
    BOOST_TEST(contains(list.body, "Chèque (guichet)"));
    BOOST_TEST(contains(list.body, "Espèces (guichet)"));
    BOOST_TEST(contains(list.body, "2 paiement(s) reçu(s), total 50,00\u00A0€."));
    BOOST_TEST(!contains(admin->get("/gestion/paiements?regie=" + f.regie + "&mode=carte").body,
                         receipt1));
    // Another family's parent does not get it.
    const auto other = make_family("Autre");
    BOOST_TEST(
        login_parent(other.email)->get("/facturation/paiements/" + payment_id + "/recu").status ==
        404);
}

BOOST_AUTO_TEST_CASE(a_payment_dated_earlier_keeps_its_day)
{
    const auto f = make_family("Veille");
    const auto invoice = add_invoice(f, 1500);
    auto admin = logged_admin();
    const auto yesterday = domain::add_days(paris_today(), -1);
    BOOST_REQUIRE_EQUAL(record(*admin, invoice, "15", "cesu", "", iso(yesterday)).status, 303);
    const auto paid_at = domain::parse_sql_datetime(
        itest::sql("SELECT paid_at FROM payment WHERE invoice_id = " + invoice));
    BOOST_REQUIRE(paid_at.has_value());
    BOOST_TEST((domain::paris_from_epoch(domain::utc_epoch(*paid_at)).date == yesterday));
    BOOST_TEST(invoice_state(invoice) == "payee 1500");
}

BOOST_AUTO_TEST_CASE(overpaying_and_bad_input_change_nothing)
{
    const auto f = make_family("Trop");
    const auto invoice = add_invoice(f, 1000);
    auto admin = logged_admin();
    const auto sequence = [] {
        return itest::sql("SELECT IFNULL(SUM(next_value), 0) FROM receipt_sequence WHERE"
                          " commune_id = " +
                          caumont());
    };
    const auto before = sequence();

    const auto over = record(*admin, invoice, "10,01", "cheque", "999");
    BOOST_TEST(over.status == 409);
    BOOST_TEST(contains(over.body, "dépasse le reste à payer"));
    BOOST_TEST(invoice_state(invoice) == "a_payer 0");
    BOOST_TEST(payments_of(invoice) == "0");
    BOOST_TEST(sequence() == before);

    BOOST_TEST(record(*admin, invoice, "douze", "cheque").status == 400);
    BOOST_TEST(record(*admin, invoice, "0", "cheque").status == 400);
    BOOST_TEST(record(*admin, invoice, "-5", "cheque").status == 400);
    BOOST_TEST(record(*admin, invoice, "5", "carte").status == 400);
    BOOST_TEST(record(*admin, invoice, "5", "cheque", "", iso(domain::add_days(paris_today(), 1)))
                   .status == 400);
    BOOST_TEST(record(*admin, invoice, "5", "cheque", "", "30/11/2026").status == 400);
    BOOST_TEST(record(*admin, invoice, "5", "cheque", std::string(21, '7')).status == 400);
    // Without the CSRF token.
    BOOST_TEST(admin
                   ->post_form(invoice_path(invoice) + "/paiements",
                               {{"montant", "5"}, {"mode", "cheque"}})
                   .status == 403);
    // An unknown invoice.
    const auto csrf = admin->csrf_from(invoice_path(invoice));
    BOOST_TEST(admin
                   ->post_form("/gestion/factures/999999999/paiements",
                               {{"csrf", csrf}, {"montant", "5"}, {"mode", "cheque"}})
                   .status == 404);
    // While an online payment of the invoice is in progress at PayFiP.
    itest::sql("INSERT INTO payment_operation (commune_id, idop, invoice_id, family_id, numcli,"
               " exer, refdet, amount_cents, email, status, created_at, expires_at) VALUES (" +
               caumont() + ", " + quoted("GUICHET" + invoice) + ", " + invoice + ", " + f.id +
               ", '012345', 2026, 'X', 1000, 'x@example.org', 'pending', UTC_TIMESTAMP(),"
               " UTC_TIMESTAMP() + INTERVAL 10 MINUTE)");
    const auto live = record(*admin, invoice, "5", "cheque");
    BOOST_TEST(live.status == 409);
    BOOST_TEST(contains(live.body, "paiement en ligne"));
    itest::sql("UPDATE payment_operation SET status = 'abandoned' WHERE idop = " +
               quoted("GUICHET" + invoice));
    BOOST_TEST(invoice_state(invoice) == "a_payer 0");
    BOOST_TEST(payments_of(invoice) == "0");
    BOOST_TEST(sequence() == before);

    // Paid in full, then nothing more.
    BOOST_REQUIRE_EQUAL(record(*admin, invoice, "10,00", "virement").status, 303);
    BOOST_TEST(admin
                   ->post_form(invoice_path(invoice) + "/paiements",
                               {{"csrf", csrf}, {"montant", "1"}, {"mode", "cheque"}})
                   .status == 409);
    BOOST_TEST(invoice_state(invoice) == "payee 1000");
    BOOST_TEST(payments_of(invoice) == "1");
}

BOOST_AUTO_TEST_CASE(a_plain_agent_is_forbidden)
{
    const auto f = make_family("Interdit");
    const auto invoice = add_invoice(f, 1000);
    auto agent = plain_agent();
    BOOST_TEST(agent->get(invoice_path(invoice)).status == 403);
    const auto csrf = agent->csrf_from("/gestion");
    BOOST_TEST(agent
                   ->post_form(invoice_path(invoice) + "/paiements",
                               {{"csrf", csrf}, {"montant", "5"}, {"mode", "cheque"}})
                   .status == 403);
    BOOST_TEST(agent->get("/gestion/exports/factures.csv").status == 403);
    BOOST_TEST(agent->get("/gestion/exports/paiements.csv").status == 403);
    BOOST_TEST(invoice_state(invoice) == "a_payer 0");
    auto admin = logged_admin();
    BOOST_REQUIRE_EQUAL(record(*admin, invoice, "5", "cheque").status, 303);
    const auto payment_id = itest::sql("SELECT id FROM payment WHERE invoice_id = " + invoice);
    BOOST_TEST(agent->get("/gestion/paiements/" + payment_id + "/recu").status == 403);
    BOOST_TEST(admin->get("/gestion/paiements/999999999/recu").status == 404);
}

BOOST_AUTO_TEST_CASE(csv_exports_hold_the_invoices_and_payments_of_the_regie_and_period)
{
    const auto f = make_family("Export");
    const auto invoice = add_invoice(f, 123456);
    const auto other_family = make_family("Ailleurs");
    const auto other_invoice = add_invoice(other_family, 700);
    auto admin = logged_admin();
    BOOST_REQUIRE_EQUAL(record(*admin, invoice, "234,56", "cheque", "7654321").status, 303);
    BOOST_REQUIRE_EQUAL(record(*admin, other_invoice, "7", "especes").status, 303);
    const auto receipt =
        itest::sql("SELECT receipt_number FROM payment WHERE invoice_id = " + invoice);
    const auto family_number = itest::sql("SELECT number FROM family WHERE id = " + f.id);
    const auto today = paris_today();
    const auto period =
        "&du=" + iso(domain::add_days(today, -2)) + "&au=" + iso(domain::add_days(today, 2));

    const auto invoices = admin->get("/gestion/exports/factures.csv?regie=" + f.regie + period);
    BOOST_REQUIRE_EQUAL(invoices.status, 200);
    BOOST_TEST(invoices.header("content-type") == "text/csv; charset=utf-8");
    BOOST_TEST(invoices.body.rfind("\xEF\xBB\xBFNuméro;Date;Échéance;", 0) == 0);
    const auto line = csv_line(invoices.body, number_of(invoice) + ";");
    BOOST_REQUIRE_MESSAGE(!line.empty(), "no line for the invoice in " << invoices.body);
    BOOST_TEST(contains(line, ";" + family_number + ";"));
    BOOST_TEST(contains(line, ";1234,56;234,56;0,00;1000,00;À payer"));
    BOOST_TEST(!contains(invoices.body, number_of(other_invoice)));

    const auto payments = admin->get("/gestion/exports/paiements.csv?regie=" + f.regie + period);
    BOOST_REQUIRE_EQUAL(payments.status, 200);
    BOOST_TEST(payments.body.rfind("\xEF\xBB\xBF"
                                   "Date;Heure;Reçu;",
                                   0) == 0);
    const auto pline = csv_line(payments.body, receipt);
    BOOST_REQUIRE_MESSAGE(!pline.empty(), "no line for the payment in " << payments.body);
    BOOST_TEST(pline.rfind(iso(today) + ";", 0) == 0);
    BOOST_TEST(contains(pline, ";" + number_of(invoice) + ";Chèque;234,56;7654321;"));
    BOOST_TEST(!contains(payments.body, number_of(other_invoice)));

    // Every régie: both; a period before: none.
    const auto all = admin->get("/gestion/exports/paiements.csv?regie=" + period);
    BOOST_TEST(contains(all.body, receipt));
    BOOST_TEST(contains(csv_line(all.body, number_of(other_invoice)), ";Espèces;7,00;"));
    const auto before = admin->get("/gestion/exports/paiements.csv?regie=" + f.regie +
                                   "&du=2020-01-01&au=2020-01-31");
    BOOST_TEST(before.status == 200);
    BOOST_TEST(!contains(before.body, receipt));

    // Bad input, a régie of nobody, and the links from the pages.
    BOOST_TEST(admin->get("/gestion/exports/factures.csv?du=2026-13-01").status == 400);
    BOOST_TEST(admin->get("/gestion/exports/factures.csv?du=2026-11-30&au=2026-11-01").status ==
               400);
    BOOST_TEST(admin->get("/gestion/exports/paiements.csv?regie=999999999").status == 404);
    BOOST_TEST(contains(admin->get("/gestion/factures").body, "/gestion/exports/factures.csv"));
    BOOST_TEST(contains(admin->get("/gestion/paiements?regie=" + f.regie).body,
                        "/gestion/exports/paiements.csv?regie=" + f.regie));
}

BOOST_AUTO_TEST_SUITE_END()
