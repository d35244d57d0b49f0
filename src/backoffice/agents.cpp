#include "backoffice/agents.h"

#include "db/agents.h"
#include "db/families.h"
#include "domain/identity.h"
#include "domain/password_policy.h"
#include "domain/time.h"
#include "http/error.h"
#include "security/password.h"
#include "web/form_input.h"

#include <functional>

namespace backoffice {

namespace {

http::Response render(app::Context& ctx, int status,
                      const std::function<void(ctemplate::TemplateDictionary&)>& fill = {})
{
    view::Page page("gestion/agents.tpl", "Agents");
    auto& d = page.dict();
    for (const auto& a : db::list_agents(ctx.db(), ctx.commune.id)) {
        auto* row = d.AddSectionDictionary("AGENT");
        row->SetIntValue("ID", a.id);
        row->SetValue("NAME", a.display_name);
        row->SetValue("EMAIL", a.email);
        row->SetValue("ROLE", db::agent_role_label(a.role));
        row->SetValue("STATE", a.active ? "Actif" : "Désactivé");
        row->SetValue("ACTION_LABEL", a.active ? "Désactiver" : "Réactiver");
        row->SetValue("ACTIVE_VALUE", a.active ? "0" : "1");
        row->SetValue("CSRF", ctx.csrf());
        if (const auto t = domain::parse_sql_datetime(a.last_login_utc))
            row->SetValue("LAST_LOGIN", domain::format_datetime_fr(
                                            domain::paris_from_epoch(domain::utc_epoch(*t))));
        else
            row->SetValue("LAST_LOGIN", "jamais");
        if (a.id == ctx.agent->id)
            row->ShowSection("SELF");
        else
            row->ShowSection("OTHER");
    }
    if (ctx.req.query().get("ok") == "1")
        d.ShowSection("CREATED");
    if (fill)
        fill(d);
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response agents_list(app::Context& ctx) { return render(ctx, 200); }

http::Response agent_create(app::Context& ctx)
{
    const auto& form = ctx.req.form();
    const auto name = web::text_field(form, "nom", 120);
    const auto email_field = web::text_field(form, "email", 254);
    const auto role = db::parse_agent_role(std::string(form.get("role").value_or("")));
    const auto password = web::secret_field(form, "mot_de_passe");
    const auto email = domain::normalize_email(email_field.value);
    std::vector<std::pair<std::string, std::string>> errors;
    if (!name.ok())
        errors.emplace_back("NOM", "Saisissez le nom de l'agent (120 caractères au plus).");
    if (!email_field.ok() || !domain::plausible_email(email))
        errors.emplace_back("EMAIL", "Saisissez une adresse email valide.");
    if (!role)
        errors.emplace_back("ROLE", "Choisissez un rôle.");
    const auto verdict = domain::check_new_password(password.ok() ? password.value : "",
                                                    password.ok() ? password.value : "");
    if (verdict != domain::PasswordVerdict::Ok)
        errors.emplace_back("MOT_DE_PASSE", domain::password_verdict_message(verdict));
    const auto refill = [&](ctemplate::TemplateDictionary& d) {
        d.SetValue("FORM_NOM", name.ok() ? name.value : "");
        d.SetValue("FORM_EMAIL", email_field.ok() ? email_field.value : "");
        for (const auto& [field, message] : errors)
            web::show_field_error(d, field, message);
    };
    if (!errors.empty())
        return render(ctx, 400, refill);
    db::Agent agent;
    agent.commune_id = ctx.commune.id;
    agent.email = email;
    agent.display_name = name.value;
    agent.role = *role;
    agent.password_hash = security::hash_password(password.value);
    db::Transaction tx(ctx.db());
    try {
        const auto id = db::create_agent(ctx.db(), agent);
        db::journal(ctx.db(), ctx.commune.id, "agent", ctx.agent->id, "Création d'un agent",
                    "agent", id, name.value + " (" + db::agent_role_label(*role) + ")");
    } catch (const std::runtime_error&) {
        errors.emplace_back("EMAIL", "Un agent de la commune a déjà cette adresse.");
        return render(ctx, 409, refill);
    }
    tx.commit();
    return http::see_other("/gestion/agents?ok=1");
}

http::Response agent_set_active(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    const auto value = ctx.req.form().get("actif").value_or("");
    if (value != "0" && value != "1")
        throw http::Error(400);
    if (id == ctx.agent->id)
        throw http::Error(409, "Vous ne pouvez pas désactiver votre propre compte.");
    db::Transaction tx(ctx.db());
    if (!db::set_agent_active(ctx.db(), ctx.commune.id, id, value == "1"))
        throw http::Error(404);
    db::journal(ctx.db(), ctx.commune.id, "agent", ctx.agent->id,
                value == "1" ? "Réactivation d'un agent" : "Désactivation d'un agent", "agent", id,
                "");
    tx.commit();
    return http::see_other("/gestion/agents");
}

} // namespace backoffice
