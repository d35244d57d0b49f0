#include "booking/allocation.h"

#include "db/allocation.h"
#include "db/bookings.h"
#include "db/retry.h"
#include "db/test_hooks.h"
#include "domain/allocation.h"
#include "domain/identity.h"
#include "domain/time.h"
#include "security/tokens.h"

#include <set>

namespace booking
{

namespace
{

std::string digest(const std::string& bytes)
{
    return security::sha256(bytes);
}

std::string long_day(const std::string& iso)
{
    const auto t = domain::parse_sql_datetime(iso + " 00:00:00");
    return t ? domain::format_long_date_fr(t->date) : iso;
}

// Allocates one day's requested places (its own transaction), adding to `result`.
void allocate_day(db::Connection& conn, std::int64_t commune_id, const db::Activity& activity,
                  const db::Occurrence& o, const std::string& town, const std::string& seed,
                  AllocationResult& result);

} // namespace

bool allocate(db::Connection& conn, std::int64_t commune_id, const db::Activity& activity,
              const std::string& commune_name, const std::string& seed, std::int64_t agent_id,
              AllocationResult& result)
{
    {
        db::Transaction tx(conn);
        if (!db::start_allocation_run(conn, commune_id, activity.id, seed, agent_id))
            return false;
        tx.commit();
    }
    result.seed = seed;
    const auto town = domain::normalize_name(commune_name);
    for (const auto& o :
         db::occurrences_between(conn, commune_id, activity.period_start, activity.period_end)) {
        if (o.activity_id != activity.id)
            continue;
        // One transaction per day, retried whole when it loses a deadlock or a Galera
        // certification conflict (each change of a family's booking writes its revision row,
        // sql/011_booking_revisions.sql, which the family's own bookings write too): the day's
        // outcome counts only once committed.
        const auto day = db::with_retry([&] {
            AllocationResult r;
            allocate_day(conn, commune_id, activity, o, town, seed, r);
            return r;
        });
        result.booked += day.booked;
        result.waiting += day.waiting;
        result.refused += day.refused;
        for (const auto& [family, lines] : day.lines)
            result.lines[family].insert(result.lines[family].end(), lines.begin(), lines.end());
    }
    db::finish_allocation_run(conn, activity.id, result.booked, result.waiting, result.refused);
    return true;
}

namespace
{

void allocate_day(db::Connection& conn, std::int64_t commune_id, const db::Activity& activity,
                  const db::Occurrence& o, const std::string& town, const std::string& seed,
                  AllocationResult& result)
{
    db::Transaction tx(conn);
    const auto occurrence = db::lock_occurrence(conn, commune_id, o.id);
    const auto requested = db::requested_places(conn, o.id);
    if (!occurrence || requested.empty())
        return;
    std::vector<domain::Applicant> applicants;
    for (const auto& r : requested) {
        int same_family = 0;
        for (const auto& other : requested)
            same_family += other.family_id == r.family_id ? 1 : 0;
        applicants.push_back({r.child_id, r.family_id,
                              domain::normalize_name(r.family_city) == town, same_family > 1});
    }
    int booked = occurrence->booked;
    int waiting = occurrence->waiting;
    int rank_in_list = 0;
    for (const auto& ranked : domain::rank(applicants, seed, o.id, digest)) {
        const db::RequestedPlace* place = nullptr;
        for (const auto& r : requested)
            if (r.child_id == ranked.applicant.child_id)
                place = &r;
        std::string outcome;
        if (!occurrence->closed && booked < occurrence->capacity) {
            db::set_booking_status(conn, place->booking_id, db::BookingStatus::Booked, false,
                                   "system", 0);
            ++booked;
            ++result.booked;
            outcome = "place attribuée";
        } else if (!occurrence->closed && activity.waiting_list &&
                   waiting < activity.waiting_list_size) {
            db::set_booking_status(conn, place->booking_id, db::BookingStatus::Waiting, false,
                                   "system", 0);
            db::set_waiting_rank(conn, place->booking_id, ++rank_in_list);
            ++waiting;
            ++result.waiting;
            outcome = "liste d'attente (" + std::to_string(waiting) + "e)";
        } else {
            db::set_booking_status(conn, place->booking_id, db::BookingStatus::Refused, false,
                                   "system", 0);
            ++result.refused;
            outcome = "pas de place";
        }
        result.lines[place->family_id].push_back(long_day(o.day) + ", " + place->first_name +
                                                 " : " + outcome);
    }
    db::set_occurrence_counters(conn, o.id, booked, waiting);
    db::test_conflict_once("allocation-conflict-once"); // after every write of the day
    tx.commit();
}

} // namespace

} // namespace booking
