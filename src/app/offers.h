// `portail expire-offers`: a place freed after the booking deadline is offered to the first
// wait-listed child for a set time (booking/booking.h); this withdraws the offers not
// confirmed in time and offers the place to the next child, by mail. Run it every five
// minutes (a systemd timer).
#pragma once

#include <cstdint>

namespace db
{
class Connection;
}

namespace app
{

int run_expire_offers(int argc, const char* const argv[]);

// One pass at `now` (UTC epoch), all communes; returns the number of offers withdrawn.
int expire_offers(db::Connection& conn, std::int64_t now);

} // namespace app
