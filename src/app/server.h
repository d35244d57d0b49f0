// The FastCGI server: N threads on FCGX_Accept_r, graceful shutdown on SIGTERM/SIGINT.
#pragma once

#include "app/config.h"
#include "app/context.h"

namespace app {

// Builds the route tables of every area (public, parent, back office, test routes).
Router build_router(const Config& config);

// Serves until SIGTERM or SIGINT: then stops accepting, lets in-flight requests finish and
// returns within 5 s. Returns the process exit code.
int serve(const Config& config);

} // namespace app
