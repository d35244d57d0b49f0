// Throttling counters in the database (workers are stateless): failed attempts per bucket
// over a sliding window. Buckets are hashed, so no email or address is stored in clear.
#pragma once

#include "db/connection.h"

#include <string>

namespace db {

struct ThrottleRule {
    int limit;          // attempts allowed in the window
    int window_seconds; // sliding window
};

// Seconds to wait before the next attempt is allowed; 0 when allowed now.
int throttle_wait(Connection& conn, const std::string& bucket, const ThrottleRule& rule);
void throttle_record(Connection& conn, const std::string& bucket);
void throttle_clear(Connection& conn, const std::string& bucket);
// Deletes events older than a day.
int throttle_purge(Connection& conn);

} // namespace db
