#include "db/billing.h"

#include <algorithm>
#include <functional>

namespace db
{

namespace
{

using domain::Cents;

domain::Date date_of(const std::string& iso)
{
    return domain::parse_iso_date(iso).value_or(domain::Date{});
}

// Inserts `count` rows with multi-row statements of 256 rows at most; the remainder in
// power-of-two statements, so at most nine statement shapes are ever prepared per table.
// bind(st, first_parameter, row_index) binds one row.
void insert_rows(Connection& conn, const std::string& head, const std::string& row_marks,
                 int params_per_row, std::size_t count,
                 const std::function<void(sql::PreparedStatement&, int, std::size_t)>& bind)
{
    std::size_t done = 0;
    while (done < count) {
        std::size_t n = 256;
        while (n > count - done)
            n /= 2;
        std::string sql = head;
        for (std::size_t i = 0; i < n; ++i)
            sql += (i ? ", " : " ") + row_marks;
        auto& st = conn.prepare(sql);
        for (std::size_t i = 0; i < n; ++i)
            bind(st, static_cast<int>(i) * params_per_row + 1, done + i);
        st.executeUpdate();
        done += n;
    }
}

constexpr const char* regie_columns = "id, name, address, IFNULL(payfip_numcli, '') AS numcli,"
                                      " invoice_prefix, credit_prefix, payment_days, office_text";

// By position (regie_columns' order), as the readers below: a lookup by name upper-cases the
// name and scans the columns, for every value read (Connector/C++ 1.1).
Regie read_regie(sql::ResultSet& rs)
{
    Regie r;
    r.id = rs.getInt64(1);
    r.name = rs.getString(2);
    r.address = rs.getString(3);
    r.payfip_numcli = rs.getString(4);
    r.invoice_prefix = rs.getString(5);
    r.credit_prefix = rs.getString(6);
    r.payment_days = rs.getInt(7);
    r.office_text = rs.getString(8);
    return r;
}

void bind_regie(sql::PreparedStatement& st, const Regie& r)
{
    st.setString(1, r.name);
    st.setString(2, r.address);
    if (r.payfip_numcli.empty())
        st.setNull(3, sql::DataType::CHAR);
    else
        st.setString(3, r.payfip_numcli);
    st.setString(4, r.invoice_prefix);
    st.setString(5, r.credit_prefix);
    st.setInt(6, r.payment_days);
    st.setString(7, r.office_text);
}

void execute_regie(sql::PreparedStatement& st)
{
    try {
        st.executeUpdate();
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            throw DuplicateRegie("a régie of this name or prefix exists");
        throw;
    }
}

// Takes `count` numbers from the régie's sequence of `year` (row locked until commit);
// returns the first. The row is created on first use; reading FOR UPDATE before inserting
// keeps the usual path free of the shared lock a duplicate INSERT would take.
int take_numbers(Connection& conn, std::int64_t regie_id, int year, const char* kind, int count)
{
    auto& lock = conn.prepare("SELECT next_value FROM invoice_sequence WHERE regie_id = ? AND"
                              " year = ? AND kind = ? FOR UPDATE");
    const auto locked = [&]() -> std::optional<int> {
        lock.setInt64(1, regie_id);
        lock.setInt(2, year);
        lock.setString(3, kind);
        auto rs = query(lock);
        if (!rs->next())
            return std::nullopt;
        return rs->getInt(1);
    };
    auto first = locked();
    if (!first) {
        auto& create = conn.prepare("INSERT IGNORE INTO invoice_sequence (regie_id, year, kind,"
                                    " next_value) VALUES (?, ?, ?, 1)");
        create.setInt64(1, regie_id);
        create.setInt(2, year);
        create.setString(3, kind);
        create.executeUpdate();
        first = locked();
        if (!first)
            throw std::runtime_error("invoice sequence vanished");
    }
    auto& bump = conn.prepare("UPDATE invoice_sequence SET next_value = ? WHERE regie_id = ? AND"
                              " year = ? AND kind = ?");
    bump.setInt(1, *first + count);
    bump.setInt64(2, regie_id);
    bump.setInt(3, year);
    bump.setString(4, kind);
    bump.executeUpdate();
    return *first;
}

constexpr const char* invoice_columns =
    "id, regie_id, family_id, number, month, DATE_FORMAT(issued_on, '%Y-%m-%d') AS io,"
    " DATE_FORMAT(due_on, '%Y-%m-%d') AS du, total_cents, paid_cents, credited_cents, status,"
    " family_name, family_address, family_number, regie_name, regie_address, regie_office,"
    " IFNULL(payfip_numcli, '') AS numcli, commune_name";

InvoiceRow read_invoice(sql::ResultSet& rs)
{
    InvoiceRow r;
    r.id = rs.getInt64("id");
    r.regie_id = rs.getInt64("regie_id");
    r.family_id = rs.getInt64("family_id");
    r.number = rs.getString("number");
    r.month = rs.getString("month");
    r.issued_on = rs.getString("io");
    r.due_on = rs.getString("du");
    r.total_cents = rs.getInt64("total_cents");
    r.paid_cents = rs.getInt64("paid_cents");
    r.credited_cents = rs.getInt64("credited_cents");
    r.status = rs.getString("status");
    r.family_name = rs.getString("family_name");
    r.family_address = rs.getString("family_address");
    r.family_number = rs.getInt("family_number");
    r.regie_name = rs.getString("regie_name");
    r.regie_address = rs.getString("regie_address");
    r.regie_office = rs.getString("regie_office");
    r.payfip_numcli = rs.getString("numcli");
    r.commune_name = rs.getString("commune_name");
    return r;
}

std::optional<InvoiceRow> one_invoice(Connection& conn, std::int64_t commune_id, std::int64_t id,
                                      bool for_update)
{
    auto& st = conn.prepare(std::string("SELECT ") + invoice_columns +
                            " FROM invoice WHERE commune_id = ? AND id = ?" +
                            (for_update ? " FOR UPDATE" : ""));
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_invoice(*rs);
}

} // namespace

// ---- régies ------------------------------------------------------------------------------

std::vector<Regie> list_regies(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + regie_columns +
                            " FROM regie WHERE commune_id = ? ORDER BY name");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    std::vector<Regie> out;
    while (rs->next())
        out.push_back(read_regie(*rs));
    return out;
}

std::optional<Regie> load_regie(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    auto& st = conn.prepare(std::string("SELECT ") + regie_columns +
                            " FROM regie WHERE commune_id = ? AND id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_regie(*rs);
}

std::int64_t create_regie(Connection& conn, std::int64_t commune_id, const Regie& r)
{
    auto& st = conn.prepare("INSERT INTO regie (name, address, payfip_numcli, invoice_prefix,"
                            " credit_prefix, payment_days, office_text, commune_id)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    bind_regie(st, r);
    st.setInt64(8, commune_id);
    execute_regie(st);
    return last_insert_id(conn);
}

void update_regie(Connection& conn, std::int64_t commune_id, const Regie& r)
{
    auto& st = conn.prepare("UPDATE regie SET name = ?, address = ?, payfip_numcli = ?,"
                            " invoice_prefix = ?, credit_prefix = ?, payment_days = ?,"
                            " office_text = ? WHERE commune_id = ? AND id = ?");
    bind_regie(st, r);
    st.setInt64(8, commune_id);
    st.setInt64(9, r.id);
    execute_regie(st);
}

std::vector<ActivityRegie> activity_regies(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare("SELECT id, name, IFNULL(regie_id, 0) AS r FROM activity"
                            " WHERE commune_id = ? ORDER BY name");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    std::vector<ActivityRegie> out;
    while (rs->next())
        out.push_back({rs->getInt64("id"), rs->getString("name"), rs->getInt64("r")});
    return out;
}

bool set_activity_regie(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                        std::int64_t regie_id)
{
    auto& st = conn.prepare(
        "UPDATE activity SET regie_id = ? WHERE commune_id = ? AND id = ? AND (? = 0 OR"
        " EXISTS (SELECT 1 FROM regie r WHERE r.id = ? AND r.commune_id = ?))");
    if (regie_id)
        st.setInt64(1, regie_id);
    else
        st.setNull(1, sql::DataType::BIGINT);
    st.setInt64(2, commune_id);
    st.setInt64(3, activity_id);
    st.setInt64(4, regie_id);
    st.setInt64(5, regie_id);
    st.setInt64(6, commune_id);
    st.executeUpdate();
    auto& check = conn.prepare("SELECT IFNULL(regie_id, 0) FROM activity WHERE commune_id = ?"
                               " AND id = ?");
    check.setInt64(1, commune_id);
    check.setInt64(2, activity_id);
    auto rs = query(check);
    return rs->next() && rs->getInt64(1) == regie_id;
}

// ---- tariffs -----------------------------------------------------------------------------

namespace
{

constexpr const char* tariff_columns =
    "t.id, t.activity_id, DATE_FORMAT(t.valid_from, '%Y-%m-%d') AS vf, t.qf_min, t.qf_max,"
    " t.audience, t.without_quotient, t.unit_cents, t.penalty_cents";

Tariff read_tariff(sql::ResultSet& rs)
{
    Tariff t;
    t.id = rs.getInt64(1); // tariff_columns' order
    t.activity_id = rs.getInt64(2);
    t.row.valid_from = date_of(rs.getString(3));
    t.row.qf_min = rs.getInt(4);
    if (!rs.isNull(5))
        t.row.qf_max = rs.getInt(5);
    t.row.audience =
        domain::parse_audience(std::string(rs.getString(6))).value_or(domain::Audience::All);
    t.row.without_quotient = rs.getBoolean(7);
    t.row.unit_cents = rs.getInt64(8);
    if (!rs.isNull(9))
        t.row.penalty_cents = rs.getInt64(9);
    return t;
}

} // namespace

std::vector<Tariff> list_tariffs(Connection& conn, std::int64_t commune_id,
                                 std::int64_t activity_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + tariff_columns +
                            " FROM tariff t WHERE t.commune_id = ? AND t.activity_id = ?"
                            " ORDER BY t.valid_from DESC, t.audience, t.qf_min");
    st.setInt64(1, commune_id);
    st.setInt64(2, activity_id);
    auto rs = query(st);
    std::vector<Tariff> out;
    while (rs->next())
        out.push_back(read_tariff(*rs));
    return out;
}

std::int64_t add_tariff(Connection& conn, std::int64_t commune_id, const Tariff& t)
{
    auto& st = conn.prepare(
        "INSERT INTO tariff (commune_id, activity_id, valid_from, qf_min, qf_max, audience,"
        " without_quotient, unit_cents, penalty_cents)"
        " SELECT ?, a.id, ?, ?, ?, ?, ?, ?, ? FROM activity a WHERE a.commune_id = ? AND a.id = ?");
    st.setInt64(1, commune_id);
    st.setString(2, domain::iso_date(t.row.valid_from));
    st.setInt(3, t.row.qf_min);
    if (t.row.qf_max)
        st.setInt(4, *t.row.qf_max);
    else
        st.setNull(4, sql::DataType::INTEGER);
    st.setString(5, domain::audience_text(t.row.audience));
    st.setBoolean(6, t.row.without_quotient);
    st.setInt64(7, t.row.unit_cents);
    if (t.row.penalty_cents)
        st.setInt64(8, *t.row.penalty_cents);
    else
        st.setNull(8, sql::DataType::INTEGER);
    st.setInt64(9, commune_id);
    st.setInt64(10, t.activity_id);
    try {
        if (st.executeUpdate() == 0)
            return 0;
    } catch (const sql::SQLException& e) {
        if (is_duplicate(e))
            throw DuplicateTariff("this band exists");
        throw;
    }
    return last_insert_id(conn);
}

bool delete_tariff(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                   std::int64_t tariff_id)
{
    auto& st =
        conn.prepare("DELETE FROM tariff WHERE commune_id = ? AND activity_id = ? AND id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, activity_id);
    st.setInt64(3, tariff_id);
    return st.executeUpdate() == 1;
}

ActivityTariffs regie_tariffs(Connection& conn, std::int64_t commune_id, std::int64_t regie_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + tariff_columns +
                            " FROM tariff t JOIN activity a ON a.id = t.activity_id"
                            " WHERE t.commune_id = ? AND a.commune_id = ? AND a.regie_id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, commune_id);
    st.setInt64(3, regie_id);
    auto rs = query(st);
    ActivityTariffs out;
    while (rs->next()) {
        auto t = read_tariff(*rs);
        out[t.activity_id].push_back(t.row);
    }
    return out;
}

std::map<std::int64_t, ActivityTariffs> commune_tariffs(Connection& conn, std::int64_t commune_id)
{
    // The régie after tariff_columns: read_tariff reads those by position.
    auto& st =
        conn.prepare(std::string("SELECT ") + tariff_columns +
                     ", a.regie_id FROM tariff t JOIN activity a ON a.id = t.activity_id"
                     " WHERE t.commune_id = ? AND a.commune_id = ? AND a.regie_id IS NOT NULL"
                     " ORDER BY t.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, commune_id);
    auto rs = query(st);
    std::map<std::int64_t, ActivityTariffs> out;
    while (rs->next()) {
        auto t = read_tariff(*rs);
        out[rs->getInt64(10)][t.activity_id].push_back(t.row);
    }
    return out;
}

// ---- facts -------------------------------------------------------------------------------

namespace
{

// The régie's uninvoiced facts between two days, of one family when family_id is not 0.
std::vector<domain::FactRow> read_uninvoiced_facts(Connection& conn, std::int64_t commune_id,
                                                   std::int64_t regie_id, std::int64_t family_id,
                                                   domain::Date first, domain::Date last)
{
    // A day is closed when its occurrence is, or a closure covers it.
    static const std::string closed =
        " (o.closed = 1 OR EXISTS (SELECT 1 FROM closure c WHERE c.commune_id = o.commune_id"
        " AND (c.activity_id IS NULL OR c.activity_id = o.activity_id)"
        " AND o.day BETWEEN c.first_day AND c.last_day)) AS closed_day, a.regie_id";
    static const std::string booking_columns =
        "SELECT 'booking' AS kind, b.id AS source_id, b.family_id, b.child_id,"
        " CONCAT(m.first_name, ' ', m.last_name) AS child_name, a.id AS activity_id,"
        " a.name AS activity_name, DATE_FORMAT(o.day, '%Y-%m-%d') AS d, b.status AS booking,"
        " b.late_cancel, b.place_taken, IFNULL(t.status, '') AS attendance,"
        " IFNULL(t.without_booking, 0) AS without_booking," +
        closed;
    static const std::string attendance_columns =
        "SELECT 'attendance', t.occurrence_id, t.family_id, t.child_id,"
        " CONCAT(m.first_name, ' ', m.last_name), a.id, a.name,"
        " DATE_FORMAT(o.day, '%Y-%m-%d'), '', 0, 0, t.status, 1," +
        closed;
    // The whole régie: from its activities' days, invoiced facts excluded by one
    // materialised subquery.
    static const std::string regie_sql =
        booking_columns +
        " FROM activity a JOIN occurrence o ON o.activity_id = a.id"
        " JOIN booking b ON b.occurrence_id = o.id"
        " JOIN family_member m ON m.id = b.child_id"
        " LEFT JOIN attendance t ON t.occurrence_id = o.id AND t.child_id = b.child_id"
        " WHERE a.commune_id = ? AND a.regie_id = ? AND o.day BETWEEN ? AND ?"
        " AND b.status IN ('booked', 'cancelled')"
        " AND NOT EXISTS (SELECT 1 FROM invoice_line l WHERE l.source_kind = 'booking'"
        " AND l.source_id = b.id AND l.child_id = b.child_id)"
        " UNION ALL " +
        attendance_columns +
        " FROM activity a JOIN occurrence o ON o.activity_id = a.id"
        " JOIN attendance t ON t.occurrence_id = o.id AND t.without_booking = 1"
        " JOIN family_member m ON m.id = t.child_id"
        " WHERE a.commune_id = ? AND a.regie_id = ? AND o.day BETWEEN ? AND ?"
        " AND NOT EXISTS (SELECT 1 FROM invoice_line l WHERE l.source_kind = 'attendance'"
        " AND l.source_id = t.occurrence_id AND l.child_id = t.child_id)";
    // One family (a page): from the family's own rows, each invoice line looked up by its
    // source key, so the cost does not grow with the commune's invoice history. The bookings
    // by their own day (b.day is o.day, sql/009_booking_day.sql): only the period's rows are
    // read, not the family's whole history.
    static const std::string family_sql =
        booking_columns +
        " FROM booking b FORCE INDEX (ix_booking_family_day)"
        " JOIN occurrence o ON o.id = b.occurrence_id JOIN activity a ON a.id = o.activity_id"
        " JOIN family_member m ON m.id = b.child_id"
        " LEFT JOIN attendance t ON t.occurrence_id = o.id AND t.child_id = b.child_id"
        " LEFT JOIN invoice_line l ON l.source_kind = 'booking' AND l.source_id = b.id"
        " AND l.child_id = b.child_id"
        " WHERE b.commune_id = ? AND b.family_id = ? AND a.commune_id = ? AND a.regie_id = ?"
        " AND b.day BETWEEN ? AND ? AND b.status IN ('booked', 'cancelled') AND l.id IS NULL"
        " UNION ALL " +
        attendance_columns +
        " FROM attendance t FORCE INDEX (ix_attendance_family)"
        " JOIN occurrence o ON o.id = t.occurrence_id JOIN activity a ON a.id = o.activity_id"
        " JOIN family_member m ON m.id = t.child_id"
        " LEFT JOIN invoice_line l ON l.source_kind = 'attendance'"
        " AND l.source_id = t.occurrence_id AND l.child_id = t.child_id"
        " WHERE t.commune_id = ? AND t.family_id = ? AND a.commune_id = ? AND a.regie_id = ?"
        " AND o.day BETWEEN ? AND ? AND t.without_booking = 1 AND l.id IS NULL";
    // regie_id 0 with a family: every régie's facts of the family at once (the estimate).
    static const std::string family_all_sql = [] {
        auto sql = family_sql;
        for (auto at = sql.find("a.regie_id = ?"); at != std::string::npos;
             at = sql.find("a.regie_id = ?"))
            sql.replace(at, 14, "a.regie_id IS NOT NULL");
        return sql;
    }();
    auto& st = conn.prepare(!family_id ? regie_sql : regie_id ? family_sql : family_all_sql);
    const int per_part = family_id ? (regie_id ? 6 : 5) : 4;
    for (int p : {1, 1 + per_part}) {
        if (family_id) {
            st.setInt64(p++, commune_id);
            st.setInt64(p++, family_id);
        }
        st.setInt64(p++, commune_id);
        if (regie_id)
            st.setInt64(p++, regie_id);
        st.setString(p, domain::iso_date(first));
        st.setString(p + 1, domain::iso_date(last));
    }
    auto rs = query(st);
    std::vector<domain::FactRow> out;
    while (rs->next()) {
        // By position (booking_columns' order): a lookup by name upper-cases the name and
        // scans the columns, for every value of every row (Connector/C++ 1.1).
        domain::FactRow r;
        r.kind = std::string(rs->getString(1)) == "booking" ? domain::FactKind::Booking
                                                            : domain::FactKind::Attendance;
        r.source_id = rs->getInt64(2);
        r.family_id = rs->getInt64(3);
        r.child_id = rs->getInt64(4);
        r.child_name = rs->getString(5);
        r.activity_id = rs->getInt64(6);
        r.activity_name = rs->getString(7);
        r.day = date_of(rs->getString(8));
        r.fact.kind = r.kind;
        r.fact.booking = domain::parse_booking_state(std::string(rs->getString(9)))
                             .value_or(domain::BookingState::None);
        r.fact.late_cancel = rs->getBoolean(10);
        r.fact.place_taken = rs->getBoolean(11);
        r.fact.attendance = domain::parse_attendance_state(std::string(rs->getString(12)))
                                .value_or(domain::AttendanceState::None);
        r.fact.without_booking = rs->getBoolean(13);
        r.fact.closed = rs->getBoolean(14);
        r.regie_id = rs->isNull(15) ? 0 : rs->getInt64(15);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

std::vector<domain::FactRow> uninvoiced_facts(Connection& conn, std::int64_t commune_id,
                                              std::int64_t regie_id, domain::Date first,
                                              domain::Date last)
{
    return read_uninvoiced_facts(conn, commune_id, regie_id, 0, first, last);
}

std::vector<domain::FactRow> uninvoiced_family_facts(Connection& conn, std::int64_t commune_id,
                                                     std::int64_t regie_id, std::int64_t family_id,
                                                     domain::Date first, domain::Date last)
{
    return read_uninvoiced_facts(conn, commune_id, regie_id, family_id, first, last);
}

std::vector<domain::FactRow> uninvoiced_family_facts(Connection& conn, std::int64_t commune_id,
                                                     std::int64_t family_id, domain::Date first,
                                                     domain::Date last)
{
    return read_uninvoiced_facts(conn, commune_id, 0, family_id, first, last);
}

namespace
{

constexpr const char* billing_family_columns =
    "id, number, name, address_line1, address_line2, postal_code, city,"
    " family_quotient, DATE_FORMAT(quotient_valid_until, '%Y-%m-%d') AS qvu";

// The address lines that are not blank, joined by "\n", the last "postal code city".
std::string billing_address(const std::string& line1, const std::string& line2,
                            const std::string& postal_code, const std::string& city)
{
    std::string address;
    for (const auto& part : {line1, line2, postal_code + " " + city}) {
        const auto first = part.find_first_not_of(' ');
        if (first != std::string::npos)
            address += (address.empty() ? "" : "\n") + part.substr(first);
    }
    return address;
}

BillingFamily read_billing_family(sql::ResultSet* rs)
{
    BillingFamily f;
    f.id = rs->getInt64(1); // billing_family_columns' order
    f.number = rs->getInt(2);
    f.name = rs->getString(3);
    f.city = rs->getString(7);
    f.address = billing_address(rs->getString(4), rs->getString(5), rs->getString(6), f.city);
    if (!rs->isNull(8))
        f.pricing.quotient = rs->getInt(8);
    if (!rs->isNull(9))
        f.pricing.quotient_valid_until = domain::parse_iso_date(std::string(rs->getString(9)));
    return f;
}

} // namespace

std::map<std::int64_t, BillingFamily> billing_families(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + billing_family_columns +
                            " FROM family WHERE commune_id = ?");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    std::map<std::int64_t, BillingFamily> out;
    while (rs->next()) {
        auto f = read_billing_family(rs.get());
        out.emplace(f.id, std::move(f));
    }
    return out;
}

BillingFamily billing_family_of(const Family& family)
{
    BillingFamily f;
    f.id = family.id;
    f.number = family.number;
    f.name = family.name;
    f.city = family.city;
    f.address = billing_address(family.address_line1, family.address_line2, family.postal_code,
                                family.city);
    f.pricing.quotient = family.family_quotient;
    if (!family.quotient_valid_until.empty())
        f.pricing.quotient_valid_until = domain::parse_iso_date(family.quotient_valid_until);
    return f;
}

std::uint64_t family_billing_revision(Connection& conn, std::int64_t family_id)
{
    auto& st = conn.prepare("SELECT billing_revision FROM family_revision WHERE family_id = ?");
    st.setInt64(1, family_id);
    auto rs = query(st);
    return rs->next() ? static_cast<std::uint64_t>(rs->getInt64(1)) : 0;
}

std::optional<BillingFamily> billing_family(Connection& conn, std::int64_t commune_id,
                                            std::int64_t family_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + billing_family_columns +
                            " FROM family WHERE commune_id = ? AND id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_billing_family(rs.get());
}

RegieRunLock::RegieRunLock(Connection& conn, std::int64_t regie_id)
    : conn_(conn), name_("portail_billing_" + std::to_string(regie_id))
{
    auto& st = conn_.prepare("SELECT GET_LOCK(?, 60)");
    st.setString(1, name_);
    auto rs = query(st);
    if (!rs->next() || rs->isNull(1) || rs->getInt(1) != 1)
        throw std::runtime_error("could not take the invoicing lock of régie " +
                                 std::to_string(regie_id));
}

RegieRunLock::~RegieRunLock()
{
    try {
        auto& st = conn_.prepare("SELECT RELEASE_LOCK(?)");
        st.setString(1, name_);
        query(st);
    } catch (...) {
        // The lock dies with the connection anyway.
    }
}

// ---- invoices ----------------------------------------------------------------------------

IssuedRange insert_invoices(Connection& conn, std::int64_t commune_id, const Regie& regie,
                            const IssueHeader& header, std::span<const NewInvoice> invoices)
{
    IssuedRange issued;
    if (invoices.empty())
        return issued;
    const int year = header.issued_on.year;
    const int count = static_cast<int>(invoices.size());
    const int first = take_numbers(conn, regie.id, year, "invoice", count);
    const auto number = [&](int i) {
        return domain::format_invoice_number(regie.invoice_prefix, year, first + i);
    };
    const auto issued_on = domain::iso_date(header.issued_on);
    const auto due_on = domain::iso_date(header.due_on);
    insert_rows(
        conn,
        "INSERT INTO invoice (commune_id, regie_id, family_id, run_id, number, seq_year,"
        " seq_value, month, issued_on, due_on, total_cents, family_name, family_address,"
        " family_number, regie_name, regie_address, regie_office, payfip_numcli, commune_name,"
        " created_at) VALUES",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())", 19,
        invoices.size(), [&](sql::PreparedStatement& st, int p, std::size_t i) {
            const auto& inv = invoices[i];
            st.setInt64(p, commune_id);
            st.setInt64(p + 1, regie.id);
            st.setInt64(p + 2, inv.family_id);
            if (header.run_id)
                st.setInt64(p + 3, header.run_id);
            else
                st.setNull(p + 3, sql::DataType::BIGINT);
            st.setString(p + 4, number(static_cast<int>(i)));
            st.setInt(p + 5, year);
            st.setInt(p + 6, first + static_cast<int>(i));
            st.setString(p + 7, header.month);
            st.setString(p + 8, issued_on);
            st.setString(p + 9, due_on);
            st.setInt64(p + 10, inv.total_cents);
            st.setString(p + 11, inv.family_name);
            st.setString(p + 12, inv.family_address);
            st.setInt(p + 13, inv.family_number);
            st.setString(p + 14, regie.name);
            st.setString(p + 15, regie.address);
            st.setString(p + 16, regie.office_text);
            if (regie.payfip_numcli.empty())
                st.setNull(p + 17, sql::DataType::CHAR);
            else
                st.setString(p + 17, regie.payfip_numcli);
            st.setString(p + 18, header.commune_name);
        });
    // The ids of the rows just inserted, by their sequence value.
    auto& ids = conn.prepare("SELECT id, seq_value FROM invoice WHERE regie_id = ? AND"
                             " seq_year = ? AND seq_value BETWEEN ? AND ?");
    ids.setInt64(1, regie.id);
    ids.setInt(2, year);
    ids.setInt(3, first);
    ids.setInt(4, first + count - 1);
    std::vector<std::int64_t> invoice_id(invoices.size(), 0);
    auto rs = query(ids);
    while (rs->next())
        invoice_id.at(static_cast<std::size_t>(rs->getInt("seq_value") - first)) =
            rs->getInt64("id");

    struct LineRef {
        std::int64_t invoice_id;
        const domain::DraftLine* line;
    };
    std::vector<LineRef> lines;
    for (std::size_t i = 0; i < invoices.size(); ++i)
        for (const auto& l : *invoices[i].lines)
            lines.push_back({invoice_id[i], &l});
    insert_rows(
        conn,
        "INSERT INTO invoice_line (invoice_id, commune_id, source_kind, source_id,"
        " child_id, day, activity_id, activity_name, child_name, quantity, unit_cents,"
        " amount_cents, pricing, label) VALUES",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)", 13, lines.size(),
        [&](sql::PreparedStatement& st, int p, std::size_t i) {
            const auto& ref = lines[i];
            const auto& l = *ref.line;
            st.setInt64(p, ref.invoice_id);
            st.setInt64(p + 1, commune_id);
            st.setString(p + 2, l.kind == domain::FactKind::Booking ? "booking" : "attendance");
            st.setInt64(p + 3, l.source_id);
            st.setInt64(p + 4, l.child_id);
            st.setString(p + 5, domain::iso_date(l.day));
            st.setInt64(p + 6, l.activity_id);
            st.setString(p + 7, l.activity_name);
            st.setString(p + 8, l.child_name);
            st.setInt64(p + 9, l.unit_cents);
            st.setInt64(p + 10, l.unit_cents);
            st.setString(p + 11, l.billing == domain::Billing::Penalty ? "penalty" : "normal");
            st.setString(p + 12, domain::reason_label_fr(l.reason));
        });
    issued.count = count;
    issued.first_number = number(0);
    issued.last_number = number(count - 1);
    issued.lines = static_cast<int>(lines.size());
    return issued;
}

std::int64_t start_run(Connection& conn, std::int64_t commune_id, std::int64_t regie_id,
                       const std::string& month, std::int64_t agent_id)
{
    auto& st = conn.prepare("INSERT INTO invoicing_run (commune_id, regie_id, month, created_by,"
                            " created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setInt64(2, regie_id);
    st.setString(3, month);
    if (agent_id)
        st.setInt64(4, agent_id);
    else
        st.setNull(4, sql::DataType::BIGINT);
    st.executeUpdate();
    return last_insert_id(conn);
}

void finish_run(Connection& conn, std::int64_t commune_id, std::int64_t run_id, bool ok,
                const IssuedRange& issued, domain::Cents total_cents)
{
    auto& st = conn.prepare("UPDATE invoicing_run SET status = ?, invoice_count = ?,"
                            " line_count = ?, total_cents = ?, first_number = ?,"
                            " last_number = ?, finished_at = UTC_TIMESTAMP()"
                            " WHERE commune_id = ? AND id = ?");
    st.setString(1, ok ? "done" : "failed");
    st.setInt(2, issued.count);
    st.setInt(3, issued.lines);
    st.setInt64(4, total_cents);
    st.setString(5, issued.first_number);
    st.setString(6, issued.last_number);
    st.setInt64(7, commune_id);
    st.setInt64(8, run_id);
    st.executeUpdate();
}

std::vector<InvoiceRow> list_invoices(Connection& conn, std::int64_t commune_id,
                                      const InvoiceFilter& f)
{
    auto& st = conn.prepare(std::string("SELECT ") + invoice_columns +
                            " FROM invoice WHERE commune_id = ? AND (? = 0 OR regie_id = ?)"
                            " AND (? = '' OR month = ?) AND (? = 0 OR family_number = ?)"
                            " ORDER BY issued_on DESC, regie_id, seq_value DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, f.regie_id);
    st.setInt64(3, f.regie_id);
    st.setString(4, f.month);
    st.setString(5, f.month);
    st.setInt64(6, f.family_number);
    st.setInt64(7, f.family_number);
    st.setInt(8, f.limit);
    auto rs = query(st);
    std::vector<InvoiceRow> out;
    while (rs->next())
        out.push_back(read_invoice(*rs));
    return out;
}

std::optional<InvoiceRow> load_invoice(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    return one_invoice(conn, commune_id, id, false);
}

std::optional<InvoiceRow> lock_invoice(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    return one_invoice(conn, commune_id, id, true);
}

std::vector<InvoiceLine> invoice_lines(Connection& conn, std::int64_t commune_id,
                                       std::int64_t invoice_id)
{
    auto& st = conn.prepare(
        "SELECT l.id, l.source_kind, IFNULL(DATE_FORMAT(l.day, '%Y-%m-%d'), '') AS d,"
        " l.activity_name, l.child_name, l.quantity, l.unit_cents, l.amount_cents, l.pricing,"
        " l.label, (SELECT IFNULL(SUM(c.amount_cents), 0) FROM credit_note_line c"
        " WHERE c.invoice_line_id = l.id) AS credited"
        " FROM invoice_line l WHERE l.commune_id = ? AND l.invoice_id = ?"
        " ORDER BY l.child_name, l.activity_name, l.day, l.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, invoice_id);
    auto rs = query(st);
    std::vector<InvoiceLine> out;
    while (rs->next()) {
        InvoiceLine l;
        l.id = rs->getInt64("id");
        l.source_kind = rs->getString("source_kind");
        l.day = rs->getString("d");
        l.activity_name = rs->getString("activity_name");
        l.child_name = rs->getString("child_name");
        l.quantity = rs->getInt("quantity");
        l.unit_cents = rs->getInt64("unit_cents");
        l.amount_cents = rs->getInt64("amount_cents");
        l.pricing = rs->getString("pricing");
        l.label = rs->getString("label");
        l.credited_cents = rs->getInt64("credited");
        out.push_back(std::move(l));
    }
    return out;
}

std::vector<CreditNoteRow> credit_notes(Connection& conn, std::int64_t commune_id,
                                        std::int64_t invoice_id)
{
    auto& st = conn.prepare("SELECT id, number, DATE_FORMAT(issued_on, '%Y-%m-%d') AS io,"
                            " amount_cents, reason FROM credit_note WHERE commune_id = ? AND"
                            " invoice_id = ? ORDER BY id");
    st.setInt64(1, commune_id);
    st.setInt64(2, invoice_id);
    auto rs = query(st);
    std::vector<CreditNoteRow> out;
    while (rs->next())
        out.push_back({rs->getInt64("id"), rs->getString("number"), rs->getString("io"),
                       rs->getInt64("amount_cents"), rs->getString("reason")});
    return out;
}

InsertedCreditNote insert_credit_note(Connection& conn, std::int64_t commune_id, const Regie& regie,
                                      const NewCreditNote& note)
{
    const int year = note.issued_on.year;
    const int seq = take_numbers(conn, regie.id, year, "credit", 1);
    const auto number = domain::format_invoice_number(regie.credit_prefix, year, seq);
    auto& st = conn.prepare(
        "INSERT INTO credit_note (commune_id, regie_id, invoice_id, number, seq_year, seq_value,"
        " issued_on, amount_cents, reason, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setInt64(2, regie.id);
    st.setInt64(3, note.invoice_id);
    st.setString(4, number);
    st.setInt(5, year);
    st.setInt(6, seq);
    st.setString(7, domain::iso_date(note.issued_on));
    st.setInt64(8, note.amount_cents);
    st.setString(9, note.reason);
    if (note.agent_id)
        st.setInt64(10, note.agent_id);
    else
        st.setNull(10, sql::DataType::BIGINT);
    st.executeUpdate();
    const auto id = last_insert_id(conn);
    auto& line = conn.prepare("INSERT INTO credit_note_line (credit_note_id, invoice_line_id,"
                              " amount_cents) VALUES (?, ?, ?)");
    for (const auto& [line_id, amount] : note.lines) {
        line.setInt64(1, id);
        line.setInt64(2, line_id);
        line.setInt64(3, amount);
        line.executeUpdate();
    }
    auto& inv =
        conn.prepare("UPDATE invoice SET credited_cents = credited_cents + ?,"
                     " status = CASE WHEN credited_cents >= total_cents THEN 'annulee'"
                     " WHEN paid_cents + credited_cents >= total_cents THEN 'payee' ELSE status END"
                     " WHERE commune_id = ? AND id = ?");
    inv.setInt64(1, note.amount_cents);
    inv.setInt64(2, commune_id);
    inv.setInt64(3, note.invoice_id);
    inv.executeUpdate();
    return {id, number};
}

bool mark_invoice_transmitted(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    auto& st = conn.prepare("UPDATE invoice SET status = 'transmise',"
                            " transmitted_at = UTC_TIMESTAMP() WHERE commune_id = ? AND id = ?"
                            " AND status = 'a_payer'");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    return st.executeUpdate() == 1;
}

std::vector<RunRow> recent_runs(Connection& conn, std::int64_t commune_id, int limit)
{
    auto& st = conn.prepare(
        "SELECT r.id, g.name, r.month, r.status, r.invoice_count, r.line_count, r.total_cents,"
        " r.first_number, r.last_number, DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s') AS ca"
        " FROM invoicing_run r JOIN regie g ON g.id = r.regie_id"
        " WHERE r.commune_id = ? ORDER BY r.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt(2, limit);
    auto rs = query(st);
    std::vector<RunRow> out;
    while (rs->next()) {
        RunRow r;
        r.id = rs->getInt64(1);
        r.regie_name = rs->getString(2);
        r.month = rs->getString(3);
        r.status = rs->getString(4);
        r.invoice_count = rs->getInt(5);
        r.line_count = rs->getInt(6);
        r.total_cents = rs->getInt64(7);
        r.first_number = rs->getString(8);
        r.last_number = rs->getString(9);
        r.created_at = rs->getString(10);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace db
