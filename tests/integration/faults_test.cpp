// Faults with real processes (issue 8, SPEC §7–§8): a worker killed between the booking's
// UPDATE and COMMIT, and the database restarted in the middle of a booking load. What must
// hold: nothing committed is lost, nothing is counted twice, a parent never gets a 500 — the
// outage is a French 503 with Retry-After — and the portal recovers by itself.
#include "booking_helpers.h"
#include "client.h"
#include "fixtures.h"
#include "hooks.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace itest;

namespace
{

using Clock = std::chrono::steady_clock;

// The workers on a fake clock (libfaketime, scripts/stack FAKETIME_FILE) for the life of the
// object, then on the real one again.
struct FakeClock {
    std::string file = Stack::get().dir + "/fake-time";
    explicit FakeClock(const std::string& utc)
    {
        set(utc);
        auto& stack = Stack::get();
        BOOST_REQUIRE(stack.control("workers-stop") == 0);
        ::setenv("FAKETIME_FILE", file.c_str(), 1);
        const int started = stack.control("workers-start");
        ::unsetenv("FAKETIME_FILE");
        BOOST_REQUIRE(started == 0);
    }
    // "YYYY-MM-DD HH:MM:SS" UTC: the clock stands still there until set again.
    void set(const std::string& utc) const { std::ofstream(file) << utc << "\n"; }
    ~FakeClock()
    {
        Stack::get().control("workers-stop");
        Stack::get().control("workers-start");
    }
    FakeClock(const FakeClock&) = delete;
    FakeClock& operator=(const FakeClock&) = delete;
};

// A second stack whose database lives on a filesystem of its own (a 400 MB tmpfs) that the
// test can fill; stopped and unmounted at the end, whatever happens. `mounted` is false (and
// no stack started) where a tmpfs cannot be mounted.
struct SmallDiskStack {
    bool mounted = false;
    std::optional<ExtraStack> extra;
    std::string dir;
    int port = 0;
    SmallDiskStack()
    {
        const auto db = Stack::get().dir + "-disque/db";
        std::filesystem::create_directories(db);
        mounted = run("mount -t tmpfs -o size=400m portail-disque " + db) == 0;
        if (!mounted) {
            std::filesystem::remove_all(Stack::get().dir + "-disque");
            return;
        }
        extra.emplace("disque", "", nullptr,
                      [](const std::string& d) { run("umount " + d + "/db"); });
        dir = extra->stack.dir;
        port = extra->stack.http_port;
    }
    // Writes zeros until `left_mb` MiB are left.
    void fill(long left_mb) const
    {
        const long count = free_kb() / 1024 - left_mb;
        run("dd if=/dev/zero of=" + dir + "/db/filler bs=1M count=" + std::to_string(count) +
            " >/dev/null 2>&1");
    }
    void make_room() const { std::filesystem::remove(dir + "/db/filler"); }
    long free_kb() const
    {
        std::string out;
        run("df -k --output=avail " + dir + "/db | tail -1", &out);
        return std::stol(out);
    }
    std::string sql(const std::string& statement) const { return extra->stack.sql(statement); }
};

// Starts the workers again at the end of a test that killed them, even a failed one.
struct WorkersBack {
    ~WorkersBack() { Stack::get().control("workers-start"); }
};

// Starts the database again at the end of a test that stopped it, even a failed one.
struct DatabaseBack {
    ~DatabaseBack() { Stack::get().control("db-start"); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(worker_killed_between_update_and_commit_keeps_no_booking,
                     *boost::unit_test::precondition(workers_have_hooks))
{
    auto& stack = Stack::get();
    auto agent = logged_admin();
    auto parent = make_parent(*agent, {1, "Panne"});
    const auto& kid = parent.children.front();
    const auto occurrence = single_occurrence(spec(5));
    const int pid = stack.worker_pid();
    BOOST_REQUIRE(pid > 0);
    {
        WorkersBack back;
        Hook hook("booking-before-commit");
        const auto killed = book(parent, kid, occurrence);
        // Nginx answers for the worker that died with the request: a 502, never a "réservé".
        BOOST_TEST(killed.status == 502);
        BOOST_TEST(result_of(killed).empty());
        const auto until = Clock::now() + std::chrono::seconds(60);
        while (!process_gone(pid) && Clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        BOOST_REQUIRE_MESSAGE(process_gone(pid), "the hook did not kill the worker");
    }
    // The row and the counter were written, not committed: the database kept neither.
    BOOST_TEST(rows_of(occurrence) == "0");
    BOOST_TEST(counters(occurrence) == "0 0");
    BOOST_REQUIRE(stack.worker_pid() != pid);

    // The next request is served as if nothing had happened, and books once.
    const auto again = book(parent, kid, occurrence);
    BOOST_TEST(again.status == 303);
    BOOST_TEST(result_of(again) == "reserve");
    BOOST_TEST(rows_of(occurrence) == "1");
    BOOST_TEST(counters(occurrence) == "1 0");
    BOOST_TEST(status_of(occurrence, kid) == "booked");
    const auto twice = book(parent, kid, occurrence);
    BOOST_TEST(result_of(twice) == "deja");
    BOOST_TEST(rows_of(occurrence) == "1");
}

// A booking that keeps losing to other writers (the server's 1213: a deadlock, or Galera's
// certification conflict when two nodes write the same day) is tried again whole, and after
// the last try the parent gets the designed 503, never a 500; nothing of it is kept.
BOOST_AUTO_TEST_CASE(a_booking_losing_every_conflict_gets_the_designed_503_and_keeps_nothing,
                     *boost::unit_test::precondition(workers_have_hooks))
{
    auto agent = logged_admin();
    auto parent = make_parent(*agent, {1, "Conflit"});
    const auto& kid = parent.children.front();
    const auto occurrence = single_occurrence(spec(5));
    {
        Hook hook("booking-conflict");
        const auto lost = book(parent, kid, occurrence);
        BOOST_TEST(lost.status == 503);
        BOOST_TEST(lost.header("retry-after") == "2");
        BOOST_TEST(shows(lost.body, "Trop de demandes au même moment"), lost.body.substr(0, 300));
        BOOST_TEST(shows(lost.body, "rien n&#39;a été enregistré"));
        BOOST_TEST(result_of(lost).empty());
    }
    BOOST_TEST(rows_of(occurrence) == "0");
    BOOST_TEST(counters(occurrence) == "0 0");
    // Every try was made: the worker logged the last one's error as contention.
    std::string log;
    run("grep -c 'SQL error 1213 after retries (contention): 503' " + Stack::get().dir +
            "/log/portail.log",
        &log);
    BOOST_TEST(std::stoi(log.empty() ? "0" : log) >= 1);

    // Once the conflicts are over, the same request books once.
    const auto again = book(parent, kid, occurrence);
    BOOST_TEST(result_of(again) == "reserve");
    BOOST_TEST(rows_of(occurrence) == "1");
    BOOST_TEST(counters(occurrence) == "1 0");
}

// Parents book while MariaDB is stopped and started again. Every answer is the booking's
// result or the designed 503 (French, Retry-After), bookings resume within 10 s of the
// database being back, and every booking answered as done exists exactly once.
BOOST_AUTO_TEST_CASE(database_restarted_under_booking_load_loses_and_doubles_nothing)
{
    using namespace std::chrono;
    auto& stack = Stack::get();
    constexpr int parents_count = 8;
    constexpr int days = 6;
    auto agent = logged_admin();
    std::vector<Parent> parents;
    for (int i = 0; i < parents_count; ++i)
        parents.push_back(make_parent(*agent, {2, "Coupure"}));
    const auto activity = make_activity(spec(10).queue(40), "2031-09-01", "2031-09-30");
    std::vector<std::string> occurrences;
    for (int d = 0; d < days; ++d)
        occurrences.push_back(make_occurrence(activity, "2031-09-0" + std::to_string(d + 1)));

    struct Answer {
        long status = 0;
        std::string result;
        std::string retry_after;
        bool french = false;
        Clock::time_point at;
    };
    struct Attempt {
        Parent* parent = nullptr;
        const Kid* kid = nullptr;
        std::string occurrence;
        std::vector<Answer> answers; // 503s, then the result
    };
    std::vector<std::vector<Attempt>> load(parents.size());
    for (std::size_t p = 0; p < parents.size(); ++p)
        for (int d = 0; d < days; ++d)
            for (const auto& k : parents[p].children)
                load[p].push_back({&parents[p], &k, occurrences[(d + p) % days], {}});
    const std::size_t total = parents.size() * days * 2;

    std::atomic<std::size_t> done{0};
    std::latch go(static_cast<std::ptrdiff_t>(parents.size()) + 1);
    std::vector<std::thread> threads;
    for (std::size_t p = 0; p < parents.size(); ++p)
        threads.emplace_back([&, p] {
            go.arrive_and_wait();
            for (auto& a : load[p]) {
                // A parent told "réessayez" tries again, for up to 30 s.
                const auto give_up = Clock::now() + seconds(30);
                while (Clock::now() < give_up) {
                    Answer ans;
                    try {
                        const auto r = book(*a.parent, *a.kid, a.occurrence);
                        ans.status = r.status;
                        ans.result = result_of(r);
                        ans.retry_after = r.header("retry-after");
                        ans.french = shows(r.body, "momentanément indisponible");
                    } catch (const std::exception&) {
                        ans.status = 0;
                    }
                    ans.at = Clock::now();
                    a.answers.push_back(ans);
                    if (ans.status != 503)
                        break;
                    std::this_thread::sleep_for(milliseconds(250));
                }
                ++done;
                // Slow enough that the load spans the outage.
                std::this_thread::sleep_for(milliseconds(50));
            }
        });

    DatabaseBack back;
    go.arrive_and_wait();
    while (done < total / 4)
        std::this_thread::sleep_for(milliseconds(10));
    BOOST_REQUIRE(stack.control("db-stop") == 0);
    const auto down = Clock::now();
    std::this_thread::sleep_for(seconds(2));
    BOOST_REQUIRE(stack.control("db-start") == 0);
    const auto up = Clock::now();
    for (auto& t : threads)
        t.join();

    // Every answer: the booking's result (303) or the designed 503.
    std::size_t unavailable = 0;
    Clock::time_point first_done_after_up = Clock::time_point::max();
    std::map<std::pair<std::string, std::string>, std::string> told;
    for (const auto& attempts : load)
        for (const auto& a : attempts) {
            BOOST_REQUIRE(!a.answers.empty());
            for (const auto& ans : a.answers) {
                BOOST_TEST((ans.status == 303 || ans.status == 503),
                           "status " << ans.status << " for a booking");
                if (ans.status == 503) {
                    ++unavailable;
                    BOOST_TEST(ans.retry_after == "5");
                    BOOST_TEST(ans.french);
                } else if (ans.status == 303 && ans.at > up) {
                    first_done_after_up = std::min(first_done_after_up, ans.at);
                }
            }
            const auto& last = a.answers.back();
            BOOST_TEST(
                (last.result == "reserve" || last.result == "attente" || last.result == "deja"),
                "last answer " << last.status << " '" << last.result << "'");
            if (last.result == "reserve" || last.result == "attente")
                told[{a.occurrence, a.kid->id}] = last.result == "reserve" ? "booked" : "waiting";
        }
    BOOST_TEST_MESSAGE("database restart: "
                       << unavailable << " answers 503, outage "
                       << duration_cast<milliseconds>(up - down).count() << " ms, first booking "
                       << duration_cast<milliseconds>(first_done_after_up - up).count()
                       << " ms after the database was back");
    BOOST_TEST(unavailable > 0u); // the outage happened during the load
    BOOST_TEST((first_done_after_up != Clock::time_point::max() &&
                first_done_after_up - up <= seconds(10)));

    // The database: each told result exists with that status, once per child and day; every
    // child tried every day, so each (day, child) has exactly one row; counters equal rows.
    for (const auto& [key, status] : told)
        BOOST_TEST(sql("SELECT status FROM booking WHERE occurrence_id = " + key.first +
                       " AND child_id = " + key.second) == status);
    for (const auto& o : occurrences) {
        BOOST_TEST(rows_of(o) == std::to_string(parents_count * 2));
        BOOST_TEST(sql("SELECT COUNT(*) FROM booking WHERE occurrence_id = " + o +
                       " GROUP BY child_id HAVING COUNT(*) > 1") == "");
        const auto expected =
            sql("SELECT CONCAT(SUM(status = 'booked'), ' ', SUM(status = 'waiting')) FROM "
                "booking WHERE occurrence_id = " +
                o);
        BOOST_TEST(counters(o) == expected);
        BOOST_TEST(counters(o) == "10 6");
    }
}

// The workers' clock jumps forward and back around booking deadlines (NTP steps, a VM
// resumed): every answer follows the clock of the moment, in Paris time, across the autumn
// night when 02:30 happens twice (the rule takes the first).
BOOST_AUTO_TEST_CASE(clock_jumps_around_deadlines_keep_the_rules_right)
{
    auto agent = logged_admin();
    auto parent = make_parent(*agent, {1, "Horloge"});
    const auto& kid = parent.children.front();
    // The day before at 18:00: for Friday 15 January 2027, Thursday 14 at 18:00 CET (17:00 UTC).
    const auto winter = make_occurrence(
        make_activity(spec(10).book_until("jours:1@18:00"), "2027-01-15", "2027-01-15"),
        "2027-01-15");
    // The same day at 02:30: on Sunday 31 October 2027, first 02:30 is CEST (00:30 UTC).
    const auto autumn = make_occurrence(
        make_activity(spec(10).book_until("jours:0@02:30"), "2027-10-31", "2027-10-31"),
        "2027-10-31");
    FakeClock clock("2027-01-14 16:59:00");
    const auto attempt = [&](const std::string& occurrence) {
        parent.csrf = parent.client->csrf_from("/famille/dossier");
        return book(parent, kid, occurrence);
    };
    const auto undo = [&](const std::string& occurrence) {
        BOOST_TEST(result_of(cancel(parent, kid, occurrence)) == "annule");
    };
    const auto refused = [&](const Reply& r, const std::string& when) {
        BOOST_TEST(r.status == 409);
        BOOST_TEST(shows(r.body, "Le délai de réservation est dépassé : il fallait réserver "
                                 "avant le " +
                                     when));
    };

    BOOST_TEST(result_of(attempt(winter)) == "reserve");
    undo(winter);
    clock.set("2027-01-14 17:00:30"); // a minute later, past 18:00 Paris
    refused(attempt(winter), "jeudi 14 janvier 2027 à 18h00");
    clock.set("2027-01-14 16:58:00"); // and back again
    BOOST_TEST(result_of(attempt(winter)) == "reserve");
    clock.set("2027-01-15 09:00:00"); // the day itself: the booking stands
    BOOST_TEST(result_of(attempt(winter)) == "deja");
    BOOST_TEST(status_of(winter, kid) == "booked");
    BOOST_TEST(rows_of(winter) == "1");

    clock.set("2027-10-31 00:29:00"); // 02:29 CEST
    BOOST_TEST(result_of(attempt(autumn)) == "reserve");
    undo(autumn);
    clock.set("2027-10-31 00:31:00"); // 02:31 CEST: closed, though 02:30 CET is still ahead
    refused(attempt(autumn), "dimanche 31 octobre 2027 à 2h30");
    BOOST_TEST(rows_of(autumn) == "1"); // the cancelled row, not booked again
    BOOST_TEST(status_of(autumn, kid) != "booked");
}

// The database's disk fills up (its stack's workers watch it: db-volume, 64 MiB minimum).
// Writes are refused with a French 503 and Retry-After before MariaDB itself runs out (it
// aborts when InnoDB cannot finish a statement), pages keep being read, the database stays
// up; once room is made the same write succeeds and every table checks clean.
BOOST_AUTO_TEST_CASE(a_full_database_disk_refuses_writes_clearly_and_corrupts_nothing)
{
    SmallDiskStack disk;
    if (!disk.mounted) {
        BOOST_WARN_MESSAGE(false, "cannot mount a tmpfs here (not root?): disk-full test skipped");
        return;
    }
    Client parent;
    parent.port = disk.port;
    same_origin(parent);
    const auto csrf = parent.csrf_from("/connexion");
    BOOST_REQUIRE_EQUAL(parent
                            .post_form("/connexion", {{"csrf", csrf},
                                                      {"email", "rolf.fictif@example.org"},
                                                      {"mot_de_passe", admin_password}})
                            .status,
                        303);
    const auto family = disk.sql("SELECT family_id FROM parent_account WHERE email = "
                                 "'rolf.fictif@example.org'");
    const auto documents = [&] {
        return disk.sql("SELECT COUNT(*) FROM family_document WHERE family_id = " + family);
    };
    // A 3 MB proof: the table must grow to take it.
    std::string pdf = "%PDF-1.4\n";
    while (pdf.size() < 3 * 1024 * 1024)
        pdf += "% justificatif scanné, ligne de remplissage pour grossir le fichier\n";
    pdf += "%%EOF\n";
    const auto upload = [&] {
        const std::string boundary = "----portail-disque-4e1";
        std::string body;
        const std::vector<std::pair<std::string, std::string>> fields = {
            {"csrf", parent.csrf_from("/famille/justificatifs")},
            {"type", "insurance"},
            {"membre", ""},
            {"valable_jusqu_au", "2030-12-31"}};
        for (const auto& [name, value] : fields)
            body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
                    "\"\r\n\r\n" + value + "\r\n";
        body += "--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"a.pdf\"\r\n"
                "Content-Type: application/pdf\r\n\r\n" +
                pdf + "\r\n--" + boundary + "--\r\n";
        return parent.post_raw("/famille/justificatifs",
                               "multipart/form-data; boundary=" + boundary, body);
    };
    const auto before = documents();

    disk.fill(10);
    BOOST_TEST_MESSAGE("disk nearly full: " << disk.free_kb() / 1024 << " MiB left");
    BOOST_REQUIRE(disk.free_kb() < 20 * 1024);
    // The workers look at the disk once a second.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    for (int i = 0; i < 3; ++i) {
        const auto r = upload();
        BOOST_TEST(r.status == 503, "upload on a full disk: " << r.status);
        BOOST_TEST(r.header("retry-after") == "60");
        BOOST_TEST(shows(r.body, "manque momentanément de place"));
        BOOST_TEST(shows(r.body, "rien n'a été enregistré"));
    }
    BOOST_TEST(documents() == before);
    // Reading goes on.
    for (const char* page : {"/famille", "/famille/dossier", "/famille/planning", "/facturation"})
        BOOST_TEST(parent.get(page).status == 200, page);

    BOOST_TEST(disk.sql("SELECT 1") == "1"); // the database never stopped
    BOOST_TEST(parent.get("/famille").status == 200);

    disk.make_room();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const auto after = upload();
    BOOST_TEST(after.status == 303, "upload once room is made: " << after.status);
    BOOST_TEST(std::stol(documents()) == std::stol(before) + 1);
    BOOST_TEST(disk.sql("SELECT LENGTH(data) FROM family_document WHERE family_id = " + family +
                        " ORDER BY id DESC LIMIT 1") == std::to_string(pdf.size()));
    // Every table checks clean.
    const auto tables = disk.sql(
        "SELECT GROUP_CONCAT(table_name) FROM information_schema.tables WHERE table_schema = "
        "'portail' AND table_type = 'BASE TABLE'");
    const auto check = disk.sql("CHECK TABLE " + tables);
    BOOST_TEST(!contains(check, "error"), check.substr(0, 500));
    BOOST_TEST(!contains(check, "corrupt"), check.substr(0, 500));
    BOOST_TEST(count_of(check, "\tOK") >= 30u, check.substr(0, 300));
}

BOOST_AUTO_TEST_SUITE_END()
