#include "app/dispatch.h"

#include "app/admission.h"
#include "app/commune_cache.h"
#include "app/log.h"
#include "app/parent_accounts.h"
#include "app/planning_data.h"
#include "app/storage_guard.h"
#include "http/csrf.h"
#include "http/error.h"
#include "security/password.h"
#include "security/tokens.h"

#include <cppconn/exception.h>

#include <cctype>

namespace app
{

namespace
{

bool agent_allowed(http::Access access, db::AgentRole role)
{
    switch (access) {
    case http::Access::Agent:
        return true;
    case http::Access::Regisseur:
        return role == db::AgentRole::Regisseur || role == db::AgentRole::Administrateur;
    case http::Access::Administrateur:
        return role == db::AgentRole::Administrateur;
    default:
        return false;
    }
}

http::Response health(Services& services)
{
    try {
        auto& st = services.db.prepare("SELECT 1");
        auto rs = db::query(st);
        if (rs->next() && rs->getInt(1) == 1)
            return http::json(200, R"({"statut":"ok","base_de_donnees":"ok"})");
    } catch (const db::Unavailable&) {
    } catch (const sql::SQLException&) {
        services.db.invalidate();
    }
    auto r = http::json(503, R"({"statut":"indisponible","base_de_donnees":"injoignable"})");
    r.set_header("Retry-After", "5");
    return r;
}

// Loads the session named by the cookie, if it is live in this commune.
void load_session(Context& ctx)
{
    const auto token = ctx.req.cookie(ctx.cookie_name("session"));
    if (!token || token->empty())
        return;
    auto row = db::find_session(ctx.db(), ctx.commune.id, std::string(*token));
    if (!row)
        return;
    if (row->kind == db::SessionKind::Agent) {
        auto agent = db::find_agent(ctx.db(), ctx.commune.id, row->account_id);
        if (!agent || !agent->active)
            return;
        ctx.agent = std::move(agent);
    } else {
        auto parent = parent_account(ctx.db(), ctx.commune.id, row->account_id, row->family_id,
                                     row->family_revision);
        if (!parent || !parent->confirmed)
            return;
        ctx.parent = std::move(parent);
        ctx.family_revision = row->family_revision;
        ctx.billing_revision = row->billing_revision;
        ctx.booking_revision = row->booking_revision;
    }
    if (row->needs_touch)
        db::touch_session(ctx.db(), row->id);
    ctx.commune_revision = row->commune_revision;
    ctx.session = std::move(row);
    ctx.session_token = std::string(*token);
}

// Redirects to the right login page, or refuses, per the route's declared access.
std::optional<http::Response> check_access(Context& ctx, http::Access access)
{
    if (access == http::Access::Public)
        return std::nullopt;
    if (access == http::Access::Parent) {
        if (ctx.parent)
            return std::nullopt;
        return http::see_other("/connexion");
    }
    if (!ctx.agent)
        return http::see_other("/gestion/connexion");
    if (!agent_allowed(access, ctx.agent->role)) {
        ctx.security_event("forbidden",
                           "role=" + std::string(db::agent_role_name(ctx.agent->role)) + " " +
                               std::string(ctx.req.method()) + " " + std::string(ctx.req.path()),
                           true);
        throw http::Error(403, "Votre rôle ne donne pas accès à cette page.");
    }
    return std::nullopt;
}

http::Response run(const Router& router, Context& ctx, std::string_view body, bool too_large)
{
    const auto match = router.match(ctx.req.method(), ctx.req.path());
    if (!match.route)
        throw http::Error(match.path_known ? 405 : 404);
    ctx.params = match.params;
    const auto& route = *match.route;
    auto& req = const_cast<http::Request&>(ctx.req);
    if (route.method == "POST") {
        if (too_large)
            throw http::Error(413);
        req.set_body(body,
                     http::Limits{ctx.services.config.max_body, ctx.services.config.max_form});
        if (route.csrf) {
            // Refused before the session is read: the log line's `who` is "-".
            if (!http::same_origin_ok(req.origin(), req.env("HTTP_ORIGIN"),
                                      req.env("HTTP_REFERER"))) {
                ctx.security_event("foreign-origin", "POST " + std::string(req.path()), true);
                throw http::Error(403, "La demande ne vient pas de ce site.");
            }
            const auto submitted = req.form().get("csrf");
            if (!submitted ||
                !http::csrf_token_valid(ctx.services.config.secret, ctx.csrf_cookie, *submitted)) {
                ctx.security_event("csrf-refused", "POST " + std::string(req.path()), true);
                throw http::Error(403, "Le formulaire a expiré. Rechargez la page et réessayez.");
            }
        }
    }
    load_session(ctx);
    if (auto redirect = check_access(ctx, route.access))
        return std::move(*redirect);
    // After a POST, done or refused, this worker's next planning reads the counters anew.
    struct NoteWrite {
        bool post;
        ~NoteWrite()
        {
            if (post)
                note_write();
        }
    } note{route.method == "POST"};
    return route.handler(ctx);
}

} // namespace

std::string origin_of(std::string_view url)
{
    std::size_t start = 0;
    if (url.starts_with("https://"))
        start = 8;
    else if (url.starts_with("http://"))
        start = 7;
    else
        return {};
    const auto end = url.find_first_of("/?#", start);
    const auto origin = url.substr(0, end);
    if (origin.size() == start)
        return {};
    for (const char c : origin.substr(start))
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
              c == '[' || c == ']'))
            return {};
    return std::string(origin);
}

void add_security_headers(http::Response& r, bool https, std::string_view payment_origin)
{
    std::string form_action = "'self'";
    if (!payment_origin.empty())
        form_action += " " + std::string(payment_origin);
    r.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "object-src 'none'; base-uri 'none'; form-action " +
                     form_action + "; frame-ancestors 'none'");
    r.set_header("X-Content-Type-Options", "nosniff");
    r.set_header("X-Frame-Options", "DENY");
    r.set_header("Referrer-Policy", "same-origin");
    r.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (https)
        r.set_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    if (!r.has_header("Cache-Control"))
        r.set_header("Cache-Control", "no-store");
}

namespace
{
// A request is replayed once on a fresh connection when the one it used turned out dead
// (the server restarted since its last use): a read always; a write only when its very
// first statement failed, so nothing of it can have reached the database.
bool replayable(const std::map<std::string, std::string>& env, const db::Connection& conn)
{
    const auto it = env.find("REQUEST_METHOD");
    const bool read = it != env.end() && (it->second == "GET" || it->second == "HEAD");
    return read || conn.statements_in_request() <= 1;
}
} // namespace

Outcome dispatch(const Router& router, Services& services,
                 const std::map<std::string, std::string>& env, std::string_view body,
                 bool body_too_large, bool is_retry)
{
    Outcome out;
    services.db.begin_request();
    view::Layout fallback_layout;
    std::optional<http::Request> req;
    std::shared_ptr<const db::Commune> commune;
    std::optional<Context> ctx;
    try {
        req.emplace(http::Request::from_env(env));
        out.request_id = req->request_id();
        if (services.config.max_queue_wait_ms > 0) {
            const auto at = env.find("PORTAIL_QUEUED_AT");
            const auto waited =
                at == env.end() ? std::nullopt : queued_for_ms(at->second, now_epoch_ms());
            if (waited && *waited > services.config.max_queue_wait_ms) {
                log::warn("rid=" + out.request_id + " waited " + std::to_string(*waited) +
                          " ms for a thread: shed with 503");
                throw http::Error(503,
                                  "Trop de monde sur le portail en ce moment : rien n'a été "
                                  "enregistré. Réessayez dans " +
                                      std::to_string(shed_retry_after) + " secondes.",
                                  shed_retry_after);
            }
        }
        if (req->path() == "/sante") {
            out.response = health(services);
        } else {
            commune = commune_for_host(services.db, req->host());
            if (!commune)
                throw http::Error(404, "Aucun portail n'est configuré à cette adresse.");
            out.commune = commune->slug;
            fallback_layout.commune_name = commune->name;
            ctx.emplace(Context{
                *req, services, *commune, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}});
            const auto cookie = req->cookie(ctx->cookie_name("csrf"));
            if (cookie && cookie->size() == 43) {
                ctx->csrf_cookie = std::string(*cookie);
            } else {
                ctx->csrf_cookie = security::random_token();
                http::SetCookie c;
                c.name = ctx->cookie_name("csrf");
                c.value = ctx->csrf_cookie;
                c.secure = req->is_https();
                ctx->cookies.push_back(c);
            }
            fallback_layout = ctx->layout();
            if (req->method() != "GET" && req->method() != "HEAD" && storage_low(services.config))
                throw http::Error(503,
                                  "Le serveur manque momentanément de place pour enregistrer : "
                                  "rien n'a été enregistré. Réessayez dans quelques minutes.",
                                  60);
            out.response = run(router, *ctx, body, body_too_large);
        }
    } catch (const http::Error& e) {
        out.response =
            view::error_page(ctx ? ctx->layout() : fallback_layout, e.status(), e.detail());
        if (e.retry_after() > 0)
            out.response.set_header("Retry-After", std::to_string(e.retry_after()));
    } catch (const security::HashesBusy&) {
        log::warn("rid=" + out.request_id + " too many logins at once: 503");
        out.response = view::error_page(
            ctx ? ctx->layout() : fallback_layout, 503,
            "Trop de monde se connecte en même temps : réessayez dans quelques secondes.");
        out.response.set_header("Retry-After", "2");
    } catch (const db::Unavailable& e) {
        if (!is_retry && replayable(env, services.db)) {
            services.db.invalidate();
            return dispatch(router, services, env, body, body_too_large, true);
        }
        log::warn("rid=" + out.request_id + " database unavailable: " + e.what());
        out.response = view::error_page(fallback_layout, 503);
        out.response.set_header("Retry-After", "5");
    } catch (const sql::SQLException& e) {
        if (db::is_connection_error(e)) {
            services.db.invalidate();
            if (!is_retry && replayable(env, services.db))
                return dispatch(router, services, env, body, body_too_large, true);
            log::warn("rid=" + out.request_id + " database connection lost: " + e.what());
            out.response = view::error_page(fallback_layout, 503);
            out.response.set_header("Retry-After", "5");
        } else if (db::is_storage_full(e)) {
            // The operator must make room; the parent is told that nothing was saved.
            log::error("rid=" + out.request_id + " database storage full (" +
                       std::to_string(e.getErrorCode()) + "): " + e.what());
            out.response = view::error_page(
                fallback_layout, 503,
                "Le serveur manque momentanément de place pour enregistrer : rien n'a été "
                "enregistré. Réessayez dans quelques minutes.");
            out.response.set_header("Retry-After", "60");
        } else if (db::is_retryable(e)) {
            // Still losing to other writers after the transaction's retries (a rush on one
            // day, two Galera nodes writing the same row): rolled back, a designed 503.
            log::warn("rid=" + out.request_id + " SQL error " + std::to_string(e.getErrorCode()) +
                      " after retries (contention): 503");
            out.response = view::error_page(
                fallback_layout, 503,
                "Trop de demandes au même moment : la vôtre n'a pas abouti et rien n'a été "
                "enregistré. Réessayez dans quelques secondes.");
            out.response.set_header("Retry-After", "2");
        } else {
            log::error("rid=" + out.request_id + " SQL error " + std::to_string(e.getErrorCode()) +
                       ": " + e.what());
            out.response = view::error_page(fallback_layout, 500);
        }
    } catch (const std::exception& e) {
        log::error("rid=" + out.request_id + " unexpected error: " + e.what());
        out.response = view::error_page(fallback_layout, 500);
    }
    if (ctx) {
        out.actor = ctx->actor();
        for (auto& c : ctx->cookies)
            out.response.cookies.push_back(std::move(c));
    }
    add_security_headers(out.response, req && req->is_https(),
                         origin_of(services.config.payfip_url));
    if (req && req->method() == "HEAD")
        out.response.body.clear();
    return out;
}

} // namespace app
