// Espace famille: the logged-in parent's home.
#pragma once

#include "app/context.h"

namespace web {

http::Response family_home(app::Context& ctx);

} // namespace web
