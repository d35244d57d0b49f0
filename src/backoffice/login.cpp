#include "backoffice/login.h"

#include "db/accounts.h"
#include "db/agents.h"
#include "db/throttle.h"
#include "domain/identity.h"
#include "http/error.h"
#include "security/password.h"

namespace backoffice
{

namespace
{
constexpr std::size_t max_email = 254;
// Same protections as the parents' login: 5 failures per account in 15 minutes, then wait.
constexpr db::ThrottleRule per_account{5, 15 * 60};
constexpr db::ThrottleRule per_ip{30, 15 * 60};
constexpr std::size_t max_password = 1024;

http::Response form_page(app::Context& ctx, const std::string& email, const char* error, int status)
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
    const auto prefix = "c" + std::to_string(ctx.commune.id) + ":agent-login-";
    const auto account_bucket = prefix + "account:" + domain::normalize_email(email);
    const auto ip_bucket = prefix + "ip:" + std::string(ctx.req.env("REMOTE_ADDR"));
    for (const auto& [b, rule] : {std::pair{account_bucket, per_account}, {ip_bucket, per_ip}})
        if (const int wait = db::throttle_wait(ctx.db(), b, rule); wait > 0) {
            ctx.security_event("throttled",
                               b == account_bucket ? "counter=agent-login-account"
                                                   : "counter=agent-login-ip",
                               true);
            throw http::Error(429,
                              "Trop de tentatives. Réessayez dans " +
                                  std::to_string((wait + 59) / 60) + " minute(s).",
                              wait);
        }
    const auto agent =
        db::find_agent_by_email(ctx.db(), ctx.commune.id, domain::normalize_email(email));
    bool ok = false;
    if (agent && agent->active)
        ok = security::verify_password(password, agent->password_hash);
    else
        security::verify_dummy(password); // same time for unknown and wrong
    if (!ok) {
        db::throttle_record(ctx.db(), account_bucket);
        db::throttle_record(ctx.db(), ip_bucket);
        ctx.security_event("agent-login-failed",
                           agent ? "account=agent:" + std::to_string(agent->id) +
                                       (agent->active ? "" : " inactive")
                                 : std::string("account=unknown"),
                           true);
        return form_page(ctx, email, "Email ou mot de passe incorrect.", 200);
    }
    db::throttle_clear(ctx.db(), account_bucket);
    std::string rehash;
    if (security::needs_rehash(agent->password_hash))
        rehash = security::hash_password(password);
    db::record_agent_login(ctx.db(), agent->id, rehash);
    ctx.start_session(db::SessionKind::Agent, agent->id);
    db::record_login(ctx.db(), ctx.commune.id, "agent", agent->id,
                     std::string(ctx.req.env("REMOTE_ADDR")),
                     std::string(ctx.req.env("HTTP_USER_AGENT")));
    ctx.security_event("agent-login", "account=agent:" + std::to_string(agent->id), false);
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
