#include "booking/booking.h"

#include "db/retry.h"
#include "db/test_hooks.h"
#include "domain/booking_rules.h"

#include <algorithm>

namespace booking
{

namespace
{

// Each cell of a planning month reads its day two or three times.
std::optional<domain::Date> date_of(const std::string& iso)
{
    return domain::parse_sql_date(iso);
}

std::vector<std::string> split_levels(const std::string& text)
{
    std::vector<std::string> out;
    if (text.empty())
        return out;
    std::string current;
    for (const char c : text + ",") {
        if (c == ',') {
            if (!current.empty())
                out.push_back(current);
            current.clear();
        } else if (c != ' ') {
            current += c;
        }
    }
    return out;
}

domain::DeadlineCheck deadline(const std::string& rule_text, const std::string& day,
                               std::int64_t now, bool cancellation)
{
    const auto rule = domain::parse_deadline_rule(rule_text);
    const auto date = date_of(day);
    if (!rule || !date) // a broken rule never blocks parents; the admin page flags it
        return {true, std::nullopt, std::nullopt, {}};
    return domain::check_deadline(*rule, *date, now, cancellation);
}

std::string full_message(const db::Activity& activity)
{
    return "Il n'y a plus de place pour " + activity.name + " ce jour-là" +
           (activity.waiting_list ? " et la liste d'attente est complète." : ".");
}

std::string day_text(const std::string& day)
{
    const auto d = date_of(day);
    return d ? domain::format_long_date_fr(*d) : day;
}

std::string ordinal(int n)
{
    return std::to_string(n) + (n == 1 ? "re" : "e");
}

std::string booked_text(const db::Activity& activity, const std::string& day, const Child& child)
{
    return activity.name + " est réservé le " + day_text(day) + " pour " + child.first_name + ".";
}

std::string waiting_text(const db::Activity& activity, const std::string& day, const Child& child,
                         int position)
{
    // Position 0: the row left the list before it was counted (promoted meanwhile).
    return activity.name + " est complet le " + day_text(day) + " : " + child.first_name +
           " est inscrit(e) sur la liste d'attente" +
           (position > 0 ? " (" + ordinal(position) + ")" : std::string()) +
           ". Vous recevrez un email si une place se libère.";
}

db::BookingWrite booking_write(std::int64_t occurrence_id, const Child& child, Actor actor)
{
    db::BookingWrite w;
    w.occurrence_id = occurrence_id;
    w.child_id = child.id;
    w.family_id = child.family_id;
    w.source = actor.source                         ? actor.source
               : actor.kind == std::string("agent") ? "agent"
                                                    : "parent";
    w.actor_kind = actor.kind;
    w.actor_id = actor.id;
    return w;
}

std::string utc_text(std::int64_t epoch)
{
    return domain::format_sql_datetime(domain::utc_from_epoch(epoch));
}

// The age group of a child on `day` when the activity splits its places: true for the
// young ones. A child without a birth date counts with the older ones.
std::optional<bool> young_on(const db::Activity& a, const std::string& birth,
                             const std::string& day)
{
    if (!a.young_age_months || !a.young_capacity)
        return std::nullopt;
    const auto b = date_of(birth);
    const auto d = date_of(day);
    return b && d && domain::age_in_months(*b, *d) < *a.young_age_months;
}

// True when the child's age group still has a place on the occurrence (locked).
bool group_has_room(db::Connection& conn, const db::Activity& a, std::int64_t occurrence_id,
                    const std::string& day, const std::string& birth)
{
    const auto young = young_on(a, birth, day);
    if (!young)
        return true;
    int same = 0;
    for (const auto& b : db::holder_birth_dates(conn, occurrence_id))
        same += young_on(a, b, day) == young;
    const int limit = *young ? *a.young_capacity : a.capacity - *a.young_capacity;
    return same < limit;
}

} // namespace

bool collects_requests(const db::Activity& activity, std::int64_t now)
{
    if (activity.allocation != "lottery")
        return false;
    const auto rule = domain::parse_deadline_rule(activity.booking_rule);
    if (!rule || rule->kind != domain::DeadlineKind::Window)
        return false;
    return now >= domain::epoch_from_paris(rule->window_opens) &&
           now < domain::epoch_from_paris(rule->window_closes);
}

std::string refusal(const db::Activity& activity, const std::string& day, bool closed,
                    const Child& child, const Prerequisites& pre, std::int64_t now)
{
    if (closed || !activity.active)
        return activity.name + " est fermé le " + day_text(day) + ".";
    domain::Eligibility rules;
    rules.min_age_months = activity.min_age_months;
    rules.max_age_months = activity.max_age_months;
    rules.school_levels = split_levels(activity.school_levels);
    rules.residents_only = activity.residents_only;
    domain::ChildFacts facts;
    facts.birth_date = date_of(child.birth_date);
    facts.class_name = child.class_name;
    facts.resident = child.resident;
    if (const auto date = date_of(day)) {
        auto why = domain::eligibility_refusal(rules, facts, child.first_name, *date);
        if (!why.empty())
            return why;
    }
    if (activity.requires_complete_file && !pre.missing_elements.empty()) {
        std::string list;
        for (const auto& m : pre.missing_elements)
            list += (list.empty() ? "" : ", ") + m;
        return "Le dossier de famille doit être complet pour réserver " + activity.name +
               " ; il manque : " + list + ".";
    }
    if (activity.requires_rules && pre.services_with_rules.count(activity.service) &&
        !pre.rules_accepted.count(activity.service))
        return "Le règlement « " + activity.service +
               " » doit être accepté avant de réserver (page Règlement(s) intérieur(s)).";
    const auto check = deadline(activity.booking_rule, day, now, false);
    if (!check.allowed)
        return check.reason_fr;
    return {};
}

std::string capacity_refusal(const db::Activity& activity, int capacity, int booked, int waiting)
{
    if (booked < capacity || (activity.waiting_list && waiting < activity.waiting_list_size))
        return {};
    return full_message(activity);
}

std::string late_cancellation(const db::Activity& activity, const std::string& day,
                              std::int64_t now)
{
    const auto check = deadline(activity.cancel_rule, day, now, true);
    return check.allowed ? std::string() : check.reason_fr;
}

namespace
{

// Bookings race at registration opening (and across Galera nodes): up to 8 tries.
constexpr int max_tries = 8;
template <class F> auto with_retry(F attempt)
{
    return db::with_retry(attempt, max_tries);
}

std::optional<Result> book_once(db::Connection& conn, std::int64_t commune_id, const Child& child,
                                const db::Activity& activity, std::int64_t occurrence_id,
                                const Prerequisites& pre, Actor actor, std::int64_t now);
bool takes_short_path(const db::Activity& activity, std::int64_t now);
std::optional<Result> book_quickly(db::Connection& conn, std::int64_t commune_id,
                                   const Child& child, const db::Occurrence& seen,
                                   const db::Activity& activity, Actor actor);

// Gives a freed place to the first wait-listed child whose age group has room: booked at
// once while bookings are open, offered until a set time after the booking deadline (if
// there is still time before the day). Updates the counters' values; returns the child.
std::optional<Promotion> promote(db::Connection& conn, const db::Activity& activity,
                                 const db::LockedOccurrence& occurrence, int& booked, int& waiting,
                                 std::int64_t now)
{
    for (const auto& next : db::waiting_list(conn, occurrence.id)) {
        if (!group_has_room(conn, activity, occurrence.id, occurrence.day, next.birth_date))
            continue;
        Promotion p{next, std::nullopt};
        if (deadline(activity.booking_rule, occurrence.day, now, false).allowed) {
            db::set_booking_status(conn, next.id, db::BookingStatus::Booked, false, "system", 0);
        } else {
            const auto day = date_of(occurrence.day);
            if (!day)
                return std::nullopt;
            const auto day_starts = domain::epoch_from_paris({*day, 0, 0, 0});
            const auto until =
                std::min(now + std::int64_t(std::max(activity.offer_hours, 1)) * 3600, day_starts);
            if (until - now < 30 * 60)
                return std::nullopt; // too late to ask anyone: the place stays free
            db::offer_place(conn, next.id, utc_text(until));
            p.confirm_before = until;
        }
        ++booked;
        --waiting;
        return p;
    }
    return std::nullopt;
}
std::optional<Result> cancel_once(db::Connection& conn, std::int64_t commune_id, const Child& child,
                                  std::int64_t occurrence_id, Actor actor, std::int64_t now,
                                  const OnPromoted& on_promoted);

} // namespace

std::optional<Result> book(db::Connection& conn, std::int64_t commune_id, const Child& child,
                           std::int64_t occurrence_id, const Prerequisites& pre, Actor actor,
                           std::int64_t now)
{
    const auto seen = db::load_occurrence(conn, commune_id, occurrence_id);
    if (!seen)
        return std::nullopt;
    const auto activity = db::load_activity(conn, commune_id, seen->activity_id);
    if (!activity)
        return std::nullopt;
    return book(conn, commune_id, child, *seen, *activity, pre, actor, now);
}

std::optional<Result> book(db::Connection& conn, std::int64_t commune_id, const Child& child,
                           const db::Occurrence& seen, const db::Activity& activity,
                           const Prerequisites& pre, Actor actor, std::int64_t now)
{
    // Decided on the read without the lock first: an opening rush sends thousands of
    // requests for one occurrence, and all those that can only be refused (a rule, the day
    // and its waiting list full) are answered without queueing on its row lock. A place
    // freed a millisecond later is missed as if the parent had come a millisecond earlier.
    // The child's own row is read only then: a refusal does not apply to a child already
    // booked (told so) or wait-listed or offered a place (decided under the lock, as is
    // everything when nothing refuses).
    auto why = refusal(activity, seen.day, seen.closed, child, pre, now);
    if (why.empty() && !collects_requests(activity, now))
        why = capacity_refusal(activity, seen.capacity, seen.booked, seen.waiting);
    if (!why.empty()) {
        const auto status = db::booking_status(conn, seen.id, child.id);
        Result r;
        if (status == db::BookingStatus::Booked) {
            r.outcome = Outcome::AlreadyBooked;
            r.message = child.first_name + " est déjà inscrit(e) à " + activity.name + " le " +
                        day_text(seen.day) + ".";
            return r;
        }
        if (status != db::BookingStatus::Waiting && status != db::BookingStatus::Offered) {
            r.outcome = Outcome::Refused;
            r.message = std::move(why);
            return r;
        }
    }
    if (takes_short_path(activity, now))
        if (auto r = with_retry(
                [&] { return book_quickly(conn, commune_id, child, seen, activity, actor); }))
            return r;
    return with_retry(
        [&] { return book_once(conn, commune_id, child, activity, seen.id, pre, actor, now); });
}

std::optional<Result> cancel(db::Connection& conn, std::int64_t commune_id, const Child& child,
                             std::int64_t occurrence_id, Actor actor, std::int64_t now,
                             const OnPromoted& on_promoted)
{
    return with_retry([&] {
        return cancel_once(conn, commune_id, child, occurrence_id, actor, now, on_promoted);
    });
}

namespace
{

// First come, first served, one count of places: what the short path knows how to book.
bool takes_short_path(const db::Activity& activity, std::int64_t now)
{
    return !collects_requests(activity, now) &&
           !(activity.young_age_months && activity.young_capacity);
}

// The short path of a booking, for the opening rush (issue 9): the occurrence's row lock is
// what every booking of the day queues on, so it is taken by the transaction's first
// statement and held for three only: the counter moved by a conditional UPDATE (which says
// whether there was a place), the child's new row, the COMMIT. Nothing is decided here that
// needs more than that: a row of the child already there (to tell about, to confirm, to
// reuse: the INSERT's duplicate key, 1062), the day closed meanwhile, a place freed between
// the two counter statements: nullopt, and the locked path (book_once) decides from the
// start. The booking rules were checked by the caller on its read; `closed` is checked again
// by the UPDATE itself.
std::optional<Result> book_quickly(db::Connection& conn, std::int64_t commune_id,
                                   const Child& child, const db::Occurrence& seen,
                                   const db::Activity& activity, Actor actor)
{
    db::Transaction tx(conn);
    Result r;
    auto w = booking_write(seen.id, child, actor);
    if (db::take_place(conn, seen.id)) {
        r.outcome = Outcome::Booked;
        w.status = db::BookingStatus::Booked;
    } else if (activity.waiting_list &&
               db::take_waiting_place(conn, seen.id, activity.waiting_list_size)) {
        r.outcome = Outcome::Waiting;
        w.status = db::BookingStatus::Waiting;
    } else {
        // Neither: full (refused, as on the caller's read), or something the locked path
        // decides. Read without a lock: what was committed last.
        const auto now_seen = db::load_occurrence(conn, commune_id, seen.id);
        if (!now_seen || now_seen->closed)
            return std::nullopt;
        auto why =
            capacity_refusal(activity, now_seen->capacity, now_seen->booked, now_seen->waiting);
        if (why.empty())
            return std::nullopt;
        // Full does not refuse a child already booked, waiting or offered a place.
        if (const auto status = db::booking_status(conn, seen.id, child.id);
            status && status != db::BookingStatus::Cancelled &&
            status != db::BookingStatus::Refused)
            return std::nullopt;
        r.outcome = Outcome::Refused;
        r.message = std::move(why);
        return r;
    }
    try {
        db::insert_booking(conn, commune_id, w);
    } catch (const sql::SQLException& e) {
        if (!db::is_duplicate(e))
            throw;
        return std::nullopt; // the child has a row on the day: rolled back, decided locked
    }
    // Booking row and counter written, not committed (as in book_once).
    db::test_hook("booking-before-commit");
    db::test_conflict("booking-conflict");
    tx.commit();
    if (r.outcome == Outcome::Booked) {
        r.message = booked_text(activity, seen.day, child);
    } else {
        // Rows join the list in the order of the counter's lock (queued_at is set under it):
        // read after the COMMIT, out of the lock.
        r.position = db::waiting_position(conn, seen.id, child.id);
        r.message = waiting_text(activity, seen.day, child, r.position);
    }
    return r;
}

std::optional<Result> book_once(db::Connection& conn, std::int64_t commune_id, const Child& child,
                                const db::Activity& activity_row, std::int64_t occurrence_id,
                                const Prerequisites& pre, Actor actor, std::int64_t now)
{
    db::Transaction tx(conn);
    const auto occurrence = db::lock_occurrence(conn, commune_id, occurrence_id);
    if (!occurrence)
        return std::nullopt;
    const auto* activity = &activity_row;
    Result r;
    const auto existing = db::find_booking(conn, occurrence->id, child.id);
    if (existing && existing->status == db::BookingStatus::Booked) {
        r.outcome = Outcome::AlreadyBooked;
        r.message = child.first_name + " est déjà inscrit(e) à " + activity->name + " le " +
                    day_text(occurrence->day) + ".";
        return r;
    }
    if (existing && existing->status == db::BookingStatus::Waiting) {
        r.outcome = Outcome::AlreadyWaiting;
        r.position = db::waiting_position(conn, occurrence->id, child.id);
        r.message =
            child.first_name + " est déjà sur la liste d'attente (" + ordinal(r.position) + ").";
        return r;
    }
    if (existing && existing->status == db::BookingStatus::Offered) {
        const auto until = domain::parse_sql_datetime(existing->offer_expires_at);
        if (!until || domain::utc_epoch(*until) <= now) {
            r.outcome = Outcome::Refused;
            r.message = "Le délai pour confirmer la place proposée est dépassé : elle est "
                        "proposée à l'enfant suivant sur la liste d'attente.";
            return r;
        }
        db::set_booking_status(conn, existing->id, db::BookingStatus::Booked, false, actor.kind,
                               actor.id);
        db::mark_late_cancellation_taken(conn, occurrence->id);
        r.outcome = Outcome::Booked;
        r.message = "La place proposée est confirmée : " + activity->name + " est réservé le " +
                    day_text(occurrence->day) + " pour " + child.first_name + ".";
        tx.commit();
        return r;
    }
    if (auto why = refusal(*activity, occurrence->day, occurrence->closed, child, pre, now);
        !why.empty()) {
        r.outcome = Outcome::Refused;
        r.message = why;
        return r;
    }
    auto w = booking_write(occurrence->id, child, actor);
    if (collects_requests(*activity, now)) {
        if (existing && existing->status == db::BookingStatus::Requested) {
            r.outcome = Outcome::Requested;
            r.message = "Votre demande est déjà enregistrée.";
            return r;
        }
        w.status = db::BookingStatus::Requested;
        db::write_booking(conn, commune_id, w);
        r.outcome = Outcome::Requested;
        r.message = "La demande pour " + activity->name + " le " + day_text(occurrence->day) +
                    " est enregistrée : les places seront attribuées après la clôture des "
                    "inscriptions, selon les règles de priorité publiées puis par tirage au sort.";
    } else if (occurrence->booked < occurrence->capacity &&
               group_has_room(conn, *activity, occurrence->id, occurrence->day, child.birth_date)) {
        w.status = db::BookingStatus::Booked;
        db::write_booking(conn, commune_id, w);
        db::set_occurrence_counters(conn, occurrence->id, occurrence->booked + 1,
                                    occurrence->waiting);
        r.outcome = Outcome::Booked;
        r.message = booked_text(*activity, occurrence->day, child);
    } else if (activity->waiting_list && occurrence->waiting < activity->waiting_list_size) {
        w.status = db::BookingStatus::Waiting;
        db::write_booking(conn, commune_id, w);
        db::set_occurrence_counters(conn, occurrence->id, occurrence->booked,
                                    occurrence->waiting + 1);
        r.outcome = Outcome::Waiting;
        r.position = occurrence->waiting + 1;
        r.message = waiting_text(*activity, occurrence->day, child, r.position);
    } else {
        r.outcome = Outcome::Refused;
        r.message = full_message(*activity);
        return r;
    }
    // Booking row and counters written, not committed: the test of a worker killed here
    // (faults suite) proves the database keeps neither.
    db::test_hook("booking-before-commit");
    db::test_conflict("booking-conflict");
    tx.commit();
    return r;
}

std::optional<Result> cancel_once(db::Connection& conn, std::int64_t commune_id, const Child& child,
                                  std::int64_t occurrence_id, Actor actor, std::int64_t now,
                                  const OnPromoted& on_promoted)
{
    db::Transaction tx(conn);
    const auto occurrence = db::lock_occurrence(conn, commune_id, occurrence_id);
    if (!occurrence)
        return std::nullopt;
    const auto activity = db::load_activity(conn, commune_id, occurrence->activity_id);
    if (!activity)
        return std::nullopt;
    Result r;
    const auto existing = db::find_booking(conn, occurrence->id, child.id);
    if (!existing || (existing->status != db::BookingStatus::Booked &&
                      existing->status != db::BookingStatus::Waiting &&
                      existing->status != db::BookingStatus::Offered)) {
        r.outcome = Outcome::Refused;
        r.message = child.first_name + " n'a pas de réservation pour " + activity->name + " le " +
                    day_text(occurrence->day) + ".";
        return r;
    }
    const auto today = domain::paris_from_epoch(now).date;
    if (const auto d = date_of(occurrence->day); d && *d < today) {
        r.outcome = Outcome::Refused;
        r.message = "Cette journée est passée : elle ne peut plus être annulée.";
        return r;
    }
    int booked = occurrence->booked;
    int waiting = occurrence->waiting;
    if (existing->status == db::BookingStatus::Waiting) {
        db::set_booking_status(conn, existing->id, db::BookingStatus::Cancelled, false, actor.kind,
                               actor.id);
        --waiting;
        r.message = child.first_name + " est retiré(e) de la liste d'attente de " + activity->name +
                    " le " + day_text(occurrence->day) + ".";
    } else if (existing->status == db::BookingStatus::Offered) {
        // The family declines the place it was offered: it goes to the next child.
        db::set_booking_status(conn, existing->id, db::BookingStatus::Cancelled, false, actor.kind,
                               actor.id);
        --booked;
        r.promoted = promote(conn, *activity, *occurrence, booked, waiting, now);
        if (r.promoted && on_promoted)
            on_promoted(*r.promoted);
        r.message = "La place proposée pour " + activity->name + " le " +
                    day_text(occurrence->day) +
                    " est refusée : elle est proposée à l'enfant "
                    "suivant sur la liste d'attente.";
    } else {
        const auto check = deadline(activity->cancel_rule, occurrence->day, now, true);
        r.late = !check.allowed;
        db::set_booking_status(conn, existing->id, db::BookingStatus::Cancelled, r.late, actor.kind,
                               actor.id);
        --booked;
        r.promoted = promote(conn, *activity, *occurrence, booked, waiting, now);
        if (r.promoted && !r.promoted->confirm_before && r.late)
            db::mark_place_taken(conn, existing->id);
        if (r.promoted && on_promoted)
            on_promoted(*r.promoted);
        const bool taken = r.promoted && !r.promoted->confirm_before;
        r.message = "La réservation de " + activity->name + " le " + day_text(occurrence->day) +
                    " pour " + child.first_name + " est annulée.";
        if (r.late)
            r.message += taken ? " Le délai d'annulation était dépassé, mais un enfant de la "
                                 "liste d'attente a pris la place : elle ne sera pas "
                                 "facturée."
                               : " Le délai d'annulation était dépassé : ce jour reste "
                                 "facturé, sauf si un enfant de la liste d'attente prend "
                                 "la place.";
    }
    db::set_occurrence_counters(conn, occurrence->id, booked, waiting);
    r.outcome = Outcome::Cancelled;
    tx.commit();
    return r;
}

} // namespace

int expire_offers(db::Connection& conn, std::int64_t now, const OnPromoted& on_promoted)
{
    int withdrawn = 0;
    for (const auto& offer : db::expired_offers(conn, utc_text(now))) {
        withdrawn += with_retry([&] {
            db::Transaction tx(conn);
            const auto occurrence =
                db::lock_occurrence(conn, offer.commune_id, offer.occurrence_id);
            if (!occurrence)
                return 0;
            const auto activity =
                db::load_activity(conn, offer.commune_id, occurrence->activity_id);
            const auto existing = db::find_booking(conn, occurrence->id, offer.child_id);
            if (!activity || !existing || existing->status != db::BookingStatus::Offered)
                return 0; // confirmed or declined meanwhile
            const auto until = domain::parse_sql_datetime(existing->offer_expires_at);
            if (until && domain::utc_epoch(*until) > now)
                return 0;
            db::set_booking_status(conn, existing->id, db::BookingStatus::Cancelled, false,
                                   "system", 0);
            int booked = occurrence->booked - 1;
            int waiting = occurrence->waiting;
            const auto next = promote(conn, *activity, *occurrence, booked, waiting, now);
            if (next && on_promoted)
                on_promoted(*next);
            db::set_occurrence_counters(conn, occurrence->id, booked, waiting);
            tx.commit();
            return 1;
        });
    }
    return withdrawn;
}

Cell cell_state(const db::Activity& activity, const db::PlanningEntry& entry, const Child& child,
                const Prerequisites& pre, std::int64_t now)
{
    Cell c;
    const auto today = domain::paris_from_epoch(now).date;
    const auto date = date_of(entry.day);
    const bool past = date && *date < today;
    // What happened on the day (pointage) says more than the booking.
    if (entry.attendance == "present" || entry.attendance == "absent" ||
        entry.attendance == "excused") {
        c.state = entry.attendance == "present"  ? CellState::Present
                  : entry.attendance == "absent" ? CellState::Absent
                                                 : CellState::Excused;
        return c;
    }
    if (entry.status) {
        switch (*entry.status) {
        case db::BookingStatus::Booked:
            c.state = CellState::Booked;
            c.can_cancel = !past;
            return c;
        case db::BookingStatus::Waiting:
            c.state = CellState::Waiting;
            c.can_cancel = !past;
            return c;
        case db::BookingStatus::Requested:
            c.state = CellState::Requested;
            return c;
        case db::BookingStatus::Offered: {
            c.state = CellState::Offered;
            const auto until = domain::parse_sql_datetime(entry.offer_expires_at);
            if (until && domain::utc_epoch(*until) > now) {
                c.can_confirm = true;
                c.note = "Une place s'est libérée : confirmez-la avant le " +
                         domain::format_instant_long_fr(domain::utc_epoch(*until)) + ".";
            } else {
                c.note = "Le délai pour confirmer cette place est dépassé.";
            }
            return c;
        }
        case db::BookingStatus::Refused: {
            // A refused request (long period, allocation) does not close the day: the
            // parent may still book it if a place is free, like any other day.
            auto again = entry;
            again.status.reset();
            c = cell_state(activity, again, child, pre, now);
            if (c.can_book && c.state != CellState::Full) {
                c.state = CellState::Refused;
                c.note = "La demande n'a pas été retenue, mais une place est libre : vous "
                         "pouvez réserver ce jour.";
            } else if (!c.can_book) {
                c.state = CellState::Refused;
            }
            return c;
        }
        case db::BookingStatus::Cancelled:
            break; // may be booked again, below
        }
    }
    if (entry.closed) {
        c.state = CellState::Closed;
        return c;
    }
    if (past) {
        c.state = entry.status ? CellState::Cancelled : CellState::DeadlinePassed;
        return c;
    }
    const auto why = refusal(activity, entry.day, entry.closed, child, pre, now);
    if (!why.empty()) {
        const auto check = deadline(activity.booking_rule, entry.day, now, false);
        c.state = !check.allowed ? CellState::DeadlinePassed : CellState::NotEligible;
        c.note = why;
        return c;
    }
    if (collects_requests(activity, now)) {
        c.state = entry.status ? CellState::Cancelled : CellState::Available;
        c.can_book = true;
        c.note = "Inscriptions ouvertes : places attribuées après la clôture.";
        return c;
    }
    if (auto full = capacity_refusal(activity, entry.capacity, entry.booked, entry.waiting);
        !full.empty()) {
        c.state = CellState::Full;
        c.note = std::move(full);
        return c;
    }
    c.can_book = true;
    if (entry.booked >= entry.capacity) {
        c.state = CellState::Full;
        c.note = "Inscription possible sur la liste d'attente.";
        return c;
    }
    c.state = entry.status ? CellState::Cancelled : CellState::Available;
    return c;
}

const char* cell_label(CellState s)
{
    switch (s) {
    case CellState::Available:
        return "Disponible";
    case CellState::Offered:
        return "Place proposée";
    case CellState::Booked:
        return "Réservé";
    case CellState::Waiting:
        return "Liste d'attente";
    case CellState::Requested:
        return "Demandé";
    case CellState::Refused:
        return "Refusé";
    case CellState::Cancelled:
        return "Annulé";
    case CellState::Closed:
        return "Fermé";
    case CellState::DeadlinePassed:
        return "Délai dépassé";
    case CellState::Full:
        return "Complet";
    case CellState::NotEligible:
        return "Non disponible";
    case CellState::Present:
        return "Présent";
    case CellState::Absent:
        return "Absent";
    case CellState::Excused:
        return "Absence excusée";
    }
    return "";
}

const char* cell_class(CellState s)
{
    switch (s) {
    case CellState::Available:
        return "disponible";
    case CellState::Offered:
        return "propose";
    case CellState::Booked:
        return "reserve";
    case CellState::Waiting:
        return "attente";
    case CellState::Requested:
        return "demande";
    case CellState::Refused:
        return "refuse";
    case CellState::Cancelled:
        return "annule";
    case CellState::Closed:
        return "ferme";
    case CellState::DeadlinePassed:
        return "delai";
    case CellState::Full:
        return "complet";
    case CellState::NotEligible:
        return "indisponible";
    case CellState::Present:
        return "present";
    case CellState::Absent:
        return "absent";
    case CellState::Excused:
        return "excuse";
    }
    return "";
}

} // namespace booking
