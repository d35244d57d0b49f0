// Booking and cancelling one occurrence for one child (SPEC §4.7): the rules in order
// (closed, eligibility, prerequisites, deadline), then the capacity and the waiting list
// under the occurrence's row lock, so that two parents taking the last place at the same
// instant get one booking and one waiting-list entry. A cancellation promotes the first
// wait-listed child.
#pragma once

#include "db/activities.h"
#include "db/bookings.h"
#include "db/connection.h"
#include "domain/time.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace booking
{

struct Child {
    std::int64_t id = 0;
    std::int64_t family_id = 0;
    std::string first_name;
    std::string birth_date; // "YYYY-MM-DD" or ""
    std::string class_name;
    bool resident = true;
};

// What the family has done that an activity may require.
struct Prerequisites {
    std::vector<std::string> missing_elements; // labels; empty when the file is complete
    std::set<std::string> services_with_rules; // services that have published rules
    std::set<std::string> rules_accepted;      // services whose current rules are accepted
};

struct Actor {
    const char* kind = "parent"; // parent, agent, system
    std::int64_t id = 0;
    const char* source = nullptr; // the booking's source when not the actor's kind
};

enum class Outcome {
    Booked,
    Waiting,
    Requested, // collected during a registration window, decided by the allocation
    AlreadyBooked,
    AlreadyWaiting,
    Cancelled,
    Refused,
};

// A wait-listed child who got a freed place: booked, or offered until confirm_before (UTC
// epoch) when the booking deadline had passed.
struct Promotion {
    db::Booking booking;
    std::optional<std::int64_t> confirm_before;
};

struct Result {
    Outcome outcome = Outcome::Refused;
    std::string message; // French, for the parent: what happened or which rule refused
    int position = 0;    // on the waiting list
    bool late = false;   // a cancellation past the cancellation deadline
    // A wait-listed child who got the freed place (to be told by mail).
    std::optional<Promotion> promoted;
};

// The rule that refuses booking `activity` on `day` for `child` now, or "" when none.
std::string refusal(const db::Activity& activity, const std::string& day, bool closed,
                    const Child& child, const Prerequisites& pre, std::int64_t now);

// The refusal when the occurrence has no place left and no room on its waiting list (or
// none), "" when a booking or a waiting-list place is still possible.
std::string capacity_refusal(const db::Activity& activity, int capacity, int booked, int waiting);

// When cancelling a booking of `activity` on `day` now is past its cancellation deadline:
// the sentence naming the deadline ("Le délai d'annulation est dépassé : …"), else "".
// Such a cancellation is still allowed, but stays billable unless a wait-listed child takes
// the place.
std::string late_cancellation(const db::Activity& activity, const std::string& day,
                              std::int64_t now);

// True when the activity decides its places by priority and lot after a registration window
// that is open at `now`: a booking is then a request (SPEC §9).
bool collects_requests(const db::Activity& activity, std::int64_t now);

// Books (or wait-lists) the child on the occurrence, in its own transaction. The
// occurrence must be in the commune (else nullopt: a 404 for the caller). On a place offered
// to the child, confirms it (refused once the offer has expired). With an age-group split,
// a child whose group is full waits even when the day has places.
std::optional<Result> book(db::Connection& conn, std::int64_t commune_id, const Child& child,
                           std::int64_t occurrence_id, const Prerequisites& pre, Actor actor,
                           std::int64_t now);
// The same, the occurrence and its activity already read by the caller (without a lock, in
// the commune): what only refuses is decided on that read, the rest under the lock.
std::optional<Result> book(db::Connection& conn, std::int64_t commune_id, const Child& child,
                           const db::Occurrence& seen, const db::Activity& activity,
                           const Prerequisites& pre, Actor actor, std::int64_t now);
using OnPromoted = std::function<void(const Promotion&)>;

// Cancels the child's booking or waiting-list place (or declines a place offered), in its
// own transaction. `on_promoted` runs inside that transaction for the wait-listed child who
// gets the place (to queue its family's mail with the change).
std::optional<Result> cancel(db::Connection& conn, std::int64_t commune_id, const Child& child,
                             std::int64_t occurrence_id, Actor actor, std::int64_t now,
                             const OnPromoted& on_promoted = {});

// Withdraws the offers not confirmed by `now` and offers each place to the next child (or
// frees it); `on_promoted` as for cancel(). Returns the number of offers withdrawn.
int expire_offers(db::Connection& conn, std::int64_t now, const OnPromoted& on_promoted = {});

// What a parent sees for one occurrence in the month view.
enum class CellState {
    Available,
    Offered,
    Booked,
    Waiting,
    Requested,
    Refused,
    Cancelled,
    Closed,
    DeadlinePassed,
    Full,
    NotEligible,
    Present,
    Absent,
    Excused,
};
struct Cell {
    CellState state = CellState::Available;
    bool can_book = false;
    bool can_cancel = false;
    bool can_confirm = false; // a place offered: confirm it (book) or decline it (cancel)
    std::string note;         // French detail: the refusal rule, "2e sur la liste d'attente"…
};
Cell cell_state(const db::Activity& activity, const db::PlanningEntry& entry, const Child& child,
                const Prerequisites& pre, std::int64_t now);
const char* cell_label(CellState s); // "Réservé", "Liste d'attente"…
const char* cell_class(CellState s); // "reserve", "attente"… (CSS and tests)

} // namespace booking
