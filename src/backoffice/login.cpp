#include "backoffice/login.h"

#include "db/agents.h"
#include "http/error.h"
#include "security/password.h"

namespace backoffice {

namespace {
constexpr std::size_t max_email = 254;
constexpr std::size_t max_password = 1024;

http::Response form_page(app::Context& ctx, const std::string& email, const char* error,
                         int status)
{
    view::Page page("gestion/login.tpl", "Connexion des agents");
    page.dict().SetValue("EMAIL", email);
    if (error)
        page.dict().SetValueAndShowSection("MESSAGE", error, "LOGIN_ERROR");
    return page.render(ctx.layout(), status);
}
} // namespace

http::Response login_form(app::Context& ctx)
{
    if (ctx.agent)
        return http::see_other("/gestion");
    return form_page(ctx, "", nullptr, 200);
}

http::Response login_submit(app::Context& ctx)
{
    const auto email = std::string(ctx.req.form().get("email").value_or(""));
    const auto password = std::string(ctx.req.form().get("mot_de_passe").value_or(""));
    if (email.empty() || password.empty() || email.size() > max_email ||
        password.size() > max_password)
        return form_page(ctx, email.size() > max_email ? "" : email,
                         "Saisissez votre email et votre mot de passe.", 400);
    const auto agent = db::find_agent_by_email(ctx.db(), ctx.commune.id, email);
    bool ok = false;
    if (agent && agent->active)
        ok = security::verify_password(password, agent->password_hash);
    else
        security::verify_dummy(password); // same time for unknown and wrong
    if (!ok)
        return form_page(ctx, email, "Email ou mot de passe incorrect.", 200);
    std::string rehash;
    if (security::needs_rehash(agent->password_hash))
        rehash = security::hash_password(password);
    db::record_agent_login(ctx.db(), agent->id, rehash);
    ctx.start_session(db::SessionKind::Agent, agent->id);
    return http::see_other("/gestion");
}

http::Response logout(app::Context& ctx)
{
    ctx.end_session();
    return http::see_other("/gestion/connexion");
}

http::Response dashboard(app::Context& ctx)
{
    view::Page page("gestion/home.tpl", "Tableau de bord");
    page.dict().SetValue("AGENT_NAME", ctx.agent->display_name);
    page.dict().SetValue("ROLE_LABEL", db::agent_role_label(ctx.agent->role));
    return page.render(ctx.layout());
}

} // namespace backoffice
