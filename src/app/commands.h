// The `portail` subcommands.
#pragma once

namespace app {

// argv[0] is the subcommand name. Each returns the process exit code.
int run_serve(int argc, const char* const argv[]);
int run_migrate(int argc, const char* const argv[]);
int run_seed_demo(int argc, const char* const argv[]);
int run_create_commune(int argc, const char* const argv[]);
int run_create_agent(int argc, const char* const argv[]);
int run_routes(int argc, const char* const argv[]);

} // namespace app
