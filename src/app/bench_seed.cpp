#include "app/bench_seed.h"

#include "app/config.h"
#include "billing/invoicing.h"
#include "booking/calendar_sync.h"
#include "db/activities.h"
#include "db/billing.h"
#include "db/communes.h"
#include "db/connection.h"
#include "db/migrations.h"
#include "domain/money.h"
#include "domain/time.h"
#include "security/password.h"
#include "security/tokens.h"
#include "view/view.h"

#include <boost/program_options.hpp>
#include <mysql_driver.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace po = boost::program_options;

namespace app
{

namespace
{

// Same as in commands.cpp: the password file wins over a password in the URL.
db::Settings db_settings(const Config& config)
{
    auto s = db::parse_url(config.db_url);
    if (!config.db_password.empty())
        s.password = config.db_password;
    return s;
}

constexpr const char* default_password = "banc-d-essai-2026";
constexpr const char* family_like = "BENCH-%";
constexpr const char* account_like = "bench-%@example.org";
constexpr const char* canteen_name = "Restauration scolaire";
constexpr const char* rush_name = "Vacances bench";
constexpr int families_per_transaction = 500;
constexpr std::size_t max_statement_bytes = 1 << 20; // well under max_allowed_packet
constexpr int min_canteen_capacity = 5000;
constexpr const char* bench_regie_name = "Régie bench";
constexpr const char* bench_regie_prefix = "BENCHF";

struct Options {
    int families = 2000;
    std::string sessions_file;
    std::string password = default_password;
    bool reset = false;
    int rush_places = 300;
    int rush_waiting = 200;
    int canteen_percent = 70;
    int invoices = 26; // per bench family, the brochure's history
};

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string fixed1(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", v);
    return text;
}

// A SQL string literal (the values are ours, but names may hold quotes).
std::string quote(std::string_view text)
{
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'')
            out += "''";
        else if (c == '\\')
            out += "\\\\";
        else
            out += c;
    }
    return out + "'";
}

std::int64_t query_int(db::Connection& conn, const std::string& sql,
                       const std::vector<std::int64_t>& params)
{
    auto& st = conn.prepare(sql);
    for (std::size_t i = 0; i < params.size(); ++i)
        st.setInt64(static_cast<int>(i + 1), params[i]);
    auto rs = db::query(st);
    return rs->next() ? rs->getInt64(1) : 0;
}

// Multi-row INSERTs of about a megabyte each, all sent by flush() (so that a table's rows
// go after the rows they point at, whatever the order of add() calls across tables).
class BulkInsert
{
public:
    BulkInsert(db::Connection& conn, std::string head) : conn_(conn), head_(std::move(head)) {}
    void add(const std::string& row)
    {
        if (statements_.empty() || statements_.back().size() > max_statement_bytes)
            statements_.push_back(head_);
        else
            statements_.back() += ',';
        statements_.back() += row;
        ++rows_;
    }
    void flush()
    {
        for (const auto& sql : statements_)
            conn_.execute(sql);
        statements_.clear();
    }
    std::int64_t rows() const { return rows_; }

private:
    db::Connection& conn_;
    std::string head_;
    std::vector<std::string> statements_;
    std::int64_t rows_ = 0;
};

const std::vector<const char*> guardian_names = {
    "Camille", "Nicolas", "Julie",   "Thomas", "Sarah",  "Mehdi",  "Claire", "Antoine",
    "Nadia",   "Julien",  "Aurélie", "Karim",  "Sophie", "Pierre", "Fatima", "Laurent"};
const std::vector<const char*> child_names = {
    "Léa",   "Hugo",   "Inès",   "Tom",   "Jade",  "Louis", "Emma", "Gabriel", "Chloé", "Raphaël",
    "Manon", "Arthur", "Louise", "Jules", "Alice", "Adam",  "Lina", "Noah",    "Rose",  "Sacha"};
const char* const classes[] = {"PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"};

std::string family_name(int index)
{
    char text[32];
    std::snprintf(text, sizeof text, "BENCH-%05d", index);
    return text;
}

std::string account_email(int index)
{
    char text[48];
    std::snprintf(text, sizeof text, "bench-%05d@example.org", index);
    return text;
}

int children_of(int index)
{
    return index % 2 == 0 ? 2 : 1;
}

struct Canteen {
    std::int64_t activity_id = 0;
    std::vector<std::int64_t> occurrences; // open ones, the whole school year
};

Canteen load_canteen(db::Connection& conn, std::int64_t commune_id)
{
    Canteen c;
    for (const auto& a : db::list_activities(conn, commune_id, false))
        if (a.name == canteen_name)
            c.activity_id = a.id;
    if (c.activity_id == 0)
        throw std::runtime_error(std::string("the demo commune has no activity \"") + canteen_name +
                                 "\": run portail seed-demo first");
    auto& st = conn.prepare("SELECT id FROM occurrence WHERE commune_id = ? AND activity_id = ?"
                            " AND closed = 0 ORDER BY day");
    st.setInt64(1, commune_id);
    st.setInt64(2, c.activity_id);
    auto rs = db::query(st);
    while (rs->next())
        c.occurrences.push_back(rs->getInt64(1));
    return c;
}

// Room for every child on every canteen day: the bench books far more than a real canteen
// holds, and the capacity check must not refuse it (nor the CHECK constraint).
void raise_canteen_capacity(db::Connection& conn, std::int64_t commune_id, const Canteen& canteen,
                            std::int64_t new_children)
{
    const auto most_booked = query_int(
        conn,
        "SELECT COALESCE(MAX(booked), 0) FROM occurrence WHERE commune_id = ? AND activity_id = ?",
        {commune_id, canteen.activity_id});
    const auto capacity =
        std::max<std::int64_t>(min_canteen_capacity, most_booked + new_children + 100);
    auto& occ = conn.prepare("UPDATE occurrence SET capacity = GREATEST(capacity, ?)"
                             " WHERE commune_id = ? AND activity_id = ?");
    occ.setInt64(1, capacity);
    occ.setInt64(2, commune_id);
    occ.setInt64(3, canteen.activity_id);
    occ.executeUpdate();
    auto& act = conn.prepare("UPDATE activity SET capacity = GREATEST(capacity, ?) WHERE id = ?");
    act.setInt64(1, capacity);
    act.setInt64(2, canteen.activity_id);
    act.executeUpdate();
}

struct Created {
    std::int64_t families = 0;
    std::int64_t children = 0;
    std::int64_t bookings = 0;
};

// Families first..last (1-based indices), in transactions of a few hundred families: the
// families, their members, the parent accounts and the canteen bookings, with the canteen
// occurrences' counters raised in the same transaction.
Created create_families(db::Connection& conn, std::int64_t commune_id, const Canteen& canteen,
                        int first, int last, const std::string& password_hash, int canteen_percent)
{
    Created out;
    const auto today = domain::paris_from_epoch(std::time(nullptr)).date;
    const int school_year = today.month >= 8 ? today.year : today.year - 1;
    const auto c = std::to_string(commune_id);
    for (int from = first; from <= last; from += families_per_transaction) {
        const int to = std::min(last, from + families_per_transaction - 1);
        std::mt19937 rng(static_cast<unsigned>(from));
        std::uniform_int_distribution<int> percent(0, 99);
        std::uniform_int_distribution<int> level_of(0, 7); // PS..CM2
        db::Transaction tx(conn);
        conn.execute("SET @now = UTC_TIMESTAMP(), @now6 = UTC_TIMESTAMP(6)");
        // Explicit ids, so the rows can point at each other without reading ids back; a
        // concurrent insert would fail on the primary key rather than mix things up.
        auto family_id = query_int(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM family", {});
        auto member_id = query_int(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM family_member", {});
        auto account_id =
            query_int(conn, "SELECT COALESCE(MAX(id), 0) + 1 FROM parent_account", {});
        auto number = query_int(
            conn, "SELECT COALESCE(MAX(number), 10000) + 1 FROM family WHERE commune_id = ?",
            {commune_id});
        if (number + (to - from) > 99999)
            throw std::runtime_error("family numbers exhausted (99999 at most per commune)");

        BulkInsert families(conn, "INSERT INTO family (id, commune_id, number, name, address_line1,"
                                  " postal_code, city, phone, email, family_quotient,"
                                  " validated_at) VALUES ");
        BulkInsert members(conn, "INSERT INTO family_member (id, commune_id, family_id, role,"
                                 " last_name, first_name, birth_date, school, class_name, phone,"
                                 " email) VALUES ");
        BulkInsert accounts(conn, "INSERT INTO parent_account (id, commune_id, family_id,"
                                  " guardian_id, email, password_hash, confirmed_at, created_at)"
                                  " VALUES ");
        BulkInsert bookings(conn, "INSERT INTO booking (commune_id, occurrence_id, child_id,"
                                  " family_id, status, queued_at, source, updated_by_kind,"
                                  " updated_by, created_at, updated_at) VALUES ");
        std::map<std::int64_t, int> booked; // occurrence → new bookings
        for (int i = from; i <= to; ++i, ++family_id, ++number) {
            const auto name = family_name(i);
            const auto f = std::to_string(family_id);
            char phone[32];
            std::snprintf(phone, sizeof phone, "04 90 %02d %02d %02d", i / 10000 % 100,
                          i / 100 % 100, i % 100);
            families.add("(" + f + "," + c + "," + std::to_string(number) + "," + quote(name) +
                         "," + quote(std::to_string(1 + i % 120) + " chemin des Essais") +
                         ",'84510','Caumont-sur-Durance'," + quote(phone) + "," +
                         quote(account_email(i)) + "," + std::to_string(300 + (i * 37) % 1700) +
                         ",@now)");
            const auto guardian = member_id++;
            const auto first_guardian = guardian_names[i % guardian_names.size()];
            members.add("(" + std::to_string(guardian) + "," + c + "," + f + ",'guardian'," +
                        quote(name) + "," + quote(first_guardian) + ",NULL,'',''," + quote(phone) +
                        "," + quote(account_email(i)) + ")");
            if (percent(rng) < 55)
                members.add("(" + std::to_string(member_id++) + "," + c + "," + f + ",'guardian'," +
                            quote(name) + "," +
                            quote(guardian_names[(i + 7) % guardian_names.size()]) +
                            ",NULL,'','','','')");
            const auto account = account_id++;
            accounts.add("(" + std::to_string(account) + "," + c + "," + f + "," +
                         std::to_string(guardian) + "," + quote(account_email(i)) + "," +
                         quote(password_hash) + ",@now,@now)");
            for (int k = 0; k < children_of(i); ++k) {
                const auto child = member_id++;
                const int level = level_of(rng);
                const domain::Date birth{school_year - 3 - level, 1 + (i + k) % 12,
                                         1 + (i * 7 + k) % 28};
                members.add("(" + std::to_string(child) + "," + c + "," + f + ",'child'," +
                            quote(name) + "," +
                            quote(child_names[(i + 11 * k) % child_names.size()]) + "," +
                            quote(domain::iso_date(birth)) + "," +
                            quote(level < 3 ? "École maternelle Les Tilleuls"
                                            : "École élémentaire Jean Moulin") +
                            "," + quote(classes[level]) + ",'','')");
                ++out.children;
                const auto prefix = "(" + c + ",";
                const auto suffix = "," + std::to_string(child) + "," + f +
                                    ",'booked',@now6,'parent','parent'," + std::to_string(account) +
                                    ",@now,@now)";
                for (const auto occurrence : canteen.occurrences)
                    if (percent(rng) < canteen_percent) {
                        bookings.add(prefix + std::to_string(occurrence) + suffix);
                        ++booked[occurrence];
                    }
            }
            ++out.families;
        }
        // Parents before children: the foreign keys are checked row by row.
        families.flush();
        members.flush();
        accounts.flush();
        bookings.flush();
        out.bookings += bookings.rows();
        auto& counter = conn.prepare("UPDATE occurrence SET booked = booked + ? WHERE id = ?");
        for (const auto& [occurrence, n] : booked) {
            counter.setInt(1, n);
            counter.setInt64(2, occurrence);
            counter.executeUpdate();
        }
        tx.commit();
    }
    return out;
}

// Deletes the bench families and everything that points at them, then recounts the
// occurrences' counters. In batches, each committed on its own (a statement must end within
// the connection's read timeout, and 10,000 families hold over a million bookings): when
// interrupted, run it again.
void reset_bench(db::Connection& conn, std::int64_t commune_id)
{
    const auto c = std::to_string(commune_id);
    conn.execute("DROP TEMPORARY TABLE IF EXISTS bench_family, bench_account");
    conn.execute("CREATE TEMPORARY TABLE bench_family (id BIGINT UNSIGNED PRIMARY KEY)"
                 " SELECT id FROM family WHERE commune_id = " +
                 c + " AND name LIKE '" + family_like + "'");
    conn.execute("CREATE TEMPORARY TABLE bench_account (id BIGINT UNSIGNED PRIMARY KEY)"
                 " SELECT a.id FROM parent_account a JOIN bench_family b ON b.id = a.family_id");
    conn.execute("DELETE s FROM session s JOIN bench_account b ON b.id = s.account_id"
                 " WHERE s.kind = 'parent'");
    conn.execute("DELETE t FROM account_token t JOIN bench_account b ON b.id = t.account_id");
    conn.execute("DELETE l FROM login_event l JOIN bench_account b ON b.id = l.account_id"
                 " WHERE l.kind = 'parent'");
    // Every table with a family_id (bookings, accounts, members, and whatever later
    // migrations add), in passes until the foreign keys let each go.
    std::vector<std::pair<std::string, bool>> tables; // name, has a commune_id (indexed first)
    {
        auto& st = conn.prepare(
            "SELECT f.TABLE_NAME, COUNT(c.COLUMN_NAME) FROM information_schema.COLUMNS f"
            " LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = f.TABLE_SCHEMA"
            " AND c.TABLE_NAME = f.TABLE_NAME AND c.COLUMN_NAME = 'commune_id'"
            " WHERE f.TABLE_SCHEMA = DATABASE() AND f.COLUMN_NAME = 'family_id'"
            " AND f.TABLE_NAME <> 'family' GROUP BY f.TABLE_NAME");
        auto rs = db::query(st);
        while (rs->next())
            tables.emplace_back(rs->getString(1), rs->getInt(2) > 0);
    }
    // Explicit lists of 200 families, looked up on the (commune_id, family_id) indexes: with
    // IN (SELECT …), MariaDB 10.11 scanned the whole booking table for each batch.
    std::vector<std::string> lists;
    {
        auto& st = conn.prepare("SELECT id FROM bench_family ORDER BY id");
        auto rs = db::query(st);
        std::string list;
        int n = 0;
        while (rs->next()) {
            list += (list.empty() ? "" : ",") + std::to_string(rs->getInt64(1));
            if (++n % 200 == 0) {
                lists.push_back(list);
                list.clear();
            }
        }
        if (!list.empty())
            lists.push_back(list);
    }
    while (!tables.empty()) {
        std::vector<std::pair<std::string, bool>> blocked;
        std::string last_error;
        for (const auto& [t, scoped] : tables) {
            try {
                for (const auto& list : lists)
                    conn.execute("DELETE FROM `" + t + "` WHERE " +
                                 (scoped ? "commune_id = " + c + " AND " : std::string()) +
                                 "family_id IN (" + list + ")");
            } catch (const sql::SQLException& e) {
                if (e.getErrorCode() != 1451) // a row of another table still points at it
                    throw;
                blocked.emplace_back(t, scoped);
                last_error = e.what();
            }
        }
        if (blocked.size() == tables.size())
            throw std::runtime_error("--reset: cannot delete the bench rows: " + last_error);
        tables = std::move(blocked);
    }
    conn.execute("DELETE f FROM family f JOIN bench_family b ON b.id = f.id");
    db::Transaction tx(conn);
    conn.execute("UPDATE occurrence o LEFT JOIN (SELECT occurrence_id,"
                 " SUM(status = 'booked') AS nb, SUM(status = 'waiting') AS nw FROM booking"
                 " WHERE commune_id = " +
                 c +
                 " GROUP BY occurrence_id) n ON n.occurrence_id = o.id"
                 " SET o.booked = COALESCE(n.nb, 0), o.waiting = COALESCE(n.nw, 0)"
                 " WHERE o.commune_id = " +
                 c);
    tx.commit();
    conn.execute("DROP TEMPORARY TABLE IF EXISTS bench_family, bench_account");
}

struct Rush {
    std::int64_t activity_id = 0;
    std::int64_t occurrence_id = 0;
    std::string day;
};

// The holiday week of the rush: the first school-holiday Monday at least two weeks away (the
// booking deadline is a week), else a plain week then. Its bookings are emptied on every run.
Rush prepare_rush(db::Connection& conn, std::int64_t commune_id, const Options& o)
{
    const auto today = domain::paris_from_epoch(std::time(nullptr)).date;
    const auto earliest = domain::add_days(today, 14);
    std::optional<std::pair<domain::Date, domain::Date>> week;
    for (const auto& h : db::school_holidays(conn, db::holiday_zone(conn, commune_id))) {
        const auto first = domain::parse_sql_date(h.first_day);
        const auto last = domain::parse_sql_date(h.last_day);
        if (!first || !last)
            continue;
        const int wd = domain::weekday(*first);
        const auto monday = wd == 1 ? *first : domain::add_days(*first, 8 - wd);
        if (monday >= earliest && domain::add_days(monday, 4) <= *last) {
            week = {monday, domain::add_days(monday, 4)};
            break;
        }
    }
    db::Activity a;
    for (const auto& existing : db::list_activities(conn, commune_id, false))
        if (existing.name == rush_name)
            a = existing;
    a.name = rush_name;
    a.service = "Centre de loisirs";
    a.regie = "Service Jeunesse";
    a.site = "Centre de loisirs";
    a.weekdays = "1111100";
    if (week) {
        a.holiday_policy = "only";
    } else {
        const auto monday = domain::add_days(earliest, (8 - domain::weekday(earliest)) % 7);
        week = {monday, domain::add_days(monday, 4)};
        a.holiday_policy = "ignore";
    }
    a.period_start = domain::iso_date(week->first);
    a.period_end = domain::iso_date(week->second);
    a.capacity = o.rush_places;
    a.waiting_list = o.rush_waiting > 0;
    a.waiting_list_size = std::max(o.rush_waiting, 0);
    a.min_age_months.reset();
    a.max_age_months.reset();
    a.school_levels.clear();
    a.residents_only = false;
    a.requires_complete_file = false;
    a.requires_rules = false;
    a.booking_rule = "jours:7@12:00";
    a.cancel_rule = "jours:7@12:00";
    a.long_mode = "automatic";
    a.allocation = "first_come";
    a.active = true;
    if (a.id != 0) {
        db::Transaction tx(conn);
        auto& del =
            conn.prepare("DELETE b FROM booking b JOIN occurrence o ON o.id = b.occurrence_id"
                         " WHERE o.commune_id = ? AND o.activity_id = ?");
        del.setInt64(1, commune_id);
        del.setInt64(2, a.id);
        del.executeUpdate();
        auto& zero = conn.prepare("UPDATE occurrence SET booked = 0, waiting = 0"
                                  " WHERE commune_id = ? AND activity_id = ?");
        zero.setInt64(1, commune_id);
        zero.setInt64(2, a.id);
        zero.executeUpdate();
        tx.commit();
        db::update_activity(conn, commune_id, a);
    } else {
        a.id = db::create_activity(conn, commune_id, a);
    }
    booking::regenerate_occurrences(conn, commune_id, a);
    Rush r;
    r.activity_id = a.id;
    auto& st = conn.prepare("SELECT id, DATE_FORMAT(day, '%Y-%m-%d') FROM occurrence"
                            " WHERE commune_id = ? AND activity_id = ? AND closed = 0"
                            " AND day >= ? ORDER BY day LIMIT 1");
    st.setInt64(1, commune_id);
    st.setInt64(2, a.id);
    st.setString(3, a.period_start);
    auto rs = db::query(st);
    if (!rs->next())
        throw std::runtime_error("the rush week " + a.period_start + " has no open day");
    r.occurrence_id = rs->getInt64(1);
    r.day = rs->getString(2);
    return r;
}

// A new session for every bench parent (the old ones are deleted), the raw tokens written to
// `path` as "token;child_id;family_id", one line per family, in family order.
std::int64_t write_sessions(db::Connection& conn, std::int64_t commune_id, const std::string& path)
{
    struct Parent {
        std::int64_t account = 0, family = 0, child = 0;
    };
    std::vector<Parent> parents;
    {
        auto& st = conn.prepare(
            "SELECT a.id, a.family_id, (SELECT MIN(m.id) FROM family_member m"
            " WHERE m.family_id = a.family_id AND m.role = 'child') AS child"
            " FROM parent_account a JOIN family f ON f.id = a.family_id"
            " WHERE a.commune_id = ? AND f.commune_id = ? AND f.name LIKE ? AND a.email LIKE ?"
            " AND a.unlinked_at IS NULL AND a.confirmed_at IS NOT NULL ORDER BY f.name, a.id");
        st.setInt64(1, commune_id);
        st.setInt64(2, commune_id);
        st.setString(3, family_like);
        st.setString(4, account_like);
        auto rs = db::query(st);
        std::int64_t last_family = 0;
        while (rs->next()) {
            Parent p{rs->getInt64(1), rs->getInt64(2), rs->getInt64(3)};
            if (p.family == last_family || p.child == 0)
                continue;
            last_family = p.family;
            parents.push_back(p);
        }
    }
    std::ofstream out(path, std::ios::trunc);
    if (!out)
        throw std::runtime_error("cannot write " + path);
    db::Transaction tx(conn);
    auto& del = conn.prepare("DELETE s FROM session s JOIN parent_account a ON a.id = s.account_id"
                             " WHERE s.kind = 'parent' AND a.commune_id = ? AND a.email LIKE ?");
    del.setInt64(1, commune_id);
    del.setString(2, account_like);
    del.executeUpdate();
    BulkInsert sessions(conn, "INSERT INTO session (commune_id, token_hash, kind, account_id,"
                              " created_at, last_seen_at, ip, user_agent) VALUES ");
    const auto c = std::to_string(commune_id);
    for (const auto& p : parents) {
        const auto token = security::random_token();
        sessions.add("(" + c + ",X'" + security::to_hex(security::sha256(token)) + "','parent'," +
                     std::to_string(p.account) +
                     ",UTC_TIMESTAMP(),UTC_TIMESTAMP(),'127.0.0.1','portail seed-bench')");
        out << token << ';' << p.child << ';' << p.family << '\n';
    }
    sessions.flush();
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path);
    tx.commit();
    return static_cast<std::int64_t>(parents.size());
}

// The invoice history of every bench family that has none yet (the /facturation page's
// bench): `per_family` invoices of the "Régie bench", one a month going back from last
// month, the 3 newest due (the newest payable online), one sent to the Trésor public, the
// others paid. Bulk inserts in transactions of a few hundred families.
std::int64_t seed_bench_invoices(db::Connection& conn, const db::Commune& commune, int per_family)
{
    if (per_family <= 0)
        return 0;
    std::optional<db::Regie> regie;
    for (const auto& r : db::list_regies(conn, commune.id))
        if (r.name == bench_regie_name)
            regie = r;
    if (!regie) {
        db::Regie r;
        r.name = bench_regie_name;
        r.address = "Place de la Mairie\n84510 Caumont-sur-Durance";
        r.payfip_numcli = "012345";
        r.invoice_prefix = bench_regie_prefix;
        r.credit_prefix = std::string(bench_regie_prefix) + "AV";
        r.office_text = "Mairie, du lundi au vendredi";
        r.id = db::create_regie(conn, commune.id, r);
        regie = r;
    }
    struct Family {
        std::int64_t id = 0;
        int number = 0;
        std::string name;
    };
    std::vector<Family> families;
    {
        auto& st = conn.prepare(
            "SELECT f.id, f.number, f.name FROM family f WHERE f.commune_id = ? AND f.name LIKE ?"
            " AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.commune_id = f.commune_id"
            " AND i.family_id = f.id AND i.regie_id = ?) ORDER BY f.id");
        st.setInt64(1, commune.id);
        st.setString(2, family_like);
        st.setInt64(3, regie->id);
        auto rs = db::query(st);
        while (rs->next())
            families.push_back({rs->getInt64(1), rs->getInt(2), rs->getString(3)});
    }
    auto seq = query_int(conn, "SELECT COALESCE(MAX(seq_value), 0) FROM invoice WHERE regie_id = ?",
                         {regie->id});
    const auto today = domain::paris_from_epoch(std::time(nullptr)).date;
    const auto c = std::to_string(commune.id);
    const auto r = std::to_string(regie->id);
    const auto regie_columns = quote(regie->name) + "," + quote(regie->address) + "," +
                               quote(regie->office_text) + "," + quote(regie->payfip_numcli) + "," +
                               quote(commune.name);
    std::int64_t written = 0;
    for (std::size_t from = 0; from < families.size(); from += families_per_transaction) {
        const auto to = std::min(families.size(), from + families_per_transaction);
        db::Transaction tx(conn);
        BulkInsert invoices(conn, "INSERT INTO invoice (commune_id, regie_id, family_id, number,"
                                  " seq_year, seq_value, month, issued_on, due_on, total_cents,"
                                  " paid_cents, status, family_name, family_address,"
                                  " family_number, regie_name, regie_address, regie_office,"
                                  " payfip_numcli, commune_name, published_at, created_at)"
                                  " VALUES ");
        for (std::size_t i = from; i < to; ++i) {
            const auto& f = families[i];
            for (int k = 1; k <= per_family; ++k) {
                const int index = today.year * 12 + (today.month - 1) - k;
                const domain::Date first{index / 12, index % 12 + 1, 1};
                const auto issued = domain::add_days(first, 31 + 4); // the 5th of the next month
                const auto due = domain::add_days(issued, 30);
                const auto total = 500 + static_cast<std::int64_t>((f.id * 37 + k * 53) % 6000);
                const char* status = k <= 3 ? "a_payer" : k == 5 ? "transmise" : "payee";
                const auto paid = std::string(status) == "payee" ? total : 0;
                char number[48];
                std::snprintf(number, sizeof number, "%s-%04d-%07lld", bench_regie_prefix,
                              issued.year, static_cast<long long>(++seq));
                invoices.add("(" + c + "," + r + "," + std::to_string(f.id) + "," + quote(number) +
                             "," + std::to_string(issued.year) + "," + std::to_string(seq) + "," +
                             quote(domain::iso_date(first).substr(0, 7)) + "," +
                             quote(domain::iso_date(issued)) + "," + quote(domain::iso_date(due)) +
                             "," + std::to_string(total) + "," + std::to_string(paid) + "," +
                             quote(status) + "," + quote(f.name) + ",'1 chemin des Essais'," +
                             std::to_string(f.number) + "," + regie_columns +
                             ",UTC_TIMESTAMP(),UTC_TIMESTAMP())");
            }
        }
        invoices.flush();
        written += invoices.rows();
        tx.commit();
    }
    return written;
}

std::string read_password_file(const std::string& path)
{
    std::ifstream in(path);
    std::string password;
    if (!in || !std::getline(in, password) || password.empty())
        throw std::runtime_error("cannot read a password from " + path);
    return password;
}

} // namespace

int run_seed_bench(int argc, const char* const argv[])
{
    Config cfg;
    Options o;
    std::string password_file;
    po::options_description desc;
    po::options_description own("seed-bench options");
    own.add_options()("families", po::value(&o.families)->default_value(o.families),
                      "bench families wanted (BENCH-00001…), 1.5 children each on average")(
        "sessions-file", po::value(&o.sessions_file)->required(),
        "where to write one line per family: session token;child id;family id")(
        "password-file", po::value(&password_file),
        "password of every bench parent account (default: banc-d-essai-2026)")(
        "rush-places", po::value(&o.rush_places)->default_value(o.rush_places),
        "places of each day of the \"Vacances bench\" week")(
        "rush-waiting-list", po::value(&o.rush_waiting)->default_value(o.rush_waiting),
        "size of its waiting list (0: none)")(
        "canteen-percent", po::value(&o.canteen_percent)->default_value(o.canteen_percent),
        "share of the school year's canteen days booked per child")(
        "invoices", po::value(&o.invoices)->default_value(o.invoices),
        "invoices in each bench family's history (\"Régie bench\"; 0: none)")(
        "reset", "delete the bench families and their data first");
    desc.add(common_options(cfg)).add(own);
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail seed-bench --sessions-file F [--families N] [--reset]\n"
                       "Creates the benchmark families in the demo commune (run seed-demo "
                       "first), empties the rush week, and opens a session per parent."))
        return 0;
    if (o.families < 0 || o.families > 89999)
        throw std::runtime_error("--families must be between 0 and 89999");
    if (o.rush_places < 1)
        throw std::runtime_error("--rush-places must be at least 1");
    if (o.canteen_percent < 0 || o.canteen_percent > 100)
        throw std::runtime_error("--canteen-percent must be between 0 and 100");
    if (!password_file.empty())
        o.password = read_password_file(password_file);
    o.reset = vm.count("reset") > 0;

    const auto start = Clock::now();
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(db_settings(cfg));
    db::migrate(conn, cfg.sql_dir, std::cout);
    const auto commune = db::find_commune_by_slug(conn, "caumont");
    if (!commune)
        throw std::runtime_error("no demo commune (caumont): run portail seed-demo first");
    const auto commune_id = commune->id;

    if (o.reset) {
        const auto t = Clock::now();
        reset_bench(conn, commune_id);
        std::cout << "seed-bench: bench families deleted in " << fixed1(seconds_since(t)) << " s\n";
    }
    const auto existing = static_cast<int>(
        query_int(conn, "SELECT COUNT(*) FROM family WHERE commune_id = ? AND name LIKE 'BENCH-%'",
                  {commune_id}));
    if (existing < o.families) {
        const auto t = Clock::now();
        const auto canteen = load_canteen(conn, commune_id);
        std::int64_t new_children = 0;
        for (int i = existing + 1; i <= o.families; ++i)
            new_children += children_of(i);
        raise_canteen_capacity(conn, commune_id, canteen, new_children);
        // One hash for every account: seeding must not spend its time in argon2.
        const auto hash = security::hash_password(o.password);
        const auto created = create_families(conn, commune_id, canteen, existing + 1, o.families,
                                             hash, o.canteen_percent);
        std::cout << "seed-bench: " << created.families << " families (" << existing
                  << " existed), " << created.children << " children, " << created.bookings
                  << " canteen bookings over " << canteen.occurrences.size() << " days, in "
                  << fixed1(seconds_since(t)) << " s\n";
    } else {
        std::cout << "seed-bench: " << existing << " bench families exist"
                  << (existing > o.families ? " (more than asked; --reset to start over)" : "")
                  << ", none created\n";
    }

    {
        const auto t = Clock::now();
        const auto invoices = seed_bench_invoices(conn, *commune, o.invoices);
        std::cout << "seed-bench: " << invoices << " bench invoices (" << o.invoices
                  << " per family without any) in " << fixed1(seconds_since(t)) << " s\n";
    }

    const auto rush = prepare_rush(conn, commune_id, o);
    std::cout << "seed-bench: rush week \"" << rush_name << "\": occurrence " << rush.occurrence_id
              << " on " << rush.day << ", " << o.rush_places << " places, waiting list "
              << o.rush_waiting << ", no booking yet\n";
    std::cout << "rush-occurrence " << rush.occurrence_id << ' ' << rush.day << '\n';

    const auto sessions = write_sessions(conn, commune_id, o.sessions_file);
    std::cout << "seed-bench: " << sessions << " parent sessions written to " << o.sessions_file
              << "; done in " << fixed1(seconds_since(start)) << " s\n";
    return 0;
}

int run_bench_invoicing(int argc, const char* const argv[])
{
    Config cfg;
    std::string month_text;
    std::string regie_name;
    po::options_description desc;
    po::options_description own("bench-invoicing options");
    own.add_options()("month", po::value(&month_text),
                      "month invoiced, YYYY-MM (default: last month, Paris time)")(
        "regie", po::value(&regie_name),
        "régie issuing the run (default: the one billing \"Restauration scolaire\")");
    desc.add(common_options(cfg)).add(own);
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail bench-invoicing [--month YYYY-MM] [--regie NAME]\n"
                       "Issues the monthly invoicing run of the demo commune (after seed-bench) "
                       "as the back office does, mails included, and prints its figures."))
        return 0;
    const auto today = domain::paris_from_epoch(std::time(nullptr)).date;
    if (month_text.empty()) {
        const int index = today.year * 12 + (today.month - 1) - 1;
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d", index / 12, index % 12 + 1);
        month_text = text;
    }
    const auto month = domain::parse_month(month_text);
    if (!month)
        throw std::runtime_error("--month must be YYYY-MM");
    view::load_templates(cfg.template_dir);
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(db_settings(cfg));
    const auto commune = db::find_commune_by_slug(conn, "caumont");
    if (!commune)
        throw std::runtime_error("no demo commune (caumont): run portail seed-demo first");
    std::optional<db::Regie> regie;
    if (regie_name.empty()) {
        std::int64_t regie_id = 0;
        for (const auto& a : db::activity_regies(conn, commune->id))
            if (a.activity_name == canteen_name)
                regie_id = a.regie_id;
        regie = db::load_regie(conn, commune->id, regie_id);
    } else {
        for (const auto& r : db::list_regies(conn, commune->id))
            if (r.name == regie_name)
                regie = r;
    }
    if (!regie)
        throw std::runtime_error("no such régie in the demo commune");
    const auto start = Clock::now();
    const auto result =
        billing::issue_run(conn, commune->id, commune->name, *regie, *month, today, 0);
    const auto seconds = seconds_since(start);
    std::cout << "bench-invoicing: " << regie->name << ", " << month_text << ": "
              << result.issued.count << " invoices, " << result.issued.lines << " lines, "
              << domain::format_euros(result.total_cents) << ", in " << fixed1(seconds) << " s\n";
    std::cout << "invoicing-run " << result.issued.count << ' ' << result.issued.lines << ' '
              << seconds << '\n';
    return 0;
}

} // namespace app
