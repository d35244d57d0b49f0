#include "web/rules.h"

#include "app/commune_data.h"
#include "db/family_file.h"
#include "domain/time.h"
#include "http/error.h"

#include <algorithm>
#include <optional>

namespace web
{

namespace
{

std::optional<domain::LocalDateTime> paris_time(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    if (!t)
        return std::nullopt;
    return domain::paris_from_epoch(domain::utc_epoch(*t));
}

void add_rules_row(ctemplate::TemplateDictionary& d, const db::RulesDocument& r)
{
    auto* row = d.AddSectionDictionary("RULES");
    row->SetIntValue("ID", r.id);
    row->SetValue("SERVICE", r.service);
    row->SetValue("TITLE", r.title);
    row->SetIntValue("VERSION", r.version);
    row->SetValue("SIZE", size_in_ko(r.size));
    if (const auto published = paris_time(r.published_at))
        row->SetValue("PUBLISHED", domain::format_date_fr(published->date));
    if (const auto accepted = paris_time(r.accepted_at)) {
        row->SetValueAndShowSection("ACCEPTED_AT", domain::format_datetime_fr(*accepted),
                                    "IS_ACCEPTED");
        return;
    }
    auto* form = row->AddSectionDictionary("TO_ACCEPT");
    if (r.accepted_older)
        form->ShowSection("NEW_VERSION");
}

} // namespace

std::string size_in_ko(int bytes)
{
    return std::to_string((std::max(bytes, 1) + 1023) / 1024) + " Ko";
}

http::Response rules_pdf_response(std::int64_t id, std::string pdf)
{
    http::Response r;
    r.content_type = "application/pdf";
    r.set_header("Content-Disposition",
                 "inline; filename=\"reglement-" + std::to_string(id) + ".pdf\"");
    r.set_header("Cache-Control", "private, max-age=300");
    r.body = std::move(pdf);
    return r;
}

http::Response rules_page(app::Context& ctx)
{
    view::Page page("famille/reglements.tpl", "Règlement(s) intérieur(s)");
    auto& d = page.dict();
    if (ctx.req.query().get("accepte") == "1")
        d.ShowSection("ACCEPTED");
    const auto rules = app::current_rules(ctx);
    if (rules.empty())
        d.ShowSection("NO_RULES");
    for (const auto& r : rules)
        add_rules_row(d, r);
    return page.render(ctx.layout());
}

http::Response rules_accept(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    const auto rules = db::load_rules(ctx.db(), ctx.commune.id, id);
    if (!rules || rules->published_at.empty())
        throw http::Error(404);
    db::Transaction tx(ctx.db());
    switch (db::accept_rules(ctx.db(), ctx.commune.id, ctx.family_id(), id, ctx.parent->id)) {
    case db::AcceptOutcome::NotCurrent:
        throw http::Error(409, "Cette version du règlement a été remplacée par une plus récente : "
                               "rechargez la page.");
    case db::AcceptOutcome::AlreadyAccepted:
        return http::see_other("/famille/reglements?accepte=1");
    case db::AcceptOutcome::Accepted:
        break;
    }
    db::JournalChange change;
    change.actor_kind = "parent";
    change.actor_id = ctx.parent->id;
    change.family_id = ctx.family_id();
    change.action = "Acceptation du règlement";
    change.object_type = "rules_document";
    change.object_id = id;
    change.detail = rules->service + " — version " + std::to_string(rules->version);
    db::journal_change(ctx.db(), ctx.commune.id, change);
    tx.commit();
    return http::see_other("/famille/reglements?accepte=1");
}

http::Response rules_pdf_parent(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    auto pdf = db::rules_pdf(ctx.db(), ctx.commune.id, id, true);
    if (!pdf)
        throw http::Error(404);
    return rules_pdf_response(id, std::move(*pdf));
}

} // namespace web
