#include "web/planning.h"

#include "app/commune_data.h"
#include "app/family_data.h"
#include "app/planning_data.h"
#include "booking/booking.h"
#include "db/activities.h"
#include "db/bookings.h"
#include "db/families.h"
#include "db/family_file.h"
#include "domain/identity.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "view/html.h"
#include "view/static_version.h"
#include "web/account_mail.h"
#include "web/booking_context.h"
#include "web/member_file.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <unordered_map>

namespace web
{

namespace
{

std::int64_t now_epoch()
{
    return static_cast<std::int64_t>(std::time(nullptr));
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
    // The activity from the worker's copy (app/commune_data.h), as fresh as the session read.
    const auto commune = app::commune_data(ctx);
    const auto activity =
        std::find_if(commune->activities.begin(), commune->activities.end(),
                     [&](const db::Activity& a) { return a.id == occurrence->activity_id; });
    if (activity == commune->activities.end() || !activity->active)
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

namespace
{

// The calendar's rows (<tr>…</tr> for each week), written straight into one string: a
// ctemplate dictionary per week, day, occurrence and button cost more than all the rest of the
// page. The markup is the one the template had (tests/browser, tests/integration and
// static/js/planning.js read it); escaping as ctemplate's auto-escape does (view/html.h).
class Calendar
{
public:
    explicit Calendar(const db::Member& child) : child_(child) { out_.reserve(32 * 1024); }

    void week_start() { out_ += "<tr>\n"; }
    void week_end() { out_ += "</tr>\n"; }
    void outside_day() { out_ += "<td class=\"planning__day planning__day--outside\"></td>\n"; }

    // Opens a day's cell; `empty` when it lists no occurrence.
    void day_start(domain::Date day, bool today, bool empty)
    {
        day_long_ = domain::format_long_date_fr(day);
        out_ += "<td class=\"planning__day";
        if (today)
            out_ += " planning__day--today";
        if (empty)
            out_ += " planning__day--empty";
        out_ += "\" id=\"jour-";
        out_ += domain::iso_date(day);
        out_ += '"';
        if (today)
            out_ += " aria-current=\"date\"";
        out_ += ">\n<span class=\"planning__date\"><span class=\"planning__weekday\">";
        out_ += domain::weekday_name_fr(domain::weekday(day));
        out_ += " </span>";
        view::append_int(out_, day.day);
        out_ += "<span class=\"visually-hidden\"> — ";
        view::append_escaped(out_, day_long_);
        out_ += "</span>";
        if (today)
            out_ += " <span class=\"planning__today\">aujourd'hui</span>";
        out_ += "</span>\n";
    }
    void day_end() { out_ += "</td>\n"; }

    // One occurrence of the day: its state, its note, and the forms the parent may post.
    void item(const db::Activity& activity, std::int64_t occurrence_id, const booking::Cell& cell)
    {
        const char* state = booking::cell_class(cell.state);
        out_ += "<div class=\"slot slot--";
        out_ += state;
        out_ += "\" id=\"o-";
        view::append_int(out_, occurrence_id);
        out_ += "\" tabindex=\"-1\">\n<span class=\"slot__name\">";
        view::append_escaped(out_, activity.name);
        // The icon takes its colour from the slot's class (static/css/portail.css).
        out_ += "</span>\n<span class=\"slot__state\"><svg class=\"state-icon\" "
                "aria-hidden=\"true\" width=\"20\" height=\"20\"><use "
                "href=\"/static/icons/etats.svg?v=";
        view::append_escaped(out_, view::static_version());
        out_ += "#etat-";
        out_ += state;
        out_ += "\"/></svg>";
        view::append_escaped(out_, booking::cell_label(cell.state));
        out_ += "</span>\n";
        if (!cell.note.empty()) {
            out_ += "<span class=\"slot__note\">";
            view::append_escaped(out_, cell.note);
            out_ += "</span>\n";
        }
        // "Restauration scolaire le jeudi 3 décembre 2026 pour Léa", escaped once.
        what_.clear();
        view::append_escaped(what_, activity.name);
        what_ += " le ";
        view::append_escaped(what_, day_long_);
        what_ += " pour ";
        view::append_escaped(what_, child_.first_name);
        if (cell.can_confirm) {
            button(occurrence_id, accept_step, "Accepter",
                   "Accepter la place proposée : ", nullptr);
            button(occurrence_id, decline_step, "Refuser", "Refuser la place proposée : ", nullptr);
        } else if (cell.can_book) {
            if (cell.state == booking::CellState::Full)
                button(occurrence_id, book_step, "Liste d&#39;attente",
                       "S&#39;inscrire sur la liste d&#39;attente : ",
                       "Cette journée est complète : votre enfant sera inscrit sur la liste "
                       "d&#39;attente.");
            else
                button(occurrence_id, book_step, "Réserver", "Réserver ", nullptr);
        } else if (cell.can_cancel) {
            button(occurrence_id, cancel_step, "Annuler", "Annuler ", nullptr);
        }
        out_ += "</div>\n";
    }

    std::string take() { return std::move(out_); }

private:
    // A button of the cell, in the calendar's one form (templates/famille/planning.tpl: the
    // csrf and child fields once for the month, not once per button: a fifth of its weight).
    // It posts its occurrence to the form's route, booking, or to its own (formaction). The
    // texts given here are already HTML. static/js/planning.js asks the button's question in
    // its dialog: "<aria-label> ?" (for the waiting list, "Réserver <what> ?" with the
    // warning), the question the server's confirmation page asks too, and its "Oui" button
    // says data-oui, else "Oui, annuler" or "Oui, réserver" by the route: data-oui is written
    // only where it says something else.
    void button(std::int64_t occurrence_id, const Step& step, const char* text, const char* label,
                const char* warning)
    {
        out_ += "<button name=\"occurrence\" value=\"";
        view::append_int(out_, occurrence_id);
        out_ += "\" class=\"button button--small slot__action\"";
        if (&step == &cancel_step || &step == &decline_step) {
            out_ += " formaction=\"";
            out_ += step.action;
            out_ += '"';
        }
        if (warning) {
            out_ += " data-avertissement=\"";
            out_ += warning;
            out_ += '"';
        }
        if (&step == &accept_step || &step == &decline_step) {
            out_ += " data-oui=\"";
            view::append_escaped(out_, step.confirm_label);
            out_ += '"';
        }
        out_ += " aria-label=\"";
        out_ += label;
        out_ += what_;
        out_ += "\">";
        out_ += text;
        out_ += "</button>\n";
    }

    std::string out_;
    const db::Member& child_;
    std::string day_long_; // "jeudi 3 décembre 2026", of the day being written
    std::string what_;     // escaped
};

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
    const auto layout = ctx.layout();
    d.SetValue("CSRF", layout.csrf);
    if (children.empty()) {
        d.ShowSection("NO_CHILD");
        return page.render(layout);
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

    // The active activities, from the worker's copy (app/commune_data.h).
    const auto commune = app::commune_data(ctx);
    // Each active activity with its rank by name (the list comes by name, in the database's
    // collation): a day lists its activities in that order.
    std::unordered_map<std::int64_t, std::pair<const db::Activity*, std::size_t>> by_id;
    for (std::size_t i = 0; i < commune->activities.size(); ++i)
        if (commune->activities[i].active)
            by_id.emplace(commune->activities[i].id, std::pair{&commune->activities[i], i});
    // In day order, as the calendar is written; those of inactive activities are skipped.
    const auto entries = app::child_month(ctx, child->id, first, last);
    const auto kid = booking_child(ctx, family, *child);
    const auto pre = booking_prerequisites(ctx, family, child->id);
    const auto now = now_epoch();

    // Weeks as rows, Monday..Sunday; days of the neighbouring months are empty cells.
    Calendar calendar(*child);
    struct Shown {
        const db::Activity* activity;
        std::size_t rank;
        const db::PlanningEntry* entry;
        booking::Cell cell;
    };
    std::vector<Shown> shown;
    std::size_t next_entry = 0;
    auto day = domain::add_days(first, 1 - domain::weekday(first));
    while (day <= last) {
        calendar.week_start();
        for (int i = 0; i < 7; ++i, day = domain::add_days(day, 1)) {
            if (day < first || day > last) {
                calendar.outside_day();
                continue;
            }
            const auto key = domain::iso_date(day);
            while (next_entry < entries.size() && entries[next_entry].day < key)
                ++next_entry;
            // The day's occurrences the child may attend, or has a booking of.
            bool any = false;
            shown.clear();
            for (; next_entry < entries.size() && entries[next_entry].day == key; ++next_entry) {
                const auto& e = entries[next_entry];
                const auto a = by_id.find(e.activity_id);
                if (a == by_id.end())
                    continue; // an inactive activity
                any = true;
                auto state = booking::cell_state(*a->second.first, e, kid, pre, now);
                if (state.state == booking::CellState::NotEligible && !e.status)
                    continue; // activities the child cannot attend are not listed
                shown.push_back({a->second.first, a->second.second, &e, std::move(state)});
            }
            std::stable_sort(shown.begin(), shown.end(),
                             [](const Shown& x, const Shown& y) { return x.rank < y.rank; });
            calendar.day_start(day, day == today, !any);
            for (const auto& s : shown)
                calendar.item(*s.activity, s.entry->occurrence_id, s.cell);
            calendar.day_end();
        }
        calendar.week_end();
    }
    // Not copied into the dictionary: it outlives the expansion.
    const auto rows = calendar.take();
    d.SetValueWithoutCopy("CALENDAR", rows);
    return page.render(layout);
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
    const auto result = booking::book(ctx.db(), ctx.commune.id, kid, t.occurrence, t.activity, pre,
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
