// Parent-facing route table (public pages and, later, the family area).
#pragma once

#include "app/context.h"

namespace web {

void add_routes(app::Router& router);
// Routes for the dev stack and tests only (--test-routes): a hello route for benchmarks and
// a slow route for the graceful-shutdown test.
void add_test_routes(app::Router& router);

} // namespace web
