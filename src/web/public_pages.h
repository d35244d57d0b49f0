// Public pages: home with the login form; test-only routes.
#pragma once

#include "app/context.h"

namespace web {

http::Response home(app::Context& ctx);
http::Response test_hello(app::Context& ctx);
http::Response test_slow(app::Context& ctx);

} // namespace web
