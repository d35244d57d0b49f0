#include "app/commands.h"

#include "app/config.h"
#include "app/demo.h"
#include "app/log.h"
#include "app/server.h"
#include "db/agents.h"
#include "db/communes.h"
#include "db/migrations.h"
#include "domain/identity.h"
#include "security/password.h"

#include <boost/program_options.hpp>
#include <mysql_driver.h>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace po = boost::program_options;

namespace app {

namespace {

db::Settings db_settings(const Config& config)
{
    auto s = db::parse_url(config.db_url);
    if (!config.db_password.empty())
        s.password = config.db_password;
    return s;
}

std::string read_password(const std::string& source)
{
    std::string password;
    if (source == "-") {
        std::getline(std::cin, password);
    } else {
        std::ifstream in(source);
        if (!in)
            throw std::runtime_error("cannot read password file " + source);
        std::getline(in, password);
    }
    if (password.size() < 12)
        throw std::runtime_error("the password must have at least 12 characters");
    return password;
}

} // namespace

int run_serve(int argc, const char* const argv[])
{
    Config cfg;
    po::options_description desc;
    desc.add(common_options(cfg)).add(serve_options(cfg));
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg, "Usage: portail serve [options]\n"
                                                  "Serves the portal over FastCGI."))
        return 0;
    return serve(cfg);
}

int run_migrate(int argc, const char* const argv[])
{
    Config cfg;
    po::options_description desc;
    desc.add(common_options(cfg));
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail migrate [options]\n"
                       "Applies the SQL migrations not applied yet (safe to run every start)."))
        return 0;
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(db_settings(cfg));
    const int n = db::migrate(conn, cfg.sql_dir, std::cout);
    std::cout << (n == 0 ? "database schema up to date\n"
                         : std::to_string(n) + " migration(s) applied\n");
    return 0;
}

int run_create_commune(int argc, const char* const argv[])
{
    Config cfg;
    db::Commune commune;
    std::vector<std::string> hosts;
    po::options_description desc;
    po::options_description own("create-commune options");
    own.add_options()
        ("slug", po::value(&commune.slug)->required(), "short name, e.g. caumont")
        ("name", po::value(&commune.name)->required(), "display name, e.g. Caumont-sur-Durance")
        ("host", po::value(&hosts)->required(), "host name serving it (repeatable)")
        ("mail-from", po::value(&commune.mail_from), "sender address of its mails")
        ("if-missing", "do nothing when the slug exists (adds missing hosts)");
    desc.add(common_options(cfg)).add(own);
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail create-commune --slug S --name N --host H [--host H2]"))
        return 0;
    commune.base_url = cfg.base_url;
    if (commune.mail_from.empty())
        commune.mail_from = "portail-famille@" + hosts.front();
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(db_settings(cfg));
    if (vm.count("if-missing"))
        if (auto existing = db::find_commune_by_slug(conn, commune.slug)) {
            db::add_commune_hosts(conn, existing->id, hosts);
            std::cout << "commune " << commune.slug << " exists (id " << existing->id << ")\n";
            return 0;
        }
    const auto id = db::create_commune(conn, commune, hosts);
    std::cout << "commune " << commune.slug << " created (id " << id << ")\n";
    return 0;
}

int run_create_agent(int argc, const char* const argv[])
{
    Config cfg;
    std::string commune_slug, role_text, password_source;
    db::Agent agent;
    po::options_description desc;
    po::options_description own("create-agent options");
    own.add_options()
        ("commune", po::value(&commune_slug)->required(), "commune slug")
        ("email", po::value(&agent.email)->required(), "login email")
        ("name", po::value(&agent.display_name)->required(), "display name")
        ("role", po::value(&role_text)->default_value("agent"),
         "agent, regisseur or administrateur")
        ("password-file", po::value(&password_source)->required(),
         "file holding the password (12+ characters), or - for standard input")
        ("if-missing", "do nothing when the agent exists");
    desc.add(common_options(cfg)).add(own);
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail create-agent --commune S --email E --name N --role R "
                       "--password-file F"))
        return 0;
    const auto role = db::parse_agent_role(role_text);
    if (!role)
        throw std::runtime_error("role must be agent, regisseur or administrateur");
    agent.role = *role;
    agent.email = domain::normalize_email(agent.email);
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(db_settings(cfg));
    const auto commune = db::find_commune_by_slug(conn, commune_slug);
    if (!commune)
        throw std::runtime_error("no commune with slug " + commune_slug);
    agent.commune_id = commune->id;
    if (vm.count("if-missing") && db::find_agent_by_email(conn, commune->id, agent.email)) {
        std::cout << "agent " << agent.email << " exists\n";
        return 0;
    }
    agent.password_hash = security::hash_password(read_password(password_source));
    const auto id = db::create_agent(conn, agent);
    std::cout << "agent " << agent.email << " created (id " << id << ")\n";
    return 0;
}

int run_seed_demo(int argc, const char* const argv[])
{
    Config cfg;
    std::string admin_password_file, parent_password_file;
    DemoSettings demo;
    po::options_description desc;
    po::options_description own("seed-demo options");
    own.add_options()
        ("admin-password-file", po::value(&admin_password_file)->required(),
         "password of the demo administrator (the dev stack generates one)")
        ("parent-password-file", po::value(&parent_password_file),
         "password of the demo parent account (defaults to the administrator's)")
        ("codes-file", po::value(&demo.codes_file)->default_value("var/demo-codes.txt"),
         "where to write the unused demo codes abonné (code;last name;first name)");
    desc.add(common_options(cfg)).add(own);
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail seed-demo --admin-password-file F\n"
                       "Creates the demo commune Caumont-sur-Durance and its families "
                       "(idempotent)."))
        return 0;
    demo.base_url = cfg.base_url;
    demo.admin_password = read_password(admin_password_file);
    demo.parent_password =
        parent_password_file.empty() ? demo.admin_password : read_password(parent_password_file);
    sql::mysql::get_mysql_driver_instance();
    db::Connection conn(db_settings(cfg));
    db::migrate(conn, cfg.sql_dir, std::cout);
    seed_demo(conn, demo);
    std::cout << "demo data ready: commune caumont on localhost\n";
    return 0;
}

int run_routes(int argc, const char* const argv[])
{
    Config cfg;
    po::options_description desc;
    desc.add(common_options(cfg)).add(serve_options(cfg));
    po::variables_map vm;
    if (!parse_options(argc, argv, desc, vm, cfg,
                       "Usage: portail routes\nLists every route with its access rule."))
        return 0;
    const auto router = build_router(cfg);
    for (const auto& r : router.routes())
        std::cout << r.method << ' ' << r.pattern << ' ' << http::access_name(r.access)
                  << (r.method == "POST" && !r.csrf ? " no-csrf" : "") << '\n';
    return 0;
}

} // namespace app
