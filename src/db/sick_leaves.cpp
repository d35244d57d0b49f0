#include "db/sick_leaves.h"

namespace db
{

std::int64_t create_sick_leave(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                               std::int64_t child_id, const std::string& first,
                               const std::string& last, std::int64_t account_id)
{
    auto& st =
        conn.prepare("INSERT INTO sick_leave (commune_id, family_id, child_id, first_day, last_day,"
                     " account_id, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, child_id);
    st.setString(4, first);
    st.setString(5, last);
    if (account_id > 0)
        st.setInt64(6, account_id);
    else
        st.setNull(6, sql::DataType::BIGINT);
    st.executeUpdate();
    return last_insert_id(conn);
}

void add_sick_leave_day(Connection& conn, std::int64_t sick_leave_id, std::int64_t occurrence_id)
{
    auto& st = conn.prepare(
        "INSERT IGNORE INTO sick_leave_day (sick_leave_id, occurrence_id) VALUES (?, ?)");
    st.setInt64(1, sick_leave_id);
    st.setInt64(2, occurrence_id);
    st.executeUpdate();
}

void attach_certificate(Connection& conn, std::int64_t commune_id, std::int64_t sick_leave_id,
                        std::int64_t document_id)
{
    auto& st =
        conn.prepare("UPDATE sick_leave SET document_id = ? WHERE commune_id = ? AND id = ?");
    st.setInt64(1, document_id);
    st.setInt64(2, commune_id);
    st.setInt64(3, sick_leave_id);
    st.executeUpdate();
}

std::optional<std::int64_t> open_sick_leave(Connection& conn, std::int64_t commune_id,
                                            std::int64_t child_id)
{
    auto& st = conn.prepare("SELECT id FROM sick_leave WHERE commune_id = ? AND child_id = ?"
                            " AND document_id IS NULL AND status = 'declared'"
                            " ORDER BY id DESC LIMIT 1");
    st.setInt64(1, commune_id);
    st.setInt64(2, child_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return rs->getInt64(1);
}

std::vector<SickLeave> family_sick_leaves(Connection& conn, std::int64_t commune_id,
                                          std::int64_t family_id, int limit)
{
    auto& st = conn.prepare(
        "SELECT s.id, s.family_id, s.child_id, m.first_name,"
        " DATE_FORMAT(s.first_day, '%Y-%m-%d') AS fd, DATE_FORMAT(s.last_day, '%Y-%m-%d') AS ld,"
        " IFNULL(s.document_id, 0) AS document_id, s.status,"
        " DATE_FORMAT(s.created_at, '%Y-%m-%d %H:%i:%s') AS created,"
        " (SELECT COUNT(*) FROM sick_leave_day d WHERE d.sick_leave_id = s.id) AS days"
        " FROM sick_leave s JOIN family_member m ON m.id = s.child_id"
        " WHERE s.commune_id = ? AND s.family_id = ? ORDER BY s.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt(3, limit);
    auto rs = query(st);
    std::vector<SickLeave> out;
    while (rs->next()) {
        SickLeave s;
        s.id = rs->getInt64("id");
        s.family_id = rs->getInt64("family_id");
        s.child_id = rs->getInt64("child_id");
        s.child_name = rs->getString("first_name");
        s.first_day = rs->getString("fd");
        s.last_day = rs->getString("ld");
        s.document_id = rs->getInt64("document_id");
        s.status = rs->getString("status");
        s.created_at = rs->getString("created");
        s.days = rs->getInt("days");
        out.push_back(std::move(s));
    }
    return out;
}

int settle_sick_leave(Connection& conn, std::int64_t commune_id, std::int64_t document_id,
                      bool accepted, std::int64_t agent_id)
{
    auto& find = conn.prepare("SELECT id, family_id, child_id FROM sick_leave"
                              " WHERE commune_id = ? AND document_id = ? AND status = 'declared'"
                              " FOR UPDATE");
    find.setInt64(1, commune_id);
    find.setInt64(2, document_id);
    auto rs = query(find);
    if (!rs->next())
        return 0;
    const auto id = rs->getInt64("id");
    const auto family_id = rs->getInt64("family_id");
    const auto child_id = rs->getInt64("child_id");
    auto& status = conn.prepare("UPDATE sick_leave SET status = ? WHERE id = ?");
    status.setString(1, accepted ? "excused" : "refused");
    status.setInt64(2, id);
    status.executeUpdate();
    if (!accepted)
        return 0;
    auto& excuse = conn.prepare(
        "INSERT INTO attendance (occurrence_id, child_id, commune_id, family_id, status,"
        " without_booking, marked_by, marked_at)"
        " SELECT d.occurrence_id, ?, ?, ?, 'excused', 0, ?, UTC_TIMESTAMP()"
        " FROM sick_leave_day d WHERE d.sick_leave_id = ?"
        " ON DUPLICATE KEY UPDATE status = 'excused', marked_by = VALUES(marked_by),"
        " marked_at = VALUES(marked_at)");
    excuse.setInt64(1, child_id);
    excuse.setInt64(2, commune_id);
    excuse.setInt64(3, family_id);
    excuse.setInt64(4, agent_id);
    excuse.setInt64(5, id);
    excuse.executeUpdate();
    auto& count = conn.prepare("SELECT COUNT(*) FROM sick_leave_day WHERE sick_leave_id = ?");
    count.setInt64(1, id);
    auto crs = query(count);
    crs->next();
    return crs->getInt(1);
}

} // namespace db
