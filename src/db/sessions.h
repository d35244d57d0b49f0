// Login sessions: the cookie holds a random token, the table its SHA-256.
// Idle timeout 30 minutes, absolute 12 hours (SPEC §4.4), enforced in the queries.
#pragma once

#include "db/accounts.h"
#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>

namespace db
{

enum class SessionKind { Parent, Agent };

struct SessionRow {
    std::int64_t id = 0;
    SessionKind kind = SessionKind::Parent;
    std::int64_t account_id = 0;
    std::int64_t family_id = 0; // a parent session's family (sql/012_account_revision.sql)
    bool needs_touch = false;   // last_seen_at older than a minute
    // Read in the same statement, so that a logged-in page pays one statement for all three:
    std::uint64_t commune_revision = 0;  // commune_revision (app/commune_data.h)
    std::uint64_t family_revision = 0;   // a parent's family_revision (app/family_data.h, and
                                         // app/parent_accounts.h for the account)
    std::uint64_t billing_revision = 0;  // its billing_revision (app/family_billing.h)
    std::uint64_t booking_revision = 0;  // its booking_revision (app/planning_data.h)
};

// Creates a session and returns the raw token for the cookie.
std::string create_session(Connection& conn, std::int64_t commune_id, SessionKind kind,
                           std::int64_t account_id, const std::string& ip,
                           const std::string& user_agent);
// The live session for this token in this commune, if any, with the commune's revision and,
// for a parent session, its family's revisions. The account itself is not read here: the
// caller checks it (app::parent_account), from memory while the family's revision holds.
std::optional<SessionRow> find_session(Connection& conn, std::int64_t commune_id,
                                       const std::string& token);
void touch_session(Connection& conn, std::int64_t session_id);
void delete_session(Connection& conn, std::int64_t commune_id, const std::string& token);
// Ends every session of an account (password reset), except `keep_id` when not 0.
void delete_account_sessions(Connection& conn, SessionKind kind, std::int64_t account_id,
                             std::int64_t keep_id = 0);
// Removes expired rows; returns how many.
int purge_expired_sessions(Connection& conn);

} // namespace db
