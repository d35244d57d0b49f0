// The allocation of an activity's places after its registration window (SPEC §9).
#pragma once

#include "app/context.h"

namespace backoffice
{

// GET /gestion/activites/{id}/attribution: the window, the published rules, the result.
http::Response allocation_page(app::Context& ctx);
// POST /gestion/activites/{id}/attribution: runs it once the window has closed.
http::Response allocation_run(app::Context& ctx);

} // namespace backoffice
