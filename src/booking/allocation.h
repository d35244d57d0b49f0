// Allocation after a registration window (SPEC §9): every requested place of the activity is
// decided at once, occurrence by occurrence, by the published priority rules and the lot.
#pragma once

#include "db/activities.h"
#include "db/connection.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace booking
{

struct AllocationResult {
    std::string seed;
    int booked = 0;
    int waiting = 0;
    int refused = 0;
    // Per family: "jeudi 24 décembre 2026, Léa : place attribuée" lines, for its mail.
    std::map<std::int64_t, std::vector<std::string>> lines;
};

// Runs once per activity (false when it already ran). `commune_name` decides residence.
bool allocate(db::Connection& conn, std::int64_t commune_id, const db::Activity& activity,
              const std::string& commune_name, const std::string& seed, std::int64_t agent_id,
              AllocationResult& result);

} // namespace booking
