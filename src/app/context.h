// What a handler gets: the request, the thread's services, the commune chosen by Host, the
// session if any, and the path parameters. Handlers take `Context&` and return a Response.
#pragma once

#include "app/config.h"
#include "db/accounts.h"
#include "db/agents.h"
#include "db/communes.h"
#include "db/connection.h"
#include "db/sessions.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "view/view.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app
{

// Per worker thread.
struct Services {
    db::Connection& db;
    const Config& config;
};

struct Context {
    const http::Request& req;
    Services& services;
    const db::Commune& commune;
    http::PathParams params;
    std::optional<db::SessionRow> session;
    std::optional<db::Agent> agent;                // loaded for agent sessions
    std::optional<db::ParentAccount> parent;       // loaded for parent sessions
    std::string session_token;                     // raw cookie value when a session is live
    std::string csrf_cookie;                       // this browser's CSRF cookie value
    std::vector<http::SetCookie> cookies;          // added to whatever response is sent
    std::optional<std::uint64_t> commune_revision; // read with the session (app/commune_data.h)
    std::optional<std::uint64_t> family_revision;  // read with the session (app/family_data.h)
    std::optional<std::uint64_t> billing_revision; // read with the session (app/family_billing.h)
    std::optional<std::uint64_t> booking_revision; // read with the session (app/planning_data.h)
    // csrf()'s last answer and the cookie it was made for: a page asks twice (its layout, and
    // the error page's in case), and each answer is an HMAC.
    mutable std::string csrf_made_for;
    mutable std::string csrf_made;

    db::Connection& db() { return services.db; }
    // The logged-in parent's family; only on Access::Parent routes (the dispatcher ensures it).
    std::int64_t family_id() const { return parent->family_id; }
    // Token to put in every form's `csrf` field.
    std::string csrf() const;
    // Path parameter `name` as a positive id; anything else is a 404.
    std::int64_t path_id(std::string_view name) const;
    view::Layout layout() const;

    // Starts a session after a successful login: a fresh token, a fresh CSRF cookie.
    void start_session(db::SessionKind kind, std::int64_t account_id);
    // Ends the session (logout): row deleted, cookie cleared.
    void end_session();
    // Cookie names: "__Host-" prefixed (and Secure) behind TLS.
    std::string cookie_name(std::string_view base) const;
    // "parent:12", "agent:3" or "-": who this request is from, for log lines.
    std::string actor() const;
    // A security event (ASVS 16.3) in the worker's log, one line:
    //   rid=… security=<event> commune=<slug> addr=<client address> who=<actor()> <detail>
    // at warn level when `failure`, info otherwise. `detail` holds ids and kinds only: never
    // an email, a password, a token or a code.
    void security_event(std::string_view event, std::string_view detail, bool failure) const;
};

using Handler = http::Response (*)(Context&);
using Router = http::Router<Handler>;
using Route = http::Route<Handler>;

} // namespace app
