#include "db/allocation.h"

namespace db
{

std::vector<RequestedPlace> requested_places(Connection& conn, std::int64_t occurrence_id)
{
    auto& st = conn.prepare(
        "SELECT b.id, b.child_id, b.family_id, f.city, m.first_name FROM booking b"
        " JOIN family f ON f.id = b.family_id JOIN family_member m ON m.id = b.child_id"
        " WHERE b.occurrence_id = ? AND b.status = 'requested' AND b.source = 'parent'"
        " ORDER BY b.id FOR UPDATE");
    st.setInt64(1, occurrence_id);
    auto rs = query(st);
    std::vector<RequestedPlace> out;
    while (rs->next())
        out.push_back({rs->getInt64("id"), rs->getInt64("child_id"), rs->getInt64("family_id"),
                       rs->getString("city"), rs->getString("first_name")});
    return out;
}

void set_waiting_rank(Connection& conn, std::int64_t booking_id, int rank)
{
    auto& st = conn.prepare("UPDATE booking SET queued_at = UTC_TIMESTAMP(6) + INTERVAL ? "
                            "MICROSECOND WHERE id = ?");
    st.setInt(1, rank);
    st.setInt64(2, booking_id);
    st.executeUpdate();
}

bool start_allocation_run(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                          const std::string& seed, std::int64_t agent_id)
{
    auto& st = conn.prepare(
        "INSERT IGNORE INTO allocation_run (activity_id, commune_id, seed, booked, waiting,"
        " refused, run_by, run_at) VALUES (?, ?, ?, 0, 0, 0, ?, UTC_TIMESTAMP())");
    st.setInt64(1, activity_id);
    st.setInt64(2, commune_id);
    st.setString(3, seed);
    st.setInt64(4, agent_id);
    return st.executeUpdate() == 1;
}

void finish_allocation_run(Connection& conn, std::int64_t activity_id, int booked, int waiting,
                           int refused)
{
    auto& st = conn.prepare(
        "UPDATE allocation_run SET booked = ?, waiting = ?, refused = ? WHERE activity_id = ?");
    st.setInt(1, booked);
    st.setInt(2, waiting);
    st.setInt(3, refused);
    st.setInt64(4, activity_id);
    st.executeUpdate();
}

std::optional<AllocationRun> allocation_run(Connection& conn, std::int64_t commune_id,
                                            std::int64_t activity_id)
{
    auto& st = conn.prepare(
        "SELECT seed, booked, waiting, refused, DATE_FORMAT(run_at, '%Y-%m-%d %H:%i:%s') AS t"
        " FROM allocation_run WHERE commune_id = ? AND activity_id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, activity_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return AllocationRun{rs->getString("seed"), rs->getInt("booked"), rs->getInt("waiting"),
                         rs->getInt("refused"), rs->getString("t")};
}

} // namespace db
