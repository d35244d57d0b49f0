#include "db/sessions.h"

#include "security/tokens.h"

namespace db
{

namespace
{
const char* kind_name(SessionKind kind)
{
    return kind == SessionKind::Agent ? "agent" : "parent";
}
} // namespace

std::string create_session(Connection& conn, std::int64_t commune_id, SessionKind kind,
                           std::int64_t account_id, const std::string& ip,
                           const std::string& user_agent)
{
    const auto token = security::random_token();
    auto& st = conn.prepare("INSERT INTO session (commune_id, token_hash, kind, account_id,"
                            " created_at, last_seen_at, ip, user_agent)"
                            " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?, ?)");
    st.setInt64(1, commune_id);
    st.setString(2, security::sha256(token));
    st.setString(3, kind_name(kind));
    st.setInt64(4, account_id);
    st.setString(5, ip.substr(0, 45));
    st.setString(6, user_agent.substr(0, 255));
    st.executeUpdate();
    return token;
}

std::optional<SessionRow> find_session(Connection& conn, std::int64_t commune_id,
                                       const std::string& token)
{
    if (token.size() != 43)
        return std::nullopt;
    // Read by position, in the SELECT's order: a lookup by name upper-cases the name and scans
    // the columns for every value read (Connector/C++ 1.1), on every page of a logged-in user.
    enum SessionColumn : std::uint32_t {
        col_id = 1,
        col_kind,
        col_account_id,
        col_family_id,
        col_stale,
        col_commune_revision,
        col_family_revision,
        col_billing_revision,
        col_booking_revision,
    };
    // Three tables, each read by its key: the account and its guardian come from the worker's
    // memory (app/parent_accounts.h), checked against the family's revision read here.
    auto& st =
        conn.prepare("SELECT s.id, s.kind, s.account_id, IFNULL(s.family_id, 0),"
                     " s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND,"
                     " IFNULL(cr.revision, 0), IFNULL(fr.revision, 0),"
                     " IFNULL(fr.billing_revision, 0), IFNULL(fr.booking_revision, 0)"
                     " FROM session s LEFT JOIN commune_revision cr ON cr.commune_id = s.commune_id"
                     " LEFT JOIN family_revision fr ON fr.family_id = s.family_id"
                     " WHERE s.token_hash = ? AND s.commune_id = ?"
                     " AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL 30 MINUTE"
                     " AND s.created_at > UTC_TIMESTAMP() - INTERVAL 12 HOUR");
    st.setString(1, security::sha256(token));
    st.setInt64(2, commune_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    SessionRow row;
    row.id = rs->getInt64(col_id);
    row.kind = rs->getString(col_kind) == "agent" ? SessionKind::Agent : SessionKind::Parent;
    row.account_id = rs->getInt64(col_account_id);
    row.family_id = rs->getInt64(col_family_id);
    row.needs_touch = rs->getBoolean(col_stale);
    row.commune_revision = static_cast<std::uint64_t>(rs->getInt64(col_commune_revision));
    row.family_revision = static_cast<std::uint64_t>(rs->getInt64(col_family_revision));
    row.billing_revision = static_cast<std::uint64_t>(rs->getInt64(col_billing_revision));
    row.booking_revision = static_cast<std::uint64_t>(rs->getInt64(col_booking_revision));
    return row;
}

void touch_session(Connection& conn, std::int64_t session_id)
{
    auto& st = conn.prepare("UPDATE session SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?");
    st.setInt64(1, session_id);
    st.executeUpdate();
}

void delete_session(Connection& conn, std::int64_t commune_id, const std::string& token)
{
    auto& st = conn.prepare("DELETE FROM session WHERE token_hash = ? AND commune_id = ?");
    st.setString(1, security::sha256(token));
    st.setInt64(2, commune_id);
    st.executeUpdate();
}

void delete_account_sessions(Connection& conn, SessionKind kind, std::int64_t account_id,
                             std::int64_t keep_id)
{
    auto& st = conn.prepare("DELETE FROM session WHERE kind = ? AND account_id = ? AND id <> ?");
    st.setString(1, kind_name(kind));
    st.setInt64(2, account_id);
    st.setInt64(3, keep_id);
    st.executeUpdate();
}

int purge_expired_sessions(Connection& conn)
{
    auto& st = conn.prepare("DELETE FROM session"
                            " WHERE last_seen_at < UTC_TIMESTAMP() - INTERVAL 30 MINUTE"
                            " OR created_at < UTC_TIMESTAMP() - INTERVAL 12 HOUR");
    return st.executeUpdate();
}

} // namespace db
