#include "app/config.h"

#include "app/log.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace po = boost::program_options;

namespace app
{

boost::program_options::options_description common_options(Config& cfg)
{
    po::options_description desc("Common options");
    desc.add_options()("help,h", "show this help")("config,c", po::value<std::string>(),
                                                   "configuration file (INI: key = value)")(
        "db-url", po::value(&cfg.db_url)->default_value(cfg.db_url),
        "database: mysql://user[:password]@host[:port]/name[?socket=/path]")(
        "db-password-file", po::value(&cfg.db_password_file),
        "file holding the database password (preferred to a password in db-url)")(
        "secret-file", po::value(&cfg.secret_file),
        "file holding the server secret (CSRF and signatures), 32+ random bytes")(
        "sql-dir", po::value(&cfg.sql_dir)->default_value(cfg.sql_dir), "migrations folder")(
        "template-dir", po::value(&cfg.template_dir)->default_value(cfg.template_dir),
        "templates folder")("base-url", po::value(&cfg.base_url)->default_value(cfg.base_url),
                            "default public URL of a new commune")(
        "log-level", po::value(&cfg.log_level)->default_value(cfg.log_level),
        "debug, info, warn or error");
    return desc;
}

boost::program_options::options_description serve_options(Config& cfg)
{
    po::options_description desc("Server options");
    desc.add_options()("listen", po::value(&cfg.listen)->default_value(cfg.listen),
                       "FastCGI socket: host:port, :port or a unix socket path")(
        "threads", po::value(&cfg.threads)->default_value(cfg.threads), "worker threads")(
        "backlog", po::value(&cfg.backlog)->default_value(cfg.backlog),
        "listen backlog")("max-body", po::value(&cfg.max_body)->default_value(cfg.max_body),
                          "largest multipart body in bytes (413 above)")(
        "max-form", po::value(&cfg.max_form)->default_value(cfg.max_form),
        "largest urlencoded body in bytes (413 above)")(
        "max-concurrent-hashes",
        po::value(&cfg.max_concurrent_hashes)->default_value(cfg.max_concurrent_hashes),
        "password hashes computed at once")(
        "family-cache", po::value(&cfg.family_cache)->default_value(cfg.family_cache),
        "families kept in memory per process (about 6.5 KiB each)")(
        "max-queue-wait-ms",
        po::value(&cfg.max_queue_wait_ms)->default_value(cfg.max_queue_wait_ms),
        "answer 503 \"trop de monde\" at once to a request that waited longer than this for a "
        "thread (Nginx's PORTAIL_QUEUED_AT); 0: never")(
        "migrate", po::bool_switch(&cfg.migrate_on_start), "apply migrations before serving")(
        "smtp-url", po::value(&cfg.smtp_url)->default_value(cfg.smtp_url),
        "mail server: smtp://host:port or smtps://host:port")(
        "smtp-user", po::value(&cfg.smtp_user), "SMTP user (no authentication when empty)")(
        "smtp-password-file", po::value(&cfg.smtp_password_file), "file holding the SMTP password")(
        "smtp-starttls", po::value(&cfg.smtp_starttls)->default_value(cfg.smtp_starttls),
        "require STARTTLS on smtp://")("mail-sender",
                                       po::value(&cfg.mail_sender)->default_value(cfg.mail_sender),
                                       "deliver the mail outbox from this process")(
        "payfip-url", po::value(&cfg.payfip_url)->default_value(cfg.payfip_url),
        "PayFiP base URL: https://www.payfip.gouv.fr in production (default: the simulator)")(
        "payfip-saisie", po::value(&cfg.payfip_saisie)->default_value(cfg.payfip_saisie),
        "PayFiP mode sent with each payment: T test, X activation, W production")(
        "db-volume", po::value(&cfg.db_volume),
        "the database's data folder, when on this host: writes are refused while its free "
        "space is low")(
        "db-volume-min-free-mb",
        po::value(&cfg.db_volume_min_free_mb)->default_value(cfg.db_volume_min_free_mb),
        "free space (MiB) under which writes are refused")(
        "test-routes", po::value(&cfg.test_routes)->default_value(cfg.test_routes),
        "enable /_test/ routes (dev stack and tests only)");
    return desc;
}

namespace
{
std::string read_first_line(const std::string& path, const char* what)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error(std::string("cannot read ") + what + " file " + path);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
    return line;
}
} // namespace

bool parse_options(int argc, const char* const argv[], const po::options_description& desc,
                   po::variables_map& vm, Config& cfg, const std::string& usage)
{
    try {
        po::store(po::parse_command_line(argc, argv, desc), vm);
        if (vm.count("help")) {
            std::cout << usage << "\n\n" << desc << "\n";
            return false;
        }
        if (vm.count("config")) {
            const auto path = vm["config"].as<std::string>();
            std::ifstream in(path);
            if (!in)
                throw std::runtime_error("cannot read configuration file " + path);
            po::store(po::parse_config_file(in, desc, true), vm);
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw std::runtime_error(e.what());
    }
    log::Level level;
    if (!log::parse_level(cfg.log_level, level))
        throw std::runtime_error("log-level must be debug, info, warn or error");
    log::set_level(level);
    if (!cfg.secret_file.empty()) {
        cfg.secret = read_first_line(cfg.secret_file, "secret");
        if (cfg.secret.size() < 32)
            throw std::runtime_error("the secret must be at least 32 characters");
    }
    if (!cfg.db_password_file.empty())
        cfg.db_password = read_first_line(cfg.db_password_file, "database password");
    if (!cfg.smtp_password_file.empty())
        cfg.smtp_password = read_first_line(cfg.smtp_password_file, "SMTP password");
    if (cfg.smtp_url.rfind("smtp://", 0) != 0 && cfg.smtp_url.rfind("smtps://", 0) != 0)
        throw std::runtime_error("smtp-url must start with smtp:// or smtps://");
    if (cfg.payfip_url.rfind("http://", 0) != 0 && cfg.payfip_url.rfind("https://", 0) != 0)
        throw std::runtime_error("payfip-url must start with http:// or https://");
    if (cfg.payfip_saisie != "T" && cfg.payfip_saisie != "X" && cfg.payfip_saisie != "W")
        throw std::runtime_error(
            "payfip-saisie must be T (test), X (activation) or W (production)");
    if (cfg.threads == 0 || cfg.threads > 1024)
        throw std::runtime_error("threads must be between 1 and 1024");
    if (cfg.family_cache < 16 || cfg.family_cache > 1'000'000)
        throw std::runtime_error("family-cache must be between 16 and 1000000");
    return true;
}

} // namespace app
