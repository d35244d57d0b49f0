#include "db/bookings.h"

#include <algorithm>

namespace db
{

const char* booking_status_name(BookingStatus s)
{
    switch (s) {
    case BookingStatus::Booked:
        return "booked";
    case BookingStatus::Waiting:
        return "waiting";
    case BookingStatus::Requested:
        return "requested";
    case BookingStatus::Refused:
        return "refused";
    case BookingStatus::Cancelled:
        return "cancelled";
    case BookingStatus::Offered:
        return "offered";
    }
    return "cancelled";
}

std::optional<BookingStatus> parse_booking_status(const std::string& text)
{
    for (const auto s : {BookingStatus::Booked, BookingStatus::Waiting, BookingStatus::Requested,
                         BookingStatus::Refused, BookingStatus::Cancelled, BookingStatus::Offered})
        if (text == booking_status_name(s))
            return s;
    return std::nullopt;
}

namespace
{

// By position, in booking_columns order.
Booking read_booking(sql::ResultSet& rs)
{
    Booking b;
    b.id = rs.getInt64(1);
    b.occurrence_id = rs.getInt64(2);
    b.child_id = rs.getInt64(3);
    b.family_id = rs.getInt64(4);
    b.status = parse_booking_status(rs.getString(5)).value_or(BookingStatus::Cancelled);
    b.late_cancel = rs.getBoolean(6);
    b.offer_expires_at = rs.getString(7);
    b.birth_date = rs.getString(8);
    return b;
}

constexpr const char* booking_columns =
    "b.id, b.occurrence_id, b.child_id, b.family_id, b.status, b.late_cancel,"
    " IFNULL(DATE_FORMAT(b.offer_expires_at, '%Y-%m-%d %H:%i:%s'), '') AS offer_expires,"
    " IFNULL(DATE_FORMAT(m.birth_date, '%Y-%m-%d'), '') AS birth";
constexpr const char* booking_from = " FROM booking b JOIN family_member m ON m.id = b.child_id";

} // namespace

std::optional<LockedOccurrence> lock_occurrence(Connection& conn, std::int64_t commune_id,
                                                std::int64_t occurrence_id)
{
    auto& st = conn.prepare("SELECT id, activity_id, DATE_FORMAT(day, '%Y-%m-%d') AS d,"
                            " capacity, booked, waiting, closed FROM occurrence"
                            " WHERE commune_id = ? AND id = ? FOR UPDATE");
    st.setInt64(1, commune_id);
    st.setInt64(2, occurrence_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    LockedOccurrence o;
    o.id = rs->getInt64(1);
    o.activity_id = rs->getInt64(2);
    o.day = rs->getString(3);
    o.capacity = rs->getInt(4);
    o.booked = rs->getInt(5);
    o.waiting = rs->getInt(6);
    o.closed = rs->getBoolean(7);
    return o;
}

void set_occurrence_counters(Connection& conn, std::int64_t occurrence_id, int booked, int waiting)
{
    auto& st = conn.prepare("UPDATE occurrence SET booked = ?, waiting = ? WHERE id = ?");
    st.setInt(1, booked);
    st.setInt(2, waiting);
    st.setInt64(3, occurrence_id);
    st.executeUpdate();
}

bool take_place(Connection& conn, std::int64_t occurrence_id)
{
    auto& st = conn.prepare("UPDATE occurrence SET booked = booked + 1"
                            " WHERE id = ? AND closed = 0 AND booked < capacity");
    st.setInt64(1, occurrence_id);
    return st.executeUpdate() == 1;
}

bool take_waiting_place(Connection& conn, std::int64_t occurrence_id, int list_size)
{
    auto& st = conn.prepare("UPDATE occurrence SET waiting = waiting + 1"
                            " WHERE id = ? AND closed = 0 AND booked >= capacity AND waiting < ?");
    st.setInt64(1, occurrence_id);
    st.setInt(2, list_size);
    return st.executeUpdate() == 1;
}

std::optional<Booking> find_booking(Connection& conn, std::int64_t occurrence_id,
                                    std::int64_t child_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + booking_columns + booking_from +
                            " WHERE b.occurrence_id = ? AND b.child_id = ? FOR UPDATE");
    st.setInt64(1, occurrence_id);
    st.setInt64(2, child_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_booking(*rs);
}

std::optional<BookingStatus> booking_status(Connection& conn, std::int64_t occurrence_id,
                                            std::int64_t child_id)
{
    auto& st = conn.prepare("SELECT status FROM booking WHERE occurrence_id = ? AND child_id = ?");
    st.setInt64(1, occurrence_id);
    st.setInt64(2, child_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return parse_booking_status(rs->getString(1));
}

namespace
{

#define BOOKING_INSERT                                                                             \
    "INSERT INTO booking (commune_id, occurrence_id, child_id, family_id, status, queued_at,"      \
    " source, updated_by_kind, updated_by, created_at, updated_at)"                                \
    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())"

void run_booking_insert(sql::PreparedStatement& st, std::int64_t commune_id, const BookingWrite& b)
{
    st.setInt64(1, commune_id);
    st.setInt64(2, b.occurrence_id);
    st.setInt64(3, b.child_id);
    st.setInt64(4, b.family_id);
    st.setString(5, booking_status_name(b.status));
    st.setString(6, b.source);
    st.setString(7, b.actor_kind);
    if (b.actor_id > 0)
        st.setInt64(8, b.actor_id);
    else
        st.setNull(8, sql::DataType::BIGINT);
    st.executeUpdate();
}

} // namespace

void write_booking(Connection& conn, std::int64_t commune_id, const BookingWrite& b)
{
    run_booking_insert(
        conn.prepare(
            BOOKING_INSERT
            " ON DUPLICATE KEY UPDATE status = VALUES(status), queued_at = VALUES(queued_at),"
            " source = VALUES(source), late_cancel = 0, place_taken = 0,"
            " updated_by_kind = VALUES(updated_by_kind), updated_by = VALUES(updated_by),"
            " updated_at = VALUES(updated_at)"),
        commune_id, b);
}

void insert_booking(Connection& conn, std::int64_t commune_id, const BookingWrite& b)
{
    run_booking_insert(conn.prepare(BOOKING_INSERT), commune_id, b);
}

void set_booking_status(Connection& conn, std::int64_t booking_id, BookingStatus status,
                        bool late_cancel, const char* actor_kind, std::int64_t actor_id)
{
    auto& st = conn.prepare("UPDATE booking SET status = ?, late_cancel = ?, updated_by_kind = ?,"
                            " updated_by = ?, offer_expires_at = NULL, updated_at = UTC_TIMESTAMP()"
                            " WHERE id = ?");
    st.setString(1, booking_status_name(status));
    st.setBoolean(2, late_cancel);
    st.setString(3, actor_kind);
    if (actor_id > 0)
        st.setInt64(4, actor_id);
    else
        st.setNull(4, sql::DataType::BIGINT);
    st.setInt64(5, booking_id);
    st.executeUpdate();
}

void mark_place_taken(Connection& conn, std::int64_t booking_id)
{
    auto& st = conn.prepare("UPDATE booking SET place_taken = 1 WHERE id = ?");
    st.setInt64(1, booking_id);
    st.executeUpdate();
}

std::vector<Booking> waiting_list(Connection& conn, std::int64_t occurrence_id)
{
    auto& st = conn.prepare(std::string("SELECT ") + booking_columns + booking_from +
                            " WHERE b.occurrence_id = ? AND b.status = 'waiting'"
                            " ORDER BY b.queued_at, b.id FOR UPDATE");
    st.setInt64(1, occurrence_id);
    auto rs = query(st);
    std::vector<Booking> out;
    while (rs->next())
        out.push_back(read_booking(*rs));
    return out;
}

std::vector<std::string> holder_birth_dates(Connection& conn, std::int64_t occurrence_id)
{
    auto& st = conn.prepare("SELECT IFNULL(DATE_FORMAT(m.birth_date, '%Y-%m-%d'), '')"
                            " FROM booking b JOIN family_member m ON m.id = b.child_id"
                            " WHERE b.occurrence_id = ? AND b.status IN ('booked', 'offered')");
    st.setInt64(1, occurrence_id);
    auto rs = query(st);
    std::vector<std::string> out;
    while (rs->next())
        out.push_back(rs->getString(1));
    return out;
}

void offer_place(Connection& conn, std::int64_t booking_id, const std::string& expires_utc)
{
    auto& st = conn.prepare("UPDATE booking SET status = 'offered', offer_expires_at = ?,"
                            " updated_by_kind = 'system', updated_by = NULL,"
                            " updated_at = UTC_TIMESTAMP() WHERE id = ?");
    st.setString(1, expires_utc);
    st.setInt64(2, booking_id);
    st.executeUpdate();
}

void mark_late_cancellation_taken(Connection& conn, std::int64_t occurrence_id)
{
    auto& st = conn.prepare("UPDATE booking SET place_taken = 1 WHERE occurrence_id = ?"
                            " AND status = 'cancelled' AND late_cancel = 1 AND place_taken = 0"
                            " ORDER BY updated_at, id LIMIT 1");
    st.setInt64(1, occurrence_id);
    st.executeUpdate();
}

std::vector<ExpiredOffer> expired_offers(Connection& conn, const std::string& now_utc)
{
    auto& st = conn.prepare("SELECT commune_id, occurrence_id, child_id FROM booking"
                            " WHERE status = 'offered' AND offer_expires_at <= ?"
                            " ORDER BY offer_expires_at, id LIMIT 1000");
    st.setString(1, now_utc);
    auto rs = query(st);
    std::vector<ExpiredOffer> out;
    while (rs->next())
        out.push_back({rs->getInt64(1), rs->getInt64(2), rs->getInt64(3)});
    return out;
}

int waiting_position(Connection& conn, std::int64_t occurrence_id, std::int64_t child_id)
{
    auto& st = conn.prepare(
        "SELECT COUNT(*) FROM booking w JOIN booking me"
        " ON me.occurrence_id = ? AND me.child_id = ? AND me.status = 'waiting'"
        " WHERE w.occurrence_id = me.occurrence_id AND w.status = 'waiting'"
        " AND (w.queued_at < me.queued_at OR (w.queued_at = me.queued_at AND w.id <= me.id))");
    st.setInt64(1, occurrence_id);
    st.setInt64(2, child_id);
    auto rs = query(st);
    rs->next();
    return rs->getInt(1);
}

namespace
{

// An occurrence's columns of a PlanningEntry, the query's first seven: id, activity, day
// (ISO), capacity, booked, waiting, closed. By position: a lookup by name upper-cases the name
// and scans the columns, for every value of every row (Connector/C++ 1.1).
PlanningEntry occurrence_of(sql::ResultSet& rs)
{
    PlanningEntry e;
    e.occurrence_id = rs.getInt64(1);
    e.activity_id = rs.getInt64(2);
    e.day = rs.getString(3);
    e.capacity = rs.getInt(4);
    e.booked = rs.getInt(5);
    e.waiting = rs.getInt(6);
    e.closed = rs.getBoolean(7);
    return e;
}

std::vector<PlanningEntry> read_planning(Connection& conn, const std::string& sql,
                                         std::int64_t commune_id, std::int64_t child_id,
                                         const std::string& first, const std::string& last)
{
    auto& st = conn.prepare(sql);
    st.setInt64(1, child_id);
    st.setInt64(2, child_id);
    st.setInt64(3, commune_id);
    st.setString(4, first);
    st.setString(5, last);
    auto rs = query(st);
    std::vector<PlanningEntry> out;
    while (rs->next()) {
        auto e = occurrence_of(*rs);
        if (!rs->isNull(8))
            e.status = parse_booking_status(rs->getString(8));
        e.late_cancel = rs->getBoolean(9);
        e.attendance = rs->getString(10);
        e.offer_expires_at = rs->getString(11);
        out.push_back(std::move(e));
    }
    return out;
}

// The columns of a PlanningEntry, from occurrence o and the child's booking b and attendance
// t (the child's id twice, then the commune, the first and the last day).
#define PLANNING_SELECT                                                                            \
    "SELECT o.id, o.activity_id, DATE_FORMAT(o.day, '%Y-%m-%d') AS d, o.capacity, o.booked,"       \
    " o.waiting, o.closed, b.status, IFNULL(b.late_cancel, 0) AS late_cancel,"                     \
    " IFNULL(t.status, '') AS attendance,"                                                         \
    " IFNULL(DATE_FORMAT(b.offer_expires_at, '%Y-%m-%d %H:%i:%s'), '') AS offer_expires"
#define PLANNING_JOINS                                                                             \
    " LEFT JOIN booking b ON b.occurrence_id = o.id AND b.child_id = ?"                            \
    " LEFT JOIN attendance t ON t.occurrence_id = o.id AND t.child_id = ?"

} // namespace

std::vector<PlanningEntry> child_planning(Connection& conn, std::int64_t commune_id,
                                          std::int64_t child_id, const std::string& first,
                                          const std::string& last)
{
    // In the order of ix_occurrence_day (day, then occurrence): no temporary table and sort
    // as ORDER BY a.name needed.
    return read_planning(conn,
                         PLANNING_SELECT
                         " FROM occurrence o JOIN activity a ON a.id = o.activity_id" PLANNING_JOINS
                         " WHERE o.commune_id = ? AND o.day BETWEEN ? AND ? AND a.active = 1"
                         " ORDER BY o.day, o.id",
                         commune_id, child_id, first, last);
}

std::vector<PlanningEntry> month_occurrences(Connection& conn, std::int64_t commune_id,
                                             const std::string& first, const std::string& last)
{
    auto& st =
        conn.prepare("SELECT o.id, o.activity_id, DATE_FORMAT(o.day, '%Y-%m-%d') AS d,"
                     " o.capacity, o.booked, o.waiting, o.closed FROM occurrence o"
                     " WHERE o.commune_id = ? AND o.day BETWEEN ? AND ? ORDER BY o.day, o.id");
    st.setInt64(1, commune_id);
    st.setString(2, first);
    st.setString(3, last);
    auto rs = query(st);
    std::vector<PlanningEntry> out;
    while (rs->next())
        out.push_back(occurrence_of(*rs));
    return out;
}

FamilyMonth family_month(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                         const std::string& first, const std::string& last)
{
    // The family's bookings of the days (ix_booking_family_day) with their attendance, then
    // the attendance of those days without a booking.
    auto& st = conn.prepare(
        "SELECT b.child_id, b.occurrence_id, b.status, b.late_cancel,"
        " IFNULL(DATE_FORMAT(b.offer_expires_at, '%Y-%m-%d %H:%i:%s'), ''), IFNULL(t.status, '')"
        " FROM booking b LEFT JOIN attendance t"
        " ON t.occurrence_id = b.occurrence_id AND t.child_id = b.child_id"
        " WHERE b.commune_id = ? AND b.family_id = ? AND b.day BETWEEN ? AND ?"
        " UNION ALL"
        " SELECT t.child_id, t.occurrence_id, NULL, 0, '', t.status"
        " FROM attendance t JOIN occurrence o ON o.id = t.occurrence_id"
        " LEFT JOIN booking b ON b.occurrence_id = t.occurrence_id AND b.child_id = t.child_id"
        " WHERE t.commune_id = ? AND t.family_id = ? AND o.day BETWEEN ? AND ? AND b.id IS NULL");
    for (const unsigned base : {0U, 4U}) {
        st.setInt64(base + 1, commune_id);
        st.setInt64(base + 2, family_id);
        st.setString(base + 3, first);
        st.setString(base + 4, last);
    }
    auto rs = query(st);
    FamilyMonth out;
    while (rs->next()) {
        FamilyDayRow r;
        r.child_id = rs->getInt64(1);
        r.occurrence_id = rs->getInt64(2);
        if (!rs->isNull(3))
            if (const auto status = parse_booking_status(rs->getString(3)))
                r.status = static_cast<std::int8_t>(*status);
        r.late_cancel = rs->getBoolean(4);
        if (std::string expires = rs->getString(5); !expires.empty()) {
            r.offer = static_cast<std::int32_t>(out.offer_expires_at.size());
            out.offer_expires_at.push_back(std::move(expires));
        }
        const std::string attendance = rs->getString(6);
        if (attendance == "present" || attendance == "absent" || attendance == "excused")
            r.attendance = attendance.front();
        out.rows.push_back(r);
    }
    std::sort(out.rows.begin(), out.rows.end(), [](const FamilyDayRow& a, const FamilyDayRow& b) {
        return a.child_id != b.child_id ? a.child_id < b.child_id
                                        : a.occurrence_id < b.occurrence_id;
    });
    out.rows.shrink_to_fit();
    return out;
}

std::uint64_t family_booking_revision(Connection& conn, std::int64_t family_id)
{
    auto& st = conn.prepare("SELECT booking_revision FROM family_revision WHERE family_id = ?");
    st.setInt64(1, family_id);
    auto rs = query(st);
    return rs->next() ? static_cast<std::uint64_t>(rs->getInt64(1)) : 0;
}

} // namespace db
