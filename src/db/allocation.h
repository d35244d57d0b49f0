// Allocation runs (registration windows decided by priority and lot) and what they need.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db
{

struct RequestedPlace {
    std::int64_t booking_id = 0;
    std::int64_t child_id = 0;
    std::int64_t family_id = 0;
    std::string family_city;
    std::string first_name;
};
// The requested (not yet allocated) bookings of an occurrence, locked.
std::vector<RequestedPlace> requested_places(Connection& conn, std::int64_t occurrence_id);
// Places a waiting booking at rank `rank` of the waiting list (after those already there).
void set_waiting_rank(Connection& conn, std::int64_t booking_id, int rank);

struct AllocationRun {
    std::string seed;
    int booked = 0;
    int waiting = 0;
    int refused = 0;
    std::string run_at; // UTC
};
// Claims the activity's single run; false when it already ran.
bool start_allocation_run(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                          const std::string& seed, std::int64_t agent_id);
void finish_allocation_run(Connection& conn, std::int64_t activity_id, int booked, int waiting,
                           int refused);
std::optional<AllocationRun> allocation_run(Connection& conn, std::int64_t commune_id,
                                            std::int64_t activity_id);

} // namespace db
