// portail — the Portail Famille program: FastCGI server and operator subcommands.
#include "app/bench_seed.h"
#include "app/commands.h"
#include "app/log.h"
#include "app/offers.h"
#include "app/purge.h"
#include "app/reminders.h"
#include "app/settle_payments.h"

#include <cppconn/exception.h>

#include <cstring>
#include <iostream>

namespace
{

struct Command {
    const char* name;
    int (*run)(int, const char* const[]);
    const char* summary;
};

const Command commands[] = {
    {"serve", app::run_serve, "serve the portal over FastCGI"},
    {"migrate", app::run_migrate, "apply the database migrations"},
    {"seed-demo", app::run_seed_demo, "create the demo commune and its data"},
    {"create-commune", app::run_create_commune, "add a commune and its host names"},
    {"create-agent", app::run_create_agent, "add a back-office agent"},
    {"routes", app::run_routes, "list the routes and who may call them"},
    {"seed-bench", app::run_seed_bench, "create the benchmark dataset (bench families, sessions)"},
    {"bench-invoicing", app::run_bench_invoicing,
     "time the monthly invoicing run of the bench dataset"},
    {"send-reminders", app::run_send_reminders,
     "mail the families who have not booked next week before the deadline"},
    {"expire-offers", app::run_expire_offers,
     "offer to the next wait-listed child the places not confirmed in time"},
    {"purge-families", app::run_purge_families,
     "delete the data of families archived past the retention period"},
    {"settle-payments", app::run_settle_payments,
     "record the result of online payments still pending (5 minutes to 3 hours old)"},
};

int usage(std::ostream& out)
{
    out << "Usage: portail COMMAND [options]   (portail COMMAND --help for its options)\n\n";
    for (const auto& c : commands)
        out << "  " << c.name << std::string(16 - std::strlen(c.name), ' ') << c.summary << '\n';
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc < 2)
        return usage(std::cerr);
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        usage(std::cout);
        return 0;
    }
    for (const auto& c : commands) {
        if (name != c.name)
            continue;
        try {
            return c.run(argc - 1, argv + 1);
        } catch (const sql::SQLException& e) {
            std::cerr << "portail " << name << ": database error " << e.getErrorCode() << ": "
                      << e.what() << '\n';
            return 1;
        } catch (const std::exception& e) {
            std::cerr << "portail " << name << ": " << e.what() << '\n';
            return 1;
        }
    }
    std::cerr << "portail: unknown command '" << name << "'\n";
    return usage(std::cerr);
}
