#include "booking/long_period.h"

#include "domain/time.h"

namespace booking
{

std::vector<db::Occurrence> period_occurrences(db::Connection& conn, std::int64_t commune_id,
                                               std::int64_t activity_id, const std::string& first,
                                               const std::string& last, const std::string& weekdays)
{
    std::vector<db::Occurrence> out;
    for (const auto& o : db::occurrences_between(conn, commune_id, first, last)) {
        if (o.activity_id != activity_id || o.closed)
            continue;
        const auto t = domain::parse_sql_datetime(o.day + " 00:00:00");
        if (!t)
            continue;
        const int wd = domain::weekday(t->date); // 1..7
        if (weekdays.size() == 7 && weekdays[static_cast<std::size_t>(wd - 1)] == '1')
            out.push_back(o);
    }
    return out;
}

std::vector<db::LongRequestDay> apply_days(db::Connection& conn, std::int64_t commune_id,
                                           std::int64_t request_id, const Child& child,
                                           const std::vector<db::Occurrence>& days,
                                           const Prerequisites& pre, Actor actor, std::int64_t now)
{
    std::vector<db::LongRequestDay> out;
    Actor booker = actor;
    booker.source = "long_period";
    for (const auto& o : days) {
        db::LongRequestDay d{o.id, o.day, "refused", {}};
        if (const auto r = book(conn, commune_id, child, o.id, pre, booker, now)) {
            switch (r->outcome) {
            case Outcome::Booked:
            case Outcome::AlreadyBooked:
                d.outcome = "booked";
                break;
            case Outcome::Waiting:
            case Outcome::AlreadyWaiting:
                d.outcome = "waiting";
                d.reason = r->message;
                break;
            case Outcome::Requested:
                d.outcome = "requested";
                d.reason = r->message;
                break;
            case Outcome::Cancelled:
            case Outcome::Refused:
                d.reason = r->message;
                break;
            }
        }
        // A day asked of an agent and now refused (full, closed since…) must not stay
        // "Demandé" on the child's planning.
        if (d.outcome == "refused")
            if (const auto b = db::find_booking(conn, o.id, child.id);
                b && b->status == db::BookingStatus::Requested)
                db::set_booking_status(conn, b->id, db::BookingStatus::Refused, false, actor.kind,
                                       actor.id);
        db::set_long_request_day(conn, request_id, d);
        out.push_back(d);
    }
    return out;
}

void request_days(db::Connection& conn, std::int64_t commune_id, std::int64_t request_id,
                  const Child& child, const std::vector<db::Occurrence>& days)
{
    db::Transaction tx(conn);
    for (const auto& o : days) {
        const auto existing = db::find_booking(conn, o.id, child.id);
        const bool booked = existing && existing->status == db::BookingStatus::Booked;
        const bool waiting = existing && existing->status == db::BookingStatus::Waiting;
        const bool placed = booked || waiting;
        if (!placed) {
            db::BookingWrite w;
            w.occurrence_id = o.id;
            w.child_id = child.id;
            w.family_id = child.family_id;
            w.status = db::BookingStatus::Requested;
            w.source = "long_period";
            db::write_booking(conn, commune_id, w);
        }
        const char* outcome = booked ? "booked" : waiting ? "waiting" : "requested";
        db::set_long_request_day(conn, request_id, {o.id, o.day, outcome, {}});
    }
    tx.commit();
}

void refuse_days(db::Connection& conn, const db::LongRequest& request, const std::string& reason,
                 Actor actor)
{
    for (const auto& d : request.days) {
        if (d.outcome != "requested")
            continue;
        if (const auto b = db::find_booking(conn, d.occurrence_id, request.child_id);
            b && b->status == db::BookingStatus::Requested)
            db::set_booking_status(conn, b->id, db::BookingStatus::Refused, false, actor.kind,
                                   actor.id);
        db::set_long_request_day(conn, request.id, {d.occurrence_id, d.day, "refused", reason});
    }
}

} // namespace booking
