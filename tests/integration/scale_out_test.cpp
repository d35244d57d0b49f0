// Scale-out (issue 9, SPEC §2): two worker processes on different ports behind one Nginx
// upstream (`scripts/stack worker2-start`), parents booking days concurrently through both,
// and one worker killed with SIGKILL in the middle of the load. Every booking answered as done
// (303 "réservé" / "liste d'attente") exists exactly once with that status, no child has two
// rows for a day, each day's counters equal its rows and its capacity holds, and the service
// carries on through the surviving worker.
//
// What Nginx does with the dead worker: a connection refused is an `error` for
// fastcgi_next_upstream, so a request not yet sent goes to the other worker; a POST already
// sent to the killed process is not resent (non-idempotent) and gets a 502. So a 502 is
// accepted only for a request in flight at the kill; the parent sends it again and is told
// "réservé", "liste d'attente" or "déjà inscrit" — never a second row. The kill ends when the
// worker's last thread is gone (process_gone): its main thread turns zombie a few ms after
// SIGKILL, but the others keep its listening socket open some 20 ms more, and the kernel
// queues connections there that it resets after.
#include "booking_helpers.h"
#include "client.h"
#include "fixtures.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <latch>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <signal.h>

using namespace itest;

namespace
{

using Clock = std::chrono::steady_clock;

constexpr int parents_count = 16;
constexpr int children_per_parent = 3;
constexpr int days = 10;
constexpr int capacity = 20;
constexpr int waiting_list = 40;
// The share of the load answered before the kill.
constexpr double kill_after = 0.35;

// Starts the second worker; at the end brings the stack back to one worker on its usual
// pid file (restarting the first one if it was killed), whatever the test's outcome.
struct SecondWorker {
    Stack& stack;
    bool first_killed = false;
    explicit SecondWorker(Stack& s) : stack(s)
    {
        BOOST_REQUIRE_EQUAL(stack.control("worker2-start"), 0);
    }
    ~SecondWorker()
    {
        if (first_killed)
            stack.control("workers-start");
        stack.control("worker2-stop");
    }
    SecondWorker(const SecondWorker&) = delete;
    SecondWorker& operator=(const SecondWorker&) = delete;
};

std::string day_of(int i)
{
    return "2031-07-" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
}

// An activity open every day of July 2031 with one occurrence per day of the load; returns
// the occurrence ids.
std::vector<std::string> make_days()
{
    const auto name = unique_name("Stage");
    const auto activity =
        sql("INSERT INTO activity (commune_id, name, service, weekdays, period_start, period_end,"
            " holiday_policy, capacity, waiting_list, waiting_list_size, booking_rule,"
            " cancel_rule) VALUES (" +
            caumont() + ", " + quoted(name) + ", '', '1111111', '2031-07-01', '2031-07-31'," +
            " 'ignore', " + std::to_string(capacity) + ", 1, " + std::to_string(waiting_list) +
            ", 'aucun', 'aucun'); SELECT LAST_INSERT_ID();");
    BOOST_REQUIRE_MESSAGE(is_id(activity), "activity not created: " + activity);
    std::vector<std::string> out;
    for (int d = 0; d < days; ++d) {
        const auto id = sql("INSERT INTO occurrence (commune_id, activity_id, day, capacity,"
                            " closed) VALUES (" +
                            caumont() + ", " + activity + ", " + quoted(day_of(d)) + ", " +
                            std::to_string(capacity) + ", 0); SELECT LAST_INSERT_ID();");
        BOOST_REQUIRE_MESSAGE(is_id(id), "occurrence not created: " + id);
        out.push_back(id);
    }
    return out;
}

struct Attempt {
    int parent = 0;
    const Kid* kid = nullptr;
    std::string occurrence;
    Reply reply;
    Clock::time_point start, end;
};

std::string count_in(const std::string& text, const std::string& needle)
{
    return std::to_string(count_of(text, needle));
}

} // namespace

BOOST_AUTO_TEST_SUITE(scale_out)

BOOST_AUTO_TEST_CASE(a_worker_killed_mid_load_loses_no_booking_and_the_other_carries_on)
{
    auto& stack = Stack::get();
    auto agent = logged_admin();
    std::vector<Parent> parents;
    for (int i = 0; i < parents_count; ++i)
        parents.push_back(make_parent(*agent, {children_per_parent, "Scale"}));
    const auto occurrences = make_days();

    SecondWorker second(stack);
    const int first_pid = stack.worker_pid();
    const int second_pid = stack.worker2_pid();
    BOOST_REQUIRE(first_pid > 0 && second_pid > 0 && first_pid != second_pid);
    BOOST_REQUIRE(!process_gone(first_pid) && !process_gone(second_pid));

    // The load: each parent's thread books every day for each of its children, the days in
    // an order of its own so that the occurrences' row locks are contended from all sides.
    std::vector<std::vector<Attempt>> attempts(parents.size());
    for (std::size_t p = 0; p < parents.size(); ++p)
        for (int d = 0; d < days; ++d)
            for (const auto& k : parents[p].children)
                attempts[p].push_back(
                    {static_cast<int>(p), &k, occurrences[(d + p * 3) % days], {}, {}, {}});
    const std::size_t total = parents.size() * days * children_per_parent;
    std::atomic<std::size_t> answered{0};
    std::latch go(static_cast<std::ptrdiff_t>(parents.size()) + 1);
    std::vector<std::thread> threads;
    for (std::size_t p = 0; p < parents.size(); ++p)
        threads.emplace_back([&, p] {
            go.arrive_and_wait();
            for (auto& a : attempts[p]) {
                a.start = Clock::now();
                try {
                    a.reply = book(parents[p], *a.kid, a.occurrence);
                } catch (const std::exception& e) {
                    a.reply.status = 0;
                    a.reply.body = e.what();
                }
                a.end = Clock::now();
                ++answered;
            }
        });
    const auto t0 = Clock::now();
    go.arrive_and_wait();
    while (answered.load() < static_cast<std::size_t>(total * kill_after) &&
           Clock::now() - t0 < std::chrono::seconds(30))
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const auto answered_at_kill = answered.load();
    const auto kill_at = Clock::now();
    BOOST_REQUIRE_EQUAL(::kill(first_pid, SIGKILL), 0);
    second.first_killed = true;
    while (!process_gone(first_pid) && Clock::now() - kill_at < std::chrono::seconds(5))
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto dead_at = Clock::now();
    BOOST_REQUIRE(process_gone(first_pid));
    for (auto& t : threads)
        t.join();
    const auto load_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const auto gone_ms = std::chrono::duration<double>(dead_at - kill_at).count() * 1000;
    BOOST_TEST_MESSAGE("scale_out: " << total << " bookings in " << load_seconds << " s, worker "
                                     << first_pid << " killed after " << answered_at_kill
                                     << ", gone " << gone_ms << " ms later");
    BOOST_TEST(answered_at_kill < total, "the kill came after the load");

    // Every answer is done (303 réservé / liste d'attente), or a 502 for a request that was
    // in flight when the worker died.
    std::map<std::pair<std::string, std::string>, std::string> told; // (occurrence, child)
    std::vector<Attempt*> cut;
    std::size_t after_kill = 0;
    for (auto& list : attempts)
        for (auto& a : list) {
            const auto result = result_of(a.reply);
            if (a.start > dead_at)
                ++after_kill;
            if (result == "reserve" || result == "attente") {
                told[{a.occurrence, a.kid->id}] = result == "reserve" ? "booked" : "waiting";
                continue;
            }
            const bool in_flight = a.start <= dead_at && a.end >= kill_at;
            BOOST_TEST((a.reply.status == 502 && in_flight),
                       "child " << a.kid->id << " occurrence " << a.occurrence << ": status "
                                << a.reply.status << " (" << result << ")"
                                << (in_flight ? " in flight at the kill" : "") << ": "
                                << a.reply.body.substr(0, 200));
            cut.push_back(&a);
        }
    BOOST_TEST_MESSAGE("scale_out: " << cut.size() << " requests cut by the kill (502), "
                                     << after_kill << " sent after it");
    BOOST_TEST(after_kill > 0u, "no request was sent after the kill");

    // The cut requests sent again reach the surviving worker: done, or already there when
    // the killed worker had committed it before dying.
    for (auto* a : cut) {
        const auto again =
            book(parents[static_cast<std::size_t>(a->parent)], *a->kid, a->occurrence);
        const auto result = result_of(again);
        BOOST_TEST((result == "reserve" || result == "attente" || result == "deja"),
                   "resent booking of child " << a->kid->id << ": status " << again.status << " ("
                                              << result << ")");
        if (result == "reserve" || result == "attente")
            told[{a->occurrence, a->kid->id}] = result == "reserve" ? "booked" : "waiting";
    }

    // The database: one row per child and day, each done answer's row with its status, the
    // counters equal to the rows, the capacity held; every child asked every day, so each day
    // is full with the rest waiting.
    std::string ids;
    for (const auto& o : occurrences)
        ids += (ids.empty() ? "" : ",") + o;
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> rows;
    std::istringstream listing(sql("SELECT occurrence_id, child_id, status FROM booking"
                                   " WHERE occurrence_id IN (" +
                                   ids + ")"));
    std::string occ, child, status;
    while (listing >> occ >> child >> status)
        rows[{occ, child}].push_back(status);
    std::size_t duplicates = 0;
    for (const auto& [key, statuses] : rows)
        duplicates += statuses.size() > 1;
    BOOST_TEST(duplicates == 0u, duplicates << " children have two rows for a day");
    BOOST_TEST(rows.size() == total);
    for (const auto& [key, said] : told) {
        const auto it = rows.find(key);
        BOOST_TEST((it != rows.end() && it->second.front() == said),
                   "occurrence " << key.first << " child " << key.second << " told " << said
                                 << ", row: "
                                 << (it == rows.end() ? std::string("none") : it->second.front()));
    }
    const int kids = parents_count * children_per_parent;
    const auto expected = std::to_string(capacity) + " " + std::to_string(kids - capacity);
    for (const auto& o : occurrences) {
        BOOST_TEST(sql("SELECT CONCAT(booked, ' ', waiting) FROM occurrence WHERE id = " + o) ==
                       expected,
                   "occurrence " << o << " counters");
        BOOST_TEST(sql("SELECT CONCAT(SUM(status = 'booked'), ' ', SUM(status = 'waiting'))"
                       " FROM booking WHERE occurrence_id = " +
                       o) == expected,
                   "occurrence " << o << " rows");
    }

    // Both workers served bookings, and the service carries on without the killed one.
    const auto first_log = file_text(stack.dir + "/log/portail.log");
    const auto second_log = file_text(stack.dir + "/log/portail2.log");
    BOOST_TEST(count_of(first_log, "POST /famille/reservations") > 0u);
    BOOST_TEST(count_of(second_log, "POST /famille/reservations") > 0u);
    BOOST_TEST_MESSAGE("scale_out: bookings logged by the first worker "
                       << count_in(first_log, "POST /famille/reservations") << ", the second "
                       << count_in(second_log, "POST /famille/reservations"));
    Client anonymous;
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(anonymous.get("/sante").status == 200);
    auto& someone = parents.front();
    BOOST_TEST(
        someone.client
            ->get("/famille/planning?enfant=" + someone.children.front().id + "&mois=2031-07")
            .status == 200);
    BOOST_TEST(!process_gone(second_pid));
}

BOOST_AUTO_TEST_SUITE_END()
