// The accessibility statement (déclaration d'accessibilité, RGAA 4.1), public, linked from
// every page's footer.
#pragma once

#include "app/context.h"

namespace web
{

// GET /accessibilite
http::Response accessibility_statement(app::Context& ctx);

} // namespace web
