// Agent login, logout and the dashboard.
#pragma once

#include "app/context.h"

namespace backoffice {

http::Response login_form(app::Context& ctx);
http::Response login_submit(app::Context& ctx);
http::Response logout(app::Context& ctx);
http::Response dashboard(app::Context& ctx);

} // namespace backoffice
