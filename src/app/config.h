// Configuration of the `portail` program: a config file (INI "key = value") plus the
// command line, which wins. Safe defaults are for the dev stack only.
#pragma once

#include <cstddef>
#include <string>

// Declared only: <boost/program_options.hpp> costs two seconds of parsing to every file that
// includes it, and only the subcommands' sources need it.
namespace boost::program_options
{
class options_description;
class variables_map;
} // namespace boost::program_options

namespace app
{

struct Config {
    std::string db_url = "mysql://portail@127.0.0.1:3306/portail";
    std::string db_password_file;
    std::string db_password; // read from db_password_file
    std::string secret_file;
    std::string secret; // read from secret_file
    std::string template_dir = "templates";
    std::string sql_dir = "sql";
    std::string listen = "127.0.0.1:9000";
    unsigned threads = 8;
    unsigned backlog = 4096; // Linux caps it at net.core.somaxconn (4096 on Debian 12)
    std::string base_url = "http://localhost:8080";
    std::string log_level = "info";
    std::size_t max_body = 12 * 1024 * 1024;
    std::size_t max_form = 256 * 1024;
    unsigned max_concurrent_hashes = 2;
    // Families whose file, bills, planning months and logged-in account each worker process
    // keeps in memory (app/family_data.h); about 6.5 KiB each. The default keeps a worker
    // within 64 MiB at a login burst's peak (docs/PERFORMANCE.md).
    std::size_t family_cache = 2560;
    // A request that waited longer than this between Nginx and a free thread is answered at
    // once with the "trop de monde" 503 (app/admission.h); 0: never shed.
    unsigned max_queue_wait_ms = 5000;
    std::string smtp_url = "smtp://127.0.0.1:25";
    std::string smtp_user;
    std::string smtp_password_file;
    std::string smtp_password; // read from smtp_password_file
    bool smtp_starttls = false;
    // PayFiP web service and payment page; https://www.payfip.gouv.fr in production, the
    // simulator (payfip-sim) in the dev stack and the tests.
    std::string payfip_url = "http://127.0.0.1:8090";
    // PayFiP `saisie` sent with every operation: T test, X activation (the commune's first
    // real payments), W production. Validated by parse_options.
    std::string payfip_saisie = "T";
    // The database's data folder when it is on this host: below db_volume_min_free_mb free,
    // the workers refuse writes (app/storage_guard.h). Empty: not checked.
    std::string db_volume;
    unsigned db_volume_min_free_mb = 256;
    bool mail_sender = true; // run the outbox sender thread in `serve`
    bool test_routes = false;
    bool migrate_on_start = false;
};

// Options every subcommand understands (config, database, logging).
boost::program_options::options_description common_options(Config& cfg);
// Options of `serve`.
boost::program_options::options_description serve_options(Config& cfg);

// Parses argv (without the subcommand) against `desc`, then the --config file if given
// (unknown keys in the file are ignored: one file serves every subcommand), then loads the
// secret and database password files. Throws std::runtime_error with a message on error.
// Returns false when --help was asked (help already printed).
bool parse_options(int argc, const char* const argv[],
                   const boost::program_options::options_description& desc,
                   boost::program_options::variables_map& vm, Config& cfg,
                   const std::string& usage);

} // namespace app
