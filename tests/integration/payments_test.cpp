// Espace facturation and online payment (issue 6, parent half) against the real stack and the
// PayFiP simulator: the history page (balance, statuses, pagination), invoice and receipt
// PDFs, "Payer en ligne" through the simulator, the payment recorded exactly once whatever
// the notifications, returns and polls, forged notifications, tampered amounts, refused and
// abandoned payments, two guardians paying at once, and the demo family's history.
//
// Each test makes its own régie, family, parent account and invoices with SQL.
#include "app/demo_billing.h"
#include "client.h"
#include "db/connection.h"
#include "domain/time.h"
#include "fixtures.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>
#include <mysql_driver.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <latch>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace itest;

namespace
{

template <class F> bool eventually(F done, int seconds = 10)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return true;
}

// The simulator's controls (a form body, e.g. "notify_drop=1").
long sim_post(const std::string& path, const std::string& body = "")
{
    std::string out;
    if (run("curl -s -o /dev/null -w '%{http_code}' --data '" + body + "' '" +
                Stack::get().sim_url(path) + "'",
            &out) != 0)
        return 0;
    return std::strtol(out.c_str(), nullptr, 10);
}

struct SimReset {
    SimReset() { BOOST_REQUIRE_EQUAL(sim_post("/_sim/reset"), 200); }
    ~SimReset() { sim_post("/_sim/reset"); }
};

struct Family {
    std::string id;
    std::string regie;
    std::string email;  // of the parent account
    std::string email2; // of the second guardian's account
};

// A régie taking online payments, a family with two guardians and a parent account each
// (same password as the demo parent, confirmed).
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
    f.id = itest::sql(
        "INSERT INTO family (commune_id, number, name, address_line1, postal_code, city)"
        " SELECT " +
        caumont() + ", IFNULL(MAX(number), 0) + 1, " + quoted(name) +
        ", '2 rue des Écoles', '84510', 'Caumont-sur-Durance' FROM family WHERE commune_id "
        "= " +
        caumont() + "; SELECT LAST_INSERT_ID()");
    for (auto* email : {&f.email, &f.email2}) {
        *email = unique_email(tag);
        const auto guardian = itest::sql(
            "INSERT INTO family_member (commune_id, family_id, role, last_name, first_name,"
            " email) VALUES (" +
            caumont() + ", " + f.id + ", 'guardian', " + quoted(name) + ", 'Zoé', " +
            quoted(*email) + "); SELECT LAST_INSERT_ID()");
        itest::sql(
            "INSERT INTO parent_account (commune_id, family_id, guardian_id, email, password_hash,"
            " confirmed_at) SELECT " +
            caumont() + ", " + f.id + ", " + guardian + ", " + quoted(*email) +
            ", password_hash, UTC_TIMESTAMP() FROM parent_account WHERE email = "
            "'rolf.fictif@example.org' AND commune_id = " +
            caumont());
    }
    return f;
}

int invoice_counter = 0;

// An invoice of `cents` for the family: due in 20 days unless `due_sql` says otherwise.
std::string add_invoice(const Family& f, long cents, const std::string& status = "a_payer",
                        const std::string& due_sql = "CURDATE() + INTERVAL 20 DAY",
                        const std::string& issued_sql = "CURDATE() - INTERVAL 3 DAY")
{
    const int seq = ++invoice_counter;
    const auto number = "T-" + f.id + "-" + std::to_string(seq);
    const auto id = itest::sql(
        "INSERT INTO invoice (commune_id, regie_id, family_id, number, seq_year, seq_value, month,"
        " issued_on, due_on, total_cents, paid_cents, status, family_name, family_address,"
        " regie_name, regie_address, regie_office, payfip_numcli, commune_name, created_at)"
        " SELECT " +
        caumont() + ", " + f.regie + ", " + f.id + ", " + quoted(number) + ", 2026, " +
        std::to_string(seq) + ", DATE_FORMAT(" + issued_sql + ", '%Y-%m'), " + issued_sql + ", " +
        due_sql + ", " + std::to_string(cents) + ", " +
        (status == "payee" ? std::to_string(cents) : "0") + ", " + quoted(status) +
        ", 'Famille Zoé', '2 rue des Écoles\n84510 Caumont-sur-Durance', name, address,"
        " office_text, payfip_numcli, 'Caumont-sur-Durance', UTC_TIMESTAMP() FROM regie WHERE id "
        "= " +
        f.regie + "; SELECT LAST_INSERT_ID()");
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

std::unique_ptr<Client> login(const std::string& email, const std::string& host = "localhost")
{
    auto c = std::make_unique<Client>();
    c->host = host;
    c->extra_headers = {"Origin: http://" + host};
    const auto csrf = c->csrf_from("/connexion");
    const auto r = c->post_form(
        "/connexion", {{"csrf", csrf}, {"email", email}, {"mot_de_passe", admin_password}});
    BOOST_REQUIRE_EQUAL(r.status, 303);
    return c;
}

// "Payer en ligne": the idOp of the simulator page the portal redirects to.
std::string pay(Client& c, const std::string& invoice)
{
    const auto csrf = c.csrf_from("/facturation");
    const auto r = c.post_form("/facturation/factures/" + invoice + "/payer", {{"csrf", csrf}});
    BOOST_REQUIRE_EQUAL(r.status, 303);
    const auto location = r.header("location");
    const auto page = Stack::get().sim_url("/tpa/paiementws.web?idop=");
    BOOST_REQUIRE_MESSAGE(location.rfind(page, 0) == 0, "redirected to " << location);
    return location.substr(page.size());
}

std::string op_status(const std::string& idop)
{
    return itest::sql("SELECT status FROM payment_operation WHERE idop = " + quoted(idop));
}

// The operation as if opened `hours` ago: expired, and out of the poller's window past 3.
void opened_hours_ago(const std::string& idop, int hours)
{
    const auto interval = " - INTERVAL " + std::to_string(hours) + " HOUR";
    itest::sql("UPDATE payment_operation SET created_at = created_at" + interval +
               ", expires_at = expires_at" + interval + " WHERE idop = " + quoted(idop));
}

std::string invoice_state(const std::string& invoice)
{
    return itest::sql("SELECT CONCAT(status, ' ', paid_cents) FROM invoice WHERE id = " + invoice);
}

std::string payments_of(const std::string& invoice)
{
    return itest::sql("SELECT COUNT(*) FROM payment WHERE invoice_id = " + invoice);
}

// The table row of `html` that holds `needle`, "" when none does.
std::string row_with(const std::string& html, const std::string& needle)
{
    const auto at = html.find(needle);
    if (at == std::string::npos)
        return {};
    const auto start = html.rfind("<tr", at);
    const auto end = html.find("</tr>", at);
    if (start == std::string::npos || end == std::string::npos)
        return {};
    return html.substr(start, end - start);
}

std::string pdf_text(const std::string& pdf)
{
    const auto file = Stack::get().dir + "/payments-test.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    std::string text;
    BOOST_REQUIRE_EQUAL(run("pdftotext -enc UTF-8 '" + file + "' -", &text), 0);
    return text;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(payments, SimReset)

BOOST_AUTO_TEST_CASE(paid_once_despite_three_notifications_the_return_and_the_poller)
{
    const auto f = make_family("Paie");
    const auto invoice = add_invoice(f, 5525);
    auto c = login(f.email);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/config", "notify_repeat=3"), 200);
    const auto idop = pay(*c, invoice);
    BOOST_TEST(op_status(idop) == "pending");
    BOOST_TEST(
        itest::sql("SELECT CONCAT(amount_cents, ' ', refdet, ' ', numcli) FROM payment_operation"
                   " WHERE idop = " +
                   quoted(idop)) == "5525 T" + f.id + "1 012345");
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + idop + "&action=pay"), 200);
    BOOST_TEST(eventually([&] { return op_status(idop) == "paid"; }));
    const auto back = c->get("/paiement/retour?idop=" + idop);
    BOOST_TEST(back.status == 200);
    BOOST_TEST(contains(back.body, "Statut du paiement : payée"));
    std::string out;
    BOOST_TEST(Stack::get().portail("settle-payments --min-age 0", &out) == 0);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    BOOST_TEST(payments_of(invoice) == "1");
    BOOST_TEST(invoice_state(invoice) == "payee 5525");
    const auto mails = wait_for_mails(f.email, 1);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    BOOST_TEST(contains(mails[0].text, "55,25"));
    std::this_thread::sleep_for(std::chrono::seconds(2));
    BOOST_TEST(mails_to(f.email).size() == 1u);
    BOOST_TEST(
        itest::sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = " + quoted(f.email)) == "1");

    const auto page = c->get("/facturation");
    BOOST_TEST(contains(page.body, "Solde : 0,00"));
    BOOST_TEST(contains(page.body, "status--paid\">Payée<"));
    BOOST_TEST(!contains(page.body, ">Payer en ligne<"));
    // Paying again is refused: the invoice is paid.
    const auto again = c->post_form("/facturation/factures/" + invoice + "/payer",
                                    {{"csrf", c->csrf_from("/facturation")}});
    BOOST_TEST(again.status == 409);

    const auto history = c->get("/facturation/paiements");
    BOOST_TEST(contains(history.body, number_of(invoice)));
    const auto payment = itest::sql("SELECT id FROM payment WHERE invoice_id = " + invoice);
    const auto receipt = c->get("/facturation/paiements/" + payment + "/recu");
    BOOST_TEST(receipt.status == 200);
    BOOST_TEST(receipt.header("content-type") == "application/pdf");
    const auto text = pdf_text(receipt.body);
    BOOST_TEST(
        contains(text, itest::sql("SELECT receipt_number FROM payment WHERE id = " + payment)));
    BOOST_TEST(contains(text, "55,25"));
}

BOOST_AUTO_TEST_CASE(dropped_notification_is_settled_by_the_poller)
{
    const auto f = make_family("Perdu");
    const auto invoice = add_invoice(f, 1030);
    auto c = login(f.email);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/config", "notify_drop=1"), 200);
    const auto idop = pay(*c, invoice);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + idop + "&action=pay"), 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    BOOST_TEST(op_status(idop) == "pending");
    // Too young for the poller (5 minutes).
    BOOST_TEST(Stack::get().portail("settle-payments") == 0);
    BOOST_TEST(op_status(idop) == "pending");
    itest::sql(
        "UPDATE payment_operation SET created_at = created_at - INTERVAL 10 MINUTE WHERE idop = " +
        quoted(idop));
    std::string out;
    BOOST_TEST(Stack::get().portail("settle-payments", &out) == 0);
    BOOST_TEST(op_status(idop) == "paid");
    BOOST_TEST(invoice_state(invoice) == "payee 1030");
    BOOST_TEST(payments_of(invoice) == "1");
}

// A notification held for hours: the operation's 15 minutes and the poller's 3 hours are long
// gone. The parent who comes back to pay again is not sent to pay twice (the portal first asks
// the service what became of the expired operation), and the notification, when it comes at
// last, counts nothing more.
BOOST_AUTO_TEST_CASE(notification_late_by_hours_counts_the_payment_once)
{
    const auto f = make_family("Tard");
    const auto invoice = add_invoice(f, 4210);
    auto c = login(f.email);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/config", "notify_reorder=1"), 200); // held
    const auto idop = pay(*c, invoice);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + idop + "&action=pay"), 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    BOOST_TEST(op_status(idop) == "pending");
    opened_hours_ago(idop, 5);
    // Out of the poller's window (5 minutes to 3 hours).
    BOOST_TEST(Stack::get().portail("settle-payments") == 0);
    BOOST_TEST(op_status(idop) == "pending");

    const auto again = c->post_form("/facturation/factures/" + invoice + "/payer",
                                    {{"csrf", c->csrf_from("/facturation")}});
    BOOST_TEST(again.status == 409);
    BOOST_TEST(contains(again.body, "déjà payée"));
    BOOST_TEST(op_status(idop) == "paid");
    BOOST_TEST(itest::sql("SELECT COUNT(*) FROM payment_operation WHERE invoice_id = " + invoice) ==
               "1");
    BOOST_TEST(invoice_state(invoice) == "payee 4210");
    BOOST_TEST(payments_of(invoice) == "1");

    BOOST_REQUIRE_EQUAL(sim_post("/_sim/release"), 200);
    // The portal received it and answered 200.
    BOOST_TEST(eventually([&] {
        std::string op;
        run("curl -s '" + Stack::get().sim_url("/_sim/operations?idop=" + idop) + "'", &op);
        return contains(op, "\"notifications_sent\":1,") &&
               contains(op, "\"last_notify_status\":200}");
    }));
    BOOST_TEST(payments_of(invoice) == "1");
    BOOST_TEST(invoice_state(invoice) == "payee 4210");
    BOOST_TEST(wait_for_mails(f.email, 1).size() == 1u);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    BOOST_TEST(mails_to(f.email).size() == 1u);
}

// Notifications held, then delivered newest first (the simulator's reorder switch): each
// operation is settled on its own, whatever the order, and each payment counted once.
BOOST_AUTO_TEST_CASE(reordered_notifications_settle_each_invoice_right)
{
    const auto f = make_family("Ordre");
    const auto first = add_invoice(f, 1500);
    const auto second = add_invoice(f, 2500);
    auto c = login(f.email);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/config", "notify_reorder=1"), 200);
    const auto paid = pay(*c, first);
    const auto refused = pay(*c, second);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + paid + "&action=pay"), 200);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + refused + "&action=refuse"), 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    BOOST_TEST(op_status(paid) == "pending");
    BOOST_TEST(op_status(refused) == "pending");
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/release"), 200);
    BOOST_TEST(
        eventually([&] { return op_status(paid) == "paid" && op_status(refused) == "refused"; }));
    BOOST_TEST(invoice_state(first) == "payee 1500");
    BOOST_TEST(invoice_state(second) == "a_payer 0");
    BOOST_TEST(payments_of(first) == "1");
    BOOST_TEST(payments_of(second) == "0");
    // The poller coming after them changes nothing.
    BOOST_TEST(Stack::get().portail("settle-payments --min-age 0") == 0);
    BOOST_TEST(payments_of(first) == "1");
    BOOST_TEST(contains(c->get("/facturation").body, ">Payer en ligne<")); // the second one
}

// "Payer en ligne" on another family's invoice is a 404 that does nothing: in particular
// the portal does not ask the service about that invoice's expired operation (which it does
// for a family's own invoice, before opening another), so B's payment is recorded by B's
// own visit or by the poller, never through A.
BOOST_AUTO_TEST_CASE(paying_another_familys_invoice_is_a_404_that_settles_nothing)
{
    const auto a = make_family("Autre");
    const auto b = make_family("Propre");
    const auto invoice_b = add_invoice(b, 3100);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/config", "notify_reorder=1"), 200); // held
    auto cb = login(b.email);
    const auto idop_b = pay(*cb, invoice_b);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + idop_b + "&action=pay"), 200);
    opened_hours_ago(idop_b, 5);
    BOOST_TEST(op_status(idop_b) == "pending");

    auto ca = login(a.email);
    const auto r = ca->post_form("/facturation/factures/" + invoice_b + "/payer",
                                 {{"csrf", ca->csrf_from("/facturation")}});
    BOOST_TEST(r.status == 404);
    BOOST_TEST(op_status(idop_b) == "pending");
    BOOST_TEST(invoice_state(invoice_b) == "a_payer 0");
    BOOST_TEST(payments_of(invoice_b) == "0");
    BOOST_TEST(itest::sql("SELECT COUNT(*) FROM payment_operation WHERE invoice_id = " +
                          invoice_b) == "1");

    // B's own button asks the service first, and finds the invoice paid.
    const auto own = cb->post_form("/facturation/factures/" + invoice_b + "/payer",
                                   {{"csrf", cb->csrf_from("/facturation")}});
    BOOST_TEST(own.status == 409);
    BOOST_TEST(op_status(idop_b) == "paid");
    BOOST_TEST(payments_of(invoice_b) == "1");
}

// PayFiP unreachable when a parent presses "Payer en ligne" (ASVS 16.5.2): a French 503
// with Retry-After that keeps nothing; once the service is back the same button works.
BOOST_AUTO_TEST_CASE(payment_service_down_at_payer_en_ligne_gets_a_french_503_and_opens_nothing)
{
    const auto f = make_family("Panne");
    const auto invoice = add_invoice(f, 4200);
    auto c = login(f.email);
    const auto csrf = c->csrf_from("/facturation");
    struct SimBack {
        ~SimBack() { Stack::get().control("sim-start"); }
    } sim_back;
    BOOST_REQUIRE_EQUAL(Stack::get().control("sim-stop"), 0);
    const auto r = c->post_form("/facturation/factures/" + invoice + "/payer", {{"csrf", csrf}});
    BOOST_TEST(r.status == 503);
    BOOST_TEST(r.header("retry-after") == "60");
    BOOST_TEST(contains(r.header("cache-control"), "no-store"));
    BOOST_TEST(shows(r.body, "Le service de paiement ne répond pas pour le moment"),
               r.body.substr(0, 400));
    BOOST_TEST(itest::sql("SELECT COUNT(*) FROM payment_operation WHERE invoice_id = " + invoice) ==
               "0");
    BOOST_TEST(invoice_state(invoice) == "a_payer 0");
    BOOST_TEST(
        contains(worker_log(), "PayFiP creerPaiementSecurise failed for invoice " + invoice));

    BOOST_REQUIRE_EQUAL(Stack::get().control("sim-start"), 0);
    const auto idop = pay(*c, invoice);
    BOOST_TEST(op_status(idop) == "pending");
}

BOOST_AUTO_TEST_CASE(forged_notifications_change_nothing)
{
    const auto a = make_family("Forge");
    const auto b = make_family("Autre");
    const auto invoice_b = add_invoice(b, 4575);
    auto cb = login(b.email);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/config", "notify_drop=1"), 200);
    const auto idop_b = pay(*cb, invoice_b);

    Client anyone;
    for (const auto& body : {std::string("idOp=00000000-0000-0000-0000-000000000000"),
                             std::string("idop=inconnu"), "idOp=" + idop_b, std::string("x=1")}) {
        const auto r =
            anyone.post_raw("/paiement/notification", "application/x-www-form-urlencoded", body);
        BOOST_TEST(r.status == 200);
        BOOST_TEST(r.body.empty());
    }
    // B has not paid: the service says so, whoever notifies.
    BOOST_TEST(op_status(idop_b) == "pending");
    BOOST_TEST(invoice_state(invoice_b) == "a_payer 0");
    // Paid at the service, notified on another commune's host: not this commune's idOp.
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + idop_b + "&action=pay"), 200);
    Client other;
    other.host = other_host;
    BOOST_TEST(other
                   .post_raw("/paiement/notification", "application/x-www-form-urlencoded",
                             "idOp=" + idop_b)
                   .status == 200);
    BOOST_TEST(op_status(idop_b) == "pending");
    BOOST_TEST(payments_of(invoice_b) == "0");
    // A's session does not see B's operation.
    auto ca = login(a.email);
    BOOST_TEST(ca->get("/paiement/retour?idop=" + idop_b).status == 404);
    BOOST_TEST(op_status(idop_b) == "pending");
    BOOST_TEST(ca->get("/paiement/retour?idop=inconnu").status == 404);
    // The right notification, by its idOp only, settles it.
    BOOST_TEST(anyone
                   .post_raw("/paiement/notification", "application/x-www-form-urlencoded",
                             "idOp=" + idop_b)
                   .status == 200);
    BOOST_TEST(op_status(idop_b) == "paid");
    BOOST_TEST(payments_of(invoice_b) == "1");
}

BOOST_AUTO_TEST_CASE(tampered_amount_is_refused_and_logged)
{
    const auto f = make_family("Fraude");
    const auto invoice = add_invoice(f, 5525);
    auto c = login(f.email);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/config", "tamper_amount_cents=1"), 200);
    const auto idop = pay(*c, invoice);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + idop + "&action=pay"), 200);
    BOOST_TEST(eventually([&] { return op_status(idop) == "error"; }));
    BOOST_TEST(invoice_state(invoice) == "a_payer 0");
    BOOST_TEST(payments_of(invoice) == "0");
    BOOST_TEST(itest::sql("SELECT reported_cents FROM payment_operation WHERE idop = " +
                          quoted(idop)) == "1");
    BOOST_TEST(eventually([&] {
        return contains(worker_log(), "PayFiP operation " + idop +
                                          " refused: result does not "
                                          "match the operation: amount 1 "
                                          "instead of 5525");
    }));
    const auto back = c->get("/paiement/retour?idop=" + idop);
    BOOST_TEST(contains(back.body, "ne correspond pas"));
    // Still payable: a new operation.
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/config", "tamper_amount_cents=0"), 200);
    BOOST_TEST(contains(c->get("/facturation").body, ">Payer en ligne<"));
    const auto second = pay(*c, invoice);
    BOOST_TEST(second != idop);
}

BOOST_AUTO_TEST_CASE(refused_and_abandoned_leave_the_invoice_payable)
{
    const auto f = make_family("Refus");
    const auto invoice = add_invoice(f, 2000);
    auto c = login(f.email);
    const auto refused = pay(*c, invoice);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + refused + "&action=refuse"), 200);
    BOOST_TEST(eventually([&] { return op_status(refused) == "refused"; }));
    BOOST_TEST(
        contains(c->get("/paiement/retour?idop=" + refused).body, "Statut du paiement : refusée"));
    BOOST_TEST(invoice_state(invoice) == "a_payer 0");
    BOOST_TEST(contains(c->get("/facturation").body, ">Payer en ligne<"));

    const auto abandoned = pay(*c, invoice);
    BOOST_TEST(abandoned != refused);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + abandoned + "&action=abandon"), 200);
    BOOST_TEST(eventually([&] { return op_status(abandoned) == "abandoned"; }));
    BOOST_TEST(contains(c->get("/paiement/retour?idop=" + abandoned).body,
                        "Statut du paiement : abandonnée"));
    BOOST_TEST(invoice_state(invoice) == "a_payer 0");
    BOOST_TEST(payments_of(invoice) == "0");
    BOOST_TEST(contains(c->get("/facturation").body, ">Payer en ligne<"));
}

BOOST_AUTO_TEST_CASE(regisseurs_list_the_online_payments_of_their_commune)
{
    const auto f = make_family("Guichet");
    const auto paid_invoice = add_invoice(f, 123456);
    const auto refused_invoice = add_invoice(f, 2000);
    const auto pending_invoice = add_invoice(f, 700);
    auto c = login(f.email);
    const auto paid = pay(*c, paid_invoice);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + paid + "&action=pay"), 200);
    BOOST_REQUIRE(eventually([&] { return op_status(paid) == "paid"; }));
    const auto refused = pay(*c, refused_invoice);
    BOOST_REQUIRE_EQUAL(sim_post("/_sim/pay?idop=" + refused + "&action=refuse"), 200);
    BOOST_REQUIRE(eventually([&] { return op_status(refused) == "refused"; }));
    const auto pending = pay(*c, pending_invoice);
    const auto receipt =
        itest::sql("SELECT receipt_number FROM payment WHERE idop = " + quoted(paid));
    BOOST_REQUIRE(!receipt.empty());

    // This month, this régie: the payment with its amount, invoice, references and state;
    // the refused and the pending operations with theirs; the total counts the payment only.
    auto admin = logged_admin();
    const auto path = "/gestion/paiements?regie=" + f.regie;
    const auto page = admin->get(path);
    BOOST_REQUIRE_EQUAL(page.status, 200);
    const auto row = row_with(page.body, paid);
    BOOST_REQUIRE_MESSAGE(!row.empty(), "no row for the paid operation");
    BOOST_TEST(contains(row, "1\u202F234,56\u00A0€"));
    BOOST_TEST(contains(row, "href=\"/gestion/factures/" + paid_invoice + "\""));
    BOOST_TEST(contains(row, ">" + number_of(paid_invoice) + "<"));
    BOOST_TEST(contains(
        row, ">T" + f.id + itest::sql("SELECT seq_value FROM invoice WHERE id = " + paid_invoice) +
                 "<"));
    BOOST_TEST(contains(row, receipt));
    BOOST_TEST(contains(row, "Carte bancaire"));
    BOOST_TEST(contains(row, ">Payé<"));
    BOOST_TEST(contains(row, "href=\"/gestion/familles/" + f.id + "\""));
    const auto refused_row = row_with(page.body, refused);
    BOOST_TEST(contains(refused_row, "20,00\u00A0€"));
    BOOST_TEST(contains(refused_row, ">Refusé<"));
    BOOST_TEST(contains(row_with(page.body, pending), ">En cours<"));
    BOOST_TEST(contains(page.body, "1 paiement(s) reçu(s), total 1\u202F234,56\u00A0€."));
    // Its date and time in Paris (one or two hours after the UTC the row stores).
    const auto paid_utc = domain::parse_sql_datetime(
        itest::sql("SELECT paid_at FROM payment WHERE idop = " + quoted(paid)));
    BOOST_REQUIRE(paid_utc.has_value());
    const auto paid_epoch = domain::utc_epoch(*paid_utc);
    BOOST_TEST(contains(row, domain::format_datetime_fr(domain::paris_from_epoch(paid_epoch))));
    BOOST_TEST(!contains(row, domain::format_datetime_fr(*paid_utc)));

    // Filters: state, means, period.
    const auto only_paid = admin->get(path + "&etat=payee").body;
    BOOST_TEST(contains(only_paid, paid));
    BOOST_TEST(!contains(only_paid, refused));
    BOOST_TEST(!contains(only_paid, pending));
    const auto only_pending = admin->get(path + "&etat=en_cours").body;
    BOOST_TEST(contains(only_pending, pending));
    BOOST_TEST(!contains(only_pending, paid));
    BOOST_TEST(contains(only_pending, "0 paiement(s) reçu(s)"));
    const auto by_debit = admin->get(path + "&mode=prelevement").body;
    BOOST_TEST(!contains(by_debit, paid));
    BOOST_TEST(!contains(by_debit, refused));
    BOOST_TEST(contains(admin->get(path + "&mode=carte").body, paid));
    const auto long_ago = admin->get(path + "&mois=2020-01");
    BOOST_TEST(long_ago.status == 200);
    BOOST_TEST(!contains(long_ago.body, paid));
    BOOST_TEST(contains(long_ago.body, "Aucun paiement sur cette période"));
    BOOST_TEST(!contains(admin->get(path + "&du=2020-01-01&au=2020-12-31").body, paid));
    // Another régie of the commune does not list it.
    const auto demo_regie = itest::sql(
        "SELECT id FROM regie WHERE name = 'Service Jeunesse' AND commune_id = " + caumont());
    BOOST_TEST(!contains(admin->get("/gestion/paiements?regie=" + demo_regie).body, paid));

    // Malformed filters: 400; a régie that is not the commune's: 404.
    BOOST_TEST(admin->get("/gestion/paiements?regie=abc").status == 400);
    BOOST_TEST(admin->get(path + "&mode=bitcoin").status == 400);
    BOOST_TEST(admin->get(path + "&etat=perdu").status == 400);
    BOOST_TEST(admin->get(path + "&du=2026-02-30").status == 400);
    BOOST_TEST(admin->get(path + "&du=2026-03-10&au=2026-03-01").status == 400);
    BOOST_TEST(admin->get(path + "&du=2020-01-01&au=2026-01-01").status == 400);
    BOOST_TEST(admin->get(path + "&mois=mars").status == 400);
    BOOST_TEST(admin->get("/gestion/paiements?regie=999999999").status == 404);

    // A parent is sent to the agents' login; a plain agent is refused.
    const auto parent = c->get("/gestion/paiements");
    BOOST_TEST(parent.status == 303);
    BOOST_TEST(parent.header("location") == "/gestion/connexion");
    BOOST_TEST(!contains(parent.body, paid));
    const std::string password = "le mot de passe de l'agent des paiements";
    const auto agent_email = unique_name("agent") + "@caumont.test";
    BOOST_REQUIRE_EQUAL(
        admin
            ->post_form("/gestion/agents", {{"csrf", admin->csrf_from("/gestion/agents")},
                                            {"nom", "Agent Paiements"},
                                            {"email", agent_email},
                                            {"role", "agent"},
                                            {"mot_de_passe", password}})
            .status,
        303);
    auto agent = logged_agent(agent_email, password);
    const auto refused_to_agent = agent->get("/gestion/paiements");
    BOOST_TEST(refused_to_agent.status == 403);
    BOOST_TEST(!contains(refused_to_agent.body, paid));

    // A régisseur of another commune: not in the list, and the régie does not exist.
    const auto other_email = unique_name("regisseur") + "@autreville.test";
    BOOST_REQUIRE_EQUAL(Stack::get().portail("create-agent --commune autreville --email " +
                                             other_email +
                                             " --name 'Regisseur Autreville' --role regisseur"
                                             " --password-file " +
                                             Stack::get().dir + "/admin-password"),
                        0);
    auto other = logged_agent(other_email, admin_password, other_host);
    const auto theirs = other->get("/gestion/paiements");
    BOOST_TEST(theirs.status == 200);
    BOOST_TEST(!contains(theirs.body, paid));
    BOOST_TEST(!contains(theirs.body, number_of(paid_invoice)));
    BOOST_TEST(other->get(path).status == 404);
}

BOOST_AUTO_TEST_CASE(pending_payment_shows_en_cours)
{
    const auto f = make_family("Encours");
    const auto invoice = add_invoice(f, 700);
    auto c = login(f.email);
    const auto idop = pay(*c, invoice);
    const auto page = c->get("/paiement/retour?idop=" + idop);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "Statut du paiement : en cours"));
    BOOST_TEST(op_status(idop) == "pending");
}

BOOST_AUTO_TEST_CASE(two_guardians_paying_at_once_share_one_operation)
{
    const auto f = make_family("Duo");
    const auto invoice = add_invoice(f, 3300);
    auto c1 = login(f.email);
    auto c2 = login(f.email2);
    const auto t1 = c1->csrf_from("/facturation");
    const auto t2 = c2->csrf_from("/facturation");
    std::latch go(2);
    std::string l1, l2;
    long s1 = 0, s2 = 0;
    std::thread a([&] {
        go.arrive_and_wait();
        const auto r = c1->post_form("/facturation/factures/" + invoice + "/payer", {{"csrf", t1}});
        s1 = r.status;
        l1 = r.header("location");
    });
    std::thread b([&] {
        go.arrive_and_wait();
        const auto r = c2->post_form("/facturation/factures/" + invoice + "/payer", {{"csrf", t2}});
        s2 = r.status;
        l2 = r.header("location");
    });
    a.join();
    b.join();
    BOOST_TEST(s1 == 303);
    BOOST_TEST(s2 == 303);
    BOOST_TEST(l1 == l2);
    BOOST_TEST(itest::sql("SELECT COUNT(*) FROM payment_operation WHERE invoice_id = " + invoice) ==
               "1");
}

BOOST_AUTO_TEST_CASE(invoice_pdf_is_the_familys_only)
{
    const auto f = make_family("Pdf");
    const auto other = make_family("Voisin");
    const auto invoice = add_invoice(f, 123456);
    const auto foreign = add_invoice(other, 999);
    auto c = login(f.email);
    const auto r = c->get("/facturation/factures/" + invoice + "/pdf");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.header("content-type") == "application/pdf");
    const auto number = number_of(invoice);
    BOOST_TEST(r.header("content-disposition") ==
               "attachment; filename=\"facture-" + number + ".pdf\"");
    BOOST_TEST(contains(r.header("cache-control"), "private"));
    const auto text = pdf_text(r.body);
    BOOST_TEST(contains(text, number));
    BOOST_TEST(contains(text, "234,56"));
    BOOST_TEST(contains(text, "Cantine à l'école"));
    BOOST_TEST(contains(text, "Écoles"));
    BOOST_TEST(c->get("/facturation/factures/" + foreign + "/pdf").status == 404);
    BOOST_TEST(c->get("/facturation/factures/999999999/pdf").status == 404);
    BOOST_TEST(c->get("/facturation/factures/abc/pdf").status == 404);
    BOOST_TEST(c->post_form("/facturation/factures/" + foreign + "/payer",
                            {{"csrf", c->csrf_from("/facturation")}})
                   .status == 404);
    const auto payment_of_other =
        itest::sql("SELECT IFNULL(MIN(id), 999999999) FROM payment WHERE family_id <> " + f.id);
    BOOST_TEST(c->get("/facturation/paiements/" + payment_of_other + "/recu").status == 404);
}

BOOST_AUTO_TEST_CASE(history_is_paginated_with_the_right_statuses_and_balance)
{
    const auto f = make_family("Histo");
    // Oldest first: 12 invoices, the newest is the last one added.
    std::vector<std::string> ids;
    for (int i = 12; i >= 1; --i) {
        const auto issued = "CURDATE() - INTERVAL " + std::to_string(i) + " DAY";
        if (i == 12)
            ids.push_back(add_invoice(f, 800, "a_payer", "CURDATE() - INTERVAL 1 DAY", issued));
        else if (i == 11)
            ids.push_back(add_invoice(f, 1500, "transmise", "CURDATE() - INTERVAL 1 DAY", issued));
        else if (i == 3)
            ids.push_back(add_invoice(f, 4575, "payee", "CURDATE() + INTERVAL 5 DAY", issued));
        else
            ids.push_back(add_invoice(f, 100 * i, "a_payer", "CURDATE() + INTERVAL 5 DAY", issued));
    }
    auto c = login(f.email);
    const auto first = c->get("/facturation");
    BOOST_REQUIRE_EQUAL(first.status, 200);
    BOOST_TEST(contains(first.body, "Historique des factures (12 Résultats)"));
    // 800 + 1500 + (1..10 except 3) × 100.
    BOOST_TEST(contains(first.body, "Solde : 75,00\u00a0€"));
    for (const auto* col : {">Date<", ">Nature<", ">Numéro<", ">Échéance<", ">Émetteur<",
                            ">Montant<", ">Statut<", ">Télécharger<"})
        BOOST_TEST(contains(first.body, col));
    // Newest first: the last added is the first row; 10 rows on page 1.
    const auto newest = first.body.find("id=\"facture-" + ids.back() + "\"");
    const auto older = first.body.find("id=\"facture-" + ids[ids.size() - 2] + "\"");
    BOOST_TEST(newest != std::string::npos);
    BOOST_TEST(older != std::string::npos);
    BOOST_TEST(newest < older);
    BOOST_TEST(!contains(first.body, "id=\"facture-" + ids[0] + "\""));
    BOOST_TEST(contains(first.body, "id=\"facture-" + ids[9 - 7] + "\""));
    std::size_t rows = 0;
    for (auto at = first.body.find("<tr class=\"invoice\""); at != std::string::npos;
         at = first.body.find("<tr class=\"invoice\"", at + 1))
        ++rows;
    BOOST_TEST(rows == 10u);
    const auto second = c->get("/facturation?page=2");
    BOOST_REQUIRE_EQUAL(second.status, 200);
    BOOST_TEST(contains(second.body, "id=\"facture-" + ids[0] + "\""));
    BOOST_TEST(contains(second.body, "id=\"facture-" + ids[1] + "\""));
    BOOST_TEST(contains(second.body, "Plus payable en ligne"));
    BOOST_TEST(!contains(second.body, ">Payer en ligne<"));
    BOOST_TEST(contains(first.body, "status--paid\">Payée<"));
    BOOST_TEST(contains(first.body, ">Payer en ligne<"));
    for (const auto* bad : {"3", "0", "-1", "abc", "1x", ""}) {
        const auto r = c->get(std::string("/facturation?page=") + bad);
        BOOST_TEST(r.status == 400, "page=" << bad << " gave " << r.status);
        BOOST_TEST(contains(r.body, "page"));
    }
    // Past due and transmitted invoices cannot be paid online.
    BOOST_TEST(c->post_form("/facturation/factures/" + ids[0] + "/payer",
                            {{"csrf", c->csrf_from("/facturation")}})
                   .status == 409);
    BOOST_TEST(c->post_form("/facturation/factures/" + ids[1] + "/payer",
                            {{"csrf", c->csrf_from("/facturation")}})
                   .status == 409);
    BOOST_TEST(itest::sql("SELECT COUNT(*) FROM payment_operation WHERE family_id = " + f.id) ==
               "0");
    // Logged out: to the login page.
    Client anonymous;
    BOOST_TEST(anonymous.get("/facturation").status == 303);
}

BOOST_AUTO_TEST_CASE(demo_family_has_the_brochure_history)
{
    std::string conf;
    {
        std::ifstream in(Stack::get().dir + "/portail.conf");
        std::stringstream s;
        s << in.rdbuf();
        conf = s.str();
    }
    auto value = [&](const std::string& key) {
        const auto at = conf.find(key + " = ");
        BOOST_REQUIRE(at != std::string::npos);
        const auto start = at + key.size() + 3;
        return conf.substr(start, conf.find('\n', start) - start);
    };
    auto settings = db::parse_url(value("db-url"));
    std::ifstream(value("db-password-file")) >> settings.password;
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(settings);
    const auto commune = std::stoll(caumont());
    app::seed_demo_invoices(conn, commune);
    app::seed_demo_invoices(conn, commune); // idempotent
    const auto family =
        itest::sql("SELECT id FROM family WHERE name = 'FICTIF' AND commune_id = " + caumont());
    BOOST_TEST(itest::sql("SELECT COUNT(*) FROM invoice WHERE family_id = " + family +
                          " AND (number LIKE 'RS-202%' OR number LIKE 'SJ-202%')"
                          " AND issued_on < '2022-02-01'") == "26");
    BOOST_TEST(itest::sql("SELECT SUM(total_cents - paid_cents) FROM invoice WHERE family_id = " +
                          family + " AND issued_on < '2022-02-01'") == "7355");
    auto c = login("rolf.fictif@example.org");
    const auto page = c->get("/facturation");
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(contains(page.body, "11/01/2022"));
    BOOST_TEST(contains(page.body, "Service Jeunesse"));
    BOOST_TEST(contains(page.body, "55,25\u00a0€"));
    BOOST_TEST(contains(page.body, "10/01/2022"));
    BOOST_TEST(contains(page.body, "Restauration scolaire"));
    if (itest::sql("SELECT COUNT(*) FROM invoice WHERE family_id = " + family) == "26") {
        BOOST_TEST(contains(page.body, "Historique des factures (26 Résultats)"));
        BOOST_TEST(contains(page.body, "Solde : 73,55\u00a0€"));
        BOOST_TEST(contains(page.body, "07/12/2021"));
        BOOST_TEST(contains(page.body, "45,75\u00a0€"));
        BOOST_TEST(contains(page.body, "29/10/2021"));
        BOOST_TEST(contains(page.body, "0,00\u00a0€"));
        BOOST_TEST(contains(page.body, "Plus payable en ligne"));
    }
    BOOST_TEST(contains(c->get("/famille").body, "href=\"/facturation\""));
}

BOOST_AUTO_TEST_SUITE_END()
