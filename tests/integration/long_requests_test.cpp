// Long-period requests, the agents' lists and the attendance (issue 5) against the real stack:
// a parent asks for the same weekdays over weeks (/famille/demandes), applied at once or
// decided by an agent (/gestion/demandes-longues); the day's and the week's counts, the
// roster with the health columns for the roles that may see them, and the pointage, which
// locks once the month is invoiced (/gestion/reservations).
//
// Every test creates its own families, parent accounts and activities (with dates far in the
// future and no deadline, so that today's date does not matter), except the lock test, whose
// occurrence is in the past month on purpose.
#include "client.h"
#include "fixtures.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace itest;

namespace
{

using Fields = std::vector<std::pair<std::string, std::string>>;

// --- families and parents ----------------------------------------------------------------

// The agent creates a family with `children` children and issues its code abonné; the parent
// creates an account with it and confirms it by the mail link, which logs the parent in.
Parent make_parent(Client& agent, int children)
{
    return itest::make_parent(agent, {children, "Longue", "Dominique", "2018-05-22"});
}

// --- activities and occurrences, written with SQL ----------------------------------------

struct Activity {
    std::string id;
    std::string name;
    std::string commune;
    int capacity = 0;
};

// An activity open every day of [first, last] whatever the holidays (a regeneration of the
// occurrences by another suite keeps ours), without deadline.
Activity make_activity(int capacity, bool waiting_list, const std::string& mode,
                       const std::string& first, const std::string& last,
                       const std::string& commune = caumont())
{
    Activity a{{}, unique_name("Sejour"), commune, capacity};
    a.id = sql("INSERT INTO activity (commune_id, name, weekdays, period_start, period_end,"
               " holiday_policy, capacity, waiting_list, waiting_list_size, booking_rule,"
               " cancel_rule, long_mode) VALUES (" +
               commune + ", " + quoted(a.name) + ", '1111111', " + quoted(first) + ", " +
               quoted(last) + ", 'ignore', " + std::to_string(capacity) + ", " +
               (waiting_list ? "1" : "0") + ", 20, 'aucun', 'aucun', " + quoted(mode) +
               "); SELECT LAST_INSERT_ID();");
    BOOST_REQUIRE_MESSAGE(is_id(a.id), "activity not created: " + a.id);
    return a;
}

std::string make_occurrence(const Activity& a, const std::string& day)
{
    const auto id = sql("INSERT INTO occurrence (commune_id, activity_id, day, capacity) VALUES (" +
                        a.commune + ", " + a.id + ", " + quoted(day) + ", " +
                        std::to_string(a.capacity) + "); SELECT LAST_INSERT_ID();");
    BOOST_REQUIRE_MESSAGE(is_id(id), "occurrence not created: " + id);
    return id;
}

// Closes the day for the activity, as a closure would (and the closure itself, so that a
// regeneration keeps the day closed).
void close_day(const Activity& a, const std::string& occurrence, const std::string& day)
{
    sql("INSERT INTO closure (commune_id, activity_id, first_day, last_day, reason) VALUES (" +
        a.commune + ", " + a.id + ", " + quoted(day) + ", " + quoted(day) +
        ", 'Fermeture du test')");
    sql("UPDATE occurrence SET closed = 1 WHERE id = " + occurrence);
}

// The occurrences of `a` on the days of `first`'s week and the next ones: day (YYYY-MM-DD)
// → occurrence id, `weeks` weeks of Monday..Friday.
std::vector<std::pair<std::string, std::string>> weeks_of(const Activity& a,
                                                          const std::string& monday, int weeks)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i < weeks * 7; ++i) {
        if (i % 7 >= 5)
            continue;
        const auto day = sql("SELECT DATE_FORMAT(" + quoted(monday) + " + INTERVAL " +
                             std::to_string(i) + " DAY, '%Y-%m-%d')");
        out.emplace_back(day, make_occurrence(a, day));
    }
    return out;
}

std::string occurrence_on(const std::vector<std::pair<std::string, std::string>>& days,
                          const std::string& day)
{
    for (const auto& [d, id] : days)
        if (d == day)
            return id;
    BOOST_FAIL("no occurrence on " + day);
    return {};
}

// "booked waiting" counters of an occurrence.
std::string counters(const std::string& occurrence)
{
    return sql("SELECT CONCAT(booked, ' ', waiting) FROM occurrence WHERE id = " + occurrence);
}

std::string status_of(const std::string& occurrence, const Kid& k)
{
    return sql("SELECT status FROM booking WHERE occurrence_id = " + occurrence +
               " AND child_id = " + k.id);
}

// "status:count,…" of the child's booking rows on the activity, by status.
std::string bookings_of(const Activity& a, const Kid& k)
{
    return sql(
        "SELECT IFNULL(GROUP_CONCAT(CONCAT(s, ':', n) ORDER BY CONCAT(s, '')), '') FROM (SELECT"
        " b.status AS s, COUNT(*) AS n FROM booking b JOIN occurrence o ON o.id ="
        " b.occurrence_id WHERE o.activity_id = " +
        a.id + " AND b.child_id = " + k.id + " GROUP BY b.status) t");
}

std::string requests_of(const Parent& p)
{
    return sql("SELECT COUNT(*) FROM long_request WHERE family_id = " + p.family_id);
}

// --- the forms ---------------------------------------------------------------------------

Reply ask(Parent& p, const std::string& child, const std::string& activity,
          const std::string& first, const std::string& last, const std::vector<std::string>& days)
{
    Fields f{{"csrf", p.csrf},
             {"enfant", child},
             {"activite", activity},
             {"debut", first},
             {"fin", last}};
    for (const auto& d : days)
        f.emplace_back("jours", d);
    return p.client->post_form("/famille/demandes", f);
}

// Sends the request and returns its id (the 303 to /famille/demandes/{id}).
std::string ask_ok(Parent& p, const Kid& k, const Activity& a, const std::string& first,
                   const std::string& last, const std::vector<std::string>& days)
{
    const auto r = ask(p, k.id, a.id, first, last, days);
    BOOST_REQUIRE_MESSAGE(r.status == 303, "request refused: " + std::to_string(r.status));
    const auto location = r.header("location");
    const std::string prefix = "/famille/demandes/";
    BOOST_REQUIRE(location.compare(0, prefix.size(), prefix) == 0);
    const auto id = location.substr(prefix.size());
    BOOST_REQUIRE(is_id(id));
    return id;
}

Reply decide(Client& agent, const std::string& request, const std::string& decision,
             const std::string& comment)
{
    const auto csrf = agent.csrf_from("/gestion/demandes-longues");
    return agent.post_form("/gestion/demandes-longues/" + request,
                           {{"csrf", csrf}, {"decision", decision}, {"commentaire", comment}});
}

// The outcomes of a request page: the "status--X" classes of its rows, in order.
std::vector<std::string> outcomes(const std::string& html)
{
    std::vector<std::string> out;
    const std::string marker = "class=\"status status--";
    for (auto at = html.find(marker); at != std::string::npos; at = html.find(marker, at + 1)) {
        const auto start = at + marker.size();
        out.push_back(html.substr(start, html.find('"', start) - start));
    }
    return out;
}

// The state class (slot--X) of the occurrence's cell on a planning page, "" when not shown.
std::string slot_state(const std::string& html, const std::string& occurrence)
{
    const auto at = html.find("id=\"o-" + occurrence + "\"");
    if (at == std::string::npos)
        return {};
    const auto open = html.rfind("<div", at);
    const auto cls = html.find("slot--", open);
    if (open == std::string::npos || cls == std::string::npos || cls > at)
        return {};
    const auto start = cls + 6;
    return html.substr(start, html.find_first_of("\" ", start) - start);
}

// The text of the first mail to `p` containing `fragment`, waiting up to 20 s for it ("" if
// none came).
std::string mail_with(const Parent& p, const std::string& fragment)
{
    for (int i = 0; i < 100; ++i) {
        for (const auto& m : mails_to(p.email))
            if (contains(m.text, fragment))
                return m.text;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return {};
}

// What follows `marker` in `html` ("" when absent).
std::string after(const std::string& html, const std::string& marker)
{
    const auto at = html.find(marker);
    return at == std::string::npos ? std::string() : html.substr(at);
}

// The row header of a child in a roster table.
std::string row_of(const Kid& k)
{
    return "<th scope=\"row\">" + k.last + " " + k.first;
}

// Restores a commune setting at the end of a test, even a failed one.
struct LockDayGuard {
    std::string commune;
    std::string saved;
    explicit LockDayGuard(std::string c)
        : commune(std::move(c)),
          saved(sql("SELECT attendance_lock_day FROM commune WHERE id = " + commune))
    {
    }
    void set(int day) const
    {
        sql("UPDATE commune SET attendance_lock_day = " + std::to_string(day) +
            " WHERE id = " + commune);
    }
    ~LockDayGuard()
    {
        if (is_id(saved))
            sql("UPDATE commune SET attendance_lock_day = " + saved + " WHERE id = " + commune);
    }
};

// The cells of the activity's row in the week table: "2 2 1 1 — — — | 6".
std::string week_row(const std::string& html, const std::string& activity)
{
    const auto at = html.find("<th scope=\"row\">" + activity + "</th>");
    if (at == std::string::npos)
        return {};
    const auto end = html.find("</tr>", at);
    std::string out;
    std::string row = html.substr(at, end - at);
    for (auto td = row.find("<td>"); td != std::string::npos; td = row.find("<td>", td + 1)) {
        const auto start = td + 4;
        auto value = row.substr(start, row.find("</td>", start) - start);
        if (value.compare(0, 8, "<strong>") == 0)
            out += "| " + value.substr(8, value.find("</strong>") - 8);
        else
            out += value + " ";
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(long_requests)

// 1. Automatic mode: Monday, Tuesday, Thursday and Friday over three weeks; a full day is
// refused with the reason, a closed day is not listed, the others are booked at once and a
// mail sums it up.
BOOST_AUTO_TEST_CASE(an_automatic_request_books_the_open_days_and_refuses_the_full_one)
{
    auto admin = logged_admin();
    auto p = make_parent(*admin, 2);
    const auto& lea = p.children[0];
    const auto& tom = p.children[1];
    const auto a = make_activity(1, false, "automatic", "2030-09-02", "2030-09-20");
    const auto days = weeks_of(a, "2030-09-02", 3);
    const auto full = occurrence_on(days, "2030-09-10");   // a Tuesday, Tom has the place
    const auto closed = occurrence_on(days, "2030-09-12"); // a Thursday, closed
    close_day(a, closed, "2030-09-12");
    const auto tom_booked = p.client->post_form(
        "/famille/reservations",
        {{"csrf", p.csrf}, {"enfant", tom.id}, {"occurrence", full}, {"confirme", "1"}});
    BOOST_REQUIRE_EQUAL(tom_booked.status, 303);
    BOOST_REQUIRE_EQUAL(counters(full), "1 0");

    const auto id = ask_ok(p, lea, a, "2030-09-02", "2030-09-20", {"1", "2", "4", "5"});
    BOOST_TEST(sql("SELECT CONCAT(status, ' ', weekdays, ' ', child_id, ' ', activity_id) FROM"
                   " long_request WHERE id = " +
                   id) == "done 1101100 " + lea.id + " " + a.id);
    // 12 days asked, the closed one is not part of the request.
    BOOST_TEST(sql("SELECT COUNT(*) FROM long_request_day WHERE request_id = " + id) == "11");
    BOOST_TEST(sql("SELECT COUNT(*) FROM long_request_day WHERE request_id = " + id +
                   " AND occurrence_id = " + closed) == "0");
    BOOST_TEST(sql("SELECT CONCAT(outcome, '|', reason) FROM long_request_day WHERE request_id = " +
                   id + " AND occurrence_id = " + full)
                   .starts_with("refused|Il n'y a plus de place pour " + a.name));

    // The bookings: ten, one on each open day asked, none on Wednesdays, the full or the
    // closed day; the counters follow.
    BOOST_TEST(bookings_of(a, lea) == "booked:10");
    BOOST_TEST(sql("SELECT COUNT(*) FROM booking b JOIN occurrence o ON o.id = b.occurrence_id"
                   " WHERE o.activity_id = " +
                   a.id + " AND b.child_id = " + lea.id + " AND b.source = 'long_period'") == "10");
    BOOST_TEST(status_of(full, lea).empty());
    BOOST_TEST(status_of(closed, lea).empty());
    BOOST_TEST(status_of(occurrence_on(days, "2030-09-04"), lea).empty()); // a Wednesday
    for (const auto& [day, occurrence] : days) {
        const auto wd = sql("SELECT WEEKDAY(" + quoted(day) + ")"); // 0 = Monday
        const bool asked = wd == "0" || wd == "1" || wd == "3" || wd == "4";
        const auto expected = occurrence == closed ? "0 0" : (asked ? "1 0" : "0 0");
        BOOST_TEST(counters(occurrence) == expected, day);
    }
    BOOST_TEST(counters(full) == "1 0");
    BOOST_TEST(status_of(full, tom) == "booked");

    // The answer, day by day.
    const auto page = p.client->get("/famille/demandes/" + id);
    BOOST_REQUIRE_EQUAL(page.status, 200);
    const auto rows = outcomes(page.body);
    BOOST_TEST(rows.size() == 11u);
    BOOST_TEST(std::count(rows.begin(), rows.end(), "booked") == 10);
    BOOST_TEST(std::count(rows.begin(), rows.end(), "refused") == 1);
    BOOST_TEST(contains(page.body, "mardi 10 septembre 2030"));
    BOOST_TEST(shows(page.body, "Il n'y a plus de place pour " + a.name));
    BOOST_TEST(!contains(page.body, "jeudi 12 septembre 2030"));
    BOOST_TEST(contains(page.body, "10 jour(s) réservé(s), 0 en liste d"));
    BOOST_TEST(contains(page.body, "1 refusé(s)"));
    // Listed among the family's requests.
    const auto list = p.client->get("/famille/demandes");
    BOOST_TEST(list.status == 200);
    BOOST_TEST(contains(list.body, "/famille/demandes/" + id));

    // The mail sums it up.
    const auto mail = mail_with(p, "Votre demande de réservation");
    BOOST_REQUIRE_MESSAGE(!mail.empty(), "no summary mail");
    BOOST_TEST(contains(mail, a.name + " pour " + lea.first));
    BOOST_TEST(contains(mail, "10 jour(s) réservé(s), 0 en liste d'attente, 1 refusé(s)"));
    BOOST_TEST(contains(mail, "mardi 10 septembre 2030 : refusé. Il n'y a plus de place"));
    BOOST_TEST(contains(mail, "/famille/demandes/" + id));
}

// 1a. A request that begins where the activity does not open (the holidays) and books days
// of the next month: "Voir le planning" opens that month, not the month of its first day.
BOOST_AUTO_TEST_CASE(the_answer_links_to_the_month_of_the_first_day_booked)
{
    auto admin = logged_admin();
    auto p = make_parent(*admin, 1);
    const auto& lea = p.children[0];
    const auto a = make_activity(5, false, "automatic", "2030-09-23", "2030-10-11");
    weeks_of(a, "2030-10-07", 1); // open only the week of Monday 7 October
    const auto id = ask_ok(p, lea, a, "2030-09-23", "2030-10-11", {"1", "4"});
    BOOST_TEST(bookings_of(a, lea) == "booked:2");
    const auto page = p.client->get("/famille/demandes/" + id);
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(contains(page.body, "/famille/planning?enfant=" + lea.id + "&amp;mois=2030-10"),
               page.body.substr(0, 300));
    BOOST_TEST(!contains(page.body, "mois=2030-09"));
}

// 1b. With a waiting list, a full day goes on the waiting list instead; a day already booked
// stays booked once.
BOOST_AUTO_TEST_CASE(a_full_day_goes_on_the_waiting_list_when_there_is_one)
{
    auto admin = logged_admin();
    auto p = make_parent(*admin, 2);
    const auto& lea = p.children[0];
    const auto& tom = p.children[1];
    const auto a = make_activity(1, true, "automatic", "2030-10-07", "2030-10-11");
    const auto days = weeks_of(a, "2030-10-07", 1);
    const auto monday = occurrence_on(days, "2030-10-07");
    const auto tuesday = occurrence_on(days, "2030-10-08");
    ask_ok(p, tom, a, "2030-10-07", "2030-10-07", {"1"});
    ask_ok(p, lea, a, "2030-10-08", "2030-10-08", {"2"});
    const auto id = ask_ok(p, lea, a, "2030-10-07", "2030-10-08", {"1", "2"});
    BOOST_TEST(sql("SELECT GROUP_CONCAT(outcome ORDER BY day) FROM long_request_day WHERE"
                   " request_id = " +
                   id) == "waiting,booked");
    BOOST_TEST(status_of(monday, lea) == "waiting");
    BOOST_TEST(counters(monday) == "1 1");
    BOOST_TEST(counters(tuesday) == "1 0");
    const auto page = p.client->get("/famille/demandes/" + id);
    BOOST_TEST(shows(page.body, "Liste d'attente"));
}

// 2. Agent mode: the days wait as "Demandé" without taking a place; the agent accepts (each
// day booked as far as places allow) or refuses with a comment; a decision is taken once.
BOOST_AUTO_TEST_CASE(an_agent_request_waits_then_is_accepted_or_refused_once)
{
    auto admin = logged_admin();
    auto p = make_parent(*admin, 2);
    const auto& lea = p.children[0];
    const auto& tom = p.children[1];
    const auto a = make_activity(1, false, "agent", "2030-11-04", "2030-11-22");
    const auto days = weeks_of(a, "2030-11-04", 3);
    const auto thursday = occurrence_on(days, "2030-11-07");

    const auto first = ask_ok(p, lea, a, "2030-11-04", "2030-11-08", {"1", "2", "4", "5"});
    BOOST_TEST(sql("SELECT status FROM long_request WHERE id = " + first) == "pending");
    BOOST_TEST(sql("SELECT GROUP_CONCAT(outcome) FROM long_request_day WHERE request_id = " +
                   first) == "requested,requested,requested,requested");
    BOOST_TEST(bookings_of(a, lea) == "requested:4");
    BOOST_TEST(sql("SELECT COUNT(*) FROM booking b JOIN occurrence o ON o.id = b.occurrence_id"
                   " WHERE o.activity_id = " +
                   a.id + " AND b.source = 'long_period'") == "4");
    BOOST_TEST(sql("SELECT SUM(booked) + SUM(waiting) FROM occurrence WHERE activity_id = " +
                   a.id) == "0");
    auto page = p.client->get("/famille/demandes/" + first);
    BOOST_TEST(count_of(page.body, "status--requested") == 4u);
    BOOST_TEST(contains(page.body, "En attente de la décision de la mairie"));
    auto planning = p.client->get("/famille/planning?enfant=" + lea.id + "&mois=2030-11");
    BOOST_REQUIRE_EQUAL(planning.status, 200);
    BOOST_TEST(slot_state(planning.body, occurrence_on(days, "2030-11-04")) == "demande");
    BOOST_TEST(slot_state(planning.body, thursday) == "demande");
    BOOST_TEST(slot_state(planning.body, occurrence_on(days, "2030-11-06")) == "disponible");
    BOOST_TEST(!mail_with(p, "transmise à la mairie").empty());

    // The place is still free: Tom takes Thursday meanwhile.
    BOOST_REQUIRE_EQUAL(
        p.client
            ->post_form(
                "/famille/reservations",
                {{"csrf", p.csrf}, {"enfant", tom.id}, {"occurrence", thursday}, {"confirme", "1"}})
            .status,
        303);
    BOOST_REQUIRE_EQUAL(counters(thursday), "1 0");

    // The queue lists it; another commune's agent cannot decide it.
    const auto queue = admin->get("/gestion/demandes-longues");
    BOOST_REQUIRE_EQUAL(queue.status, 200);
    BOOST_TEST(contains(queue.body, "/gestion/demandes-longues/" + first));
    BOOST_TEST(contains(queue.body, lea.first));
    auto other = logged_agent(other_agent_email, admin_password, other_host);
    BOOST_TEST(decide(*other, first, "accepter", "").status == 404);
    BOOST_TEST(sql("SELECT status FROM long_request WHERE id = " + first) == "pending");
    BOOST_TEST(decide(*admin, first, "peut-etre", "").status == 400);

    // Accepted: booked where a place is left; Thursday is full, refused and said so.
    BOOST_REQUIRE_EQUAL(decide(*admin, first, "accepter", "").status, 303);
    BOOST_TEST(sql("SELECT status FROM long_request WHERE id = " + first) == "done");
    BOOST_TEST(sql("SELECT GROUP_CONCAT(outcome ORDER BY day) FROM long_request_day WHERE"
                   " request_id = " +
                   first) == "booked,booked,refused,booked");
    BOOST_TEST(status_of(thursday, lea) == "refused");
    BOOST_TEST(bookings_of(a, lea) == "booked:3,refused:1");
    BOOST_TEST(counters(occurrence_on(days, "2030-11-04")) == "1 0");
    BOOST_TEST(counters(thursday) == "1 0");
    page = p.client->get("/famille/demandes/" + first);
    BOOST_TEST(count_of(page.body, "status--booked") == 3u);
    BOOST_TEST(count_of(page.body, "status--refused") == 1u);
    BOOST_TEST(shows(page.body, "Il n'y a plus de place pour " + a.name));
    planning = p.client->get("/famille/planning?enfant=" + lea.id + "&mois=2030-11");
    BOOST_TEST(slot_state(planning.body, occurrence_on(days, "2030-11-04")) == "reserve");
    BOOST_TEST(slot_state(planning.body, thursday) == "refuse");
    // The family hears of the decision.
    BOOST_TEST(!mail_with(p, "3 jour(s) réservé(s), 0 en liste d'attente, 1 refusé(s)").empty());
    // Twice: 409, nothing changes.
    const auto again = decide(*admin, first, "refuser", "Finalement non");
    BOOST_TEST(again.status == 409);
    BOOST_TEST(shows(again.body, "déjà été traitée"));
    BOOST_TEST(decide(*admin, first, "accepter", "").status == 409);
    BOOST_TEST(bookings_of(a, lea) == "booked:3,refused:1");
    BOOST_TEST(sql("SELECT status FROM long_request WHERE id = " + first) == "done");

    // Refused with a comment: every day refused, the family reads why.
    const auto second = ask_ok(p, lea, a, "2030-11-11", "2030-11-15", {"1", "2", "4", "5"});
    const std::string comment = "Le centre est réservé à une classe découverte cette semaine";
    const auto empty = decide(*admin, second, "refuser", "");
    BOOST_TEST(empty.status == 400);
    BOOST_TEST(shows(empty.body, "Indiquez à la famille la raison du refus"));
    BOOST_TEST(sql("SELECT status FROM long_request WHERE id = " + second) == "pending");
    BOOST_TEST(bookings_of(a, lea) == "booked:3,refused:1,requested:4");
    BOOST_REQUIRE_EQUAL(decide(*admin, second, "refuser", comment).status, 303);
    BOOST_TEST(sql("SELECT CONCAT(status, '|', comment) FROM long_request WHERE id = " + second) ==
               "refused|" + comment);
    BOOST_TEST(bookings_of(a, lea) == "booked:3,refused:5");
    BOOST_TEST(sql("SELECT SUM(booked) FROM occurrence WHERE activity_id = " + a.id +
                   " AND day BETWEEN '2030-11-11' AND '2030-11-15'") == "0");
    page = p.client->get("/famille/demandes/" + second);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "Refusée par la mairie"));
    BOOST_TEST(contains(page.body, "Réponse de la mairie : " + comment));
    BOOST_TEST(count_of(page.body, "status--refused") == 4u);
    BOOST_TEST(!mail_with(p, comment).empty());
    BOOST_TEST(decide(*admin, second, "accepter", "").status == 409);
    BOOST_TEST(bookings_of(a, lea) == "booked:3,refused:5");
    // A refused day with a free place can still be booked from the planning; the full
    // Thursday cannot.
    planning = p.client->get("/famille/planning?enfant=" + lea.id + "&mois=2030-11");
    const auto monday_11 = occurrence_on(days, "2030-11-11");
    BOOST_TEST(slot_state(planning.body, monday_11) == "refuse");
    BOOST_TEST(contains(planning.body, "name=\"occurrence\" value=\"" + monday_11 + "\""));
    BOOST_TEST(slot_state(planning.body, thursday) == "refuse");
    BOOST_TEST(!contains(planning.body, "name=\"occurrence\" value=\"" + thursday + "\""));
    BOOST_REQUIRE_EQUAL(p.client
                            ->post_form("/famille/reservations", {{"csrf", p.csrf},
                                                                  {"enfant", lea.id},
                                                                  {"occurrence", monday_11},
                                                                  {"confirme", "1"}})
                            .status,
                        303);
    BOOST_TEST(status_of(monday_11, lea) == "booked");
    // Decided requests leave the queue.
    const auto after = admin->get("/gestion/demandes-longues");
    BOOST_TEST(!contains(after.body, "/gestion/demandes-longues/" + first + "\""));
    BOOST_TEST(!contains(after.body, "/gestion/demandes-longues/" + second + "\""));
    BOOST_TEST(decide(*admin, "999999999", "accepter", "").status == 404);
}

// 3. Bad input: a French message on the form (400), nothing stored; another family's child,
// another commune's activity or request: 404.
BOOST_AUTO_TEST_CASE(bad_requests_are_refused_in_french_and_store_nothing)
{
    auto admin = logged_admin();
    auto p = make_parent(*admin, 1);
    auto q = make_parent(*admin, 1);
    const auto& lea = p.children[0];
    const auto a = make_activity(5, true, "automatic", "2031-03-03", "2031-03-14");
    const auto days = weeks_of(a, "2031-03-03", 2);
    const auto before = requests_of(p);
    BOOST_REQUIRE_EQUAL(before, "0");

    struct Case {
        std::string first, last;
        std::vector<std::string> days;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"2031-03-03", "2041-03-02", {"1"}, "La période ne peut pas dépasser un an."},
        {"2031-03-03", "2031-03-14", {"0"}, "Les jours de la semaine vont de 1 (lundi) à 7"},
        {"2031-03-03", "2031-03-14", {"1", "8"}, "Les jours de la semaine vont de 1 (lundi) à 7"},
        {"2031-03-03", "2031-03-14", {"lundi"}, "Les jours de la semaine vont de 1 (lundi) à 7"},
        {"2031-03-03", "2031-03-14", {}, "Cochez au moins un jour de la semaine."},
        {"2026-02-30", "2031-03-14", {"1"}, "Le premier jour doit être une date réelle"},
        {"2031-03-03", "2031-02-29", {"1"}, "Le dernier jour doit être une date réelle"},
        {"03/03/2031", "2031-03-14", {"1"}, "Le premier jour doit être une date réelle"},
        {"2031-03-14", "2031-03-03", {"1"}, "Le dernier jour doit être après le premier."},
        {"2020-01-06", "2020-01-10", {"1"}, "La période est passée."},
        // Open on weekdays only: nothing on Saturdays and Sundays.
        {"2031-03-03",
         "2031-03-14",
         {"6", "7"},
         " n'ouvre aucun de ces jours pendant cette période."},
    };
    for (const auto& c : cases) {
        const auto r = ask(p, lea.id, a.id, c.first, c.last, c.days);
        BOOST_TEST(r.status == 400, c.first + " " + c.last + " → " + std::to_string(r.status));
        BOOST_TEST(shows(r.body, c.message), c.message);
        BOOST_TEST(shows(r.body, "La demande n'a pas été enregistrée"));
        BOOST_TEST(contains(r.body, "<form")); // the form again, to correct
    }
    // Unknown or malformed ids.
    BOOST_TEST(ask(p, "abc", a.id, "2031-03-03", "2031-03-14", {"1"}).status == 400);
    BOOST_TEST(ask(p, lea.id, "", "2031-03-03", "2031-03-14", {"1"}).status == 400);
    BOOST_TEST(ask(p, "999999999", a.id, "2031-03-03", "2031-03-14", {"1"}).status == 404);
    BOOST_TEST(ask(p, lea.id, "999999999", "2031-03-03", "2031-03-14", {"1"}).status == 404);
    // Another family's child.
    const auto theirs = ask(p, q.children[0].id, a.id, "2031-03-03", "2031-03-14", {"1"});
    BOOST_TEST(theirs.status == 404);
    BOOST_TEST(!contains(theirs.body, q.children[0].first));
    // Another commune's activity, open on the same days.
    const auto elsewhere =
        make_activity(5, true, "automatic", "2031-03-03", "2031-03-14", commune_of(other_host));
    weeks_of(elsewhere, "2031-03-03", 2);
    BOOST_TEST(ask(p, lea.id, elsewhere.id, "2031-03-03", "2031-03-14", {"1"}).status == 404);
    // An inactive activity.
    const auto inactive = make_activity(5, true, "automatic", "2031-03-03", "2031-03-14");
    weeks_of(inactive, "2031-03-03", 2);
    sql("UPDATE activity SET active = 0 WHERE id = " + inactive.id);
    BOOST_TEST(ask(p, lea.id, inactive.id, "2031-03-03", "2031-03-14", {"1"}).status == 404);

    // Nothing stored.
    BOOST_TEST(requests_of(p) == "0");
    BOOST_TEST(requests_of(q) == "0");
    BOOST_TEST(sql("SELECT COUNT(*) FROM booking WHERE child_id IN (" + lea.id + ", " +
                   q.children[0].id + ")") == "0");
    BOOST_TEST(sql("SELECT SUM(booked) + SUM(waiting) FROM occurrence WHERE activity_id IN (" +
                   a.id + ", " + elsewhere.id + ", " + inactive.id + ")") == "0");

    // A request is seen by its family only.
    const auto id = ask_ok(p, lea, a, "2031-03-03", "2031-03-14", {"1"});
    BOOST_TEST(p.client->get("/famille/demandes/" + id).status == 200);
    const auto peek = q.client->get("/famille/demandes/" + id);
    BOOST_TEST(peek.status == 404);
    BOOST_TEST(!contains(peek.body, lea.first));
    BOOST_TEST(p.client->get("/famille/demandes/abc").status == 404);
    BOOST_TEST(!contains(q.client->get("/famille/demandes").body, "/famille/demandes/" + id));
    // Without the CSRF token nothing happens either.
    const auto forged = p.client->post_form("/famille/demandes", {{"enfant", lea.id},
                                                                  {"activite", a.id},
                                                                  {"debut", "2031-03-10"},
                                                                  {"fin", "2031-03-14"},
                                                                  {"jours", "2"}});
    BOOST_TEST(forged.status == 403);
    BOOST_TEST(requests_of(p) == "1");
}

// 4. The roster of an occurrence (health columns for agents and administrators, journaled;
// none for a régisseur), the pointage, a child present without booking, and the lock.
BOOST_AUTO_TEST_CASE(roster_shows_health_to_the_right_roles_and_attendance_locks)
{
    auto admin = logged_admin();
    auto p = make_parent(*admin, 5);
    const auto& k = p.children;
    const std::string allergy = "Arachide " + unique_name("Allergie");
    sql("UPDATE family_member SET has_allergies = 1, allergies = " + quoted(allergy) +
        ", pai = 1, diet = 'sans_porc' WHERE id = " + k[0].id);
    sql("UPDATE family_member SET has_allergies = 0, pai = 0 WHERE id = " + k[1].id);
    const auto a = make_activity(3, true, "automatic", "2031-05-05", "2031-05-09");
    const auto days = weeks_of(a, "2031-05-05", 1);
    const auto tuesday = occurrence_on(days, "2031-05-06");
    for (int i = 0; i < 4; ++i) // three booked, the fourth on the waiting list
        ask_ok(p, k[static_cast<std::size_t>(i)], a, "2031-05-06", "2031-05-06", {"2"});
    BOOST_REQUIRE_EQUAL(counters(tuesday), "3 1");
    BOOST_REQUIRE_EQUAL(status_of(tuesday, k[3]), "waiting");
    const auto roster = "/gestion/reservations/" + tuesday;
    const auto views = [&] {
        return sql("SELECT COUNT(*) FROM journal WHERE action = 'Consultation des données de"
                   " santé' AND object_type = 'occurrence' AND object_id = " +
                   tuesday);
    };

    // The administrator: every booked child with the health columns; the waiting list apart.
    auto r = admin->get(roster);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const auto table = r.body.substr(0, r.body.find("</table>"));
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(contains(table, row_of(k[static_cast<std::size_t>(i)])));
    BOOST_TEST(!contains(table, row_of(k[3])));
    BOOST_TEST(!contains(r.body, row_of(k[4])));
    BOOST_TEST(contains(r.body, "<th scope=\"col\">Allergies</th>"));
    BOOST_TEST(contains(r.body, allergy));
    BOOST_TEST(contains(r.body, "Sans porc"));
    BOOST_TEST(contains(r.body, ">PAI</td>"));
    BOOST_TEST(contains(r.body, "Enfants attendus (3)"));
    auto waiting_list = after(r.body, "Liste d&#39;attente</caption>");
    if (waiting_list.empty())
        waiting_list = after(r.body, "Liste d'attente</caption>");
    BOOST_TEST(contains(waiting_list, row_of(k[3])));
    BOOST_TEST(!contains(waiting_list, row_of(k[0])));
    BOOST_TEST(!contains(r.body, "presence-" + k[3].id));
    BOOST_TEST(views() == "1");
    BOOST_TEST(sql("SELECT CONCAT(j.actor_kind, '|', a.email, '|', j.health_data) FROM journal j"
                   " JOIN agent a ON a.id = j.actor_id WHERE j.action = 'Consultation des données"
                   " de santé' AND j.object_type = 'occurrence' AND j.object_id = " +
                   tuesday) == "agent|" + std::string(admin_email) + "|1");

    // A régisseur: the children, no health column, nothing journaled.
    const auto email = unique_email("regisseur-liste");
    const std::string password = "le mot de passe du regisseur";
    BOOST_REQUIRE_EQUAL(
        admin
            ->post_form("/gestion/agents", {{"csrf", admin->csrf_from("/gestion/agents")},
                                            {"nom", "Régisseur Cantine"},
                                            {"email", email},
                                            {"role", "regisseur"},
                                            {"mot_de_passe", password}})
            .status,
        303);
    auto regisseur = logged_agent(email, password);
    r = regisseur->get(roster);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(contains(r.body, row_of(k[0])));
    BOOST_TEST(!contains(r.body, allergy));
    BOOST_TEST(!contains(r.body, "Arachide"));
    BOOST_TEST(!contains(r.body, "Sans porc"));
    BOOST_TEST(!contains(r.body, "<th scope=\"col\">Allergies</th>"));
    BOOST_TEST(contains(r.body, "ne sont visibles que"));
    BOOST_TEST(views() == "1");
    // Another commune's agent: 404.
    auto other = logged_agent(other_agent_email, admin_password, other_host);
    r = other->get(roster);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(!contains(r.body, k[0].first));

    // Pointage: present, absent, excused; the wait-listed child cannot be marked.
    auto csrf = admin->csrf_from(roster);
    r = admin->post_form(roster + "/pointage", {{"csrf", csrf},
                                                {"presence-" + k[0].id, "present"},
                                                {"presence-" + k[1].id, "absent"},
                                                {"presence-" + k[2].id, "excuse"},
                                                {"presence-" + k[3].id, "present"}});
    BOOST_REQUIRE_EQUAL(r.status, 303);
    BOOST_TEST(r.header("location") == roster + "?enregistre=1");
    const auto marks = [&] {
        return sql("SELECT IFNULL(GROUP_CONCAT(CONCAT(child_id, ':', status, ':', without_booking)"
                   " ORDER BY child_id), '') FROM attendance WHERE occurrence_id = " +
                   tuesday);
    };
    const auto expected = k[0].id + ":present:0," + k[1].id + ":absent:0," + k[2].id + ":excused:0";
    BOOST_TEST(marks() == expected);
    r = admin->get(roster + "?enregistre=1");
    BOOST_TEST(contains(r.body, "Le pointage est enregistré."));
    BOOST_TEST(contains(r.body, "name=\"presence-" + k[0].id + "\" value=\"present\" checked"));
    BOOST_TEST(contains(r.body, "name=\"presence-" + k[2].id + "\" value=\"excuse\" checked"));
    // A wrong value: 400, nothing changes.
    r = admin->post_form(
        roster + "/pointage",
        {{"csrf", csrf}, {"presence-" + k[0].id, "absent"}, {"presence-" + k[1].id, "peut-etre"}});
    BOOST_TEST(r.status == 400);
    BOOST_TEST(marks() == expected);
    // Correcting a mark.
    BOOST_REQUIRE_EQUAL(
        admin->post_form(roster + "/pointage", {{"csrf", csrf}, {"presence-" + k[1].id, "excuse"}})
            .status,
        303);
    const auto corrected =
        k[0].id + ":present:0," + k[1].id + ":excused:0," + k[2].id + ":excused:0";
    BOOST_TEST(marks() == corrected);

    // A child present without booking.
    r = admin->post_form(roster + "/ajout", {{"csrf", csrf}, {"enfant", k[4].id}});
    BOOST_REQUIRE_EQUAL(r.status, 303);
    BOOST_TEST(sql("SELECT CONCAT(status, ':', without_booking) FROM attendance WHERE"
                   " occurrence_id = " +
                   tuesday + " AND child_id = " + k[4].id) == "present:1");
    BOOST_TEST(status_of(tuesday, k[4]).empty());
    BOOST_TEST(counters(tuesday) == "3 1");
    r = admin->get(roster);
    BOOST_TEST(contains(r.body, row_of(k[4]) + " <span class=\"tag\">sans réservation</span>"));
    BOOST_TEST(contains(r.body, "Enfants attendus (4)"));
    // Already booked: mark in the list instead; unknown child: 404.
    BOOST_TEST(admin->post_form(roster + "/ajout", {{"csrf", csrf}, {"enfant", k[0].id}}).status ==
               409);
    BOOST_TEST(
        admin->post_form(roster + "/ajout", {{"csrf", csrf}, {"enfant", "999999999"}}).status ==
        404);
    BOOST_TEST(sql("SELECT COUNT(*) FROM attendance WHERE occurrence_id = " + tuesday) == "4");

    // The lock: an occurrence of last month, locked since the 1st of this month.
    LockDayGuard guard(caumont());
    const auto today = paris_today();
    const auto last_month = iso({today.month == 1 ? today.year - 1 : today.year,
                                 today.month == 1 ? 12 : today.month - 1, 15});
    const auto past = make_activity(3, true, "automatic", last_month, last_month);
    const auto old = make_occurrence(past, last_month);
    sql("INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status, queued_at,"
        " created_at, updated_at) VALUES (" +
        caumont() + ", " + old + ", " + k[0].id + ", " + p.family_id +
        ", 'booked', UTC_TIMESTAMP(6), UTC_TIMESTAMP(), UTC_TIMESTAMP());"
        " UPDATE occurrence SET booked = 1 WHERE id = " +
        old +
        ";"
        " INSERT INTO attendance (occurrence_id, child_id, commune_id, family_id, status,"
        " marked_at) VALUES (" +
        old + ", " + k[0].id + ", " + caumont() + ", " + p.family_id +
        ", 'absent', UTC_TIMESTAMP())");
    const auto old_roster = "/gestion/reservations/" + old;
    const auto old_marks = [&] {
        return sql("SELECT IFNULL(GROUP_CONCAT(CONCAT(child_id, ':', status, ':', without_booking)"
                   " ORDER BY child_id), '') FROM attendance WHERE occurrence_id = " +
                   old);
    };
    BOOST_REQUIRE_EQUAL(old_marks(), k[0].id + ":absent:0");
    guard.set(1);
    r = admin->get(old_roster);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(contains(r.body, "est verrouillé depuis le"));
    BOOST_TEST(contains(r.body, " disabled"));
    BOOST_TEST(!contains(r.body, "Enregistrer le pointage"));
    r = admin->post_form(old_roster + "/pointage",
                         {{"csrf", csrf}, {"presence-" + k[0].id, "present"}});
    BOOST_TEST(r.status == 409);
    BOOST_TEST(contains(r.body, "verrouillé"));
    r = admin->post_form(old_roster + "/ajout", {{"csrf", csrf}, {"enfant", k[1].id}});
    BOOST_TEST(r.status == 409);
    BOOST_TEST(old_marks() == k[0].id + ":absent:0");
    // Never locking (0): the same pointage goes through.
    guard.set(0);
    r = admin->post_form(old_roster + "/pointage",
                         {{"csrf", csrf}, {"presence-" + k[0].id, "present"}});
    BOOST_TEST(r.status == 303);
    BOOST_TEST(old_marks() == k[0].id + ":present:0");
    // A future month is never locked.
    guard.set(1);
    BOOST_TEST(
        admin->post_form(roster + "/pointage", {{"csrf", csrf}, {"presence-" + k[2].id, "present"}})
            .status == 303);
}

// 5. The day's occurrences and the week's totals for the kitchen.
BOOST_AUTO_TEST_CASE(the_week_totals_count_the_booked_children_per_day)
{
    auto admin = logged_admin();
    auto p = make_parent(*admin, 3);
    const auto& k = p.children;
    const auto a = make_activity(2, true, "automatic", "2031-06-02", "2031-06-06");
    const auto days = weeks_of(a, "2031-06-02", 1);
    const auto friday = occurrence_on(days, "2031-06-06");
    close_day(a, friday, "2031-06-06");
    ask_ok(p, k[0], a, "2031-06-02", "2031-06-06", {"1", "2", "3", "4", "5"});
    ask_ok(p, k[1], a, "2031-06-02", "2031-06-06", {"1", "2"});
    ask_ok(p, k[2], a, "2031-06-02", "2031-06-02", {"1"}); // waiting list
    BOOST_REQUIRE_EQUAL(counters(occurrence_on(days, "2031-06-02")), "2 1");

    auto r = admin->get("/gestion/reservations?jour=2031-06-04");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(week_row(r.body, a.name) == "2 2 1 1 — — — | 6");
    // The day: each occurrence with its counts and a link to its list.
    BOOST_TEST(contains(r.body, "href=\"/gestion/reservations/" +
                                    occurrence_on(days, "2031-06-04") + "\">" + a.name +
                                    "</a> — 1 inscrit(s) sur 2 places"));
    r = admin->get("/gestion/reservations?jour=2031-06-02");
    BOOST_TEST(contains(r.body, a.name + "</a> — 2 inscrit(s) sur 2 places, 1 en liste d"));
    BOOST_TEST(week_row(r.body, a.name) == "2 2 1 1 — — — | 6");
    r = admin->get("/gestion/reservations?jour=2031-06-06");
    BOOST_TEST(contains(r.body, a.name + "</a> — 0 inscrit(s) sur 2 places"));
    BOOST_TEST(contains(r.body, "<strong>fermé</strong>"));
    // Another week: not there.
    r = admin->get("/gestion/reservations?jour=2031-06-09");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(week_row(r.body, a.name).empty());
    // Bad dates: 400 in French.
    r = admin->get("/gestion/reservations?jour=2031-02-30");
    BOOST_TEST(r.status == 400);
    BOOST_TEST(contains(r.body, "La date doit être au format AAAA-MM-JJ"));
    BOOST_TEST(admin->get("/gestion/reservations?jour=abcd").status == 400);
    // The other commune does not see ours.
    auto other = logged_agent(other_agent_email, admin_password, other_host);
    r = other->get("/gestion/reservations?jour=2031-06-04");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(!contains(r.body, a.name));
}

BOOST_AUTO_TEST_SUITE_END()
