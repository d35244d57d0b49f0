// What the booking rules need to know about a family's child, from the family file: the
// child's facts (age, class, residence) and the prerequisites (file complete, rules).
#pragma once

#include "app/context.h"
#include "booking/booking.h"
#include "db/families.h"

namespace web
{

booking::Child booking_child(const app::Context& ctx, const db::Family& family,
                             const db::Member& child);
booking::Prerequisites booking_prerequisites(app::Context& ctx, const db::Family& family,
                                             std::int64_t child_id);

// Mails the family of a wait-listed child who just got a place (booked, or offered until a
// time to confirm it).
void tell_promoted(app::Context& ctx, const booking::Promotion& promoted,
                   const db::Activity& activity, const std::string& day);

} // namespace web
