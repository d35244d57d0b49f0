// Back-office route table (/gestion); roles are declared on each route.
#pragma once

#include "app/context.h"

namespace backoffice {

void add_routes(app::Router& router);

} // namespace backoffice
