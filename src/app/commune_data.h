// What the pages of a commune read on every request and agents rarely change — its
// activities, its rules documents, its family-file settings, its régies and tariff grids —
// kept in memory by each worker process and read again when its commune_revision moves.
// Triggers raise the revision on any change of those rows (sql/008_revisions.sql,
// sql/010_billing_revisions.sql), from the back office or from anyone's SQL, and the session
// lookup reads it with the session: a logged-in page checks its cache at no extra
// statement, and sees an agent's change on its next request.
#pragma once

#include "app/context.h"
#include "db/activities.h"
#include "db/billing.h"
#include "db/family_file.h"

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace app
{

struct CommuneData {
    std::uint64_t revision = 0;
    std::vector<db::Activity> activities; // all, active or not, by name
    std::vector<db::RulesDocument> rules; // every version, by service then version
    db::FileSettings file_settings;
    std::vector<db::Regie> regies;                       // by name
    std::map<std::int64_t, db::ActivityTariffs> tariffs; // by régie, then activity
};

// The commune's data at its current revision (one statement to read the revision when the
// request has no session, a few more when it moved).
std::shared_ptr<const CommuneData> commune_data(Context& ctx);

// The active activities, by name (db::list_activities(…, true) from memory).
std::vector<db::Activity> active_activities(const CommuneData& data);

// db::current_rules() for the logged-in family, from memory (app/family_data.h).
std::vector<db::RulesDocument> current_rules(Context& ctx);

} // namespace app
