// The logged-in family's file — the family and its members, its documents, its change
// requests, its rules acceptances — kept in memory by each worker process and read again
// when its family_revision moves. Triggers raise the revision on any change of those rows
// (sql/008_revisions.sql), and the session lookup reads it: the planning, the Espace famille
// and a booking need no statement for the family file while it does not change.
// For the pages that only read it; a handler that changes the file reads the database.
#pragma once

#include "app/context.h"
#include "db/families.h"
#include "db/family_file.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace app
{

struct FamilyData {
    std::uint64_t revision = 0;
    db::Family family; // with its members
    std::vector<db::Document> documents;
    std::vector<db::ChangeRequest> requests; // the latest, as db::family_change_requests
    std::vector<db::RulesAcceptance> acceptances;
};

// The logged-in parent's family (Access::Parent routes); a 404 if it is gone.
std::shared_ptr<const FamilyData> family_data(Context& ctx);

// How many families each of the process's family caches holds (the file here, the bills in
// app/family_billing.h, the account in app/parent_accounts.h; twice as many family months in
// app/planning_data.h): past that, a cache starts again empty. Set once by `serve`
// (`family-cache`), before any request.
void set_family_cache_size(std::size_t families);
std::size_t family_cache_size();

} // namespace app
