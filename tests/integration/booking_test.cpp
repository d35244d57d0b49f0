// Bookings (issue 5) against the real stack: parents book and cancel occurrences through the
// plain forms of /famille/reservations; capacity and the one-booking-per-child rule hold under
// concurrency, a cancellation promotes the first wait-listed child and mails the family, a
// parent can reach neither another family's child nor another commune's occurrence, bad input
// is refused with nothing stored, each rule refuses with a French sentence naming it, and a
// late cancellation is recorded as such.
//
// Every test creates its own families, parent accounts and activities (one occurrence each,
// with dates far in the future and no deadline unless the test is about deadlines), so it
// depends neither on today's date nor on the other suites sharing the stack.
#include "booking_helpers.h"
#include "client.h"
#include "fixtures.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <exception>
#include <latch>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace itest;

namespace
{

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(line);
    return out;
}

// A date `days` from today (Paris), "YYYY-MM-DD".
std::string days_from_today(int days)
{
    return paris_date_after(days);
}

// Step 1 (agent, through the back office): a family with a guardian and `children` children;
// steps 3–4 (parent): an account created with the code abonné and confirmed by the mail link,
// which logs the parent in.
Parent make_parent(Client& agent, int children, const std::string& birth_date = "2017-03-14")
{
    return itest::make_parent(agent, {children, "Resa", "Camille", birth_date});
}

// Another session of the parent's account (its own cookie jar and CSRF token).
std::unique_ptr<Client> another_session(const Parent& p, std::string* csrf)
{
    auto c = std::make_unique<Client>();
    same_origin(*c);
    const auto token = c->csrf_from("/connexion");
    const auto r = c->post_form(
        "/connexion", {{"csrf", token}, {"email", p.email}, {"mot_de_passe", good_password}});
    BOOST_REQUIRE_EQUAL(r.status, 303);
    *csrf = c->csrf_from("/famille/dossier");
    BOOST_REQUIRE(!csrf->empty());
    return c;
}

// A child of a race, booking through a session of its own (its family's account).
struct Racer {
    Parent* parent;
    const Kid* kid;
    std::unique_ptr<Client> client;
    std::string csrf;
};

std::vector<Racer> racers_of(std::vector<Parent>& parents)
{
    std::vector<Racer> racers;
    for (auto& p : parents)
        for (const auto& k : p.children) {
            Racer r{&p, &k, nullptr, {}};
            r.client = another_session(p, &r.csrf);
            racers.push_back(std::move(r));
        }
    return racers;
}

} // namespace

BOOST_AUTO_TEST_SUITE(booking)

// --- capacity and duplicates under concurrency -------------------------------------------

BOOST_AUTO_TEST_CASE(fifty_parents_racing_for_ten_places_get_ten_bookings_and_forty_waits)
{
    auto agent = logged_admin();
    std::vector<Parent> parents;
    for (int i = 0; i < 10; ++i)
        parents.push_back(make_parent(*agent, 5));
    const std::string day = "2030-03-14";
    const auto occurrence = single_occurrence(spec(10).queue(45), day);

    // One client per child, each with its own session of its family's account.
    auto racers = racers_of(parents);
    BOOST_REQUIRE_EQUAL(racers.size(), 50u);

    const auto replies = race(racers.size(), [&](std::size_t i) {
        auto& r = racers[i];
        return book(*r.client, r.csrf, r.kid->id, occurrence);
    });

    std::map<std::string, int> results;
    std::set<std::string> booked_by_reply, waiting_by_reply;
    for (std::size_t i = 0; i < replies.size(); ++i) {
        const auto& reply = replies[i];
        BOOST_TEST_CONTEXT("child " << racers[i].kid->id)
        {
            BOOST_TEST(reply.status == 303,
                       "status " << reply.status << ": " << reply.body.substr(0, 300));
            const auto result = result_of(reply);
            ++results[result];
            BOOST_TEST(reply.header("location") ==
                       back_to(*racers[i].kid, day, result, occurrence));
            (result == "reserve" ? booked_by_reply : waiting_by_reply).insert(racers[i].kid->id);
        }
    }
    BOOST_TEST(results["reserve"] == 10);
    BOOST_TEST(results["attente"] == 40);

    // The database agrees: 10 booked, 40 waiting, one row per child, counters = rows.
    BOOST_TEST(sql("SELECT status, COUNT(*), COUNT(DISTINCT child_id) FROM booking"
                   " WHERE occurrence_id = " +
                   occurrence + " GROUP BY status ORDER BY status") ==
               "booked\t10\t10\nwaiting\t40\t40");
    BOOST_TEST(counters(occurrence) == "10 40");
    std::set<std::string> booked_in_db;
    for (const auto& id : lines(sql("SELECT child_id FROM booking WHERE occurrence_id = " +
                                    occurrence + " AND status = 'booked'")))
        booked_in_db.insert(id);
    BOOST_TEST((booked_in_db == booked_by_reply));

    // Each child's planning shows what the answer said.
    for (auto& r : racers) {
        const auto state = planning_state(*r.parent, *r.kid, occurrence, day);
        BOOST_TEST(state == (booked_by_reply.count(r.kid->id) ? "reserve" : "attente"),
                   "child " << r.kid->id << " shows " << state);
    }
}

BOOST_AUTO_TEST_CASE(the_same_child_booked_eight_times_at_once_is_booked_once)
{
    auto agent = logged_admin();
    auto p = make_parent(*agent, 1);
    const auto& kid = p.children[0];
    const std::string day = "2030-03-15";
    const auto occurrence = single_occurrence(spec(5), day);

    std::vector<std::unique_ptr<Client>> sessions;
    std::vector<std::string> tokens(8);
    for (auto& t : tokens)
        sessions.push_back(another_session(p, &t));

    auto replies =
        race(8, [&](std::size_t i) { return book(*sessions[i], tokens[i], kid.id, occurrence); });
    std::map<std::string, int> results;
    for (const auto& r : replies) {
        BOOST_TEST(r.status == 303, "status " << r.status << ": " << r.body.substr(0, 300));
        ++results[result_of(r)];
    }
    BOOST_TEST(results["reserve"] == 1);
    BOOST_TEST(results["deja"] == 7);
    BOOST_TEST(rows_of(occurrence) == "1");
    BOOST_TEST(status_of(occurrence, kid) == "booked");
    BOOST_TEST(counters(occurrence) == "1 0");

    // Eight cancellations at once: one cancels, the others find nothing to cancel.
    replies =
        race(8, [&](std::size_t i) { return cancel(*sessions[i], tokens[i], kid.id, occurrence); });
    results.clear();
    for (const auto& r : replies) {
        BOOST_TEST((r.status == 303 || r.status == 409),
                   "status " << r.status << ": " << r.body.substr(0, 300));
        ++results[r.status == 303 ? result_of(r) : std::to_string(r.status)];
    }
    BOOST_TEST(results["annule"] == 1);
    BOOST_TEST(results["409"] == 7);
    BOOST_TEST(rows_of(occurrence) == "1");
    BOOST_TEST(status_of(occurrence, kid) == "cancelled");
    BOOST_TEST(counters(occurrence) == "0 0");
    // Nothing left to cancel: refused at the confirmation step already.
    const auto nothing = cancel(p, kid, occurrence, false);
    BOOST_TEST(nothing.status == 409);
    BOOST_TEST(shows(nothing.body, kid.first + " n'a pas de réservation pour"));

    // And booked again: the same row is reused.
    BOOST_TEST(result_of(book(p, kid, occurrence)) == "reserve");
    BOOST_TEST(rows_of(occurrence) == "1");
    BOOST_TEST(counters(occurrence) == "1 0");
}

// The short path (a conditional UPDATE of the counters, then the row, then the COMMIT) at
// its edges, all at once: the last places, the last places on the waiting list, refusals
// past both, and children whose cancelled row is reused. Exactly the places and the list are
// given, counters = rows, each child's row once, the list in one order.
BOOST_AUTO_TEST_CASE(thirty_children_racing_past_a_full_day_get_exactly_the_places_and_the_list)
{
    auto agent = logged_admin();
    std::vector<Parent> parents;
    for (int i = 0; i < 6; ++i)
        parents.push_back(make_parent(*agent, 5));
    const std::string day = "2030-03-18";
    const auto occurrence = single_occurrence(spec(5).queue(10), day);
    // Four children booked then cancelled: their rows come back from "cancelled".
    for (std::size_t i = 0; i < 4; ++i) {
        auto& p = parents[i];
        BOOST_REQUIRE_EQUAL(result_of(book(p, p.children[0], occurrence)), "reserve");
        BOOST_REQUIRE_EQUAL(result_of(cancel(p, p.children[0], occurrence)), "annule");
    }
    BOOST_REQUIRE_EQUAL(counters(occurrence), "0 0");

    auto racers = racers_of(parents);
    const auto replies = race(racers.size(), [&](std::size_t i) {
        return book(*racers[i].client, racers[i].csrf, racers[i].kid->id, occurrence);
    });
    std::map<std::string, int> results;
    for (std::size_t i = 0; i < replies.size(); ++i) {
        const auto& reply = replies[i];
        BOOST_TEST_CONTEXT("child " << racers[i].kid->id)
        {
            if (reply.status == 409) {
                BOOST_TEST(shows(reply.body, "la liste d'attente est complète"));
                ++results["complet"];
            } else {
                BOOST_TEST(reply.status == 303,
                           "status " << reply.status << ": " << reply.body.substr(0, 300));
                ++results[result_of(reply)];
            }
        }
    }
    BOOST_TEST(results["reserve"] == 5);
    BOOST_TEST(results["attente"] == 10);
    BOOST_TEST(results["complet"] == 15);
    BOOST_TEST(counters(occurrence) == "5 10");
    // One row per child; the four cancelled rows either taken again or left cancelled.
    BOOST_TEST(sql("SELECT COUNT(*) = COUNT(DISTINCT child_id), SUM(status = 'booked'),"
                   " SUM(status = 'waiting'), SUM(status <> 'cancelled'),"
                   " COUNT(*) = 15 + SUM(status = 'cancelled')"
                   " FROM booking WHERE occurrence_id = " +
                   occurrence) == "1\t5\t10\t15\t1");
    // One order for the list: no two waiting rows queued at the same instant.
    BOOST_TEST(sql("SELECT COUNT(DISTINCT queued_at) FROM booking WHERE occurrence_id = " +
                   occurrence + " AND status = 'waiting'") == "10");

    // A place freed goes to the first of that order.
    const auto first = sql("SELECT child_id FROM booking WHERE occurrence_id = " + occurrence +
                           " AND status = 'waiting' ORDER BY queued_at, id LIMIT 1");
    const auto booked = sql("SELECT child_id FROM booking WHERE occurrence_id = " + occurrence +
                            " AND status = 'booked' ORDER BY id LIMIT 1");
    for (auto& r : racers)
        if (r.kid->id == booked) {
            const auto freed = cancel(*r.client, r.csrf, r.kid->id, occurrence);
            BOOST_TEST(result_of(freed) == "annule");
        }
    BOOST_TEST(sql("SELECT status FROM booking WHERE occurrence_id = " + occurrence +
                   " AND child_id = " + first) == "booked");
    BOOST_TEST(counters(occurrence) == "5 9");
}

// --- waiting list ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_cancellation_promotes_the_first_waiting_child_and_mails_the_family)
{
    auto agent = logged_admin();
    auto first = make_parent(*agent, 2);  // A books, C waits second
    auto second = make_parent(*agent, 1); // B waits first
    const auto& a = first.children[0];
    const auto& c = first.children[1];
    const auto& b = second.children[0];
    const std::string day = "2030-03-18";
    Activity activity;
    const auto occurrence = single_occurrence(spec(1).queue(5), day, false, &activity);

    // The confirmation step stores nothing and says the day is full once it is.
    const auto ask = book(first, a, occurrence, false);
    BOOST_TEST(ask.status == 200);
    BOOST_TEST(shows(ask.body, "Réserver " + activity.name + " le lundi 18 mars 2030 pour " +
                                   a.first + " ?"));
    BOOST_TEST(input_value(ask.body, "confirme") == "1");
    BOOST_TEST(rows_of(occurrence) == "0");

    const auto booked = book(first, a, occurrence);
    BOOST_TEST(booked.status == 303);
    BOOST_TEST(booked.header("location") == back_to(a, day, "reserve", occurrence));
    const auto full = book(second, b, occurrence, false);
    BOOST_TEST(full.status == 200);
    BOOST_TEST(shows(full.body, "liste d'attente"));
    BOOST_TEST(book(second, b, occurrence).header("location") ==
               back_to(b, day, "attente", occurrence));
    BOOST_TEST(book(first, c, occurrence).header("location") ==
               back_to(c, day, "attente", occurrence));
    BOOST_TEST(counters(occurrence) == "1 2");
    BOOST_TEST(planning_state(second, b, occurrence, day) == "attente");

    const auto ask_cancel = cancel(first, a, occurrence, false);
    BOOST_TEST(ask_cancel.status == 200);
    BOOST_TEST(shows(ask_cancel.body, "Annuler " + activity.name));
    BOOST_TEST(!shows(ask_cancel.body, "délai d'annulation"));
    BOOST_TEST(status_of(occurrence, a) == "booked");

    const auto cancelled = cancel(first, a, occurrence);
    BOOST_TEST(cancelled.status == 303);
    BOOST_TEST(cancelled.header("location") == back_to(a, day, "annule", occurrence));
    BOOST_TEST(status_of(occurrence, a) == "cancelled");
    BOOST_TEST(sql("SELECT CONCAT(late_cancel, place_taken) FROM booking WHERE occurrence_id = " +
                   occurrence + " AND child_id = " + a.id) == "00");
    BOOST_TEST(status_of(occurrence, b) == "booked");
    BOOST_TEST(status_of(occurrence, c) == "waiting");
    BOOST_TEST(counters(occurrence) == "1 1");
    BOOST_TEST(planning_state(second, b, occurrence, day) == "reserve");
    BOOST_TEST(planning_state(first, c, occurrence, day) == "attente");
    BOOST_TEST(planning_state(first, a, occurrence, day) == "complet"); // C waits: the list
    // C is now first on the list: booking again says so and stores nothing new.
    BOOST_TEST(book(first, c, occurrence).header("location") ==
               back_to(c, day, "deja", occurrence));
    BOOST_TEST(sql("SELECT COUNT(*) FROM booking WHERE occurrence_id = " + occurrence +
                   " AND status = 'waiting'") == "1");

    // B's family is told by mail, with a link to the planning; A's and C's family is not.
    const auto mails = wait_for_mails(second.email, 2);
    BOOST_REQUIRE_EQUAL(mails.size(), 2u);
    const auto& mail = mails[1];
    BOOST_TEST(contains(mail.text, "Une place s'est libérée"));
    BOOST_TEST(contains(mail.text, activity.name));
    BOOST_TEST(contains(mail.text, b.first));
    BOOST_TEST(contains(mail.text, "18 mars 2030"));
    BOOST_TEST(path_of(link_in(mail, "/famille/planning")) ==
               "/famille/planning?enfant=" + b.id + "&mois=2030-03");
    BOOST_TEST(mails_to(first.email).size() == 1u); // only the account confirmation

    // C leaves the list: the counters follow, no one is promoted.
    BOOST_TEST(cancel(first, c, occurrence).header("location") ==
               back_to(c, day, "annule", occurrence));
    BOOST_TEST(counters(occurrence) == "1 0");
    BOOST_TEST(status_of(occurrence, b) == "booked");
}

// A full day is refused before the occurrence's lock is taken (an opening rush): the
// children who hold a place or a waiting-list place there are told so, not refused.
BOOST_AUTO_TEST_CASE(a_full_waiting_list_refuses_and_stores_nothing)
{
    auto agent = logged_admin();
    auto p = make_parent(*agent, 3);
    const auto occurrence = single_occurrence(spec(1).queue(1));
    BOOST_TEST(result_of(book(p, p.children[0], occurrence)) == "reserve");
    BOOST_TEST(result_of(book(p, p.children[1], occurrence)) == "attente");
    for (const auto* kid : {&p.children[0], &p.children[1]}) {
        const auto again = book(p, *kid, occurrence);
        BOOST_TEST(again.status == 303,
                   "status " << again.status << ": " << again.body.substr(0, 300));
        BOOST_TEST(result_of(again) == "deja");
    }
    for (const bool confirmed : {false, true}) {
        const auto r = book(p, p.children[2], occurrence, confirmed);
        BOOST_TEST(r.status == 409);
        BOOST_TEST(shows(r.body, "plus de place"));
        BOOST_TEST(shows(r.body, "la liste d'attente est complète"));
    }
    BOOST_TEST(rows_of(occurrence) == "2");
    BOOST_TEST(counters(occurrence) == "1 1");
    BOOST_TEST(planning_state(p, p.children[2], occurrence, "2030-03-14") == "complet");
}

// The booking form reads the activity from the worker's copy: an agent's change (here the
// activity closed by SQL, as any change raises the commune's revision) holds at once.
BOOST_AUTO_TEST_CASE(an_activity_made_inactive_takes_no_more_bookings_at_once)
{
    auto agent = logged_admin();
    auto p = make_parent(*agent, 2);
    const auto occurrence = single_occurrence(spec(5));
    BOOST_TEST(result_of(book(p, p.children[0], occurrence)) == "reserve");
    sql("UPDATE activity a JOIN occurrence o ON o.activity_id = a.id SET a.active = 0"
        " WHERE o.id = " +
        occurrence);
    for (const bool confirmed : {false, true})
        BOOST_TEST(book(p, p.children[1], occurrence, confirmed).status == 404);
    BOOST_TEST(rows_of(occurrence) == "1");
    BOOST_TEST(counters(occurrence) == "1 0");
}

// --- isolation ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_parent_reaches_neither_another_familys_child_nor_another_commune)
{
    auto agent = logged_admin();
    auto mine = make_parent(*agent, 1);
    auto theirs = make_parent(*agent, 1);
    const auto& my_kid = mine.children[0];
    const auto& their_kid = theirs.children[0];
    const std::string day = "2030-03-19";
    const auto occurrence = single_occurrence(spec(5), day);

    // Booking their child: 404, with or without confirmation, nothing stored.
    for (const bool confirmed : {false, true}) {
        const auto r = book(mine, their_kid, occurrence, confirmed);
        BOOST_TEST(r.status == 404);
        BOOST_TEST(!contains(r.body, their_kid.first));
        BOOST_TEST(contains(r.body, "<html lang=\"fr\""));
    }
    BOOST_TEST(rows_of(occurrence) == "0");

    // Cancelling their child's booking: 404, the booking stays.
    BOOST_TEST(result_of(book(theirs, their_kid, occurrence)) == "reserve");
    for (const bool confirmed : {false, true}) {
        const auto r = cancel(mine, their_kid, occurrence, confirmed);
        BOOST_TEST(r.status == 404);
        BOOST_TEST(!contains(r.body, their_kid.first));
    }
    BOOST_TEST(status_of(occurrence, their_kid) == "booked");
    BOOST_TEST(counters(occurrence) == "1 0");

    // Seeing their child's planning: 404, the same as a child that does not exist.
    const auto page =
        mine.client->get("/famille/planning?enfant=" + their_kid.id + "&mois=" + day.substr(0, 7));
    BOOST_TEST(page.status == 404);
    BOOST_TEST(!contains(page.body, their_kid.first));
    BOOST_TEST(mine.client->get("/famille/planning?enfant=" + their_kid.id).status == 404);
    // Nor another family's guardian taken for a child.
    const auto guardian = sql("SELECT id FROM family_member WHERE family_id = " + theirs.family_id +
                              " AND role = 'guardian'");
    BOOST_TEST(mine.client->get("/famille/planning?enfant=" + guardian).status == 404);
    BOOST_TEST(book(*mine.client, mine.csrf, guardian, occurrence).status == 404);
    // Nor one's own guardian.
    const auto my_guardian =
        sql("SELECT id FROM family_member WHERE family_id = " + mine.family_id +
            " AND role = 'guardian'");
    BOOST_TEST(book(*mine.client, mine.csrf, my_guardian, occurrence).status == 404);
    BOOST_TEST(rows_of(occurrence) == "1");

    // An occurrence of the other commune: 404, nothing stored on it.
    const auto other = commune_of(other_host);
    BOOST_REQUIRE(!other.empty());
    const auto foreign = make_activity(spec(5), day, day, other);
    const auto foreign_occurrence = make_occurrence(foreign, day);
    for (const bool confirmed : {false, true})
        BOOST_TEST(book(mine, my_kid, foreign_occurrence, confirmed).status == 404);
    BOOST_TEST(cancel(mine, my_kid, foreign_occurrence).status == 404);
    BOOST_TEST(rows_of(foreign_occurrence) == "0");
    BOOST_TEST(counters(foreign_occurrence) == "0 0");
    // Nor does it show in the planning of that month.
    const auto month =
        mine.client->get("/famille/planning?enfant=" + my_kid.id + "&mois=" + day.substr(0, 7));
    BOOST_TEST(month.status == 200);
    BOOST_TEST(slot_state(month.body, foreign_occurrence).empty());
    BOOST_TEST(slot_state(month.body, occurrence) == "disponible");

    // The session of one commune is nothing on the other commune's host.
    Client elsewhere;
    elsewhere.host = other_host;
    same_origin(elsewhere);
    const auto there =
        elsewhere.post_form("/famille/reservations", {{"csrf", mine.csrf},
                                                      {"enfant", my_kid.id},
                                                      {"occurrence", foreign_occurrence},
                                                      {"confirme", "1"}});
    BOOST_TEST(result_of(there).empty());
    BOOST_TEST(rows_of(foreign_occurrence) == "0");

    // Without a session: the login page, nothing stored.
    Client anonymous;
    same_origin(anonymous);
    BOOST_TEST(result_of(book(anonymous, mine.csrf, my_kid.id, occurrence)).empty());
    BOOST_TEST(rows_of(occurrence) == "1");
}

// --- bad input ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(bad_ids_and_months_are_refused_in_french_with_nothing_stored)
{
    auto agent = logged_admin();
    auto p = make_parent(*agent, 1);
    const auto& kid = p.children[0];
    const auto occurrence = single_occurrence(spec(5));
    const std::string unknown = "999999999";

    struct Case {
        std::string child;
        std::string occurrence;
        long status;
    };
    const std::vector<Case> cases = {
        {unknown, occurrence, 404},
        {kid.id, unknown, 404},
        {"abc", occurrence, 400},
        {kid.id, "-1", 400},
        {kid.id, "0", 400},
        {kid.id, "abc", 400},
        {"", occurrence, 400},
        {kid.id + "x", occurrence, 400},
        {"99999999999999999999999", occurrence, 400},
    };
    for (const auto& c : cases)
        for (const bool confirmed : {false, true}) {
            BOOST_TEST_CONTEXT("enfant=" << c.child << " occurrence=" << c.occurrence
                                         << " confirme=" << confirmed)
            {
                const auto b = book(*p.client, p.csrf, c.child, c.occurrence, confirmed);
                BOOST_TEST(b.status == c.status);
                BOOST_TEST(contains(b.body, "<html lang=\"fr\""));
                const auto x = cancel(*p.client, p.csrf, c.child, c.occurrence, confirmed);
                BOOST_TEST(x.status == c.status);
            }
        }
    // Missing fields.
    BOOST_TEST(p.client->post_form("/famille/reservations", {{"csrf", p.csrf}, {"enfant", kid.id}})
                   .status == 400);
    BOOST_TEST(p.client
                   ->post_form("/famille/reservations/annuler",
                               {{"csrf", p.csrf}, {"occurrence", occurrence}})
                   .status == 400);
    BOOST_TEST(rows_of(occurrence) == "0");
    BOOST_TEST(counters(occurrence) == "0 0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM booking WHERE child_id = " + kid.id) == "0");

    // The month view.
    for (const std::string mois :
         {"abcd", "2026-13", "2026-00", "2026-1", "2026-02-30", "20261", "%00"}) {
        const auto r = p.client->get("/famille/planning?enfant=" + kid.id + "&mois=" + mois);
        BOOST_TEST(r.status == 400, "mois=" << mois << ": " << r.status);
        BOOST_TEST(contains(r.body, "AAAA-MM"), "mois=" << mois);
        BOOST_TEST(contains(r.body, "<html lang=\"fr\""));
    }
    for (const std::string enfant : {"abc", "-1", "0", "1.5"}) {
        const auto r = p.client->get("/famille/planning?enfant=" + enfant + "&mois=2030-03");
        BOOST_TEST(r.status == 400, "enfant=" << enfant << ": " << r.status);
    }
    BOOST_TEST(p.client->get("/famille/planning?enfant=" + unknown + "&mois=2030-03").status ==
               404);
    BOOST_TEST(p.client->get("/famille/planning?enfant=" + kid.id + "&mois=2030-03").status == 200);
    BOOST_TEST(p.client->get("/famille/planning").status == 200);

    // Without the CSRF token: refused, nothing stored.
    BOOST_TEST(book(*p.client, "", kid.id, occurrence).status == 403);
    BOOST_TEST(book(*p.client, "jeton-faux", kid.id, occurrence).status == 403);
    BOOST_TEST(rows_of(occurrence) == "0");
}

// --- rules -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(each_rule_refuses_with_a_french_sentence_naming_it)
{
    auto agent = logged_admin();
    auto p = make_parent(*agent, 2);
    const auto& kid = p.children[0];
    const auto& other_kid = p.children[1];

    // Refused the same way at the confirmation step and when confirmed; nothing stored.
    const auto refused = [&](const std::string& occurrence, const std::string& text,
                             const Kid& who) {
        for (const bool confirmed : {false, true}) {
            const auto r = book(p, who, occurrence, confirmed);
            BOOST_TEST(r.status == 409, text << " (confirme=" << confirmed << "): " << r.status);
            BOOST_TEST(shows(r.body, text), text << " not in: " << r.body.substr(0, 2000));
            BOOST_TEST(contains(r.body, "<html lang=\"fr\""));
        }
        BOOST_TEST(status_of(occurrence, who).empty());
    };

    // Closed.
    const auto closed = single_occurrence(spec(5), "2030-03-20", true);
    refused(closed, "est fermé le mercredi 20 mars 2030", kid);
    BOOST_TEST(planning_state(p, kid, closed, "2030-03-20") == "ferme");
    BOOST_TEST(counters(closed) == "0 0");

    // Booking deadline passed: 10 calendar days before a day 5 days from now.
    const auto soon = days_from_today(5);
    const auto late = single_occurrence(spec(5).book_until("jours:10@00:00"), soon, false);
    refused(late, "Le délai de réservation est dépassé : il fallait réserver avant le", kid);
    BOOST_TEST(planning_state(p, kid, late, soon) == "delai");

    // A registration window that closed.
    const auto window = single_occurrence(
        spec(5).book_until("fenetre:2020-01-06T08:30/2020-01-31T18:00"), "2030-03-21");
    refused(window, "Les inscriptions sont closes depuis le vendredi 31 janvier 2020 à 18h00", kid);
    // … and one that has not opened yet.
    const auto future_window = single_occurrence(
        spec(5).book_until("fenetre:2030-01-07T08:30/2030-02-28T18:00"), "2030-03-22");
    refused(future_window, "Les inscriptions ouvrent le lundi 7 janvier 2030 à 8h30", kid);

    // Full without a waiting list.
    const auto full = single_occurrence(spec(1).queue(0), "2030-03-25");
    BOOST_TEST(result_of(book(p, other_kid, full)) == "reserve");
    refused(full, "Il n'y a plus de place pour", kid);
    BOOST_TEST(counters(full) == "1 0");
    BOOST_TEST(planning_state(p, kid, full, "2030-03-25") == "complet");

    // Not eligible by age: the sentence gives the age range; the planning does not list it.
    const auto old = single_occurrence(spec(5).min_age("1200"), "2030-03-26");
    refused(old, kid.first + " n'a pas l'âge requis (à partir de 100 ans)", kid);
    BOOST_TEST(planning_state(p, kid, old, "2030-03-26").empty());

    // The rules of the service must be accepted first (the demo publishes the canteen's).
    const auto rules_id = sql("SELECT id FROM rules_document WHERE commune_id = " + caumont() +
                              " AND service = 'Restauration scolaire' AND published_at IS NOT NULL"
                              " ORDER BY version DESC LIMIT 1");
    BOOST_REQUIRE(!rules_id.empty());
    const auto ruled = single_occurrence(spec(5).rules_of("Restauration scolaire"), "2030-03-27");
    refused(ruled, "Le règlement « Restauration scolaire » doit être accepté", kid);
    BOOST_TEST(
        p.client->post_form("/famille/reglements/" + rules_id + "/accepter", {{"csrf", p.csrf}})
            .status == 303);
    BOOST_TEST(result_of(book(p, kid, ruled)) == "reserve");
    BOOST_TEST(counters(ruled) == "1 0");

    // Nothing was stored for the refused ones.
    for (const auto& o : {closed, late, window, future_window, old})
        BOOST_TEST(rows_of(o) == "0");
}

// --- late cancellation -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_late_cancellation_is_allowed_and_recorded_free_when_the_place_is_taken)
{
    auto agent = logged_admin();
    auto first = make_parent(*agent, 1);
    auto second = make_parent(*agent, 1);
    const auto& a = first.children[0];
    const auto& b = second.children[0];
    // Bookable without deadline; cancellable until 10 days before a day 5 or 6 days away.
    const auto day1 = days_from_today(5);
    const auto day2 = days_from_today(6);
    const auto activity =
        make_activity(spec(1).queue(5).cancel_until("jours:10@00:00"), day1, day2);
    const auto alone = make_occurrence(activity, day1);
    const auto queued = make_occurrence(activity, day2);

    // No one waits: the day is cancelled but stays billable.
    BOOST_TEST(result_of(book(first, a, alone)) == "reserve");
    const auto ask = cancel(first, a, alone, false);
    BOOST_TEST(ask.status == 200);
    BOOST_TEST(shows(ask.body, "Le délai d'annulation est dépassé : il fallait annuler avant le"));
    BOOST_TEST(shows(ask.body, "ce jour restera facturé"));
    BOOST_TEST(status_of(alone, a) == "booked");
    const auto r = cancel(first, a, alone);
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == back_to(a, day1, "annule-tard", alone));
    BOOST_TEST(sql("SELECT CONCAT(status, ' ', late_cancel, ' ', place_taken) FROM booking"
                   " WHERE occurrence_id = " +
                   alone + " AND child_id = " + a.id) == "cancelled 1 0");
    BOOST_TEST(counters(alone) == "0 0");
    const auto page = first.client->get(path_of(r.header("location")));
    BOOST_TEST(page.status == 200);
    BOOST_TEST(shows(page.body, "Le délai d'annulation était dépassé"));

    // B waits: A's late cancellation gives B the place, and A's day is not billed.
    BOOST_TEST(result_of(book(first, a, queued)) == "reserve");
    BOOST_TEST(result_of(book(second, b, queued)) == "attente");
    const auto freed = cancel(first, a, queued);
    BOOST_TEST(freed.status == 303);
    BOOST_TEST(freed.header("location") == back_to(a, day2, "annule", queued));
    BOOST_TEST(sql("SELECT CONCAT(status, ' ', late_cancel, ' ', place_taken) FROM booking"
                   " WHERE occurrence_id = " +
                   queued + " AND child_id = " + a.id) == "cancelled 1 1");
    BOOST_TEST(status_of(queued, b) == "booked");
    BOOST_TEST(counters(queued) == "1 0");
    const auto mails = wait_for_mails(second.email, 2);
    BOOST_TEST(mails.size() == 2u);

    // Re-booking a cancelled day reuses the row and clears the late flags.
    BOOST_TEST(result_of(book(first, a, alone)) == "reserve");
    BOOST_TEST(sql("SELECT CONCAT(COUNT(*), ' ', MAX(late_cancel), ' ', MAX(place_taken))"
                   " FROM booking WHERE occurrence_id = " +
                   alone) == "1 0 0");
}

BOOST_AUTO_TEST_CASE(a_place_freed_after_the_deadline_is_offered_then_accepted_or_passed_on)
{
    auto agent = logged_admin();
    auto first = make_parent(*agent, 1);  // A: booked, cancels late
    auto second = make_parent(*agent, 1); // B: first on the list, accepts
    auto third = make_parent(*agent, 2);  // C declines, D lets the offer expire
    const auto& a = first.children[0];
    const auto& b = second.children[0];
    const auto& c = third.children[0];
    const auto& d = third.children[1];
    const auto day = days_from_today(10);
    Activity activity;
    const auto occurrence = single_occurrence(spec(1).queue(5), day, false, &activity);
    BOOST_TEST(result_of(book(first, a, occurrence)) == "reserve");
    BOOST_TEST(result_of(book(second, b, occurrence)) == "attente");
    BOOST_TEST(result_of(book(third, c, occurrence)) == "attente");
    BOOST_TEST(result_of(book(third, d, occurrence)) == "attente");
    // The booking and cancellation deadlines pass (30 days before the day).
    sql("UPDATE activity SET booking_rule = 'jours:30@10:00', cancel_rule = 'jours:30@10:00',"
        " offer_hours = 6 WHERE id = " +
        activity.id);

    // A cancels late: the place is offered to B, held for six hours, not given outright.
    BOOST_TEST(cancel(first, a, occurrence).header("location") ==
               back_to(a, day, "annule-tard", occurrence));
    BOOST_TEST(status_of(occurrence, a) == "cancelled");
    BOOST_TEST(status_of(occurrence, b) == "offered");
    BOOST_TEST(counters(occurrence) == "1 2");
    BOOST_TEST(sql("SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), offer_expires_at) BETWEEN 355"
                   " AND 360 FROM booking WHERE occurrence_id = " +
                   occurrence + " AND child_id = " + b.id) == "1");
    BOOST_TEST(sql("SELECT CONCAT(late_cancel, place_taken) FROM booking WHERE occurrence_id = " +
                   occurrence + " AND child_id = " + a.id) == "10");
    BOOST_TEST(planning_state(second, b, occurrence, day) == "propose");
    const auto mails = wait_for_mails(second.email, 2);
    BOOST_REQUIRE_EQUAL(mails.size(), 2u);
    BOOST_TEST(contains(mails[1].text, "confirmez-la avant le"));
    BOOST_TEST(contains(mails[1].text, b.first));
    // Past the booking deadline, nobody else can book the held place meanwhile.
    auto late = make_parent(*agent, 1);
    BOOST_TEST(book(late, late.children[0], occurrence).status == 409);

    // B accepts (the booking form, past the booking deadline): booked, and A's late
    // cancellation is no longer billed since the place was taken.
    const auto ask = book(second, b, occurrence, false);
    BOOST_TEST(ask.status == 200);
    BOOST_TEST(shows(ask.body, "Accepter la place proposée : " + activity.name));
    BOOST_TEST(result_of(book(second, b, occurrence)) == "reserve");
    BOOST_TEST(status_of(occurrence, b) == "booked");
    BOOST_TEST(sql("SELECT CONCAT(late_cancel, place_taken) FROM booking WHERE occurrence_id = " +
                   occurrence + " AND child_id = " + a.id) == "11");
    BOOST_TEST(counters(occurrence) == "1 2");

    // B cancels too: C is offered the place and declines it; it goes on to D.
    cancel(second, b, occurrence);
    BOOST_TEST(status_of(occurrence, c) == "offered");
    const auto decline = cancel(third, c, occurrence, false);
    BOOST_TEST(decline.status == 200);
    BOOST_TEST(shows(decline.body, "Refuser la place proposée : " + activity.name));
    BOOST_TEST(cancel(third, c, occurrence).status == 303);
    BOOST_TEST(status_of(occurrence, c) == "cancelled");
    BOOST_TEST(status_of(occurrence, d) == "offered");
    BOOST_TEST(counters(occurrence) == "1 0");

    // D does not answer in time: the offer is withdrawn by `portail expire-offers`, and with
    // nobody left on the list the place is free again.
    sql("UPDATE booking SET offer_expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
        " WHERE occurrence_id = " +
        occurrence + " AND child_id = " + d.id);
    BOOST_TEST(planning_state(third, d, occurrence, day) == "propose"); // no button any more
    BOOST_TEST(book(third, d, occurrence).status == 409);
    std::string out;
    BOOST_TEST(Stack::get().portail("expire-offers", &out) == 0);
    BOOST_TEST(contains(out, "1 place(s)"));
    BOOST_TEST(status_of(occurrence, d) == "cancelled");
    BOOST_TEST(counters(occurrence) == "0 0");
    BOOST_TEST(Stack::get().portail("expire-offers", &out) == 0);
    BOOST_TEST(contains(out, "0 place(s)"));
}

BOOST_AUTO_TEST_CASE(an_expired_offer_passes_to_the_next_child_by_mail)
{
    auto agent = logged_admin();
    auto first = make_parent(*agent, 1);
    auto second = make_parent(*agent, 1);
    auto third = make_parent(*agent, 1);
    const auto day = days_from_today(12);
    Activity activity;
    const auto occurrence = single_occurrence(spec(1).queue(5), day, false, &activity);
    book(first, first.children[0], occurrence);
    book(second, second.children[0], occurrence);
    book(third, third.children[0], occurrence);
    sql("UPDATE activity SET booking_rule = 'jours:30@10:00' WHERE id = " + activity.id);
    cancel(first, first.children[0], occurrence);
    BOOST_TEST(status_of(occurrence, second.children[0]) == "offered");
    sql("UPDATE booking SET offer_expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
        " WHERE occurrence_id = " +
        occurrence + " AND child_id = " + second.children[0].id);
    BOOST_TEST(Stack::get().portail("expire-offers") == 0);
    BOOST_TEST(status_of(occurrence, second.children[0]) == "cancelled");
    BOOST_TEST(status_of(occurrence, third.children[0]) == "offered");
    BOOST_TEST(counters(occurrence) == "1 0");
    const auto mails = wait_for_mails(third.email, 2);
    BOOST_REQUIRE_EQUAL(mails.size(), 2u);
    BOOST_TEST(contains(mails[1].text, "confirmez-la avant le"));
    BOOST_TEST(contains(mails[1].text, activity.name));
    BOOST_TEST(planning_state(third, third.children[0], occurrence, day) == "propose");
}

BOOST_AUTO_TEST_CASE(capacity_per_age_group_holds_and_promotion_respects_it)
{
    auto agent = logged_admin();
    auto small = make_parent(*agent, 2, days_from_today(-4 * 365)); // about 4 years old
    auto big = make_parent(*agent, 2, "2016-01-10");
    const auto day = days_from_today(20);
    Activity activity;
    const auto occurrence = single_occurrence(spec(3).queue(5), day, false, &activity);
    // Of three places, one for the under-6s, two for the others.
    sql("UPDATE activity SET young_age_months = 72, young_capacity = 1 WHERE id = " + activity.id);
    BOOST_TEST(result_of(book(small, small.children[0], occurrence)) == "reserve");
    BOOST_TEST(result_of(book(small, small.children[1], occurrence)) == "attente");
    BOOST_TEST(result_of(book(big, big.children[0], occurrence)) == "reserve");
    BOOST_TEST(counters(occurrence) == "2 1");
    // The first small child leaves: the waiting small child gets the small place.
    cancel(small, small.children[0], occurrence);
    BOOST_TEST(status_of(occurrence, small.children[1]) == "booked");
    BOOST_TEST(result_of(book(big, big.children[1], occurrence)) == "reserve");
    BOOST_TEST(counters(occurrence) == "3 0");
}

BOOST_AUTO_TEST_SUITE_END()
