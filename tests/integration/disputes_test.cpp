// Contesting an invoice line (SPEC §9) against the real stack: the parent's invoice page and
// its "Contester" form, one open dispute per line, the agents' list and decision (refused with
// an answer, granted with a credit note), the family's mail, roles and other communes.
//
// Each test makes its own régie, family, parent account and invoice with SQL.
#include "client.h"
#include "fixtures.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

using namespace itest;

namespace
{

struct Family {
    std::string id;
    std::string regie;
    std::string email; // of the confirmed parent account
};

// A régie taking online payments and a family with a confirmed parent account (the demo
// parent's password).
Family make_family(const std::string& tag)
{
    Family f;
    const auto name = unique_name(tag);
    const auto prefix = name.substr(name.size() - 6);
    f.regie =
        sql("INSERT INTO regie (commune_id, name, address, payfip_numcli, invoice_prefix,"
            " credit_prefix, office_text) VALUES (" +
            caumont() + ", " + quoted("Régie " + name) +
            ", 'Place de la Mairie',"
            " '012345', " +
            quoted(prefix) + ", " + quoted(prefix + "AV") + ", 'Mairie'); SELECT LAST_INSERT_ID()");
    f.id = sql("INSERT INTO family (commune_id, number, name, address_line1, postal_code, city)"
               " SELECT " +
               caumont() + ", IFNULL(MAX(number), 0) + 1, " + quoted(name) +
               ", '2 rue des Écoles', '84510', 'Caumont-sur-Durance' FROM family"
               " WHERE commune_id = " +
               caumont() + "; SELECT LAST_INSERT_ID()");
    f.email = unique_email(tag);
    const auto guardian =
        sql("INSERT INTO family_member (commune_id, family_id, role, last_name, first_name,"
            " email) VALUES (" +
            caumont() + ", " + f.id + ", 'guardian', " + quoted(name) + ", 'Zoé', " +
            quoted(f.email) + "); SELECT LAST_INSERT_ID()");
    sql("INSERT INTO parent_account (commune_id, family_id, guardian_id, email, password_hash,"
        " confirmed_at) SELECT " +
        caumont() + ", " + f.id + ", " + guardian + ", " + quoted(f.email) +
        ", password_hash, UTC_TIMESTAMP() FROM parent_account WHERE email ="
        " 'rolf.fictif@example.org' AND commune_id = " +
        caumont());
    return f;
}

int invoice_counter = 0;

// An invoice of two lines (5,50 € canteen on the 3rd, 4,30 € leisure centre on the 4th of
// last month), due in 20 days.
std::string add_invoice(const Family& f)
{
    const int seq = ++invoice_counter;
    const auto number = "D-" + f.id + "-" + std::to_string(seq);
    const auto id = sql(
        "INSERT INTO invoice (commune_id, regie_id, family_id, number, seq_year, seq_value, month,"
        " issued_on, due_on, total_cents, status, family_name, family_address, regie_name,"
        " regie_address, regie_office, payfip_numcli, commune_name, created_at) SELECT " +
        caumont() + ", " + f.regie + ", " + f.id + ", " + quoted(number) + ", 2026, " +
        std::to_string(seq) +
        ", DATE_FORMAT(CURDATE(), '%Y-%m'), CURDATE() - INTERVAL 3 DAY,"
        " CURDATE() + INTERVAL 20 DAY, 980, 'a_payer', 'Famille Zoé', '2 rue des Écoles',"
        " name, address, office_text, payfip_numcli, 'Caumont-sur-Durance', UTC_TIMESTAMP()"
        " FROM regie WHERE id = " +
        f.regie + "; SELECT LAST_INSERT_ID()");
    sql("INSERT INTO invoice_line (invoice_id, commune_id, source_kind, day, activity_name,"
        " child_name, quantity, unit_cents, amount_cents, pricing, label) VALUES (" +
        id + ", " + caumont() +
        ", 'manual', '2026-10-05', 'Cantine à l''école', 'Léa Zoé', 1, 550, 550, 'manual',"
        " 'Cantine'), (" +
        id + ", " + caumont() +
        ", 'manual', '2026-10-06', 'Centre de loisirs', 'Léa Zoé', 1, 430, 430, 'manual',"
        " 'Centre')");
    return id;
}

std::string line_of(const std::string& invoice, const std::string& cents)
{
    return sql("SELECT id FROM invoice_line WHERE invoice_id = " + invoice +
               " AND amount_cents = " + cents);
}

std::unique_ptr<Client> parent_login(const std::string& email)
{
    auto c = std::make_unique<Client>();
    c->extra_headers = {"Origin: http://localhost"};
    const auto csrf = c->csrf_from("/connexion");
    const auto r = c->post_form(
        "/connexion", {{"csrf", csrf}, {"email", email}, {"mot_de_passe", admin_password}});
    BOOST_REQUIRE_EQUAL(r.status, 303);
    return c;
}

Reply contest(Client& c, const std::string& invoice, const std::string& line,
              const std::string& comment)
{
    const auto path = "/facturation/factures/" + invoice;
    return c.post_form(
        path + "/contestations",
        {{"csrf", c.csrf_from("/facturation")}, {"ligne", line}, {"commentaire", comment}});
}

Reply decide(Client& c, const std::string& dispute, const std::string& decision,
             const std::string& answer)
{
    return c.post_form("/gestion/contestations/" + dispute,
                       {{"csrf", c.csrf_from("/gestion/contestations")},
                        {"decision", decision},
                        {"reponse", answer}});
}

std::string disputes_of(const std::string& invoice)
{
    return sql("SELECT COUNT(*) FROM dispute d JOIN invoice_line l ON l.id ="
               " d.invoice_line_id WHERE l.invoice_id = " +
               invoice);
}

bool mailed(const std::string& to, const std::string& text)
{
    for (const auto& m : mails_to(to))
        if (contains(m.text, text))
            return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(disputes)

BOOST_AUTO_TEST_CASE(a_parent_contests_lines_and_agents_refuse_or_grant_them)
{
    const auto f = make_family("Conteste");
    const auto invoice = add_invoice(f);
    const auto number = sql("SELECT number FROM invoice WHERE id = " + invoice);
    const auto canteen = line_of(invoice, "550");
    const auto leisure = line_of(invoice, "430");
    const auto page = "/facturation/factures/" + invoice;
    auto parent = parent_login(f.email);

    // The history links the detail page, which shows the lines and can still be paid.
    BOOST_TEST(contains(parent->get("/facturation").body, "href=\"" + page + "\""));
    auto detail = parent->get(page);
    BOOST_REQUIRE_EQUAL(detail.status, 200);
    BOOST_TEST(contains(detail.body, "Facture " + number));
    BOOST_TEST(contains(detail.body, "Cantine à l&#39;école"));
    BOOST_TEST(contains(detail.body, "Contester"));
    BOOST_TEST(contains(detail.body, page + "/pdf"));

    // Bad input: 400 with the French form, nothing stored.
    const auto empty = contest(*parent, invoice, canteen, "   ");
    BOOST_TEST(empty.status == 400);
    BOOST_TEST(contains(empty.body, "Expliquez en quelques mots"));
    BOOST_TEST(contest(*parent, invoice, canteen, std::string(1001, 'x')).status == 400);
    BOOST_TEST(contest(*parent, invoice, "abc", "Erreur").status == 400);
    BOOST_TEST(disputes_of(invoice) == "0");

    // Contested: open, shown to the parent, still payable.
    const auto sent = contest(*parent, invoice, canteen, "Léa était malade ce jour-là");
    BOOST_REQUIRE_EQUAL(sent.status, 303);
    BOOST_TEST(sent.header("location") == page + "?contestation=envoyee");
    detail = parent->get(page + "?contestation=envoyee");
    BOOST_TEST(contains(detail.body, "Contestation envoyée"));
    BOOST_TEST(contains(detail.body, "En cours d&#39;examen"));
    BOOST_TEST(contains(detail.body, "Léa était malade ce jour-là"));
    BOOST_TEST(contains(detail.body, "Payer en ligne"));
    BOOST_TEST(sql("SELECT CONCAT(status, ' ', family_id) FROM dispute WHERE"
                   " invoice_line_id = " +
                   canteen) == "open " + f.id);
    const auto refused = sql("SELECT id FROM dispute WHERE invoice_line_id = " + canteen);

    // One open dispute per line.
    const auto twice = contest(*parent, invoice, canteen, "Encore");
    BOOST_TEST(twice.status == 409);
    BOOST_TEST(contains(twice.body, "déjà contestée"));
    BOOST_TEST(disputes_of(invoice) == "1");

    // Another family: the invoice and its lines do not exist.
    const auto g = make_family("Autre");
    const auto other_invoice = add_invoice(g);
    auto stranger = parent_login(g.email);
    BOOST_TEST(stranger->get(page).status == 404);
    BOOST_TEST(contest(*stranger, invoice, leisure, "Pas à moi").status == 404);
    BOOST_TEST(contest(*stranger, other_invoice, leisure, "Pas à moi").status == 404);
    BOOST_TEST(parent->get("/facturation/factures/" + other_invoice).status == 404);
    BOOST_TEST(disputes_of(invoice) == "1");
    BOOST_TEST(disputes_of(other_invoice) == "0");

    // The agents see it, open first.
    auto admin = logged_agent(admin_email, admin_password);
    const auto list = admin->get("/gestion/contestations");
    BOOST_REQUIRE_EQUAL(list.status, 200);
    BOOST_TEST(contains(list.body, number));
    BOOST_TEST(contains(list.body, "Léa était malade ce jour-là"));
    BOOST_TEST(contains(admin->get("/gestion/contestations?facture=" + number).body,
                        "/gestion/contestations/" + refused));
    BOOST_TEST(contains(admin->get("/gestion/factures/" + invoice).body,
                        "/gestion/contestations?facture=" + number));
    BOOST_TEST(admin->get("/gestion/contestations/" + refused).status == 200);
    BOOST_TEST(admin->get("/gestion/contestations/999999999").status == 404);
    BOOST_TEST(admin->get("/gestion/contestations/abc").status == 404);

    // Refusing needs an answer; with one, the family is told.
    const auto no_answer = decide(*admin, refused, "refuser", "");
    BOOST_TEST(no_answer.status == 400);
    BOOST_TEST(contains(no_answer.body, "raison du refus"));
    BOOST_TEST(decide(*admin, refused, "peut-etre", "Non").status == 400);
    BOOST_TEST(sql("SELECT status FROM dispute WHERE id = " + refused) == "open");
    BOOST_REQUIRE_EQUAL(decide(*admin, refused, "refuser", "Le repas était commandé").status, 303);
    BOOST_TEST(sql("SELECT CONCAT(status, ' ', answer) FROM dispute WHERE id = " + refused) ==
               "refused Le repas était commandé");
    wait_for_mails(f.email, 1);
    BOOST_TEST(mailed(f.email, "n'a pas accepté votre contestation de la facture " + number));
    BOOST_TEST(mailed(f.email, "Le repas était commandé"));
    detail = parent->get(page);
    BOOST_TEST(contains(detail.body, "Refusée"));
    BOOST_TEST(contains(detail.body, "Le repas était commandé"));
    // Decided twice: 409, nothing changes.
    BOOST_TEST(decide(*admin, refused, "accepter", "").status == 409);
    BOOST_TEST(sql("SELECT COUNT(*) FROM credit_note WHERE invoice_id = " + invoice) == "0");

    // Another line, granted: a credit note of the line's amount.
    BOOST_REQUIRE_EQUAL(contest(*parent, invoice, leisure, "Centre fermé ce jour-là").status, 303);
    const auto granted = sql("SELECT id FROM dispute WHERE invoice_line_id = " + leisure);
    BOOST_REQUIRE_EQUAL(decide(*admin, granted, "accepter", "Fermeture exceptionnelle").status,
                        303);
    const auto credit = sql("SELECT CONCAT(c.number, ' ', c.amount_cents) FROM dispute d"
                            " JOIN credit_note c ON c.id = d.credit_note_id WHERE d.id = " +
                            granted + " AND d.status = 'granted'");
    BOOST_REQUIRE_MESSAGE(!credit.empty(), "no credit note linked to the granted dispute");
    const auto credit_number = credit.substr(0, credit.find(' '));
    BOOST_TEST(credit.substr(credit.find(' ') + 1) == "430");
    BOOST_TEST(sql("SELECT CONCAT(credited_cents, ' ', total_cents - paid_cents -"
                   " credited_cents) FROM invoice WHERE id = " +
                   invoice) == "430 550");
    BOOST_TEST(contains(admin->get("/gestion/contestations/" + granted).body, credit_number));
    wait_for_mails(f.email, 2);
    BOOST_TEST(mailed(f.email, "a accepté votre contestation"));
    BOOST_TEST(mailed(f.email, credit_number));
    detail = parent->get(page);
    BOOST_TEST(contains(detail.body, "Accordée"));
    BOOST_TEST(contains(detail.body, "Avoir " + credit_number));
    BOOST_TEST(contains(detail.body, "5,50"));
    // Decided twice: 409, still one credit note.
    BOOST_TEST(decide(*admin, granted, "accepter", "").status == 409);
    BOOST_TEST(decide(*admin, granted, "refuser", "Non").status == 409);
    BOOST_TEST(sql("SELECT COUNT(*) FROM credit_note WHERE invoice_id = " + invoice) == "1");
    BOOST_TEST(sql("SELECT status FROM dispute WHERE id = " + granted) == "granted");
}

// The grant and its credit note are one transaction: a failure after the credit note was
// written (here, linking it to the dispute) leaves neither, and the credit-note number is
// not used up; granted again, the dispute gets exactly one credit note, the first number.
BOOST_AUTO_TEST_CASE(a_grant_and_its_credit_note_commit_together_or_not_at_all)
{
    const auto f = make_family("Atomique");
    const auto invoice = add_invoice(f);
    const auto line = line_of(invoice, "430");
    auto parent = parent_login(f.email);
    BOOST_REQUIRE_EQUAL(contest(*parent, invoice, line, "Centre fermé ce jour-là").status, 303);
    const auto dispute = sql("SELECT id FROM dispute WHERE invoice_line_id = " + line);
    const auto journal_of = [&] {
        return sql("SELECT COUNT(*) FROM journal WHERE object_type = 'dispute' AND object_id = " +
                   dispute);
    };
    const auto state = [&] {
        return sql("SELECT CONCAT(d.status, ' ', IFNULL(d.credit_note_id, '-'), ' ',"
                   " i.credited_cents, ' ', i.total_cents - i.paid_cents - i.credited_cents, ' ',"
                   " (SELECT COUNT(*) FROM credit_note c WHERE c.invoice_id = i.id), ' ',"
                   " IFNULL((SELECT next_value FROM invoice_sequence s WHERE s.regie_id ="
                   " i.regie_id AND s.kind = 'credit'), 1)) FROM dispute d"
                   " JOIN invoice_line l ON l.id = d.invoice_line_id"
                   " JOIN invoice i ON i.id = l.invoice_id WHERE d.id = " +
                   dispute);
    };
    BOOST_REQUIRE_EQUAL(state(), "open - 0 980 0 1");

    // Linking the credit note to this dispute fails once the note is written.
    const auto trigger = "fail_link_" + dispute;
    sql("DROP TRIGGER IF EXISTS " + trigger);
    sql("DELIMITER //\nCREATE TRIGGER " + trigger +
        " BEFORE UPDATE ON dispute FOR EACH ROW IF NEW.id = " + dispute +
        " AND NEW.credit_note_id IS NOT NULL THEN SIGNAL SQLSTATE '45000'"
        " SET MESSAGE_TEXT = 'link refused by the test'; END IF//\nDELIMITER ;");
    BOOST_REQUIRE_EQUAL(sql("SELECT COUNT(*) FROM information_schema.triggers WHERE"
                            " trigger_name = " +
                            quoted(trigger)),
                        "1");
    auto admin = logged_agent(admin_email, admin_password);
    const auto failed = decide(*admin, dispute, "accepter", "Fermeture exceptionnelle");
    sql("DROP TRIGGER IF EXISTS " + trigger);
    BOOST_TEST(failed.status == 500);
    // Neither the grant nor the credit note, nor its number, nor the journal line or the mail.
    BOOST_TEST(state() == "open - 0 980 0 1");
    BOOST_TEST(journal_of() == "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = " + quoted(f.email)) == "0");
    const auto page = admin->get("/gestion/contestations/" + dispute);
    BOOST_TEST(contains(page.body, "À traiter"));

    // Granted now: one credit note of the line's amount, numbered first in its sequence, the
    // invoice's balance reduced by as much.
    BOOST_REQUIRE_EQUAL(decide(*admin, dispute, "accepter", "Fermeture exceptionnelle").status,
                        303);
    const auto credit = sql("SELECT id FROM credit_note WHERE invoice_id = " + invoice);
    BOOST_TEST(state() == "granted " + credit + " 430 550 1 2");
    BOOST_TEST(sql("SELECT CONCAT(seq_value, ' ', amount_cents) FROM credit_note WHERE id = " +
                   credit) == "1 430");
    BOOST_TEST(sql("SELECT CONCAT(invoice_line_id, ' ', amount_cents) FROM credit_note_line"
                   " WHERE credit_note_id = " +
                   credit) == line + " 430");
    BOOST_TEST(journal_of() == "1");
    wait_for_mails(f.email, 1);
    BOOST_TEST(mailed(f.email, "a accepté votre contestation"));
}

// A grant whose credit note is refused (the invoice has nothing left to pay) writes nothing:
// the dispute stays open, 409 says why.
BOOST_AUTO_TEST_CASE(a_grant_refused_for_its_credit_note_leaves_the_dispute_open)
{
    const auto f = make_family("Solde");
    const auto invoice = add_invoice(f);
    const auto line = line_of(invoice, "550");
    auto parent = parent_login(f.email);
    BOOST_REQUIRE_EQUAL(contest(*parent, invoice, line, "Déjà réglé au guichet").status, 303);
    const auto dispute = sql("SELECT id FROM dispute WHERE invoice_line_id = " + line);
    sql("UPDATE invoice SET paid_cents = total_cents, status = 'payee' WHERE id = " + invoice);
    auto admin = logged_agent(admin_email, admin_password);
    const auto refused = decide(*admin, dispute, "accepter", "");
    BOOST_TEST(refused.status == 409);
    BOOST_TEST(contains(refused.body, "aucun avoir n&#39;est possible"));
    BOOST_TEST(sql("SELECT CONCAT(status, ' ', IFNULL(credit_note_id, '-'), ' ', answer) FROM"
                   " dispute WHERE id = " +
                   dispute) == "open - ");
    BOOST_TEST(sql("SELECT COUNT(*) FROM credit_note WHERE invoice_id = " + invoice) == "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM invoice_sequence s JOIN invoice i ON i.regie_id ="
                   " s.regie_id WHERE s.kind = 'credit' AND s.next_value > 1 AND i.id = " +
                   invoice) == "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE object_type = 'dispute' AND object_id = " +
                   dispute) == "0");
}

BOOST_AUTO_TEST_CASE(plain_agents_and_other_communes_cannot_see_disputes)
{
    const auto f = make_family("Roles");
    const auto invoice = add_invoice(f);
    const auto number = sql("SELECT number FROM invoice WHERE id = " + invoice);
    auto parent = parent_login(f.email);
    BOOST_REQUIRE_EQUAL(contest(*parent, invoice, line_of(invoice, "550"), "Erreur").status, 303);
    const auto dispute = sql("SELECT d.id FROM dispute d JOIN invoice_line l ON l.id ="
                             " d.invoice_line_id WHERE l.invoice_id = " +
                             invoice);
    const auto path = "/gestion/contestations/" + dispute;

    // A plain agent (families, bookings, attendance) has no access to billing.
    auto admin = logged_agent(admin_email, admin_password);
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
    auto agent = logged_agent(email, password);
    const auto agent_csrf = agent->csrf_from("/gestion");
    BOOST_TEST(agent->get("/gestion/contestations").status == 403);
    BOOST_TEST(agent->get(path).status == 403);
    BOOST_TEST(agent->post_form(path, {{"csrf", agent_csrf}, {"decision", "accepter"}}).status ==
               403);

    // A régisseur of another commune: the dispute does not exist.
    const auto other_email = unique_name("regisseur") + "@autreville.test";
    BOOST_REQUIRE_EQUAL(Stack::get().portail("create-agent --commune autreville --email " +
                                             other_email +
                                             " --name 'Regisseur Autreville' --role regisseur"
                                             " --password-file " +
                                             Stack::get().dir + "/admin-password"),
                        0);
    auto other = logged_agent(other_email, admin_password, other_host);
    const auto other_csrf = other->csrf_from("/gestion/contestations");
    BOOST_TEST(other->get(path).status == 404);
    BOOST_TEST(other->post_form(path, {{"csrf", other_csrf}, {"decision", "accepter"}}).status ==
               404);
    BOOST_TEST(!contains(other->get("/gestion/contestations").body, number));
    BOOST_TEST(sql("SELECT status FROM dispute WHERE id = " + dispute) == "open");
    BOOST_TEST(sql("SELECT credited_cents FROM invoice WHERE id = " + invoice) == "0");
}

BOOST_AUTO_TEST_SUITE_END()
