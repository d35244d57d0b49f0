#include "db/long_requests.h"

namespace db {

namespace {

const std::string request_select =
    "SELECT r.id, r.family_id, f.name AS family_name, r.child_id,"
    " CONCAT(m.first_name, ' ', m.last_name) AS child_name, r.activity_id, a.name AS activity,"
    " DATE_FORMAT(r.first_day, '%Y-%m-%d') AS fd, DATE_FORMAT(r.last_day, '%Y-%m-%d') AS ld,"
    " r.weekdays, r.status, r.comment,"
    " DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s') AS created,"
    " IFNULL(DATE_FORMAT(r.decided_at, '%Y-%m-%d %H:%i:%s'), '') AS decided"
    " FROM long_request r JOIN family f ON f.id = r.family_id"
    " JOIN family_member m ON m.id = r.child_id JOIN activity a ON a.id = r.activity_id"
    " WHERE r.commune_id = ? ";

std::vector<LongRequest> read_requests(Connection& conn, sql::ResultSet& rs)
{
    std::vector<LongRequest> out;
    while (rs.next()) {
        LongRequest r;
        r.id = rs.getInt64("id");
        r.family_id = rs.getInt64("family_id");
        r.family_name = rs.getString("family_name");
        r.child_id = rs.getInt64("child_id");
        r.child_name = rs.getString("child_name");
        r.activity_id = rs.getInt64("activity_id");
        r.activity_name = rs.getString("activity");
        r.first_day = rs.getString("fd");
        r.last_day = rs.getString("ld");
        r.weekdays = rs.getString("weekdays");
        r.status = rs.getString("status");
        r.comment = rs.getString("comment");
        r.created_at = rs.getString("created");
        r.decided_at = rs.getString("decided");
        out.push_back(std::move(r));
    }
    auto& days = conn.prepare("SELECT occurrence_id, DATE_FORMAT(day, '%Y-%m-%d') AS d, outcome,"
                              " reason FROM long_request_day WHERE request_id = ? ORDER BY day");
    for (auto& r : out) {
        days.setInt64(1, r.id);
        auto drs = query(days);
        while (drs->next())
            r.days.push_back({drs->getInt64("occurrence_id"), drs->getString("d"),
                              drs->getString("outcome"), drs->getString("reason")});
    }
    return out;
}

} // namespace

std::int64_t create_long_request(Connection& conn, std::int64_t commune_id,
                                 const NewLongRequest& r)
{
    auto& st = conn.prepare(
        "INSERT INTO long_request (commune_id, family_id, child_id, activity_id, first_day,"
        " last_day, weekdays, status, requested_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setInt64(2, r.family_id);
    st.setInt64(3, r.child_id);
    st.setInt64(4, r.activity_id);
    st.setString(5, r.first_day);
    st.setString(6, r.last_day);
    st.setString(7, r.weekdays);
    st.setString(8, r.status);
    if (r.account_id > 0)
        st.setInt64(9, r.account_id);
    else
        st.setNull(9, sql::DataType::BIGINT);
    st.executeUpdate();
    return last_insert_id(conn);
}

void set_long_request_day(Connection& conn, std::int64_t request_id, const LongRequestDay& d)
{
    auto& st = conn.prepare(
        "INSERT INTO long_request_day (request_id, occurrence_id, day, outcome, reason)"
        " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE outcome = VALUES(outcome),"
        " reason = VALUES(reason)");
    st.setInt64(1, request_id);
    st.setInt64(2, d.occurrence_id);
    st.setString(3, d.day);
    st.setString(4, d.outcome);
    st.setString(5, d.reason.substr(0, 500));
    st.executeUpdate();
}

bool decide_long_request(Connection& conn, std::int64_t commune_id, std::int64_t id,
                         const std::string& status, const std::string& comment,
                         std::int64_t agent_id)
{
    auto& st = conn.prepare(
        "UPDATE long_request SET status = ?, comment = ?, decided_by = ?,"
        " decided_at = UTC_TIMESTAMP() WHERE commune_id = ? AND id = ? AND status = 'pending'");
    st.setString(1, status);
    st.setString(2, comment);
    st.setInt64(3, agent_id);
    st.setInt64(4, commune_id);
    st.setInt64(5, id);
    return st.executeUpdate() == 1;
}

std::vector<LongRequest> family_long_requests(Connection& conn, std::int64_t commune_id,
                                              std::int64_t family_id, int limit)
{
    auto& st = conn.prepare(request_select + "AND r.family_id = ? ORDER BY r.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt(3, limit);
    auto rs = query(st);
    return read_requests(conn, *rs);
}

std::vector<LongRequest> pending_long_requests(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(request_select + "AND r.status = 'pending' ORDER BY r.id LIMIT 200");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    return read_requests(conn, *rs);
}

std::optional<LongRequest> load_long_request(Connection& conn, std::int64_t commune_id,
                                             std::optional<std::int64_t> family_id,
                                             std::int64_t id, bool lock)
{
    auto& st = conn.prepare(request_select + "AND r.id = ? AND (? = 0 OR r.family_id = ?)" +
                            (lock ? " FOR UPDATE" : ""));
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    st.setInt64(3, family_id.value_or(0));
    st.setInt64(4, family_id.value_or(0));
    auto rs = query(st);
    auto found = read_requests(conn, *rs);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

} // namespace db
