#include "app/context.h"

#include "app/log.h"

#include "http/csrf.h"
#include "http/error.h"
#include "http/parse.h"
#include "security/tokens.h"

namespace app
{

std::string Context::csrf() const
{
    if (csrf_made.empty() || csrf_made_for != csrf_cookie) {
        csrf_made = http::csrf_token(services.config.secret, csrf_cookie);
        csrf_made_for = csrf_cookie;
    }
    return csrf_made;
}

std::int64_t Context::path_id(std::string_view name) const
{
    for (const auto& [k, v] : params)
        if (k == name)
            if (auto id = http::parse_id(v))
                return *id;
    throw http::Error(404);
}

view::Layout Context::layout() const
{
    view::Layout l;
    l.commune_name = commune.name;
    l.csrf = csrf();
    if (agent) {
        l.area = view::Layout::Area::Agent;
        l.user_name = agent->display_name;
        l.administrator = agent->role == db::AgentRole::Administrateur;
        l.billing = l.administrator || agent->role == db::AgentRole::Regisseur;
    } else if (parent) {
        l.area = view::Layout::Area::Parent;
        l.user_name = parent->first_name + " " + parent->last_name;
    } else if (req.path().rfind("/gestion", 0) == 0) {
        l.area = view::Layout::Area::Agent;
    }
    return l;
}

std::string Context::cookie_name(std::string_view base) const
{
    return (req.is_https() ? "__Host-" : "") + std::string(base);
}

void Context::start_session(db::SessionKind kind, std::int64_t account_id)
{
    if (!session_token.empty())
        db::delete_session(db(), commune.id, session_token);
    session_token =
        db::create_session(db(), commune.id, kind, account_id, std::string(req.env("REMOTE_ADDR")),
                           std::string(req.env("HTTP_USER_AGENT")));
    http::SetCookie c;
    c.name = cookie_name("session");
    c.value = session_token;
    c.secure = req.is_https();
    cookies.push_back(c);
    // A new CSRF cookie too, so a token seen before login is worthless after it.
    csrf_cookie = security::random_token();
    http::SetCookie k;
    k.name = cookie_name("csrf");
    k.value = csrf_cookie;
    k.secure = req.is_https();
    cookies.push_back(k);
}

std::string Context::actor() const
{
    if (parent)
        return "parent:" + std::to_string(parent->id);
    if (agent)
        return "agent:" + std::to_string(agent->id);
    return "-";
}

void Context::security_event(std::string_view event, std::string_view detail, bool failure) const
{
    const auto level = failure ? log::Level::Warn : log::Level::Info;
    if (!log::enabled(level))
        return;
    std::string line = "rid=" + req.request_id() + " security=" + std::string(event) +
                       " commune=" + commune.slug + " addr=" + std::string(req.env("REMOTE_ADDR")) +
                       " who=" + actor();
    if (!detail.empty()) {
        line += ' ';
        line += detail;
    }
    log::write(level, line);
}

void Context::end_session()
{
    if (!session_token.empty())
        db::delete_session(db(), commune.id, session_token);
    session.reset();
    agent.reset();
    parent.reset();
    session_token.clear();
    http::SetCookie c;
    c.name = cookie_name("session");
    c.value = "";
    c.max_age = 0;
    c.secure = req.is_https();
    cookies.push_back(c);
}

} // namespace app
