// Bookings of children on occurrences, with waiting lists. The capacity invariant lives
// here: counters change only under the occurrence's row lock, in the caller's transaction.
#pragma once

#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db
{

// Offered: a place freed after the booking deadline, held for the first wait-listed child
// until its family confirms it (or the offer expires); it counts in occurrence.booked.
enum class BookingStatus { Booked, Waiting, Requested, Refused, Cancelled, Offered };
const char* booking_status_name(BookingStatus s);
std::optional<BookingStatus> parse_booking_status(const std::string& text);

struct LockedOccurrence {
    std::int64_t id = 0;
    std::int64_t activity_id = 0;
    std::string day; // "YYYY-MM-DD"
    int capacity = 0;
    int booked = 0;
    int waiting = 0;
    bool closed = false;
};
// SELECT … FOR UPDATE: call inside a transaction. nullopt when not in this commune.
std::optional<LockedOccurrence> lock_occurrence(Connection& conn, std::int64_t commune_id,
                                                std::int64_t occurrence_id);
void set_occurrence_counters(Connection& conn, std::int64_t occurrence_id, int booked, int waiting);
// The short booking path (booking::book): the counter moved by one conditional statement,
// which takes the occurrence's row lock only then, so that the lock is held for that
// statement, the booking row and the COMMIT. True when the occurrence (open) had a free place
// and now counts one more booked.
bool take_place(Connection& conn, std::int64_t occurrence_id);
// The same for the waiting list: true when the occurrence (open) is full and its list had
// fewer than `list_size`, and now counts one more waiting.
bool take_waiting_place(Connection& conn, std::int64_t occurrence_id, int list_size);

struct Booking {
    std::int64_t id = 0;
    std::int64_t occurrence_id = 0;
    std::int64_t child_id = 0;
    std::int64_t family_id = 0;
    BookingStatus status = BookingStatus::Booked;
    bool late_cancel = false;
    std::string offer_expires_at; // UTC "YYYY-MM-DD HH:MM:SS" while offered
    std::string birth_date;       // the child's, "YYYY-MM-DD" or ""
};
// The child's row on the occurrence, locked (FOR UPDATE).
std::optional<Booking> find_booking(Connection& conn, std::int64_t occurrence_id,
                                    std::int64_t child_id);

// The status of the child's row on the occurrence, without locking (for display).
std::optional<BookingStatus> booking_status(Connection& conn, std::int64_t occurrence_id,
                                            std::int64_t child_id);

struct BookingWrite {
    std::int64_t occurrence_id = 0;
    std::int64_t child_id = 0;
    std::int64_t family_id = 0;
    BookingStatus status = BookingStatus::Booked;
    const char* source = "parent";     // parent, agent, long_period
    const char* actor_kind = "parent"; // parent, agent, system
    std::int64_t actor_id = 0;
};
// Inserts the row or reuses the child's row on that occurrence (a new place in the queue
// when it becomes waiting again).
void write_booking(Connection& conn, std::int64_t commune_id, const BookingWrite& b);
// Inserts the child's first row on the occurrence, never reusing one: throws the duplicate
// key (1062, is_duplicate) when a concurrent request of the same child inserted it first.
void insert_booking(Connection& conn, std::int64_t commune_id, const BookingWrite& b);
void set_booking_status(Connection& conn, std::int64_t booking_id, BookingStatus status,
                        bool late_cancel, const char* actor_kind, std::int64_t actor_id);
void mark_place_taken(Connection& conn, std::int64_t booking_id);
// The occurrence's waiting list in order (locked).
std::vector<Booking> waiting_list(Connection& conn, std::int64_t occurrence_id);
// Birth dates ("" when unknown) of the children holding a place (booked or offered).
std::vector<std::string> holder_birth_dates(Connection& conn, std::int64_t occurrence_id);
// Holds the place for a wait-listed child until `expires_utc`.
void offer_place(Connection& conn, std::int64_t booking_id, const std::string& expires_utc);
// A place offered after a late cancellation was taken: the oldest such cancellation of the
// occurrence is no longer billable.
void mark_late_cancellation_taken(Connection& conn, std::int64_t occurrence_id);
struct ExpiredOffer {
    std::int64_t commune_id = 0;
    std::int64_t occurrence_id = 0;
    std::int64_t child_id = 0;
};
// Offers not confirmed in time, all communes, at most 1000 per call.
std::vector<ExpiredOffer> expired_offers(Connection& conn, const std::string& now_utc);
// Position (1-based) of the child's row in the occurrence's waiting list (0 when it is not
// waiting).
int waiting_position(Connection& conn, std::int64_t occurrence_id, std::int64_t child_id);

// One occurrence of the month view with the child's booking on it, if any.
struct PlanningEntry {
    std::int64_t occurrence_id = 0;
    std::int64_t activity_id = 0;
    std::string day;
    int capacity = 0;
    int booked = 0;
    int waiting = 0;
    bool closed = false;
    std::optional<BookingStatus> status; // the child's booking
    bool late_cancel = false;
    std::string attendance;       // present, absent, excused or "" (pointage)
    std::string offer_expires_at; // UTC, while the child's place is offered
};
// The child's occurrences of the active activities from `first` to `last` (ISO days), by
// day then occurrence id, with the child's booking and attendance of each.
std::vector<PlanningEntry> child_planning(Connection& conn, std::int64_t commune_id,
                                          std::int64_t child_id, const std::string& first,
                                          const std::string& last);
// The planning month in two halves that change at different paces (app/planning_data.h):
// the commune's occurrences from `first` to `last` (ISO days), with their counters, by day
// then id, every activity, active or not (the caller knows which are active: the planning
// from its copy of the commune's activities, app/commune_data.h), the child's part of each
// entry left empty…
std::vector<PlanningEntry> month_occurrences(Connection& conn, std::int64_t commune_id,
                                             const std::string& first, const std::string& last);
// … and a family's bookings and attendance of those days, for all its children: the rows
// that carry the family's id (a child belongs to one family, and its rows carry it; a row
// moved to another family by hand shows in that family's planning, whose revision the
// triggers raise).
struct FamilyDayRow {
    std::int64_t child_id = 0;
    std::int64_t occurrence_id = 0;
    std::int8_t status = -1; // a BookingStatus, -1 for none (attendance without booking)
    bool late_cancel = false;
    char attendance = 0;     // 'p'resent, 'a'bsent, 'e'xcused, 0 for none
    std::int32_t offer = -1; // index in FamilyMonth::offer_expires_at while offered
};
struct FamilyMonth {
    std::vector<FamilyDayRow> rows;            // by child, then occurrence
    std::vector<std::string> offer_expires_at; // UTC, of the places offered
};
FamilyMonth family_month(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                         const std::string& first, const std::string& last);
// Its booking_revision (sql/011_booking_revisions.sql), 0 without a row.
std::uint64_t family_booking_revision(Connection& conn, std::int64_t family_id);

} // namespace db
