// Agents of the commune, managed by its administrators.
#pragma once

#include "app/context.h"

namespace backoffice {

http::Response agents_list(app::Context& ctx);
http::Response agent_create(app::Context& ctx);
http::Response agent_set_active(app::Context& ctx);

} // namespace backoffice
