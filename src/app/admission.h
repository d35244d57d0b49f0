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
// value is absent or not of that form, or more than a minute old: no request waits that long
// (Nginx gives up after fastcgi_connect_timeout + fastcgi_read_timeout, 35 s), so the clocks
// disagree (another host's, a test's fake clock) and the stamp says nothing. Never negative:
// a stamp a little ahead is a wait of 0.
std::optional<std::int64_t> queued_for_ms(std::string_view queued_at, std::int64_t now_ms);

// The wall clock in milliseconds since the epoch.
std::int64_t now_epoch_ms();

// Beyond this, a stamp is a clock disagreement, not a wait.
inline constexpr std::int64_t longest_plausible_wait_ms = 60'000;

// Seconds a shed parent is asked to wait (Retry-After).
inline constexpr int shed_retry_after = 5;

} // namespace app
