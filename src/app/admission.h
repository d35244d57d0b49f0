// Admission under overload (issue 9, SPEC §8): Nginx bounds the requests in flight to the
// workers and answers its own "trop de monde" page beyond; behind it, a worker sheds a request
// that waited too long before a thread took it (several Nginx in front, a burst the bound let
// through), answering at once with a French 503 and Retry-After instead of serving a parent who
// has likely given up. Nginx passes the time it handed the request on as PORTAIL_QUEUED_AT
// ($msec: seconds since the epoch with milliseconds, "1764460800.123").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace app
{

// Milliseconds between `queued_at` ($msec) and `now_ms` (since the epoch); nullopt when the
// value is absent or not of that form. Never negative (clocks of two hosts may differ a little).
std::optional<std::int64_t> queued_for_ms(std::string_view queued_at, std::int64_t now_ms);

// The wall clock in milliseconds since the epoch.
std::int64_t now_epoch_ms();

// Seconds a shed parent is asked to wait (Retry-After).
inline constexpr int shed_retry_after = 5;

} // namespace app
