#include "db/attendance.h"

namespace db {

std::vector<RosterRow> roster(Connection& conn, std::int64_t commune_id,
                              std::int64_t occurrence_id)
{
    auto& st = conn.prepare(
        "SELECT m.id AS child_id, m.family_id, f.name AS family_name, f.number, m.first_name,"
        " m.last_name, m.class_name, IFNULL(b.status, '') AS booking,"
        " IFNULL(t.status, '') AS attendance, IFNULL(t.without_booking, 0) AS without_booking,"
        " m.has_allergies, m.allergies, m.diet, m.pai"
        " FROM family_member m JOIN family f ON f.id = m.family_id"
        " LEFT JOIN booking b ON b.occurrence_id = ? AND b.child_id = m.id"
        "   AND b.status IN ('booked', 'waiting')"
        " LEFT JOIN attendance t ON t.occurrence_id = ? AND t.child_id = m.id"
        " WHERE m.commune_id = ? AND (b.id IS NOT NULL OR t.child_id IS NOT NULL)"
        " ORDER BY FIELD(IFNULL(b.status, ''), 'booked', 'waiting', ''),"
        " IF(b.status = 'waiting', b.queued_at, NULL), m.last_name, m.first_name, m.id");
    st.setInt64(1, occurrence_id);
    st.setInt64(2, occurrence_id);
    st.setInt64(3, commune_id);
    auto rs = query(st);
    std::vector<RosterRow> out;
    while (rs->next()) {
        RosterRow r;
        r.child_id = rs->getInt64("child_id");
        r.family_id = rs->getInt64("family_id");
        r.family_name = rs->getString("family_name");
        r.family_number = rs->getInt("number");
        r.first_name = rs->getString("first_name");
        r.last_name = rs->getString("last_name");
        r.class_name = rs->getString("class_name");
        r.booking = rs->getString("booking");
        r.attendance = rs->getString("attendance");
        r.without_booking = rs->getBoolean("without_booking");
        if (!rs->isNull("has_allergies"))
            r.has_allergies = rs->getBoolean("has_allergies");
        r.allergies = rs->getString("allergies");
        r.diet = rs->getString("diet");
        if (!rs->isNull("pai"))
            r.pai = rs->getBoolean("pai");
        out.push_back(std::move(r));
    }
    return out;
}

void mark_attendance(Connection& conn, std::int64_t commune_id, std::int64_t occurrence_id,
                     std::int64_t child_id, std::int64_t family_id, const std::string& status,
                     bool without_booking, std::int64_t agent_id)
{
    auto& st = conn.prepare(
        "INSERT INTO attendance (occurrence_id, child_id, commune_id, family_id, status,"
        " without_booking, marked_by, marked_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())"
        " ON DUPLICATE KEY UPDATE status = VALUES(status), marked_by = VALUES(marked_by),"
        " marked_at = VALUES(marked_at)");
    st.setInt64(1, occurrence_id);
    st.setInt64(2, child_id);
    st.setInt64(3, commune_id);
    st.setInt64(4, family_id);
    st.setString(5, status);
    st.setBoolean(6, without_booking);
    st.setInt64(7, agent_id);
    st.executeUpdate();
}

std::vector<DayCount> day_counts(Connection& conn, std::int64_t commune_id,
                                 const std::string& first, const std::string& last)
{
    auto& st = conn.prepare(
        "SELECT o.id, o.activity_id, a.name, DATE_FORMAT(o.day, '%Y-%m-%d') AS d, o.capacity,"
        " o.booked, o.waiting, o.closed FROM occurrence o JOIN activity a ON a.id = o.activity_id"
        " WHERE o.commune_id = ? AND o.day BETWEEN ? AND ? AND a.active = 1"
        " ORDER BY a.name, o.day");
    st.setInt64(1, commune_id);
    st.setString(2, first);
    st.setString(3, last);
    auto rs = query(st);
    std::vector<DayCount> out;
    while (rs->next())
        out.push_back({rs->getInt64("activity_id"), rs->getString("name"), rs->getString("d"),
                       rs->getInt64("id"), rs->getInt("capacity"), rs->getInt("booked"),
                       rs->getInt("waiting"), rs->getBoolean("closed")});
    return out;
}

int attendance_lock_day(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare("SELECT attendance_lock_day FROM commune WHERE id = ?");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    return rs->next() ? rs->getInt(1) : 0;
}

std::vector<ChildChoice> commune_children(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(
        "SELECT m.id, m.family_id, CONCAT(m.last_name, ' ', m.first_name, ' (n° ', f.number, ')')"
        " AS name FROM family_member m JOIN family f ON f.id = m.family_id"
        " WHERE m.commune_id = ? AND m.role = 'child' AND m.removed_at IS NULL"
        " AND f.archived_at IS NULL ORDER BY m.last_name, m.first_name LIMIT 5000");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    std::vector<ChildChoice> out;
    while (rs->next())
        out.push_back({rs->getInt64("id"), rs->getInt64("family_id"), rs->getString("name")});
    return out;
}

} // namespace db

namespace db {

std::vector<ExportRow> export_rows(Connection& conn, std::int64_t commune_id,
                                   const std::string& first, const std::string& last)
{
    // Bookings (with their attendance) and attendance without a booking, in one pass.
    auto& st = conn.prepare(
        "SELECT DATE_FORMAT(o.day, '%Y-%m-%d') AS d, a.name AS activity, a.regie, f.number,"
        " f.name AS family_name, m.last_name, m.first_name, m.class_name,"
        " IFNULL(b.status, '') AS booking, IFNULL(b.late_cancel, 0) AS late_cancel,"
        " IFNULL(b.place_taken, 0) AS place_taken, IFNULL(t.status, '') AS attendance,"
        " IFNULL(t.without_booking, 0) AS without_booking"
        " FROM occurrence o JOIN activity a ON a.id = o.activity_id"
        " JOIN (SELECT occurrence_id, child_id FROM booking WHERE commune_id = ?"
        "       UNION SELECT occurrence_id, child_id FROM attendance WHERE commune_id = ?) x"
        "   ON x.occurrence_id = o.id"
        " JOIN family_member m ON m.id = x.child_id JOIN family f ON f.id = m.family_id"
        " LEFT JOIN booking b ON b.occurrence_id = o.id AND b.child_id = x.child_id"
        " LEFT JOIN attendance t ON t.occurrence_id = o.id AND t.child_id = x.child_id"
        " WHERE o.commune_id = ? AND o.day BETWEEN ? AND ?"
        " ORDER BY o.day, a.name, m.last_name, m.first_name, m.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, commune_id);
    st.setInt64(3, commune_id);
    st.setString(4, first);
    st.setString(5, last);
    auto rs = query(st);
    std::vector<ExportRow> out;
    while (rs->next()) {
        ExportRow r;
        r.day = rs->getString("d");
        r.activity = rs->getString("activity");
        r.regie = rs->getString("regie");
        r.family_number = rs->getInt("number");
        r.family_name = rs->getString("family_name");
        r.last_name = rs->getString("last_name");
        r.first_name = rs->getString("first_name");
        r.class_name = rs->getString("class_name");
        r.booking = rs->getString("booking");
        r.late_cancel = rs->getBoolean("late_cancel");
        r.place_taken = rs->getBoolean("place_taken");
        r.attendance = rs->getString("attendance");
        r.without_booking = rs->getBoolean("without_booking");
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace db
