#include "web/my_data.h"

#include "app/commune_data.h"
#include "db/families.h"
#include "db/family_file.h"
#include "export/family_export.h"
#include "http/error.h"

#include <string>

namespace web
{

namespace
{

// The page shows the latest entries; the export carries the whole history.
constexpr int journal_rows = 200;
constexpr int login_rows = 100;

std::string or_dash(const std::string& text)
{
    return text.empty() ? "—" : text;
}

} // namespace

http::Response my_data_page(app::Context& ctx)
{
    view::Page page("famille/donnees.tpl", "Mes données");
    auto& d = page.dict();
    d.SetIntValue("JOURNAL_ROWS", journal_rows);
    d.SetIntValue("LOGIN_ROWS", login_rows);
    d.SetIntValue("RETENTION_MONTHS", app::commune_data(ctx)->file_settings.retention_months);
    // Sensitive (health) entries are shown: they are this family's own data.
    const auto journal =
        db::family_change_journal(ctx.db(), ctx.commune.id, ctx.family_id(), journal_rows);
    d.ShowSection(journal.empty() ? "NO_JOURNAL" : "HAS_JOURNAL");
    for (const auto& e : journal) {
        auto* row = d.AddSectionDictionary("JOURNAL");
        row->SetValue("WHEN", e.when);
        row->SetValue("ACTOR", e.actor);
        row->SetValue("ACTION", e.action);
        row->SetValue("DETAIL", or_dash(e.detail));
        row->SetValue("BEFORE", e.has_values ? or_dash(e.before) : "—");
        row->SetValue("AFTER", e.has_values ? or_dash(e.after) : "—");
    }
    const auto logins = db::family_logins(ctx.db(), ctx.commune.id, ctx.family_id(), login_rows);
    d.ShowSection(logins.empty() ? "NO_LOGIN" : "HAS_LOGINS");
    for (const auto& e : logins) {
        auto* row = d.AddSectionDictionary("LOGIN");
        row->SetValue("WHEN", e.when);
        row->SetValue("WHO", or_dash(e.who));
        row->SetValue("IP", e.ip);
        row->SetValue("AGENT", or_dash(e.user_agent));
    }
    return page.render(ctx.layout());
}

http::Response my_data_export(app::Context& ctx)
{
    return family_export_download(ctx, ctx.family_id(), "parent", ctx.parent->id);
}

http::Response family_export_download(app::Context& ctx, std::int64_t family_id,
                                      const char* actor_kind, std::int64_t actor_id)
{
    // One snapshot for every part of the export, and no export without its journal entry.
    db::Transaction tx(ctx.db());
    const auto family = db::load_family(ctx.db(), ctx.commune.id, family_id);
    if (!family)
        throw http::Error(404);
    auto zip = archive::family_export_zip(ctx.db(), ctx.commune.id, family_id, ctx.commune.name);
    const auto number = std::to_string(family->number);
    db::JournalChange entry;
    entry.actor_kind = actor_kind;
    entry.actor_id = actor_id;
    entry.family_id = family_id;
    entry.action = "Export des données (RGPD)";
    entry.object_type = "family";
    entry.object_id = family_id;
    entry.detail = "Famille n° " + number + " : fichier ZIP de toutes ses données";
    db::journal_change(ctx.db(), ctx.commune.id, entry);
    tx.commit();

    const std::string prefix = std::string(actor_kind) == "parent" ? "mes-donnees" : "donnees";
    http::Response r;
    r.content_type = "application/zip";
    r.set_header("Content-Disposition",
                 "attachment; filename=\"" + prefix + "-famille-" + number + ".zip\"");
    r.set_header("Cache-Control", "private, no-store");
    r.body = std::move(zip);
    return r;
}

} // namespace web
