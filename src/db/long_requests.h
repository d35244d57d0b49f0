// Long-period requests (réservations sur une longue durée) and the outcome of each day.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db {

struct LongRequestDay {
    std::int64_t occurrence_id = 0;
    std::string day;     // "YYYY-MM-DD"
    std::string outcome; // requested, booked, waiting, refused
    std::string reason;  // French, for refused days
};

struct LongRequest {
    std::int64_t id = 0;
    std::int64_t family_id = 0;
    std::string family_name;
    std::int64_t child_id = 0;
    std::string child_name;
    std::int64_t activity_id = 0;
    std::string activity_name;
    std::string first_day;
    std::string last_day;
    std::string weekdays; // "1101100"
    std::string status;   // pending, done, refused
    std::string comment;
    std::string created_at; // UTC
    std::string decided_at; // UTC or ""
    std::vector<LongRequestDay> days;
};

struct NewLongRequest {
    std::int64_t family_id = 0;
    std::int64_t child_id = 0;
    std::int64_t activity_id = 0;
    std::string first_day;
    std::string last_day;
    std::string weekdays;
    std::string status; // pending or done
    std::int64_t account_id = 0;
};
std::int64_t create_long_request(Connection& conn, std::int64_t commune_id,
                                 const NewLongRequest& r);
void set_long_request_day(Connection& conn, std::int64_t request_id, const LongRequestDay& d);
// Decides a pending request; false when it is not pending any more.
bool decide_long_request(Connection& conn, std::int64_t commune_id, std::int64_t id,
                         const std::string& status, const std::string& comment,
                         std::int64_t agent_id);
std::vector<LongRequest> family_long_requests(Connection& conn, std::int64_t commune_id,
                                              std::int64_t family_id, int limit = 20);
std::vector<LongRequest> pending_long_requests(Connection& conn, std::int64_t commune_id);
// With `family_id`, only that family's; `lock` takes the row FOR UPDATE (in a transaction).
std::optional<LongRequest> load_long_request(Connection& conn, std::int64_t commune_id,
                                             std::optional<std::int64_t> family_id,
                                             std::int64_t id, bool lock = false);

} // namespace db
