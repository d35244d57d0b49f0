#include "backoffice/settings.h"

#include "db/family_file.h"
#include "domain/family_file.h"
#include "http/error.h"
#include "http/parse.h"
#include "web/form_input.h"

#include <set>
#include <string>

namespace backoffice
{

namespace
{

constexpr int max_retention_months = 240;

struct ScopeGroup {
    domain::FileScope scope;
    const char* legend;
};

constexpr ScopeGroup scope_groups[] = {{domain::FileScope::Family, "Foyer"},
                                       {domain::FileScope::Guardian, "Responsables légaux"},
                                       {domain::FileScope::Child, "Enfants"}};

// "obligatoire-child-doctor" for "child.doctor".
std::string checkbox_id(std::string_view key)
{
    std::string id = "obligatoire-";
    for (const char c : key)
        id += c == '.' || c == '_' ? '-' : c;
    return id;
}

http::Response render(app::Context& ctx, const std::set<std::string>& required,
                      const std::string& months, const std::string& months_error, int status)
{
    view::Page page("gestion/parametres.tpl", "Paramètres du dossier famille");
    auto& d = page.dict();
    if (ctx.req.query().get("enregistre") == "1")
        d.ShowSection("SAVED");
    for (const auto& group : scope_groups) {
        auto* fieldset = d.AddSectionDictionary("SCOPE");
        fieldset->SetValue("LEGEND", group.legend);
        for (const auto& r : domain::requirement_catalogue()) {
            if (r.scope != group.scope)
                continue;
            const std::string key(r.key);
            auto* box = fieldset->AddSectionDictionary("REQUIREMENT");
            box->SetValue("KEY", key);
            box->SetValue("BOX_ID", checkbox_id(key));
            box->SetValue("LABEL", std::string(r.label));
            if (required.count(key))
                box->ShowSection("CHECKED");
        }
    }
    d.SetValue("MONTHS", months);
    if (!months_error.empty())
        web::show_field_error(d, "DUREE_CONSERVATION", months_error);
    return page.render(ctx.layout(), status);
}

// Labels, in catalogue order, of the keys in `keys` and not in `minus`, joined by commas.
std::string labels_of(const std::set<std::string>& keys, const std::set<std::string>& minus)
{
    std::string out;
    for (const auto& r : domain::requirement_catalogue()) {
        const std::string key(r.key);
        if (keys.count(key) && !minus.count(key))
            out += (out.empty() ? "" : ", ") + std::string(r.label);
    }
    return out;
}

std::string changes(const std::set<std::string>& before, int before_months,
                    const std::set<std::string>& after, int after_months)
{
    std::string detail;
    const auto add = [&](const std::string& part) {
        detail += (detail.empty() ? "" : " ; ") + part;
    };
    if (const auto added = labels_of(after, before); !added.empty())
        add("rendus obligatoires : " + added);
    if (const auto removed = labels_of(before, after); !removed.empty())
        add("plus obligatoires : " + removed);
    if (before_months != after_months)
        add("durée de conservation : " + std::to_string(before_months) + " → " +
            std::to_string(after_months) + " mois");
    return detail;
}

std::string summary(const std::string& setting, int months)
{
    return "obligatoires : " + setting + " ; conservation : " + std::to_string(months) + " mois";
}

} // namespace

http::Response file_settings_page(app::Context& ctx)
{
    const auto settings = db::file_settings(ctx.db(), ctx.commune.id);
    return render(ctx, domain::required_from_setting(settings.required_fields),
                  std::to_string(settings.retention_months), "", 200);
}

http::Response file_settings_submit(app::Context& ctx)
{
    const auto& form = ctx.req.form();
    std::set<std::string> required;
    for (const auto key : form.all("obligatoire")) {
        if (!domain::find_requirement(key))
            throw http::Error(400, "Un élément coché n'existe pas : rechargez la page des "
                                   "paramètres et recommencez.");
        required.emplace(key);
    }
    const auto field = web::text_field(form, "duree_conservation", 10);
    const auto months = field.ok() ? http::parse_int(field.value) : std::nullopt;
    if (!months || *months < 1 || *months > max_retention_months)
        return render(ctx, required, field.value,
                      "Indiquez la durée de conservation en nombre entier de mois, de 1 à " +
                          std::to_string(max_retention_months) + ".",
                      400);
    const auto before = db::file_settings(ctx.db(), ctx.commune.id);
    const auto before_required = domain::required_from_setting(before.required_fields);
    const db::FileSettings after{domain::setting_from_required(required),
                                 static_cast<int>(*months)};
    const auto detail =
        changes(before_required, before.retention_months, required, after.retention_months);
    // Nothing changed: the stored NULL ("the defaults") is kept as it is.
    if (detail.empty())
        return http::see_other("/gestion/parametres?enregistre=1");
    db::Transaction tx(ctx.db());
    db::save_file_settings(ctx.db(), ctx.commune.id, after);
    db::JournalChange change;
    change.actor_kind = "agent";
    change.actor_id = ctx.agent->id;
    change.action = "Paramètres du dossier famille";
    change.object_type = "commune";
    change.object_id = ctx.commune.id;
    change.detail = detail;
    change.before =
        summary(domain::setting_from_required(before_required), before.retention_months);
    change.after = summary(*after.required_fields, after.retention_months);
    db::journal_change(ctx.db(), ctx.commune.id, change);
    tx.commit();
    return http::see_other("/gestion/parametres?enregistre=1");
}

} // namespace backoffice
