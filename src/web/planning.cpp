#include "web/planning.h"

#include "app/commune_data.h"
#include "app/family_data.h"
#include "booking/booking.h"
#include "db/activities.h"
#include "db/bookings.h"
#include "db/families.h"
#include "db/family_file.h"
#include "domain/identity.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "web/account_mail.h"
#include "web/booking_context.h"
#include "web/member_file.h"

#include <ctime>
#include <map>

namespace web
{

namespace
{

std::int64_t now_epoch()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::string iso(domain::Date d)
{
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
    return text;
}

std::string month_param(int year, int month)
{
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
    return text;
}

domain::Date date_of(const std::string& iso_text)
{
    const auto d = http::parse_date(iso_text);
    return d ? domain::Date{d->year, d->month, d->day} : domain::Date{};
}

// From memory while the family file does not change (app/family_data.h).
db::Family my_family(app::Context& ctx)
{
    return app::family_data(ctx)->family;
}

const db::Member& my_child(const db::Family& family, std::int64_t id)
{
    for (const auto& m : family.members)
        if (m.id == id && m.role == db::MemberRole::Child)
            return m;
    throw http::Error(404);
}

std::int64_t form_id(app::Context& ctx, const char* name)
{
    const auto raw = ctx.req.form().get(name);
    if (!raw)
        throw http::Error(400, std::string("Le champ « ") + name + " » manque.");
    const auto id = http::parse_id(*raw);
    if (!id)
        throw http::Error(400, std::string("Le champ « ") + name + " » n'est pas valide.");
    return *id;
}

std::string planning_url(std::int64_t child_id, const std::string& day)
{
    return "/famille/planning?enfant=" + std::to_string(child_id) + "&mois=" + day.substr(0, 7);
}

struct Target {
    db::Family family;
    db::Member child; // a copy: the family may move
    std::int64_t occurrence_id = 0;
    db::Occurrence occurrence;
    db::Activity activity;
};

Target target_of(app::Context& ctx)
{
    Target t;
    t.family = my_family(ctx);
    t.child = my_child(t.family, form_id(ctx, "enfant"));
    t.occurrence_id = form_id(ctx, "occurrence");
    const auto occurrence = db::load_occurrence(ctx.db(), ctx.commune.id, t.occurrence_id);
    if (!occurrence)
        throw http::Error(404);
    const auto activity = db::load_activity(ctx.db(), ctx.commune.id, occurrence->activity_id);
    if (!activity || !activity->active)
        throw http::Error(404);
    t.occurrence = *occurrence;
    t.activity = *activity;
    return t;
}

// What a form of the month view does, in the parent's words.
struct Step {
    const char* verb;          // "Réserver"
    const char* action;        // the form's route
    const char* confirm_label; // "Oui, réserver"
    const char* title;
};
const Step book_step{"Réserver", "/famille/reservations", "Oui, réserver",
                     "Confirmer la réservation"};
const Step cancel_step{"Annuler", "/famille/reservations/annuler", "Oui, annuler",
                       "Confirmer l'annulation"};
const Step accept_step{"Accepter la place proposée :", "/famille/reservations",
                       "Oui, accepter la place", "Accepter la place proposée"};
const Step decline_step{"Refuser la place proposée :", "/famille/reservations/annuler",
                        "Oui, refuser la place", "Refuser la place proposée"};

http::Response confirmation(app::Context& ctx, const Target& t, const Step& step,
                            const std::string& warning)
{
    const auto when = domain::format_long_date_fr(date_of(t.occurrence.day));
    const auto question = std::string(step.verb) + " " + t.activity.name + " le " + when +
                          " pour " + t.child.first_name + " ?";
    view::Page page("famille/confirmation.tpl", step.title);
    auto& d = page.dict();
    d.SetValue("QUESTION", question);
    d.SetValue("ACTION", step.action);
    d.SetIntValue("CHILD_ID", t.child.id);
    d.SetIntValue("OCCURRENCE_ID", t.occurrence_id);
    d.SetValue("CONFIRM_LABEL", step.confirm_label);
    d.SetValue("BACK_URL", planning_url(t.child.id, t.occurrence.day));
    if (!warning.empty())
        d.SetValueAndShowSection("WARNING", warning, "HAS_WARNING");
    return page.render(ctx.layout());
}

} // namespace

http::Response planning_page(app::Context& ctx)
{
    const auto family = my_family(ctx);
    std::vector<const db::Member*> children;
    for (const auto& m : family.members)
        if (m.role == db::MemberRole::Child)
            children.push_back(&m);
    view::Page page("famille/planning.tpl", "Planning des activités");
    auto& d = page.dict();
    if (children.empty()) {
        d.ShowSection("NO_CHILD");
        return page.render(ctx.layout());
    }
    const auto& q = ctx.req.query();
    const db::Member* child = children.front();
    if (const auto raw = q.get("enfant")) {
        const auto id = http::parse_id(*raw);
        if (!id)
            throw http::Error(400, "Le paramètre « enfant » n'est pas valide.");
        child = &my_child(family, *id);
    }
    const auto today = domain::paris_from_epoch(now_epoch()).date;
    int year = today.year;
    int month = today.month;
    if (const auto raw = q.get("mois")) {
        const auto ym = http::parse_year_month(*raw);
        if (!ym)
            throw http::Error(400, "Le mois doit être au format AAAA-MM, par exemple 2026-12.");
        year = ym->year;
        month = ym->month;
    }
    const domain::Date first{year, month, 1};
    const domain::Date last{year, month, domain::days_in_month(year, month)};

    for (const auto* c : children) {
        auto* tab = d.AddSectionDictionary("CHILD_TAB");
        tab->SetValue("TAB_NAME", c->first_name);
        tab->SetValue("TAB_URL", "/famille/planning?enfant=" + std::to_string(c->id) +
                                     "&mois=" + month_param(year, month));
        if (c == child)
            tab->ShowSection("TAB_CURRENT");
    }
    d.SetValue("CHILD_NAME", child->first_name);
    d.SetIntValue("CHILD_ID", child->id);
    d.SetValue("MONTH_TITLE",
               std::string(domain::month_name_fr(month)) + " " + std::to_string(year));
    const auto prev = month == 1 ? month_param(year - 1, 12) : month_param(year, month - 1);
    const auto next = month == 12 ? month_param(year + 1, 1) : month_param(year, month + 1);
    const auto child_q = "/famille/planning?enfant=" + std::to_string(child->id) + "&mois=";
    d.SetValue("PREV_URL", child_q + prev);
    d.SetValue("NEXT_URL", child_q + next);
    d.SetValue("PREV_LABEL", std::string(domain::month_name_fr(month == 1 ? 12 : month - 1)));
    d.SetValue("NEXT_LABEL", std::string(domain::month_name_fr(month == 12 ? 1 : month + 1)));

    // The result of the action just done, shown once above the calendar.
    if (const auto done = q.get("resultat")) {
        static const std::map<std::string, std::string> messages = {
            {"reserve", "Réservation enregistrée."},
            {"attente", "Complet : votre enfant est inscrit sur la liste d'attente. Vous "
                        "recevrez un email si une place se libère."},
            {"annule", "Annulation enregistrée."},
            {"annule-tard", "Annulation enregistrée. Le délai d'annulation était dépassé : ce "
                            "jour reste facturé, sauf si un enfant de la liste d'attente prend "
                            "la place."},
            {"deja", "Cette réservation était déjà enregistrée."},
            {"demande", "Votre demande est enregistrée : les places seront attribuées après la "
                        "clôture des inscriptions, selon les règles de priorité publiées puis "
                        "par tirage au sort. Vous recevrez le résultat par email."}};
        if (const auto it = messages.find(std::string(*done)); it != messages.end())
            d.SetValueAndShowSection("RESULT", it->second, "HAS_RESULT");
    }

    const auto commune = app::commune_data(ctx);
    const auto activities = app::active_activities(*commune);
    std::map<std::int64_t, const db::Activity*> by_id;
    for (const auto& a : activities)
        by_id[a.id] = &a;
    const auto entries =
        db::child_planning(ctx.db(), ctx.commune.id, child->id, iso(first), iso(last));
    std::map<std::string, std::vector<const db::PlanningEntry*>> by_day;
    for (const auto& e : entries)
        by_day[e.day].push_back(&e);
    const auto kid = booking_child(ctx, family, *child);
    const auto pre = booking_prerequisites(ctx, family, child->id);
    const auto now = now_epoch();

    // Weeks as rows, Monday..Sunday; days of the neighbouring months are empty cells.
    auto day = domain::add_days(first, 1 - domain::weekday(first));
    while (day <= last) {
        auto* week = d.AddSectionDictionary("WEEK");
        for (int i = 0; i < 7; ++i, day = domain::add_days(day, 1)) {
            auto* cell = week->AddSectionDictionary("DAY");
            if (day < first || day > last) {
                cell->ShowSection("OUTSIDE");
                continue;
            }
            auto* in = cell->AddSectionDictionary("INSIDE");
            in->SetIntValue("DAY_NUMBER", day.day);
            in->SetValue("DAY_ID", "jour-" + iso(day));
            in->SetValue("DAY_LONG", domain::format_long_date_fr(day));
            in->SetValue("DAY_SHORT", std::string(domain::weekday_name_fr(domain::weekday(day))));
            if (day == today)
                in->ShowSection("TODAY");
            const auto found = by_day.find(iso(day));
            if (found == by_day.end()) {
                in->ShowSection("NOTHING");
                continue;
            }
            for (const auto* e : found->second) {
                const auto a = by_id.find(e->activity_id);
                if (a == by_id.end())
                    continue;
                const auto state = booking::cell_state(*a->second, *e, kid, pre, now);
                if (state.state == booking::CellState::NotEligible && !e->status)
                    continue; // activities the child cannot attend are not listed
                auto* item = in->AddSectionDictionary("ITEM");
                item->SetValue("ITEM_ID", "o-" + std::to_string(e->occurrence_id));
                item->SetValue("ACTIVITY", a->second->name);
                item->SetValue("STATE_LABEL", booking::cell_label(state.state));
                item->SetValue("STATE_CLASS", booking::cell_class(state.state));
                if (!state.note.empty())
                    item->SetValueAndShowSection("NOTE", state.note, "HAS_NOTE");
                const auto what = a->second->name + " le " + domain::format_long_date_fr(day) +
                                  " pour " + child->first_name;
                const auto add_form = [&](const Step& step, const std::string& button,
                                          const std::string& label, const std::string& warning) {
                    auto* form = item->AddSectionDictionary("ACTION");
                    form->SetValue("FORM_ACTION", step.action);
                    form->SetValue("YES", step.confirm_label);
                    form->SetValue("BUTTON", button);
                    form->SetValue("BUTTON_LABEL", label + what);
                    form->SetValueAndShowSection(
                        "QUESTION", std::string(step.verb) + " " + what + " ?", "HAS_QUESTION");
                    if (!warning.empty())
                        form->SetValueAndShowSection("WARNING", warning, "HAS_WARNING");
                    form->SetIntValue("CHILD_ID", child->id);
                    form->SetIntValue("OCCURRENCE_ID", e->occurrence_id);
                    form->SetValue("CSRF", ctx.csrf());
                };
                if (state.can_confirm) {
                    add_form(accept_step, "Accepter", "Accepter la place proposée : ", "");
                    add_form(decline_step, "Refuser", "Refuser la place proposée : ", "");
                } else if (state.can_book) {
                    const bool queue = state.state == booking::CellState::Full;
                    add_form(book_step, queue ? "Liste d'attente" : "Réserver",
                             queue ? "S'inscrire sur la liste d'attente : " : "Réserver ",
                             queue ? "Cette journée est complète : votre enfant sera inscrit sur "
                                     "la liste d'attente."
                                   : "");
                } else if (state.can_cancel) {
                    add_form(cancel_step, "Annuler", "Annuler ", "");
                }
            }
        }
    }
    return page.render(ctx.layout());
}

http::Response booking_submit(app::Context& ctx)
{
    const auto t = target_of(ctx);
    const auto kid = booking_child(ctx, t.family, t.child);
    const auto pre = booking_prerequisites(ctx, t.family, t.child.id);
    const auto now = now_epoch();
    if (ctx.req.form().get("confirme") != "1") {
        if (db::booking_status(ctx.db(), t.occurrence_id, t.child.id) == db::BookingStatus::Offered)
            return confirmation(ctx, t, accept_step, "");
        if (const auto why =
                booking::refusal(t.activity, t.occurrence.day, t.occurrence.closed, kid, pre, now);
            !why.empty())
            throw http::Error(409, why);
        if (const auto full = booking::capacity_refusal(t.activity, t.occurrence.capacity,
                                                        t.occurrence.booked, t.occurrence.waiting);
            !full.empty())
            throw http::Error(409, full);
        std::string warning;
        if (t.occurrence.booked >= t.occurrence.capacity)
            warning = "Cette journée est complète : votre enfant sera inscrit sur la liste "
                      "d'attente.";
        return confirmation(ctx, t, book_step, warning);
    }
    const auto result = booking::book(ctx.db(), ctx.commune.id, kid, t.occurrence_id, pre,
                                      {"parent", ctx.parent->id}, now);
    if (!result)
        throw http::Error(404);
    const auto back = planning_url(t.child.id, t.occurrence.day);
    const auto anchor = "#o-" + std::to_string(t.occurrence_id);
    switch (result->outcome) {
    case booking::Outcome::Booked:
        return http::see_other(back + "&resultat=reserve" + anchor);
    case booking::Outcome::Waiting:
        return http::see_other(back + "&resultat=attente" + anchor);
    case booking::Outcome::Requested:
        return http::see_other(back + "&resultat=demande" + anchor);
    case booking::Outcome::AlreadyBooked:
    case booking::Outcome::AlreadyWaiting:
        return http::see_other(back + "&resultat=deja" + anchor);
    case booking::Outcome::Cancelled:
    case booking::Outcome::Refused:
        break;
    }
    throw http::Error(409, result->message);
}

http::Response booking_cancel(app::Context& ctx)
{
    const auto t = target_of(ctx);
    const auto kid = booking_child(ctx, t.family, t.child);
    const auto now = now_epoch();
    if (ctx.req.form().get("confirme") != "1") {
        // Nothing to cancel is refused now rather than after the confirmation; a booking past
        // the cancellation deadline may still be cancelled, but the parent is told first.
        const auto status = db::booking_status(ctx.db(), t.occurrence_id, t.child.id);
        if (status == db::BookingStatus::Offered)
            return confirmation(ctx, t, decline_step, "");
        if (status != db::BookingStatus::Booked && status != db::BookingStatus::Waiting)
            throw http::Error(
                409, t.child.first_name + " n'a pas de réservation pour " + t.activity.name +
                         " le " + domain::format_long_date_fr(date_of(t.occurrence.day)) + ".");
        std::string warning;
        if (status == db::BookingStatus::Booked) {
            warning = booking::late_cancellation(t.activity, t.occurrence.day, now);
            if (!warning.empty())
                warning += " Vous pouvez tout de même annuler : ce jour restera facturé, sauf si "
                           "un enfant de la liste d'attente prend la place.";
        }
        return confirmation(ctx, t, cancel_step, warning);
    }
    const auto result =
        booking::cancel(ctx.db(), ctx.commune.id, kid, t.occurrence_id, {"parent", ctx.parent->id},
                        now, [&](const booking::Promotion& promoted) {
                            tell_promoted(ctx, promoted, t.activity, t.occurrence.day);
                        });
    if (!result)
        throw http::Error(404);
    if (result->outcome != booking::Outcome::Cancelled)
        throw http::Error(409, result->message);
    const auto back = planning_url(t.child.id, t.occurrence.day);
    return http::see_other(back +
                           (result->late && (!result->promoted || result->promoted->confirm_before)
                                ? "&resultat=annule-tard"
                                : "&resultat=annule") +
                           "#o-" + std::to_string(t.occurrence_id));
}

} // namespace web
