// What workers keep in memory (app/commune_data.h, app/family_data.h,
// app/family_billing.h, app/planning_data.h, app/parent_accounts.h) is never stale: the next
// request after a change sees it, whoever made the change — here plain SQL, as an administrator or
// another worker would, which the triggers of sql/008, 010, 011 and 012 catch. The one exception,
// by design: the places other families took, which a worker shows a second late at most.
#include "booking_helpers.h"
#include "domain/money.h"
#include "domain/time.h"
#include "fixtures.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>

using namespace itest;

namespace
{

// Removes what the test added to the demo commune, even when a check fails midway.
struct Cleanup {
    std::string rules_id;
    std::string activity_id;
    ~Cleanup()
    {
        if (!rules_id.empty())
            sql("DELETE FROM rules_acceptance WHERE document_id = " + rules_id +
                "; DELETE FROM rules_document WHERE id = " + rules_id);
        if (!activity_id.empty())
            sql("DELETE FROM activity WHERE id = " + activity_id);
    }
};

// A régie and its activity priced 3,15 € a day (6,00 € without booking), a day of it today
// booked for the parent's child; removed at the end, even when a check fails midway.
struct BilledDay {
    std::string regie;
    std::string regie_name;
    std::string activity;
    std::string activity_name;
    std::string tariff;
    std::string occurrence;
    std::string booking;
    std::string invoice;

    explicit BilledDay(const Parent& p)
    {
        regie_name = unique_name("Regie memoire ");
        const auto prefix = regie_name.substr(regie_name.size() - 6);
        regie = sql("INSERT INTO regie (commune_id, name, invoice_prefix, credit_prefix) VALUES (" +
                    caumont() + ", " + quoted(regie_name) + ", " + quoted(prefix) + ", " +
                    quoted(prefix + "AV") + "); SELECT LAST_INSERT_ID()");
        activity_name = unique_name("Cantine memoire ");
        activity = sql("INSERT INTO activity (commune_id, name, period_start, period_end,"
                       " capacity, regie_id) VALUES (" +
                       caumont() + ", " + quoted(activity_name) +
                       ", '2020-01-01', '2099-12-31', 50, " + regie + "); SELECT LAST_INSERT_ID()");
        tariff = sql("INSERT INTO tariff (commune_id, activity_id, valid_from, qf_min, qf_max,"
                     " unit_cents, penalty_cents) VALUES (" +
                     caumont() + ", " + activity +
                     ", '2020-01-01', 0, NULL, 315, 600); SELECT LAST_INSERT_ID()");
        occurrence = sql(
            "INSERT INTO occurrence (commune_id, activity_id, day, capacity) VALUES (" + caumont() +
            ", " + activity + ", '" + iso(paris_today()) + "', 50); SELECT LAST_INSERT_ID()");
        book(p);
    }

    void book(const Parent& p)
    {
        booking = sql("INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status,"
                      " queued_at, created_at, updated_at) VALUES (" +
                      caumont() + ", " + occurrence + ", " + p.children[0].id + ", " + p.family_id +
                      ", 'booked', UTC_TIMESTAMP(6), UTC_TIMESTAMP(), UTC_TIMESTAMP());"
                      " SELECT LAST_INSERT_ID()");
    }

    ~BilledDay()
    {
        if (!invoice.empty())
            sql("DELETE FROM invoice_line WHERE invoice_id = " + invoice +
                "; DELETE FROM invoice WHERE id = " + invoice);
        sql("DELETE FROM attendance WHERE occurrence_id = " + occurrence +
            "; DELETE FROM booking WHERE occurrence_id = " + occurrence +
            "; DELETE FROM occurrence WHERE id = " + occurrence +
            "; DELETE FROM tariff WHERE activity_id = " + activity +
            "; DELETE FROM closure WHERE activity_id = " + activity +
            "; DELETE FROM activity WHERE id = " + activity +
            "; DELETE FROM regie WHERE id = " + regie);
    }
};

std::string estimate_line(domain::Cents cents)
{
    return "Estimation du mois en cours : " + domain::format_euros(cents);
}

} // namespace

BOOST_AUTO_TEST_SUITE(caching)

BOOST_AUTO_TEST_CASE(pages_see_every_change_of_the_commune_and_of_the_family_at_once)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    auto& c = *parent.client;
    Cleanup cleanup;
    // Warm both caches.
    BOOST_REQUIRE_EQUAL(c.get("/famille").status, 200);
    BOOST_REQUIRE_EQUAL(c.get("/famille/planning").status, 200);
    BOOST_REQUIRE_EQUAL(c.get("/famille/reglements").status, 200);
    const auto revision =
        sql("SELECT revision FROM commune_revision WHERE commune_id = " + caumont());

    // A new published rules document: the commune's revision moves, every page shows it.
    const auto service = unique_name("Service memoire ");
    const auto title = unique_name("Reglement memoire ");
    cleanup.rules_id =
        sql("INSERT INTO rules_document (commune_id, service, title, version, size, data,"
            " created_at, published_at) VALUES (" +
            caumont() + ", " + quoted(service) + ", " + quoted(title) +
            ", 1, 4, 'pdf!', UTC_TIMESTAMP(), UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()");
    BOOST_TEST(sql("SELECT revision FROM commune_revision WHERE commune_id = " + caumont()) !=
               revision);
    BOOST_TEST(shows(c.get("/famille/reglements").body, title));
    const auto alert = "Règlement « " + service + " » à lire et accepter";
    BOOST_TEST(shows(c.get("/famille").body, alert));

    // The family accepts it (another worker, say): its revision moves, the alert goes.
    sql("INSERT INTO rules_acceptance (commune_id, family_id, document_id, accepted_at) VALUES (" +
        caumont() + ", " + parent.family_id + ", " + cleanup.rules_id + ", UTC_TIMESTAMP())");
    BOOST_TEST(!shows(c.get("/famille").body, alert));

    // A child renamed by an agent: the planning's tabs show the new name.
    sql("UPDATE family_member SET first_name = 'Zéphyrin' WHERE id = " + parent.children[0].id);
    const auto planning = c.get("/famille/planning");
    BOOST_TEST(shows(planning.body, std::string("Zéphyrin")));
    BOOST_TEST(!shows(planning.body, parent.children[0].first));

    // An activity opened, then closed: the long-period request form follows.
    const auto activity = unique_name("Atelier memoire ");
    cleanup.activity_id =
        sql("INSERT INTO activity (commune_id, name, period_start, period_end, capacity)"
            " VALUES (" +
            caumont() + ", " + quoted(activity) +
            ", '2020-01-01', '2099-12-31', 10); SELECT LAST_INSERT_ID()");
    BOOST_TEST(shows(c.get("/famille/demandes").body, activity));
    sql("UPDATE activity SET active = 0 WHERE id = " + cleanup.activity_id);
    BOOST_TEST(!shows(c.get("/famille/demandes").body, activity));
}

// The logged-in parent's account and guardian (app/parent_accounts.h): the next page after
// any change of them sees it, whoever made it (sql/012_account_revision.sql); the time of the
// last login, which no page shows, moves no revision and so empties no worker's memory.
BOOST_AUTO_TEST_CASE(the_parents_account_and_guardian_are_never_stale)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    auto& c = *parent.client;
    const auto account = sql("SELECT id FROM parent_account WHERE email = " + quoted(parent.email));
    const auto revision = [&] {
        return sql("SELECT revision FROM family_revision WHERE family_id = " + parent.family_id);
    };
    // Warm the worker's memory; the session carries its family (set by a trigger).
    BOOST_REQUIRE(shows(c.get("/famille").body, "Camille " + parent.name));
    BOOST_REQUIRE(shows(c.get("/compte").body, parent.email));
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE kind = 'parent' AND account_id = " +
                   account + " AND family_id = " + parent.family_id) != "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE kind = 'parent' AND account_id = " +
                   account + " AND NOT family_id <=> " + parent.family_id) == "0");

    // Whether a statement moves the family's revision, what tells the workers to read again.
    const auto moves = [&](const std::string& statement) {
        const auto before = revision();
        sql(statement);
        return revision() != before;
    };
    const auto where = " WHERE id = " + account;
    BOOST_TEST(!moves("UPDATE parent_account SET last_login_at = UTC_TIMESTAMP() - INTERVAL 1 DAY" +
                      where));
    // The workers keep no hash (a password change ends the other sessions by itself).
    BOOST_TEST(!moves("UPDATE parent_account SET password_hash = 'renouvele'" + where));

    // The guardian renamed by an agent: the header names the parent anew.
    BOOST_TEST(moves("UPDATE family_member m JOIN parent_account a ON a.guardian_id = m.id"
                     " SET m.first_name = 'Aurélien' WHERE a.id = " +
                     account));
    BOOST_TEST(shows(c.get("/famille").body, "Aurélien " + parent.name));

    // A new email address: the account page shows it.
    const auto email = unique_name("nouvelle") + "@example.org";
    BOOST_TEST(moves("UPDATE parent_account SET email = " + quoted(email) + where));
    const auto page = c.get("/compte");
    BOOST_TEST(shows(page.body, email));
    BOOST_TEST(!shows(page.body, parent.email));

    // No longer confirmed, then confirmed again: the pages close, then open again.
    BOOST_TEST(moves("UPDATE parent_account SET confirmed_at = NULL" + where));
    BOOST_TEST(c.get("/famille").status == 303);
    BOOST_TEST(moves("UPDATE parent_account SET confirmed_at = UTC_TIMESTAMP()" + where));
    BOOST_TEST(c.get("/famille").status == 200);

    // Unlinked behind the portal's back, its sessions left in place: they end at once.
    BOOST_TEST(moves("UPDATE parent_account SET unlinked_at = UTC_TIMESTAMP(), guardian_id = NULL" +
                     where));
    BOOST_TEST(c.get("/famille").status == 303);
    BOOST_TEST(c.get("/compte").status == 303);
    // And deleted (a family's erasure deletes its accounts).
    sql("DELETE FROM account_token WHERE account_id = " + account);
    BOOST_TEST(moves("DELETE FROM parent_account" + where));
}

// A portal upgraded to 012 keeps its parents logged in: the sessions opened before it get
// their family, and the pages keep following the account.
BOOST_AUTO_TEST_CASE(the_account_revision_migration_keeps_the_sessions_of_an_older_database)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    auto& c = *parent.client;
    const auto account = sql("SELECT id FROM parent_account WHERE email = " + quoted(parent.email));
    const std::string triggers_of_012 =
        "trigger_schema = 'portail' AND (trigger_name LIKE 'tr\\_account\\_%'"
        " OR trigger_name = 'tr_session_family')";
    const auto count = [&] {
        return sql("SELECT COUNT(*) FROM information_schema.triggers WHERE " + triggers_of_012);
    };
    BOOST_REQUIRE_EQUAL(count(), "4");
    // The schema before 012 (the test stack is migrated at its start).
    sql("DROP TRIGGER tr_session_family; DROP TRIGGER tr_account_insert;"
        " DROP TRIGGER tr_account_update; DROP TRIGGER tr_account_delete;"
        " ALTER TABLE session DROP COLUMN family_id;"
        " DELETE FROM schema_migrations WHERE version = 12");
    std::string out;
    BOOST_REQUIRE_EQUAL(Stack::get().portail("migrate", &out), 0);
    BOOST_TEST(out.find("012_account_revision.sql") != std::string::npos, out);
    BOOST_TEST(count() == "4");
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE kind = 'parent' AND account_id = " +
                   account + " AND family_id = " + parent.family_id) != "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE kind = 'parent' AND account_id = " +
                   account + " AND NOT family_id <=> " + parent.family_id) == "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM session WHERE kind = 'agent' AND family_id IS NOT NULL") ==
               "0");

    BOOST_TEST(shows(c.get("/compte").body, parent.email));
    const auto email = unique_name("migree") + "@example.org";
    sql("UPDATE parent_account SET email = " + quoted(email) + " WHERE id = " + account);
    BOOST_TEST(shows(c.get("/compte").body, email));
}

// The Espace facturation (app/family_billing.h: invoices, balance and the month's estimate
// from memory) after every kind of change of what it shows.
BOOST_AUTO_TEST_CASE(the_facturation_page_sees_every_change_of_its_bills_at_once)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    BilledDay billed(parent);
    const auto page = [&] {
        const auto reply = parent.client->get("/facturation");
        BOOST_REQUIRE_EQUAL(reply.status, 200);
        return reply.body;
    };
    const auto estimate_is = [&](domain::Cents cents) {
        const auto body = page();
        BOOST_TEST(shows(body, estimate_line(cents)), body);
        return body;
    };
    const auto by_sql = [&](const std::string& statement) {
        BOOST_TEST_MESSAGE(statement);
        sql(statement);
    };
    BOOST_TEST(shows(estimate_is(315), billed.regie_name));

    // The commune's tariffs and régies: by SQL, then a grid added in the back office.
    by_sql("UPDATE tariff SET unit_cents = 350 WHERE id = " + billed.tariff);
    estimate_is(350);
    const auto grid = "/gestion/activites/" + billed.activity + "/tarifs";
    BOOST_REQUIRE_EQUAL(admin
                            ->post_form(grid, {{"csrf", admin->csrf_from(grid)},
                                               {"valable_du", "2021-01-01"},
                                               {"qf_min_1", "0"},
                                               {"qf_max_1", ""},
                                               {"public_1", "all"},
                                               {"prix_1", "4,00"},
                                               {"penalite_1", "6,00"}})
                            .status,
                        303);
    estimate_is(400);
    const auto renamed = unique_name("Regie renommee ");
    by_sql("UPDATE regie SET name = " + quoted(renamed) + " WHERE id = " + billed.regie);
    BOOST_TEST(shows(estimate_is(400), renamed));

    // The day closed, its occurrence or by a closure, then open again.
    by_sql("UPDATE occurrence SET closed = 1 WHERE id = " + billed.occurrence);
    estimate_is(0);
    by_sql("UPDATE occurrence SET closed = 0 WHERE id = " + billed.occurrence);
    estimate_is(400);
    by_sql("INSERT INTO closure (commune_id, activity_id, first_day, last_day) VALUES (" +
           caumont() + ", " + billed.activity + ", '" + iso(paris_today()) + "', '" +
           iso(paris_today()) + "')");
    estimate_is(0);
    by_sql("DELETE FROM closure WHERE activity_id = " + billed.activity);
    estimate_is(400);

    // The family's own facts: its booking, its attendance.
    by_sql("DELETE FROM booking WHERE id = " + billed.booking);
    estimate_is(0);
    billed.book(parent);
    estimate_is(400);
    by_sql("INSERT INTO attendance (occurrence_id, child_id, commune_id, family_id, status,"
           " marked_at) VALUES (" +
           billed.occurrence + ", " + parent.children[0].id + ", " + caumont() + ", " +
           parent.family_id + ", 'excused', UTC_TIMESTAMP())");
    estimate_is(0);
    by_sql("DELETE FROM attendance WHERE occurrence_id = " + billed.occurrence);
    estimate_is(400);

    // An invoice: its count and the balance; then a line billing the booked day, added by
    // hand with the invoice's total (sql/010_billing_revisions.sql: an inserted line raises
    // no revision of its own), which leaves the estimate and names the invoice; then its
    // payment.
    const auto number = billed.regie_name.substr(billed.regie_name.size() - 6) + "-000001";
    billed.invoice =
        sql("INSERT INTO invoice (commune_id, regie_id, family_id, number, seq_year, seq_value,"
            " month, issued_on, due_on, total_cents, family_name, regie_name, created_at)"
            " VALUES (" +
            caumont() + ", " + billed.regie + ", " + parent.family_id + ", " + quoted(number) +
            ", 2026, 1, '2026-01', '2026-01-31', '2026-02-28', 1234, 'Famille', " +
            quoted(renamed) + ", UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()");
    auto body = page();
    BOOST_TEST(shows(body, number), body);
    BOOST_TEST(shows(body, std::string("Historique des factures (1 Résultats)")));
    BOOST_TEST(shows(body, "Solde : " + domain::format_euros(1234)));
    BOOST_TEST(!shows(body, billed.activity_name));
    by_sql("INSERT INTO invoice_line (invoice_id, commune_id, source_kind, source_id, child_id,"
           " day, activity_id, activity_name, unit_cents, amount_cents) VALUES (" +
           billed.invoice + ", " + caumont() + ", 'booking', " + billed.booking + ", " +
           parent.children[0].id + ", '" + iso(paris_today()) + "', " + billed.activity + ", " +
           quoted(billed.activity_name) +
           ", 400, 400); UPDATE invoice SET total_cents = total_cents + 400 WHERE id = " +
           billed.invoice);
    body = estimate_is(0);
    BOOST_TEST(shows(body, billed.activity_name));
    BOOST_TEST(shows(body, "Solde : " + domain::format_euros(1634)));
    by_sql("UPDATE invoice SET paid_cents = 1634, status = 'payee' WHERE id = " + billed.invoice);
    body = page();
    BOOST_TEST(shows(body, "Solde : " + domain::format_euros(0)), body);
    BOOST_TEST(shows(body, std::string("status--paid")));
    by_sql("DELETE FROM invoice_line WHERE invoice_id = " + billed.invoice);
    estimate_is(400);
}

// sql/010_billing_revisions.sql on a database that predates it: its column and triggers
// come, and the page follows a change at once.
BOOST_AUTO_TEST_CASE(the_billing_revisions_migration_applies_to_an_older_database)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    BilledDay billed(parent);
    const std::string triggers_of_010 =
        "trigger_schema = 'portail' AND (trigger_name LIKE 'tr\\_regie\\_%'"
        " OR trigger_name LIKE 'tr\\_tariff\\_%' OR trigger_name LIKE 'tr\\_closure\\_%'"
        " OR trigger_name = 'tr_occurrence_closed' OR trigger_name LIKE 'tr\\_%\\_billing\\_%')";
    const auto count = [&] {
        return sql("SELECT COUNT(*) FROM information_schema.triggers WHERE " + triggers_of_010);
    };
    BOOST_REQUIRE_EQUAL(count(), "21");

    // The schema before 010 (the test stack is migrated at its start).
    for (const auto& name : {"tr_regie_insert",
                             "tr_regie_update",
                             "tr_regie_delete",
                             "tr_tariff_insert",
                             "tr_tariff_update",
                             "tr_tariff_delete",
                             "tr_closure_insert",
                             "tr_closure_update",
                             "tr_closure_delete",
                             "tr_occurrence_closed",
                             "tr_booking_billing_insert",
                             "tr_booking_billing_update",
                             "tr_booking_billing_delete",
                             "tr_attendance_billing_insert",
                             "tr_attendance_billing_update",
                             "tr_attendance_billing_delete",
                             "tr_invoice_billing_insert",
                             "tr_invoice_billing_update",
                             "tr_invoice_billing_delete",
                             "tr_line_billing_update",
                             "tr_line_billing_delete"})
        sql(std::string("DROP TRIGGER ") + name);
    BOOST_REQUIRE_EQUAL(count(), "0");
    // 011 replaces some of 010's triggers: both run again, in order, as on an older database.
    sql("ALTER TABLE family_revision DROP COLUMN billing_revision, DROP COLUMN booking_revision;"
        " DELETE FROM schema_migrations WHERE version IN (10, 11)");

    std::string out;
    BOOST_REQUIRE_EQUAL(Stack::get().portail("migrate", &out), 0);
    BOOST_TEST(out.find("010_billing_revisions.sql") != std::string::npos, out);
    BOOST_TEST(out.find("011_booking_revisions.sql") != std::string::npos, out);
    BOOST_TEST(sql("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema ="
                   " 'portail' AND action_statement LIKE '%booking_revision%'") == "6");
    BOOST_TEST(sql("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema ="
                   " 'portail' AND trigger_name = 'tr_occurrence_closed'"
                   " AND action_statement LIKE '%capacity%'") == "1");
    BOOST_TEST(sql("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema ="
                   " 'portail' AND table_name = 'family_revision'"
                   " AND column_name = 'booking_revision'") == "1");
    BOOST_TEST(count() == "21");
    BOOST_TEST(sql("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema ="
                   " 'portail' AND table_name = 'family_revision'"
                   " AND column_name = 'billing_revision'") == "1");

    const auto estimate_is = [&](domain::Cents cents) {
        const auto reply = parent.client->get("/facturation");
        BOOST_REQUIRE_EQUAL(reply.status, 200);
        BOOST_TEST(shows(reply.body, estimate_line(cents)), reply.body);
    };
    estimate_is(315);
    sql("UPDATE tariff SET unit_cents = 420 WHERE id = " + billed.tariff);
    estimate_is(420);
    sql("DELETE FROM booking WHERE id = " + billed.booking);
    estimate_is(0);
}

// The planning month (app/planning_data.h): the family's own bookings and attendance at the
// next page whoever changed them (sql/011_booking_revisions.sql); the places other families
// took at the next page after a POST through this worker, a capacity changed at once, and
// within a second whoever wrote them.
BOOST_AUTO_TEST_CASE(the_planning_sees_the_familys_days_at_once_and_the_places_within_a_second)
{
    auto admin = logged_admin();
    auto first = make_parent(*admin, {});
    auto second = make_parent(*admin, {});
    const auto& mine = first.children[0];
    const auto& theirs = second.children[0];
    const auto day = iso(domain::add_days(paris_today(), 10));
    const auto occurrence = single_occurrence(spec(1), day);
    const auto state = [&] { return planning_state(first, mine, occurrence, day); };
    BOOST_REQUIRE_EQUAL(state(), "disponible");

    // The last place taken by SQL (another worker, say): shown within a second.
    sql("UPDATE occurrence SET booked = 1 WHERE id = " + occurrence);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    auto seen = state();
    while (seen != "complet" && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        seen = state();
    }
    BOOST_TEST(seen == "complet");

    // A place added: the commune's revision moves, shown at once.
    sql("UPDATE occurrence SET capacity = 2 WHERE id = " + occurrence);
    BOOST_TEST(state() == "disponible");

    // Another family takes it through the portal: shown at once, the counters read anew
    // after any POST this worker served.
    BOOST_REQUIRE_EQUAL(book(second, theirs, occurrence).status, 303);
    BOOST_REQUIRE_EQUAL(counters(occurrence), "2 0");
    BOOST_TEST(state() == "complet");

    // The family's own days, by SQL: each shown at the next page.
    sql("INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status, queued_at,"
        " created_at, updated_at) VALUES (" +
        caumont() + ", " + occurrence + ", " + mine.id + ", " + first.family_id +
        ", 'waiting', UTC_TIMESTAMP(6), UTC_TIMESTAMP(), UTC_TIMESTAMP())");
    BOOST_TEST(state() == "attente");
    sql("INSERT INTO attendance (occurrence_id, child_id, commune_id, family_id, status,"
        " marked_at) VALUES (" +
        occurrence + ", " + mine.id + ", " + caumont() + ", " + first.family_id +
        ", 'absent', UTC_TIMESTAMP())");
    BOOST_TEST(state() == "absent");
    sql("DELETE FROM attendance WHERE occurrence_id = " + occurrence);
    BOOST_TEST(state() == "attente");
    sql("UPDATE booking SET status = 'booked' WHERE occurrence_id = " + occurrence +
        " AND child_id = " + mine.id);
    BOOST_TEST(state() == "reserve");
    sql("DELETE FROM booking WHERE occurrence_id = " + occurrence + " AND child_id = " + mine.id);
    BOOST_TEST(state() == "complet");
    // The other family's page saw its own booking at once, too.
    BOOST_TEST(planning_state(second, theirs, occurrence, day) == "reserve");
}

BOOST_AUTO_TEST_SUITE_END()
