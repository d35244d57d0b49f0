#include "backoffice/bookings.h"

#include "backoffice/validations.h"
#include "booking/long_period.h"
#include "db/activities.h"
#include "db/attendance.h"
#include "db/families.h"
#include "db/family_file.h"
#include "db/long_requests.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "mail/outbox.h"
#include "web/booking_context.h"
#include "web/fields.h"
#include "web/form_input.h"
#include "web/long_requests.h"

#include <ctime>
#include <map>

namespace backoffice
{

namespace
{

std::int64_t now_epoch()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

domain::Date date_of(const std::string& text)
{
    const auto d = http::parse_date(text);
    return d ? domain::Date{d->year, d->month, d->day} : domain::Date{};
}

std::string diet_label(const std::string& diet)
{
    if (diet == "sans_porc")
        return "Sans porc";
    if (diet == "vegetarien")
        return "Végétarien";
    if (diet == "sans_viande")
        return "Sans viande";
    return "";
}

const char* attendance_label(const std::string& status)
{
    if (status == "present")
        return "Présent";
    if (status == "absent")
        return "Absent";
    if (status == "excused")
        return "Absence excusée";
    return "Non pointé";
}

// The month of `day` locks on the commune's lock day of the next month (Paris time).
std::string lock_refusal(app::Context& ctx, const std::string& day)
{
    const int lock_day = db::attendance_lock_day(ctx.db(), ctx.commune.id);
    if (lock_day <= 0)
        return {};
    const auto d = date_of(day);
    const int year = d.month == 12 ? d.year + 1 : d.year;
    const int month = d.month == 12 ? 1 : d.month + 1;
    const domain::Date lock{year, month, std::min(lock_day, domain::days_in_month(year, month))};
    const auto today = domain::paris_from_epoch(now_epoch()).date;
    if (today < lock)
        return {};
    return "Le pointage de " + std::string(domain::month_name_fr(d.month)) + " " +
           std::to_string(d.year) + " est verrouillé depuis le " + domain::format_date_fr(lock) +
           " : il sert à la facturation.";
}

struct OccurrenceContext {
    db::Occurrence occurrence;
    db::Activity activity;
};

OccurrenceContext occurrence_or_404(app::Context& ctx)
{
    const auto o = db::load_occurrence(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!o)
        throw http::Error(404);
    const auto a = db::load_activity(ctx.db(), ctx.commune.id, o->activity_id);
    if (!a)
        throw http::Error(404);
    return {*o, *a};
}

std::string roster_url(std::int64_t id)
{
    return "/gestion/reservations/" + std::to_string(id);
}

db::JournalChange agent_entry(app::Context& ctx, std::int64_t family_id, const std::string& action,
                              const std::string& object_type, std::int64_t object_id,
                              const std::string& detail)
{
    db::JournalChange c;
    c.actor_kind = "agent";
    c.actor_id = ctx.agent->id;
    c.family_id = family_id;
    c.action = action;
    c.object_type = object_type;
    c.object_id = object_id;
    c.detail = detail;
    return c;
}

} // namespace

http::Response bookings_day(app::Context& ctx)
{
    auto day = domain::paris_from_epoch(now_epoch()).date;
    if (const auto raw = ctx.req.query().get("jour")) {
        const auto d = http::parse_date(*raw);
        if (!d)
            throw http::Error(400,
                              "La date doit être au format AAAA-MM-JJ, par exemple 2026-12-03.");
        day = {d->year, d->month, d->day};
    }
    const auto monday = domain::add_days(day, 1 - domain::weekday(day));
    const auto sunday = domain::add_days(monday, 6);
    view::Page page("gestion/reservations.tpl", "Réservations du " + domain::format_date_fr(day));
    auto& d = page.dict();
    d.SetValue("DAY_LONG", domain::format_long_date_fr(day));
    d.SetValue("DAY", domain::iso_date(day));
    d.SetValue("PREV_URL",
               "/gestion/reservations?jour=" + domain::iso_date(domain::add_days(day, -1)));
    d.SetValue("NEXT_URL",
               "/gestion/reservations?jour=" + domain::iso_date(domain::add_days(day, 1)));
    const auto counts = db::day_counts(ctx.db(), ctx.commune.id, domain::iso_date(monday),
                                       domain::iso_date(sunday));
    bool any_today = false;
    for (const auto& c : counts)
        if (c.day == domain::iso_date(day)) {
            any_today = true;
            auto* row = d.AddSectionDictionary("OCCURRENCE");
            row->SetValue("ACTIVITY", c.activity);
            row->SetValue("URL", roster_url(c.occurrence_id));
            row->SetIntValue("BOOKED", c.booked);
            row->SetIntValue("CAPACITY", c.capacity);
            row->SetIntValue("WAITING", c.waiting);
            if (c.closed)
                row->ShowSection("CLOSED");
        }
    if (!any_today)
        d.ShowSection("NO_OCCURRENCE");
    // The week for the kitchen: one row per activity, one column per day.
    for (int i = 0; i < 7; ++i) {
        const auto dd = domain::add_days(monday, i);
        auto* h = d.AddSectionDictionary("WEEK_DAY");
        h->SetValue("LABEL",
                    std::string(domain::weekday_name_fr(i + 1)) + " " + std::to_string(dd.day));
    }
    std::map<std::string, std::map<std::string, int>> week;
    for (const auto& c : counts)
        if (!c.closed)
            week[c.activity][c.day] = c.booked;
    for (const auto& [activity, by_day] : week) {
        auto* row = d.AddSectionDictionary("WEEK_ROW");
        row->SetValue("ACTIVITY", activity);
        int total = 0;
        for (int i = 0; i < 7; ++i) {
            const auto key = domain::iso_date(domain::add_days(monday, i));
            const auto it = by_day.find(key);
            auto* cell = row->AddSectionDictionary("CELL");
            cell->SetValue("VALUE", it == by_day.end() ? "—" : std::to_string(it->second));
            total += it == by_day.end() ? 0 : it->second;
        }
        row->SetIntValue("TOTAL", total);
    }
    if (week.empty())
        d.ShowSection("NO_WEEK");
    return page.render(ctx.layout());
}

http::Response occurrence_roster(app::Context& ctx)
{
    const auto oc = occurrence_or_404(ctx);
    const bool health_ok = may_see_health(ctx);
    const auto rows = db::roster(ctx.db(), ctx.commune.id, oc.occurrence.id);
    const auto when = domain::format_long_date_fr(date_of(oc.occurrence.day));
    view::Page page("gestion/reservation.tpl", oc.activity.name + " — " + when);
    auto& d = page.dict();
    d.SetValue("ACTIVITY", oc.activity.name);
    d.SetValue("DAY_LONG", when);
    d.SetValue("DAY_URL", "/gestion/reservations?jour=" + oc.occurrence.day);
    d.SetValue("ACTION", roster_url(oc.occurrence.id));
    d.SetIntValue("BOOKED", oc.occurrence.booked);
    d.SetIntValue("CAPACITY", oc.occurrence.capacity);
    d.SetIntValue("WAITING", oc.occurrence.waiting);
    if (ctx.req.query().get("enregistre") == "1")
        d.ShowSection("SAVED");
    if (health_ok)
        d.ShowSection("HEALTH_COLUMNS");
    else
        d.ShowSection("HEALTH_HIDDEN");
    const auto locked = lock_refusal(ctx, oc.occurrence.day);
    if (!locked.empty())
        d.SetValueAndShowSection("LOCKED", locked, "IS_LOCKED");
    int position = 0;
    int expected = 0;
    for (const auto& r : rows) {
        const bool waiting = r.booking == "waiting";
        auto* row = d.AddSectionDictionary(waiting ? "WAITING_ROW" : "ROW");
        row->SetValue("NAME", r.last_name + " " + r.first_name);
        row->SetValue("FAMILY", r.family_name + " (n° " + std::to_string(r.family_number) + ")");
        row->SetValue("FAMILY_URL", "/gestion/familles/" + std::to_string(r.family_id));
        row->SetValue("CLASS", r.class_name);
        row->SetIntValue("CHILD_ID", r.child_id);
        if (waiting) {
            row->SetIntValue("POSITION", ++position);
            continue;
        }
        ++expected;
        if (r.without_booking)
            row->ShowSection("WITHOUT_BOOKING");
        row->SetValue("ATTENDANCE", attendance_label(r.attendance));
        for (const auto& [value, status] :
             {std::pair<const char*, const char*>{"present", "present"},
              {"absent", "absent"},
              {"excuse", "excused"}})
            if (r.attendance == status)
                row->ShowSection(std::string("CHECKED_") + value);
        if (health_ok) {
            auto* h = row->AddSectionDictionary("HEALTH");
            h->SetValue("ALLERGIES", !r.has_allergies ? "Non renseigné"
                                     : *r.has_allergies
                                         ? (r.allergies.empty() ? "Oui" : r.allergies)
                                         : "Aucune");
            h->SetValue("DIET", diet_label(r.diet));
            h->SetValue("PAI", r.pai && *r.pai ? "PAI" : "");
            if (r.has_allergies.value_or(false) || r.pai.value_or(false))
                h->ShowSection("ALERT");
        }
        if (!locked.empty())
            row->ShowSection("DISABLED");
    }
    d.SetIntValue("EXPECTED", expected);
    if (expected == 0)
        d.ShowSection("NO_CHILD");
    if (position > 0)
        d.ShowSection("HAS_WAITING");
    if (locked.empty()) {
        auto* add = d.AddSectionDictionary("CAN_ADD");
        add->SetValue("ACTION", roster_url(oc.occurrence.id) + "/ajout");
        for (const auto& c : db::commune_children(ctx.db(), ctx.commune.id)) {
            auto* o = add->AddSectionDictionary("CHILD_OPTION");
            o->SetIntValue("ID", c.id);
            o->SetValue("NAME", c.name);
        }
        d.ShowSection("CAN_SAVE");
    }
    if (health_ok && expected > 0) {
        auto entry = agent_entry(ctx, 0, "Consultation des données de santé", "occurrence",
                                 oc.occurrence.id, "Liste " + oc.activity.name + " du " + when);
        entry.sensitive = true;
        db::journal_change(ctx.db(), ctx.commune.id, entry);
    }
    return page.render(ctx.layout());
}

http::Response attendance_submit(app::Context& ctx)
{
    const auto oc = occurrence_or_404(ctx);
    if (const auto why = lock_refusal(ctx, oc.occurrence.day); !why.empty())
        throw http::Error(409, why);
    const auto rows = db::roster(ctx.db(), ctx.commune.id, oc.occurrence.id);
    db::Transaction tx(ctx.db());
    int marked = 0;
    for (const auto& r : rows) {
        if (r.booking == "waiting")
            continue;
        const auto value = ctx.req.form().get("presence-" + std::to_string(r.child_id));
        if (!value || value->empty())
            continue;
        const std::string status = *value == "present"  ? "present"
                                   : *value == "absent" ? "absent"
                                   : *value == "excuse" ? "excused"
                                                        : "";
        if (status.empty())
            throw http::Error(400, "La présence doit être « présent », « absent » ou « absence "
                                   "excusée ».");
        if (status == r.attendance)
            continue;
        db::mark_attendance(ctx.db(), ctx.commune.id, oc.occurrence.id, r.child_id, r.family_id,
                            status, r.without_booking, ctx.agent->id);
        ++marked;
    }
    if (marked > 0)
        db::journal_change(ctx.db(), ctx.commune.id,
                           agent_entry(ctx, 0, "Pointage", "occurrence", oc.occurrence.id,
                                       oc.activity.name + " du " +
                                           domain::format_date_fr(date_of(oc.occurrence.day)) +
                                           " : " + std::to_string(marked) + " enfant(s)"));
    tx.commit();
    return http::see_other(roster_url(oc.occurrence.id) + "?enregistre=1");
}

http::Response attendance_add(app::Context& ctx)
{
    const auto oc = occurrence_or_404(ctx);
    if (const auto why = lock_refusal(ctx, oc.occurrence.day); !why.empty())
        throw http::Error(409, why);
    const auto raw = ctx.req.form().get("enfant");
    const auto child_id = raw ? http::parse_id(*raw) : std::nullopt;
    if (!child_id)
        throw http::Error(400, "Choisissez l'enfant présent.");
    std::int64_t family_id = 0;
    for (const auto& c : db::commune_children(ctx.db(), ctx.commune.id))
        if (c.id == *child_id)
            family_id = c.family_id;
    if (family_id == 0)
        throw http::Error(404);
    for (const auto& r : db::roster(ctx.db(), ctx.commune.id, oc.occurrence.id))
        if (r.child_id == *child_id && r.booking == "booked")
            throw http::Error(409, "Cet enfant est déjà inscrit ce jour-là : pointez-le dans la "
                                   "liste.");
    db::Transaction tx(ctx.db());
    db::mark_attendance(ctx.db(), ctx.commune.id, oc.occurrence.id, *child_id, family_id, "present",
                        true, ctx.agent->id);
    db::journal_change(ctx.db(), ctx.commune.id,
                       agent_entry(ctx, family_id, "Présence sans réservation", "occurrence",
                                   oc.occurrence.id,
                                   oc.activity.name + " du " +
                                       domain::format_date_fr(date_of(oc.occurrence.day))));
    tx.commit();
    return http::see_other(roster_url(oc.occurrence.id) + "?enregistre=1");
}

http::Response long_requests_queue(app::Context& ctx)
{
    view::Page page("gestion/demandes_longues.tpl", "Demandes sur une longue période");
    auto& d = page.dict();
    if (ctx.req.query().get("traite") == "1")
        d.ShowSection("DONE");
    const auto requests = db::pending_long_requests(ctx.db(), ctx.commune.id);
    if (requests.empty())
        d.ShowSection("NO_REQUEST");
    for (const auto& r : requests) {
        auto* row = d.AddSectionDictionary("REQUEST");
        row->SetIntValue("ID", r.id);
        row->SetValue("CHILD", r.child_name);
        row->SetValue("FAMILY", r.family_name);
        row->SetValue("FAMILY_URL", "/gestion/familles/" + std::to_string(r.family_id));
        row->SetValue("ACTIVITY", r.activity_name);
        row->SetValue("PERIOD", web::date_fr(r.first_day) + " au " + web::date_fr(r.last_day));
        int requested = 0;
        for (const auto& day : r.days)
            requested += day.outcome == "requested" ? 1 : 0;
        row->SetIntValue("DAYS", requested);
        row->SetValue("ACTION", "/gestion/demandes-longues/" + std::to_string(r.id));
    }
    return page.render(ctx.layout());
}

http::Response long_request_decide(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    const auto decision = ctx.req.form().get("decision").value_or("");
    if (decision != "accepter" && decision != "refuser")
        throw http::Error(400, "Choisissez « Accepter » ou « Refuser ».");
    const auto comment = web::multiline_field(ctx.req.form(), "commentaire", 4000, false);
    if (!comment.ok())
        throw http::Error(400, "Le commentaire est trop long ou contient des caractères non "
                               "autorisés.");
    const bool accepted = decision == "accepter";
    if (!accepted && comment.value.empty())
        throw http::Error(400, "Indiquez à la famille la raison du refus dans le commentaire.");
    const auto request = db::load_long_request(ctx.db(), ctx.commune.id, std::nullopt, id);
    if (!request)
        throw http::Error(404);
    if (request->status != "pending")
        throw http::Error(409, "Cette demande a déjà été traitée.");
    const auto family = db::load_family(ctx.db(), ctx.commune.id, request->family_id);
    if (!family)
        throw http::Error(404);
    const db::Member* child = nullptr;
    for (const auto& m : family->members)
        if (m.id == request->child_id)
            child = &m;
    if (!child)
        throw http::Error(409, "Cet enfant n'est plus dans le dossier de la famille.");
    {
        // Claims the request first, so that two agents cannot apply it twice.
        db::Transaction tx(ctx.db());
        if (!db::decide_long_request(ctx.db(), ctx.commune.id, id, accepted ? "done" : "refused",
                                     comment.value, ctx.agent->id))
            throw http::Error(409, "Cette demande a déjà été traitée.");
        if (!accepted)
            booking::refuse_days(ctx.db(), *request, "Refusé par la mairie : " + comment.value,
                                 {"agent", ctx.agent->id});
        db::journal_change(
            ctx.db(), ctx.commune.id,
            agent_entry(ctx, family->id,
                        accepted ? "Demande longue acceptée" : "Demande longue refusée",
                        "long_request", id, request->activity_name + " — " + request->child_name));
        tx.commit();
    }
    if (accepted) {
        // The rules are judged as when the family asked: its request was on time.
        std::vector<db::Occurrence> days;
        for (const auto& day : request->days)
            if (day.outcome == "requested") {
                db::Occurrence o;
                o.id = day.occurrence_id;
                o.day = day.day;
                days.push_back(o);
            }
        booking::Prerequisites none;
        const auto asked = domain::parse_sql_datetime(request->created_at);
        booking::apply_days(ctx.db(), ctx.commune.id, id, web::booking_child(ctx, *family, *child),
                            days, none, {"agent", ctx.agent->id},
                            asked ? domain::utc_epoch(*asked) : now_epoch());
    }
    // The family hears of the decision, day by day (the first mail promised it).
    if (const auto decided = db::load_long_request(ctx.db(), ctx.commune.id, std::nullopt, id)) {
        db::Transaction tx(ctx.db());
        web::mail_long_request(ctx, *family, *decided);
        tx.commit();
    }
    return http::see_other("/gestion/demandes-longues?traite=1");
}

} // namespace backoffice
