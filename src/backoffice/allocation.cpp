#include "backoffice/allocation.h"

#include "booking/allocation.h"
#include "db/activities.h"
#include "db/allocation.h"
#include "db/families.h"
#include "db/family_file.h"
#include "domain/allocation.h"
#include "domain/booking_rules.h"
#include "domain/time.h"
#include "http/error.h"
#include "mail/outbox.h"
#include "security/tokens.h"

#include <ctime>

namespace backoffice
{

namespace
{

db::Activity activity_or_404(app::Context& ctx)
{
    const auto a = db::load_activity(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!a)
        throw http::Error(404);
    return *a;
}

// When the registration window closes, or nullopt when the activity has no window.
std::optional<std::int64_t> window_close(const db::Activity& a)
{
    const auto rule = domain::parse_deadline_rule(a.booking_rule);
    if (!rule || rule->kind != domain::DeadlineKind::Window)
        return std::nullopt;
    return domain::epoch_from_paris(rule->window_closes);
}

std::string paris_date_time(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    return t ? domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t))) : "";
}

} // namespace

http::Response allocation_page(app::Context& ctx)
{
    const auto a = activity_or_404(ctx);
    view::Page page("gestion/attribution.tpl", "Attribution des places — " + a.name);
    auto& d = page.dict();
    d.SetValue("ACTIVITY", a.name);
    d.SetValue("ACTIVITY_URL", "/gestion/activites/" + std::to_string(a.id));
    d.SetValue("ACTION", "/gestion/activites/" + std::to_string(a.id) + "/attribution");
    d.SetValue("RULES", domain::priority_rules_fr());
    if (a.allocation != "lottery") {
        d.ShowSection("FIRST_COME");
        return page.render(ctx.layout());
    }
    const auto close = window_close(a);
    if (!close) {
        d.ShowSection("NO_WINDOW");
        return page.render(ctx.layout());
    }
    d.SetValue("CLOSES", domain::format_instant_long_fr(*close));
    if (const auto run = db::allocation_run(ctx.db(), ctx.commune.id, a.id)) {
        auto* done = d.AddSectionDictionary("DONE");
        done->SetValue("RUN_AT", paris_date_time(run->run_at));
        done->SetValue("SEED", run->seed);
        done->SetIntValue("BOOKED", run->booked);
        done->SetIntValue("WAITING", run->waiting);
        done->SetIntValue("REFUSED", run->refused);
    } else if (static_cast<std::int64_t>(std::time(nullptr)) < *close) {
        d.ShowSection("OPEN");
    } else {
        d.ShowSection("READY");
    }
    return page.render(ctx.layout());
}

http::Response allocation_run(app::Context& ctx)
{
    const auto a = activity_or_404(ctx);
    if (a.allocation != "lottery")
        throw http::Error(409, "Cette activité attribue ses places au fil des réservations : il "
                               "n'y a pas de tirage au sort.");
    const auto close = window_close(a);
    if (!close)
        throw http::Error(409, "Cette activité n'a pas de période d'inscription (délai de "
                               "réservation « fenetre:… »).");
    if (static_cast<std::int64_t>(std::time(nullptr)) < *close)
        throw http::Error(409, "Les inscriptions sont encore ouvertes jusqu'au " +
                                   domain::format_instant_long_fr(*close) +
                                   " : l'attribution se fait après leur clôture.");
    booking::AllocationResult result;
    if (!booking::allocate(ctx.db(), ctx.commune.id, a, ctx.commune.name, security::random_hex(16),
                           ctx.agent->id, result))
        throw http::Error(409, "Les places de cette activité ont déjà été attribuées.");
    db::Transaction tx(ctx.db());
    for (const auto& [family_id, lines] : result.lines) {
        ctemplate::TemplateDictionary dict("mail");
        dict.SetValue("COMMUNE_NAME", ctx.commune.name);
        dict.SetValue("ACTIVITY", a.name);
        dict.SetValue("RULES", domain::priority_rules_fr());
        dict.SetValue("SEED", result.seed);
        for (const auto& line : lines)
            dict.AddSectionDictionary("LINE")->SetValue("TEXT", line);
        dict.SetValue("LINK", ctx.commune.base_url + "/famille/planning");
        mail::Message m;
        m.subject =
            "Résultat des inscriptions : " + a.name + " — Portail Famille de " + ctx.commune.name;
        m.text = view::expand("mail/attribution.txt.tpl", dict);
        m.html = view::expand("mail/attribution.html.tpl", dict);
        for (const auto& account : db::linked_accounts(ctx.db(), ctx.commune.id, family_id))
            if (account.confirmed) {
                m.to = account.email;
                mail::enqueue(ctx.db(), ctx.commune.id, ctx.commune.mail_from,
                              "Portail Famille de " + ctx.commune.name, m);
            }
    }
    db::JournalChange entry;
    entry.actor_kind = "agent";
    entry.actor_id = ctx.agent->id;
    entry.action = "Attribution des places";
    entry.object_type = "activity";
    entry.object_id = a.id;
    entry.detail = a.name + " : " + std::to_string(result.booked) + " place(s), " +
                   std::to_string(result.waiting) + " en liste d'attente, " +
                   std::to_string(result.refused) + " sans place ; graine " + result.seed;
    db::journal_change(ctx.db(), ctx.commune.id, entry);
    tx.commit();
    return http::see_other("/gestion/activites/" + std::to_string(a.id) + "/attribution");
}

} // namespace backoffice
