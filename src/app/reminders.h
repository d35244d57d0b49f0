// `portail send-reminders`: the mails before booking deadlines (SPEC §9). Run it every hour
// (a systemd timer); each family is reminded at most once per activity and week.
#pragma once

#include <cstdint>

namespace db
{
class Connection;
}

namespace app
{

int run_send_reminders(int argc, const char* const argv[]);

// One pass at instant `now` (UTC epoch): for each activity with reminders, when the booking
// deadline of next week's first open day is less than `hours_before` hours away, queues a
// mail to each family to remind. Returns the number of families reminded (or that would be,
// with dry_run).
int send_reminders(db::Connection& conn, std::int64_t now, int hours_before, bool dry_run);

} // namespace app
