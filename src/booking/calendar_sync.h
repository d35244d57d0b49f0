// Derives an activity's occurrences from its calendar: opening rules, the school holidays of
// the commune's zone and the closures, then stores them.
#pragma once

#include "db/activities.h"
#include "db/connection.h"

#include <cstdint>

namespace booking
{

// Makes the activity's occurrences match its calendar; closed days keep their bookings (the
// occurrence is marked closed). Returns the number of open days.
int regenerate_occurrences(db::Connection& conn, std::int64_t commune_id,
                           const db::Activity& activity);

} // namespace booking
