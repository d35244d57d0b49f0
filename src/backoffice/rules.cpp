#include "backoffice/rules.h"

#include "db/family_file.h"
#include "domain/time.h"
#include "http/error.h"
#include "media/upload.h"
#include "web/fields.h"
#include "web/rules.h"

#include <cstddef>
#include <string>
#include <vector>

namespace backoffice
{

namespace
{

constexpr std::size_t max_pdf_bytes = 10 * 1024 * 1024;

constexpr web::FieldSpec upload_fields[] = {
    {"service", "Service", "text", 120, true, web::Check::Text,
     "Par exemple « Restauration scolaire ». Pour une nouvelle version, reprenez le nom exact "
     "du service."},
    {"titre", "Titre du document", "text", 200, true, web::Check::Text,
     "Par exemple « Règlement de la restauration scolaire 2026-2027 »."},
};

std::string paris_datetime(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    return t ? domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t))) : "";
}

std::string rules_url(std::int64_t id)
{
    return "/gestion/reglements/" + std::to_string(id);
}

db::RulesDocument load_or_404(app::Context& ctx)
{
    auto rules = db::load_rules(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!rules)
        throw http::Error(404);
    return std::move(*rules);
}

void journal(app::Context& ctx, const std::string& action, const db::RulesDocument& r)
{
    db::JournalChange change;
    change.actor_kind = "agent";
    change.actor_id = ctx.agent->id;
    change.action = action;
    change.object_type = "rules_document";
    change.object_id = r.id;
    change.detail = r.service + " — version " + std::to_string(r.version) + " : " + r.title;
    db::journal_change(ctx.db(), ctx.commune.id, change);
}

// The file's French error, or "" when it is a PDF the portal keeps.
std::string pdf_problem(const http::UploadedFile* file)
{
    if (!file || file->data.empty())
        return "Choisissez le fichier PDF du règlement.";
    if (media::sniff(file->data) != media::Kind::Pdf)
        return "Le fichier n'est pas un PDF : seul ce format est accepté.";
    try {
        media::check_proof(file->data, max_pdf_bytes);
    } catch (const media::Rejected& e) {
        return e.what();
    }
    return {};
}

void add_version_row(ctemplate::TemplateDictionary& table, const db::RulesDocument& r,
                     bool in_force)
{
    auto* row = table.AddSectionDictionary("ROW");
    row->SetIntValue("VERSION", r.version);
    row->SetValue("TITLE", r.title);
    row->SetValue("CREATED", paris_datetime(r.created_at));
    row->SetIntValue("ACCEPTANCES", r.acceptances);
    row->SetValue("URL", rules_url(r.id));
    if (r.published_at.empty()) {
        row->ShowSection("DRAFT");
        return;
    }
    row->SetValueAndShowSection("PUBLISHED", paris_datetime(r.published_at), "IS_PUBLISHED");
    if (in_force)
        row->ShowSection("IN_FORCE");
}

// One SERVICE section per service, its versions as rows.
void add_services(ctemplate::TemplateDictionary& d, const std::vector<db::RulesDocument>& rules)
{
    if (rules.empty())
        d.ShowSection("NO_RULES");
    // all_rules sorts by service, newest version first: the first published row of a service
    // is the version in force.
    ctemplate::TemplateDictionary* service = nullptr;
    bool in_force_seen = false;
    int index = 0;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (i == 0 || rules[i].service != rules[i - 1].service) {
            service = d.AddSectionDictionary("SERVICE");
            service->SetValue("SERVICE_NAME", rules[i].service);
            service->SetIntValue("SERVICE_INDEX", ++index);
            in_force_seen = false;
        }
        const bool in_force = !in_force_seen && !rules[i].published_at.empty();
        in_force_seen = in_force_seen || in_force;
        add_version_row(*service, rules[i], in_force);
    }
}

http::Response render_admin(app::Context& ctx, const web::FormData& data,
                            const std::string& file_error, int status)
{
    view::Page page("gestion/reglements.tpl", "Règlements intérieurs");
    auto& d = page.dict();
    const auto& query = ctx.req.query();
    if (query.get("ajoute") == "1")
        d.ShowSection("ADDED");
    if (query.get("publie") == "1")
        d.ShowSection("PUBLISHED_OK");
    add_services(d, db::all_rules(ctx.db(), ctx.commune.id));
    if (!data.ok() || !file_error.empty()) {
        auto* summary = d.AddSectionDictionary("FORM_ERRORS");
        web::add_error_links(*summary, "reglement", upload_fields, data);
        if (!file_error.empty()) {
            auto* link = summary->AddSectionDictionary("ERROR_LINK");
            link->SetValue("LINK_TARGET", "#reglement-fichier");
            link->SetValue("LINK_TEXT", file_error);
            d.SetValueAndShowSection("FILE_ERROR", file_error, "HAS_FILE_ERROR");
        }
    }
    web::add_fields(d, "reglement", upload_fields, data);
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response rules_admin(app::Context& ctx)
{
    return render_admin(ctx, web::FormData{}, "", 200);
}

http::Response rules_upload(app::Context& ctx)
{
    const auto data = web::read_form(ctx.req.form(), upload_fields);
    const http::UploadedFile* file = nullptr;
    for (const auto& f : ctx.req.files())
        if (f.field == "fichier")
            file = &f;
    const auto file_error = pdf_problem(file);
    if (!data.ok() || !file_error.empty())
        return render_admin(ctx, data, file_error, 400);
    // add_rules_version commits its own transaction (it locks the commune to number the
    // version), so the journal entry follows it.
    const auto id = db::add_rules_version(ctx.db(), ctx.commune.id, data.get("service"),
                                          data.get("titre"), file->data, ctx.agent->id);
    const auto added = db::load_rules(ctx.db(), ctx.commune.id, id);
    if (!added)
        throw std::runtime_error("rules_upload: the new version is not found");
    journal(ctx, "Ajout d'un règlement (brouillon)", *added);
    return http::see_other("/gestion/reglements?ajoute=1");
}

http::Response rules_publish(app::Context& ctx)
{
    const auto rules = load_or_404(ctx);
    db::Transaction tx(ctx.db());
    if (db::publish_rules(ctx.db(), ctx.commune.id, rules.id)) {
        journal(ctx, "Publication d'un règlement", rules);
        tx.commit();
    }
    return http::see_other("/gestion/reglements?publie=1");
}

http::Response rules_detail(app::Context& ctx)
{
    const auto r = load_or_404(ctx);
    view::Page page("gestion/reglement.tpl",
                    "Règlement " + r.service + ", version " + std::to_string(r.version));
    auto& d = page.dict();
    d.SetIntValue("ID", r.id);
    d.SetValue("SERVICE", r.service);
    d.SetValue("TITLE", r.title);
    d.SetIntValue("VERSION", r.version);
    d.SetValue("SIZE", web::size_in_ko(r.size));
    d.SetValue("CREATED", paris_datetime(r.created_at));
    if (r.published_at.empty())
        d.ShowSection("DRAFT");
    else
        d.SetValueAndShowSection("PUBLISHED", paris_datetime(r.published_at), "IS_PUBLISHED");
    const auto acceptances = db::rules_acceptances(ctx.db(), ctx.commune.id, r.id);
    d.SetIntValue("ACCEPTANCE_COUNT", static_cast<long>(acceptances.size()));
    if (acceptances.empty())
        d.ShowSection("NO_ACCEPTANCE");
    auto* table = acceptances.empty() ? nullptr : d.AddSectionDictionary("HAS_ACCEPTANCES");
    for (const auto& a : acceptances) {
        auto* row = table->AddSectionDictionary("ACCEPTANCE");
        row->SetValue("FAMILY_NAME", a.family_name);
        row->SetIntValue("FAMILY_NUMBER", a.family_number);
        row->SetValue("FAMILY_URL", "/gestion/familles/" + std::to_string(a.family_id));
        row->SetValue("ACCEPTED_AT", paris_datetime(a.accepted_at));
    }
    return page.render(ctx.layout());
}

http::Response rules_pdf_agent(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    auto pdf = db::rules_pdf(ctx.db(), ctx.commune.id, id, false);
    if (!pdf)
        throw http::Error(404);
    return web::rules_pdf_response(id, std::move(*pdf));
}

} // namespace backoffice
