// Fair allocation end to end (SPEC §4.7, issue 8 gap): an activity that collects requests
// during a registration window, then gives its places by published priority and a lot.
// Parents' requests book nothing while the window is open; the agent cannot run the
// allocation before it closes; after, exactly the capacity is booked, residents of the
// commune before the others, the waiting list filled in rank order, everyone else told
// "pas de place"; each family gets its result by mail; the run is journaled with its seed
// and cannot be run twice.
#include "booking_helpers.h"
#include "client.h"
#include "fixtures.h"
#include "hooks.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace itest;

namespace
{

// A window rule "fenetre:<opens>/<closes>" in Paris time, whole days from today.
std::string window(int opens_in_days, int closes_in_days)
{
    return "fenetre:" + paris_date_after(opens_in_days) + "T00:00/" +
           paris_date_after(closes_in_days) + "T23:59";
}

// n families (one child each) named after `base`.
std::vector<Parent> families(Client& agent, const std::string& base, int n)
{
    std::vector<Parent> parents;
    for (int i = 0; i < n; ++i) {
        FamilySpec f;
        f.name_base = base;
        parents.push_back(make_parent(agent, f));
    }
    return parents;
}

Reply run_allocation(Client& agent, const std::string& activity)
{
    const auto path = "/gestion/activites/" + activity + "/attribution";
    const auto csrf = agent.csrf_from(path);
    return agent.post_form(path, {{"csrf", csrf}});
}

} // namespace

BOOST_AUTO_TEST_SUITE(allocation)

BOOST_AUTO_TEST_CASE(requests_in_the_window_then_places_by_priority_and_lot)
{
    auto agent = logged_admin();
    auto parents = families(*agent, "Tirage", 4);
    // The last family lives elsewhere: no resident's points.
    sql("UPDATE family SET city = 'Avignon', postal_code = '84000' WHERE id = " +
        parents[3].family_id);

    const auto day = paris_date_after(20);
    auto a = make_activity(spec(2).queue(1), day, day);
    const auto occurrence = make_occurrence(a, day);
    sql("UPDATE activity SET allocation = 'lottery', booking_rule = " + quoted(window(-1, 1)) +
        " WHERE id = " + a.id);

    // Open window: each request is recorded, nothing is booked yet.
    for (auto& p : parents) {
        const auto r = book(p, p.children[0], occurrence);
        BOOST_TEST(r.status == 303, r.body.substr(0, 300));
        BOOST_TEST(status_of(occurrence, p.children[0]) == "requested");
    }
    BOOST_TEST(counters(occurrence) == "0 0");
    book(parents[0], parents[0].children[0], occurrence); // asked twice: one request
    BOOST_TEST(status_of(occurrence, parents[0].children[0]) == "requested");
    BOOST_TEST(rows_of(occurrence) == "4");

    // Not before the window closes.
    const auto early = run_allocation(*agent, a.id);
    BOOST_TEST(early.status == 409);
    BOOST_TEST(shows(early.body, "Les inscriptions sont encore ouvertes"),
               early.body.substr(0, 300));
    BOOST_TEST(counters(occurrence) == "0 0");

    // The window closed yesterday: the allocation runs once.
    sql("UPDATE activity SET booking_rule = " + quoted(window(-3, -1)) + " WHERE id = " + a.id);
    const auto page = agent->get("/gestion/activites/" + a.id + "/attribution");
    BOOST_TEST(page.status == 200);
    BOOST_TEST(shows(page.body, "2 points pour une famille résidant dans la commune"));
    const auto done = run_allocation(*agent, a.id);
    BOOST_TEST((done.status == 303 || done.status == 200), done.status << done.body.substr(0, 300));

    BOOST_TEST(counters(occurrence) == "2 1");
    int booked = 0, waiting = 0, refused = 0;
    for (int i = 0; i < 3; ++i) {
        const auto s = status_of(occurrence, parents[i].children[0]);
        booked += s == "booked";
        waiting += s == "waiting";
        BOOST_TEST((s == "booked" || s == "waiting"), "resident " << i << ": " << s);
    }
    // The family from elsewhere comes after every resident: no place, no waiting-list slot.
    BOOST_TEST(status_of(occurrence, parents[3].children[0]) == "refused");
    refused += status_of(occurrence, parents[3].children[0]) == "refused";
    BOOST_TEST(booked == 2);
    BOOST_TEST(waiting == 1);
    BOOST_TEST(refused == 1);

    // Each family is told its result by mail, with the seed to check the lot.
    const auto seed = sql("SELECT seed FROM allocation_run WHERE activity_id = " + a.id);
    BOOST_REQUIRE_EQUAL(seed.size(), 32u);
    for (int i = 0; i < 4; ++i) {
        const auto mails = wait_for_mails(parents[i].email, 2); // the account's, then this
        bool told = false;
        for (const auto& m : mails)
            told = told || (contains(m.text, a.name) && contains(m.text, seed));
        BOOST_TEST(told, "family " << i << " got no result mail");
        const auto s = status_of(occurrence, parents[i].children[0]);
        const std::string expected = s == "booked"    ? "place attribuée"
                                     : s == "waiting" ? "liste d'attente (1e)"
                                                      : "pas de place";
        bool right = false;
        for (const auto& m : mails)
            right = right || contains(m.text, expected);
        BOOST_TEST(right, "family " << i << " (" << s << ") not told '" << expected << "'");
    }
    BOOST_TEST(sql("SELECT COUNT(*) FROM journal WHERE object_type = 'activity' AND object_id = " +
                   a.id + " AND action = 'Attribution des places'") == "1");
    BOOST_TEST(shows(agent->get("/gestion/activites/" + a.id + "/attribution").body, seed));

    // Never twice.
    const auto twice = run_allocation(*agent, a.id);
    BOOST_TEST(twice.status == 409);
    BOOST_TEST(shows(twice.body, "déjà été attribuées"));
    BOOST_TEST(counters(occurrence) == "2 1");
}

// Each day is allocated in a transaction of its own, tried again whole when it loses a
// deadlock or a Galera certification conflict (a family's booking writes its revision row,
// which a parent's own booking writes too): here the first day's first try fails after all its
// writes. The outcome is the one without the conflict, each day counted once in the run, the
// counters and the families' mails.
BOOST_AUTO_TEST_CASE(a_day_losing_a_conflict_is_allocated_again_whole_and_counted_once,
                     *boost::unit_test::precondition(workers_have_hooks))
{
    auto agent = logged_admin();
    auto parents = families(*agent, "Reprise", 3);
    const auto first = paris_date_after(20);
    const auto second = paris_date_after(21);
    auto a = make_activity(spec(1).queue(1), first, second);
    const std::vector<std::string> days{make_occurrence(a, first), make_occurrence(a, second)};
    sql("UPDATE activity SET allocation = 'lottery', booking_rule = " + quoted(window(-1, 1)) +
        " WHERE id = " + a.id);
    for (auto& p : parents)
        for (const auto& day : days)
            BOOST_TEST(book(p, p.children[0], day).status == 303);
    sql("UPDATE activity SET booking_rule = " + quoted(window(-3, -1)) + " WHERE id = " + a.id);

    Hook conflict("allocation-conflict-once");
    const auto done = run_allocation(*agent, a.id);
    BOOST_TEST((done.status == 303 || done.status == 200), done.status << done.body.substr(0, 300));
    BOOST_TEST(!conflict.armed()); // the conflict happened

    for (const auto& day : days) {
        BOOST_TEST(counters(day) == "1 1");
        BOOST_TEST(rows_of(day) == "3");
        int booked = 0, waiting = 0, refused = 0;
        for (auto& p : parents) {
            const auto s = status_of(day, p.children[0]);
            booked += s == "booked";
            waiting += s == "waiting";
            refused += s == "refused";
        }
        BOOST_TEST(booked == 1);
        BOOST_TEST(waiting == 1);
        BOOST_TEST(refused == 1);
    }
    BOOST_TEST(sql("SELECT CONCAT(booked, ' ', waiting, ' ', refused) FROM allocation_run"
                   " WHERE activity_id = " +
                   a.id) == "2 2 2");
    // Each family's mail tells each day once.
    for (auto& p : parents) {
        const auto mails = wait_for_mails(p.email, 2);
        int outcomes = 0;
        for (const auto& m : mails)
            if (contains(m.text, a.name))
                for (const std::string what :
                     {"place attribuée", "liste d'attente", "pas de place"})
                    for (auto at = m.text.find(what); at != std::string::npos;
                         at = m.text.find(what, at + 1))
                        ++outcomes;
        BOOST_TEST(outcomes == 2, p.email << ": " << outcomes << " outcomes told");
    }
}

BOOST_AUTO_TEST_SUITE_END()
