// The logged-in parent's account and its guardian's name, kept in memory by each worker
// process and read again when its family's revision moves. Every change of an account that
// matters to a session (guardian, email, password, confirmation, unlinking) raises that
// revision (sql/012_account_revision.sql), as a change of the guardian's name does
// (sql/008_revisions.sql), and the session's statement reads it: a logged-in page reads
// neither the account nor the guardian while they do not change.
#pragma once

#include "db/accounts.h"
#include "db/connection.h"

#include <cstdint>
#include <optional>

namespace app
{

// The live (not unlinked) account `account_id` of family `family_id` in the commune, at least
// as new as the family's `revision` read with the session; nullopt when there is none. Its
// password_hash is left empty: a handler that checks the password reads the account anew
// (db::find_account), so that no worker keeps thousands of hashes for nothing.
std::optional<db::ParentAccount> parent_account(db::Connection& conn, std::int64_t commune_id,
                                                std::int64_t account_id, std::int64_t family_id,
                                                std::uint64_t revision);

} // namespace app
