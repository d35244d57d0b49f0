#include "web/public_pages.h"

#include "http/error.h"
#include "http/parse.h"

#include <chrono>
#include <thread>

namespace web {

http::Response home(app::Context& ctx)
{
    view::Page page("home.tpl", "Accueil");
    page.dict().ShowSection(ctx.parent ? "LOGGED_IN" : "LOGIN_FORM");
    return page.render(ctx.layout());
}

http::Response test_hello(app::Context&) { return http::text(200, "Bonjour\n"); }

// Sleeps ?ms=N (≤ 10 s) then answers; lets tests hold a request in flight.
http::Response test_slow(app::Context& ctx)
{
    const auto ms = http::parse_int(ctx.req.query().get("ms").value_or("1000"));
    if (!ms || *ms < 0 || *ms > 10000)
        throw http::Error(400);
    std::this_thread::sleep_for(std::chrono::milliseconds(*ms));
    return http::text(200, "fini\n");
}

} // namespace web
