#include "db/throttle.h"

#include "security/tokens.h"

namespace db {

int throttle_wait(Connection& conn, const std::string& bucket, const ThrottleRule& rule)
{
    // The limit-th most recent event decides: once it leaves the window, one more is allowed.
    auto& st = conn.prepare(
        "SELECT GREATEST(0, ? - TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP()))"
        " FROM throttle_event WHERE bucket_hash = ?"
        " AND created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND"
        " ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?");
    st.setInt(1, rule.window_seconds);
    st.setString(2, security::sha256(bucket));
    st.setInt(3, rule.window_seconds);
    st.setInt(4, rule.limit - 1);
    auto rs = query(st);
    if (!rs->next())
        return 0;
    const int wait = rs->getInt(1);
    return wait < 1 ? 1 : wait;
}

void throttle_record(Connection& conn, const std::string& bucket)
{
    auto& st = conn.prepare(
        "INSERT INTO throttle_event (bucket_hash, created_at) VALUES (?, UTC_TIMESTAMP())");
    st.setString(1, security::sha256(bucket));
    st.executeUpdate();
}

void throttle_clear(Connection& conn, const std::string& bucket)
{
    auto& st = conn.prepare("DELETE FROM throttle_event WHERE bucket_hash = ?");
    st.setString(1, security::sha256(bucket));
    st.executeUpdate();
}

int throttle_purge(Connection& conn)
{
    auto& st = conn.prepare(
        "DELETE FROM throttle_event WHERE created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY");
    return st.executeUpdate();
}

} // namespace db
