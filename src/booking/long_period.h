// Long-period requests (SPEC §4.7): every open day of an activity between two dates on
// chosen weekdays, booked one by one with the same rules as a one-off booking, either at
// once or once an agent accepts, per the activity's setting.
#pragma once

#include "booking/booking.h"
#include "db/long_requests.h"

#include <cstdint>
#include <string>
#include <vector>

namespace booking
{

// The open occurrences of the activity from `first` to `last` ("YYYY-MM-DD") whose weekday
// is in `weekdays` ("1101100", Monday..Sunday).
std::vector<db::Occurrence> period_occurrences(db::Connection& conn, std::int64_t commune_id,
                                               std::int64_t activity_id, const std::string& first,
                                               const std::string& last,
                                               const std::string& weekdays);

// Books each day (its own transaction per day) and records the outcome of each in the
// request. Returns the outcomes in date order.
std::vector<db::LongRequestDay> apply_days(db::Connection& conn, std::int64_t commune_id,
                                           std::int64_t request_id, const Child& child,
                                           const std::vector<db::Occurrence>& days,
                                           const Prerequisites& pre, Actor actor, std::int64_t now);

// Records the days as requested (waiting for an agent): the child's booking row on each
// shows "Demandé" and takes no place yet.
void request_days(db::Connection& conn, std::int64_t commune_id, std::int64_t request_id,
                  const Child& child, const std::vector<db::Occurrence>& days);

// An agent refuses: the requested rows become refused.
void refuse_days(db::Connection& conn, const db::LongRequest& request, const std::string& reason,
                 Actor actor);

} // namespace booking
