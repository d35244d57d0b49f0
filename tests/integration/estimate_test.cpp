// The month's running estimate on /facturation (SPEC §9): the current month's bookings not
// invoiced yet, from the 1st to today (Paris), priced by the invoicing run's rules; once a
// run has invoiced days, they leave the estimate.
//
// The test makes its own régie, activity and family; its dates follow today's.
#include "domain/money.h"
#include "domain/time.h"
#include "fixtures.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <ctime>
#include <set>
#include <string>

using namespace itest;

namespace
{

struct Setup {
    std::string regie;
    std::string activity;
};

// A régie and an activity of this school year priced 3,15 € a day for every quotient.
Setup priced_activity()
{
    Setup s;
    const auto name = unique_name("Regie estimation ");
    const auto prefix = name.substr(name.size() - 6);
    s.regie = sql("INSERT INTO regie (commune_id, name, invoice_prefix, credit_prefix) VALUES (" +
                  caumont() + ", " + quoted(name) + ", " + quoted(prefix) + ", " +
                  quoted(prefix + "AV") + "); SELECT LAST_INSERT_ID()");
    const auto today = paris_today();
    s.activity =
        sql("INSERT INTO activity (commune_id, name, period_start, period_end, capacity,"
            " regie_id) VALUES (" +
            caumont() + ", " + quoted(unique_name("Cantine estimee ")) + ", '" +
            std::to_string(today.year - 1) + "-01-01', '" + std::to_string(today.year + 1) +
            "-12-31', 50, " + s.regie + "); SELECT LAST_INSERT_ID()");
    sql("INSERT INTO tariff (commune_id, activity_id, valid_from, qf_min, qf_max, unit_cents,"
        " penalty_cents) VALUES (" +
        caumont() + ", " + s.activity + ", '2020-01-01', 0, NULL, 315, 600)");
    return s;
}

void book(const Parent& p, const Setup& s, domain::Date day)
{
    const auto occ =
        sql("INSERT INTO occurrence (commune_id, activity_id, day, capacity) VALUES (" + caumont() +
            ", " + s.activity + ", '" + iso(day) + "', 50); SELECT LAST_INSERT_ID()");
    sql("INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status, queued_at,"
        " created_at, updated_at) VALUES (" +
        caumont() + ", " + occ + ", " + p.children[0].id + ", " + p.family_id +
        ", 'booked', UTC_TIMESTAMP(6), UTC_TIMESTAMP(), UTC_TIMESTAMP())");
}

std::string estimate_line(domain::Cents cents)
{
    return "Estimation du mois en cours : " + domain::format_euros(cents);
}

// The parent's /facturation shows this estimate.
void check_estimate(Parent& p, domain::Cents cents)
{
    const auto page = p.client->get("/facturation");
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(shows(page.body, estimate_line(cents)), page.body);
}

} // namespace

BOOST_AUTO_TEST_SUITE(estimate)

BOOST_AUTO_TEST_CASE(the_estimate_prices_this_months_bookings_until_they_are_invoiced)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    sql("UPDATE family SET family_quotient = 400 WHERE id = " + parent.family_id);
    const auto setup = priced_activity();

    const auto today = paris_today();
    const domain::Date first{today.year, today.month, 1};
    const std::set<domain::Date> days{first, today};
    for (const auto day : days)
        book(parent, setup, day);
    // Not yet: a day later this month, and last month's (invoiced by last month's run).
    const auto tomorrow = domain::add_days(today, 1);
    if (tomorrow.month == today.month)
        book(parent, setup, tomorrow);
    book(parent, setup, domain::add_days(first, -1));

    const auto before = parent.client->get("/facturation");
    BOOST_REQUIRE_EQUAL(before.status, 200);
    const auto expected = 315 * static_cast<domain::Cents>(days.size());
    BOOST_TEST(shows(before.body, estimate_line(expected)), before.body);
    BOOST_TEST(shows(before.body, std::string("Réservations et présences du 1er")));
    BOOST_TEST(shows(before.body, std::string(domain::month_name_fr(today.month))));
    BOOST_TEST(shows(before.body, parent.children[0].first));

    // The run of this month invoices the days before today (and last month's late one); today
    // stays in the estimate.
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02d", today.year, today.month);
    const auto issued = admin->post_form("/gestion/facturation",
                                         {{"csrf", admin->csrf_from("/gestion/facturation")},
                                          {"regie", setup.regie},
                                          {"mois", month}});
    BOOST_REQUIRE_EQUAL(issued.status, 303);
    BOOST_TEST(sql("SELECT COUNT(*) FROM invoice WHERE regie_id = " + setup.regie +
                   " AND month = '" + month + "'") == "1");

    check_estimate(parent, 315);
}

BOOST_AUTO_TEST_CASE(a_family_without_bookings_has_a_zero_estimate)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    const auto page = parent.client->get("/facturation");
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(shows(page.body, estimate_line(0)));
}

// The page prices with the worker's copy of the family: a quotient changed by SQL (an agent,
// an import) is seen on the next request.
BOOST_AUTO_TEST_CASE(the_estimate_follows_a_quotient_change_at_once)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    sql("UPDATE family SET family_quotient = 400 WHERE id = " + parent.family_id);
    const auto setup = priced_activity();
    sql("UPDATE tariff SET qf_max = 500 WHERE activity_id = " + setup.activity);
    sql("INSERT INTO tariff (commune_id, activity_id, valid_from, qf_min, qf_max, unit_cents,"
        " penalty_cents) VALUES (" +
        caumont() + ", " + setup.activity + ", '2020-01-01', 501, NULL, 420, 600)");
    book(parent, setup, paris_today());

    check_estimate(parent, 315);
    sql("UPDATE family SET family_quotient = 900 WHERE id = " + parent.family_id);
    check_estimate(parent, 420);
}

// sql/009_booking_day.sql on a database that predates it: every booking gets its
// occurrence's day, the estimate (which reads bookings by that day) stays the same, and a
// booking inserted afterwards gets its day from the trigger.
BOOST_AUTO_TEST_CASE(the_booking_day_migration_dates_existing_bookings)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    const auto setup = priced_activity();
    const auto today = paris_today();
    const domain::Date first{today.year, today.month, 1};
    const auto wrongly_dated_bookings = [&] {
        return sql("SELECT COUNT(*) FROM booking b JOIN occurrence o ON o.id = b.occurrence_id"
                   " WHERE NOT (b.day <=> o.day)");
    };

    // The schema before 009 (the test stack is migrated at its start), with a booking of then;
    // before 010 and 011 too, whose booking triggers read the day (011 replaces 010's: both
    // run again, in order, as on an older database).
    sql("DROP TRIGGER tr_booking_billing_insert; DROP TRIGGER tr_booking_billing_update;"
        " DROP TRIGGER tr_booking_billing_delete; DROP TRIGGER tr_booking_day;"
        " ALTER TABLE booking DROP INDEX ix_booking_family_day, DROP COLUMN day;"
        " DELETE FROM schema_migrations WHERE version IN (9, 10, 11)");
    book(parent, setup, first);
    book(parent, setup, domain::add_days(first, -1)); // last month's: not in the estimate

    std::string out;
    BOOST_REQUIRE_EQUAL(Stack::get().portail("migrate", &out), 0);
    BOOST_TEST(out.find("009_booking_day.sql") != std::string::npos, out);
    BOOST_TEST(out.find("011_booking_revisions.sql") != std::string::npos, out);
    BOOST_TEST(sql("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema ="
                   " 'portail' AND trigger_name LIKE 'tr\\_booking\\_billing\\_%'"
                   " AND action_statement LIKE '%booking_revision%'") == "3");
    BOOST_TEST(sql("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema ="
                   " 'portail' AND trigger_name LIKE 'tr\\_booking\\_%'") == "4");
    BOOST_TEST(wrongly_dated_bookings() == "0");
    BOOST_TEST(sql("SELECT IS_NULLABLE FROM information_schema.columns WHERE table_schema ="
                   " 'portail' AND table_name = 'booking' AND column_name = 'day'") == "NO");

    if (today != first)
        book(parent, setup, today); // after the migration: dated by the trigger
    BOOST_TEST(wrongly_dated_bookings() == "0");
    check_estimate(parent, today != first ? 630 : 315);
}

BOOST_AUTO_TEST_SUITE_END()
