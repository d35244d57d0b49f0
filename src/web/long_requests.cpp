#include "web/long_requests.h"

#include "app/commune_data.h"
#include "booking/long_period.h"
#include "db/activities.h"
#include "db/families.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "mail/outbox.h"
#include "web/booking_context.h"
#include "web/fields.h"

#include <ctime>

namespace web
{

namespace
{

constexpr int max_period_days = 366;

std::int64_t now_epoch()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::optional<domain::Date> date_of(const std::string& iso)
{
    const auto d = http::parse_date(iso);
    if (!d)
        return std::nullopt;
    return domain::Date{d->year, d->month, d->day};
}

std::string long_date(const std::string& iso)
{
    const auto d = date_of(iso);
    return d ? domain::format_long_date_fr(*d) : iso;
}

std::string paris_date_time(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    return t ? domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t))) : "";
}

const char* outcome_label(const std::string& outcome)
{
    if (outcome == "booked")
        return "Réservé";
    if (outcome == "waiting")
        return "Liste d'attente";
    if (outcome == "requested")
        return "Demandé (en attente de la mairie)";
    return "Refusé";
}

const char* status_label(const std::string& status)
{
    if (status == "pending")
        return "En attente de la décision de la mairie";
    if (status == "refused")
        return "Refusée par la mairie";
    return "Traitée";
}

// "lundi, mardi, jeudi" for "1101000".
std::string weekdays_text(const std::string& mask)
{
    std::string out;
    for (int i = 0; i < 7 && i < static_cast<int>(mask.size()); ++i)
        if (mask[static_cast<std::size_t>(i)] == '1')
            out += (out.empty() ? "" : ", ") + std::string(domain::weekday_name_fr(i + 1));
    return out;
}

db::Family my_family(app::Context& ctx)
{
    auto family = db::load_family(ctx.db(), ctx.commune.id, ctx.family_id());
    if (!family)
        throw http::Error(404);
    return std::move(*family);
}

struct Submitted {
    FormData form;
    std::string weekdays = "0000000";
};

http::Response render_form(app::Context& ctx, const db::Family& family, const Submitted* failed,
                           int status)
{
    view::Page page("famille/demandes.tpl", "Réservation sur une longue période");
    auto& d = page.dict();
    const auto& form = failed ? failed->form : FormData{};
    if (failed && !failed->form.ok()) {
        auto* errors = d.AddSectionDictionary("FORM_ERRORS");
        for (const auto& [field, message] : failed->form.errors) {
            auto* link = errors->AddSectionDictionary("ERROR_LINK");
            link->SetValue("LINK_TARGET", "#demande-" + field);
            link->SetValue("LINK_TEXT", message);
        }
    }
    const auto error_of = [&](const char* field, const char* section) {
        if (const auto it = form.errors.find(field); it != form.errors.end())
            d.SetValueAndShowSection(std::string(section) + "_TEXT", it->second,
                                     std::string(section));
    };
    error_of("enfant", "CHILD_ERROR");
    error_of("activite", "ACTIVITY_ERROR");
    error_of("debut", "FIRST_ERROR");
    error_of("fin", "LAST_ERROR");
    error_of("jours", "DAYS_ERROR");
    for (const auto& m : family.members) {
        if (m.role != db::MemberRole::Child)
            continue;
        auto* o = d.AddSectionDictionary("CHILD_OPTION");
        o->SetIntValue("ID", m.id);
        o->SetValue("NAME", m.first_name + " " + m.last_name);
        if (form.get("enfant") == std::to_string(m.id))
            o->ShowSection("SELECTED");
    }
    for (const auto& a : app::active_activities(*app::commune_data(ctx))) {
        auto* o = d.AddSectionDictionary("ACTIVITY_OPTION");
        o->SetIntValue("ID", a.id);
        o->SetValue("NAME", a.name);
        if (form.get("activite") == std::to_string(a.id))
            o->ShowSection("SELECTED");
    }
    d.SetValue("FIRST", form.get("debut"));
    d.SetValue("LAST", form.get("fin"));
    const std::string weekdays = failed ? failed->weekdays : "1101100";
    for (int i = 0; i < 7; ++i) {
        auto* day = d.AddSectionDictionary("WEEKDAY");
        day->SetIntValue("VALUE", i + 1);
        day->SetValue("LABEL", std::string(domain::weekday_name_fr(i + 1)));
        if (weekdays[static_cast<std::size_t>(i)] == '1')
            day->ShowSection("CHECKED");
    }
    const auto requests = db::family_long_requests(ctx.db(), ctx.commune.id, family.id);
    if (requests.empty())
        d.ShowSection("NO_REQUEST");
    for (const auto& r : requests) {
        auto* row = d.AddSectionDictionary("REQUEST");
        row->SetValue("URL", "/famille/demandes/" + std::to_string(r.id));
        row->SetValue("CHILD", r.child_name);
        row->SetValue("ACTIVITY", r.activity_name);
        row->SetValue("PERIOD", date_fr(r.first_day) + " au " + date_fr(r.last_day));
        row->SetValue("STATUS", status_label(r.status));
        row->SetValue("CREATED", paris_date_time(r.created_at));
    }
    return page.render(ctx.layout(), status);
}

// Reads and checks the form; the weekday mask from the repeated `jours` (1..7).
Submitted read_request(app::Context& ctx)
{
    Submitted s;
    const auto& f = ctx.req.form();
    for (const char* name : {"enfant", "activite", "debut", "fin"})
        s.form.values[name] = std::string(f.get(name).value_or(""));
    if (!http::parse_id(s.form.get("enfant")))
        s.form.errors["enfant"] = "Choisissez l'enfant.";
    if (!http::parse_id(s.form.get("activite")))
        s.form.errors["activite"] = "Choisissez l'activité.";
    const auto first = date_of(s.form.get("debut"));
    const auto last = date_of(s.form.get("fin"));
    if (!first)
        s.form.errors["debut"] = "Le premier jour doit être une date réelle au format AAAA-MM-JJ.";
    if (!last)
        s.form.errors["fin"] = "Le dernier jour doit être une date réelle au format AAAA-MM-JJ.";
    if (first && last) {
        const auto span = domain::days_from_civil(*last) - domain::days_from_civil(*first);
        if (span < 0)
            s.form.errors["fin"] = "Le dernier jour doit être après le premier.";
        else if (span >= max_period_days)
            s.form.errors["fin"] = "La période ne peut pas dépasser un an.";
        const auto today = domain::paris_from_epoch(now_epoch()).date;
        if (!s.form.errors.count("fin") && *last < today)
            s.form.errors["fin"] = "La période est passée.";
    }
    bool any = false;
    for (const auto day : f.all("jours")) {
        const auto n = http::parse_int(day);
        if (!n || *n < 1 || *n > 7) {
            s.form.errors["jours"] = "Les jours de la semaine vont de 1 (lundi) à 7 (dimanche).";
            break;
        }
        s.weekdays[static_cast<std::size_t>(*n - 1)] = '1';
        any = true;
    }
    if (!any && !s.form.errors.count("jours"))
        s.form.errors["jours"] = "Cochez au moins un jour de la semaine.";
    return s;
}

} // namespace

http::Response long_requests_page(app::Context& ctx)
{
    return render_form(ctx, my_family(ctx), nullptr, 200);
}

http::Response long_request_submit(app::Context& ctx)
{
    const auto family = my_family(ctx);
    auto submitted = read_request(ctx);
    if (!submitted.form.ok())
        return render_form(ctx, family, &submitted, 400);
    const auto child_id = *http::parse_id(submitted.form.get("enfant"));
    const auto activity_id = *http::parse_id(submitted.form.get("activite"));
    const db::Member* child = nullptr;
    for (const auto& m : family.members)
        if (m.id == child_id && m.role == db::MemberRole::Child)
            child = &m;
    if (!child)
        throw http::Error(404);
    const auto activity = db::load_activity(ctx.db(), ctx.commune.id, activity_id);
    if (!activity || !activity->active)
        throw http::Error(404);
    const auto days = booking::period_occurrences(ctx.db(), ctx.commune.id, activity->id,
                                                  submitted.form.get("debut"),
                                                  submitted.form.get("fin"), submitted.weekdays);
    if (days.empty()) {
        submitted.form.errors["debut"] =
            activity->name + " n'ouvre aucun de ces jours pendant cette période.";
        return render_form(ctx, family, &submitted, 400);
    }
    const bool automatic = activity->long_mode != "agent";
    db::NewLongRequest n;
    n.family_id = family.id;
    n.child_id = child->id;
    n.activity_id = activity->id;
    n.first_day = submitted.form.get("debut");
    n.last_day = submitted.form.get("fin");
    n.weekdays = submitted.weekdays;
    n.status = automatic ? "done" : "pending";
    n.account_id = ctx.parent->id;
    const auto kid = booking_child(ctx, family, *child);
    const auto id = db::create_long_request(ctx.db(), ctx.commune.id, n);
    if (automatic)
        booking::apply_days(ctx.db(), ctx.commune.id, id, kid, days,
                            booking_prerequisites(ctx, family, child->id),
                            {"parent", ctx.parent->id}, now_epoch());
    else
        booking::request_days(ctx.db(), ctx.commune.id, id, kid, days);
    if (const auto r = db::load_long_request(ctx.db(), ctx.commune.id, family.id, id)) {
        db::Transaction tx(ctx.db());
        mail_long_request(ctx, family, *r);
        tx.commit();
    }
    return http::see_other("/famille/demandes/" + std::to_string(id));
}

void mail_long_request(app::Context& ctx, const db::Family& family, const db::LongRequest& r)
{
    int booked = 0, waiting = 0, refused = 0, requested = 0;
    std::string refusals;
    for (const auto& d : r.days) {
        if (d.outcome == "booked")
            ++booked;
        else if (d.outcome == "waiting")
            ++waiting;
        else if (d.outcome == "requested")
            ++requested;
        else {
            ++refused;
            refusals += "- " + long_date(d.day) + " : " + d.reason + "\n";
        }
    }
    ctemplate::TemplateDictionary dict("mail");
    dict.SetValue("COMMUNE_NAME", ctx.commune.name);
    dict.SetValue("WHAT", r.activity_name + " pour " + r.child_name + ", du " +
                              date_fr(r.first_day) + " au " + date_fr(r.last_day) + " (" +
                              weekdays_text(r.weekdays) + ")");
    if (requested > 0) {
        dict.SetIntValue("REQUESTED", requested);
        dict.ShowSection("PENDING");
    } else {
        dict.ShowSection("APPLIED");
    }
    dict.SetIntValue("BOOKED", booked);
    dict.SetIntValue("WAITING", waiting);
    dict.SetIntValue("REFUSED", refused);
    for (const auto& d : r.days)
        if (d.outcome == "refused") {
            auto* line = dict.AddSectionDictionary("REFUSAL");
            line->SetValue("DAY", long_date(d.day));
            line->SetValue("REASON", d.reason);
        }
    if (!r.comment.empty())
        dict.SetValueAndShowSection("COMMENT", r.comment, "HAS_COMMENT");
    dict.SetValue("LINK", ctx.commune.base_url + "/famille/demandes/" + std::to_string(r.id));
    mail::Message m;
    // An agent's decision answers the request; the first mail acknowledges it.
    m.subject = std::string(r.decided_at.empty() ? "Votre demande" : "Réponse à votre demande") +
                " de réservation — Portail Famille de " + ctx.commune.name;
    m.text = view::expand("mail/demande_longue.txt.tpl", dict);
    m.html = view::expand("mail/demande_longue.html.tpl", dict);
    for (const auto& account : db::linked_accounts(ctx.db(), ctx.commune.id, family.id))
        if (account.confirmed) {
            m.to = account.email;
            mail::enqueue(ctx.db(), ctx.commune.id, ctx.commune.mail_from,
                          "Portail Famille de " + ctx.commune.name, m);
        }
}

http::Response long_request_page(app::Context& ctx)
{
    const auto r =
        db::load_long_request(ctx.db(), ctx.commune.id, ctx.family_id(), ctx.path_id("id"));
    if (!r)
        throw http::Error(404);
    view::Page page("famille/demande.tpl", "Demande de réservation");
    auto& d = page.dict();
    d.SetValue("ACTIVITY", r->activity_name);
    d.SetValue("CHILD", r->child_name);
    d.SetValue("PERIOD", "du " + long_date(r->first_day) + " au " + long_date(r->last_day));
    d.SetValue("WEEKDAYS", weekdays_text(r->weekdays));
    d.SetValue("STATUS", status_label(r->status));
    if (!r->comment.empty())
        d.SetValueAndShowSection("COMMENT", r->comment, "HAS_COMMENT");
    int counts[4] = {0, 0, 0, 0};
    // "Voir le planning" opens the month of the first day booked or wait-listed (the days come
    // in order): a request that begins in the holidays books nothing in its first month.
    std::string planning_month = r->first_day.substr(0, 7);
    bool kept_one = false;
    for (const auto& day : r->days) {
        if (!kept_one && (day.outcome == "booked" || day.outcome == "waiting")) {
            kept_one = true;
            planning_month = day.day.substr(0, 7);
        }
        auto* row = d.AddSectionDictionary("DAY");
        row->SetValue("DAY", long_date(day.day));
        row->SetValue("OUTCOME", outcome_label(day.outcome));
        row->SetValue("OUTCOME_CLASS", day.outcome);
        row->SetValue("REASON", day.reason);
        counts[day.outcome == "booked"      ? 0
               : day.outcome == "waiting"   ? 1
               : day.outcome == "requested" ? 2
                                            : 3]++;
    }
    d.SetIntValue("BOOKED", counts[0]);
    d.SetIntValue("WAITING", counts[1]);
    d.SetIntValue("REQUESTED", counts[2]);
    d.SetIntValue("REFUSED", counts[3]);
    d.SetValue("PLANNING_URL", "/famille/planning?enfant=" + std::to_string(r->child_id) +
                                   "&mois=" + planning_month);
    return page.render(ctx.layout());
}

} // namespace web
