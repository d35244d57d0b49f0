// Who to remind before a booking deadline: families that use an activity and have booked
// nothing for the coming week, have not opted out, and were not reminded for that week yet.
#pragma once

#include "db/communes.h"
#include "db/connection.h"

#include <cstdint>
#include <string>
#include <vector>

namespace db
{

std::vector<Commune> all_communes(Connection& conn);

struct ReminderTarget {
    std::int64_t family_id = 0;
    std::string children;            // "Léa, Tom"
    std::vector<std::string> emails; // confirmed accounts
};
// Families with a child booked on the activity in the 8 weeks before `week_start` and no
// booking (booked, waiting or requested) on its occurrences from `week_start` to `week_end`.
std::vector<ReminderTarget> reminder_targets(Connection& conn, std::int64_t commune_id,
                                             std::int64_t activity_id,
                                             const std::string& week_start,
                                             const std::string& week_end);
// Records the reminder; false when it was already sent (another run got there first).
bool mark_reminder_sent(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                        const std::string& week_start, std::int64_t family_id);

void set_reminders_opt_out(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                           bool opt_out);
bool reminders_opt_out(Connection& conn, std::int64_t commune_id, std::int64_t family_id);

} // namespace db
