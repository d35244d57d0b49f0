// The planning month of a child from memory. It comes in two halves that change at different
// paces, each kept by each worker process:
// - the commune's occurrences of the month with their counters (places booked, waiting),
//   which move with anyone's booking: kept per commune and month for at most a second, and
//   read again sooner when commune_revision moves (an activity, a closure, an occurrence
//   closed or its capacity changed: sql/008, 010, 011) or after any POST this process served
//   (so a parent, or a test, sees at once what was just done through this worker);
// - the family's bookings and attendance of the month, for all its children: read again
//   when the family's booking_revision moves (triggers on booking and attendance,
//   sql/011_booking_revisions.sql), which the session lookup reads, so exact at every page.
// So the page costs no statement of its own while neither moves, and shows places booked by
// other families through other workers a second late at most: the booking itself always
// decides on the database's row (booking::book), and its confirmation page reads it too.
#pragma once

#include "app/context.h"
#include "db/bookings.h"
#include "domain/time.h"

#include <cstdint>
#include <vector>

namespace app
{

// `child_id`'s entries from `first` to `last` of the logged-in family (Access::Parent
// routes), as db::child_month reads them: every activity, by day then occurrence id.
std::vector<db::PlanningEntry> child_month(Context& ctx, std::int64_t child_id, domain::Date first,
                                           domain::Date last);

// Tells this process's planning that the counters may have moved (dispatch, after a POST).
void note_write();

} // namespace app
