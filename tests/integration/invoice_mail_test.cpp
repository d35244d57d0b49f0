// Invoices published to parents (SPEC §5 "publish to parents with an email", issue 6): a run
// issued through /gestion/facturation sets published_at and mails "Nouvelle facture" with the
// number, amount, due date and a link to /facturation to each confirmed account of the family
// (not to an unconfirmed one), once: a rerun mails nothing more.
//
// The test makes its own régie, activity and family, in March 2026 (a past month).
#include "domain/money.h"
#include "fixtures.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace itest;

namespace
{

const std::string month = "2026-03";

Reply issue(Client& c, const std::string& regie)
{
    return c.post_form(
        "/gestion/facturation",
        {{"csrf", c.csrf_from("/gestion/facturation")}, {"regie", regie}, {"mois", month}});
}

std::string add_account(const Parent& p, const std::string& email, bool confirmed)
{
    return sql("INSERT INTO parent_account (commune_id, family_id, email, password_hash,"
               " confirmed_at) VALUES (" +
               caumont() + ", " + p.family_id + ", " + quoted(email) + ", 'x', " +
               (confirmed ? "UTC_TIMESTAMP()" : "NULL") + "); SELECT LAST_INSERT_ID()");
}

std::string book(const Parent& p, const std::string& occurrence)
{
    return sql("INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status,"
               " queued_at, created_at, updated_at) VALUES (" +
               caumont() + ", " + occurrence + ", " + p.children[0].id + ", " + p.family_id +
               ", 'booked', UTC_TIMESTAMP(6), UTC_TIMESTAMP(), UTC_TIMESTAMP());"
               " SELECT LAST_INSERT_ID()");
}

const Mail* the_invoice_mail(const std::vector<Mail>& mails)
{
    for (const auto& m : mails)
        if (contains(m.text, "Une nouvelle facture est disponible"))
            return &m;
    return nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(invoice_mail)

BOOST_AUTO_TEST_CASE(an_issued_invoice_is_published_and_mailed_to_each_confirmed_account)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    const auto second = unique_email("facture");
    const auto unconfirmed = unique_email("facture");
    add_account(parent, second, true);
    add_account(parent, unconfirmed, false);

    const auto name = unique_name("Regie mail ");
    const auto prefix = name.substr(name.size() - 6);
    const auto regie =
        sql("INSERT INTO regie (commune_id, name, invoice_prefix, credit_prefix, payment_days)"
            " VALUES (" +
            caumont() + ", " + quoted(name) + ", " + quoted(prefix) + ", " + quoted(prefix + "AV") +
            ", 30); SELECT LAST_INSERT_ID()");
    const auto activity =
        sql("INSERT INTO activity (commune_id, name, period_start, period_end, capacity,"
            " regie_id) VALUES (" +
            caumont() + ", " + quoted(unique_name("Cantine mail ")) +
            ", '2025-09-01', '2026-07-04', 50, " + regie + "); SELECT LAST_INSERT_ID()");
    sql("INSERT INTO tariff (commune_id, activity_id, valid_from, qf_min, qf_max, unit_cents)"
        " VALUES (" +
        caumont() + ", " + activity + ", '2026-01-01', 0, NULL, 275)");
    for (const auto* day : {"2026-03-02", "2026-03-03"}) {
        const auto occ =
            sql("INSERT INTO occurrence (commune_id, activity_id, day, capacity)"
                " VALUES (" +
                caumont() + ", " + activity + ", '" + day + "', 50); SELECT LAST_INSERT_ID()");
        book(parent, occ);
    }

    BOOST_REQUIRE_EQUAL(issue(*admin, regie).status, 303);
    const auto number = sql("SELECT number FROM invoice WHERE regie_id = " + regie +
                            " AND family_id = " + parent.family_id);
    BOOST_REQUIRE(!number.empty());
    BOOST_TEST(sql("SELECT published_at IS NOT NULL FROM invoice WHERE regie_id = " + regie) ==
               "1");
    const auto due =
        sql("SELECT DATE_FORMAT(due_on, '%d/%m/%Y') FROM invoice WHERE regie_id = " + regie);

    for (const auto& to : {parent.email, second}) {
        // The parent who made the account also got its confirmation mail.
        const auto mails = wait_for_mails(to, to == parent.email ? 2 : 1);
        const auto* mail = the_invoice_mail(mails);
        BOOST_REQUIRE_MESSAGE(mail, "no invoice mail to " + to);
        BOOST_TEST(contains(mail->text, "Facture n° " + number + " (" + name + ")"));
        BOOST_TEST(contains(mail->text, "Montant : " + domain::format_euros(550)));
        BOOST_TEST(contains(mail->text, "À régler avant le " + due));
        BOOST_TEST(path_of(link_in(*mail, "/facturation")) == "/facturation");
    }
    BOOST_TEST(sql("SELECT subject FROM mail_outbox WHERE recipient = " + quoted(second)) ==
               "Nouvelle facture " + number + " de " + domain::format_euros(550) +
                   " — Portail Famille de Caumont-sur-Durance");
    BOOST_TEST(sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = " + quoted(unconfirmed)) ==
               "0");

    // A rerun issues nothing and mails nothing more.
    BOOST_REQUIRE_EQUAL(issue(*admin, regie).status, 303);
    BOOST_TEST(sql("SELECT COUNT(*) FROM invoice WHERE regie_id = " + regie) == "1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient IN (" + quoted(parent.email) +
                   ", " + quoted(second) + ") AND subject LIKE 'Nouvelle facture%'") == "2");

    // The parent sees the invoice in the history.
    const auto page = parent.client->get("/facturation");
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(contains(page.body, number));
}

BOOST_AUTO_TEST_SUITE_END()
