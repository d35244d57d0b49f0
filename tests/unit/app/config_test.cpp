#include "app/config.h"

#include "../temp_dir.h"

#include <boost/program_options.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace po = boost::program_options;

namespace
{

using unit::TempDir;

const std::string good_secret = "0123456789abcdefghijklmnopqrstuvwxyz"; // 36 chars

// Runs parse_options with the common and serve options, as `portail serve` does. argv[0] is
// the program name placeholder; `args` follow it.
struct Parsed {
    app::Config cfg;
    po::variables_map vm;
    bool proceed = false;
};

std::unique_ptr<Parsed> parse(const std::vector<std::string>& args)
{
    auto p = std::make_unique<Parsed>();
    po::options_description desc;
    desc.add(app::common_options(p->cfg)).add(app::serve_options(p->cfg));
    std::vector<const char*> argv{"portail"};
    for (const auto& a : args)
        argv.push_back(a.c_str());
    p->proceed = app::parse_options(static_cast<int>(argv.size()), argv.data(), desc, p->vm, p->cfg,
                                    "usage: portail serve [options]");
    return p;
}

// Captures std::cout while alive.
class CoutCapture
{
public:
    CoutCapture() : old_(std::cout.rdbuf(out_.rdbuf())) {}
    ~CoutCapture() { std::cout.rdbuf(old_); }
    CoutCapture(const CoutCapture&) = delete;
    CoutCapture& operator=(const CoutCapture&) = delete;
    std::string text() const { return out_.str(); }

private:
    std::ostringstream out_;
    std::streambuf* old_;
};

} // namespace

BOOST_AUTO_TEST_SUITE(app_config)

BOOST_AUTO_TEST_CASE(defaults_apply_without_arguments)
{
    const auto p = parse({});
    BOOST_TEST(p->proceed);
    BOOST_TEST(p->cfg.threads == 8u);
    BOOST_TEST(p->cfg.listen == "127.0.0.1:9000");
    BOOST_TEST(p->cfg.log_level == "info");
    BOOST_TEST(p->cfg.secret.empty());
    BOOST_TEST(!p->cfg.test_routes); // the test-only routes (/_test/…) are off (ASVS 13.4.2)
}

BOOST_AUTO_TEST_CASE(command_line_values_are_stored)
{
    const auto p = parse({"--threads", "3", "--listen=:9100", "--db-url", "mysql://u@db/x",
                          "--log-level", "warn", "--migrate", "--max-form", "1000"});
    BOOST_TEST(p->proceed);
    BOOST_TEST(p->cfg.threads == 3u);
    BOOST_TEST(p->cfg.listen == ":9100");
    BOOST_TEST(p->cfg.db_url == "mysql://u@db/x");
    BOOST_TEST(p->cfg.log_level == "warn");
    BOOST_TEST(p->cfg.migrate_on_start);
    BOOST_TEST(p->cfg.max_form == 1000u);
    // leave the global log level as the other tests expect it
    parse({"--log-level", "info"});
}

BOOST_AUTO_TEST_CASE(config_file_values_are_read)
{
    TempDir dir;
    const auto file = dir.write("portail.conf", "# comment\nthreads = 4\nsql-dir = /srv/sql\n");
    const auto p = parse({"--config", file});
    BOOST_TEST(p->proceed);
    BOOST_TEST(p->cfg.threads == 4u);
    BOOST_TEST(p->cfg.sql_dir == "/srv/sql");
}

BOOST_AUTO_TEST_CASE(command_line_wins_over_the_config_file)
{
    TempDir dir;
    const auto file = dir.write("portail.conf", "threads = 4\nlisten = 127.0.0.1:9001\n");
    const auto p = parse({"--threads", "6", "-c", file});
    BOOST_TEST(p->cfg.threads == 6u);
    BOOST_TEST(p->cfg.listen == "127.0.0.1:9001");
}

BOOST_AUTO_TEST_CASE(unknown_keys_in_the_config_file_are_ignored)
{
    TempDir dir;
    const auto file =
        dir.write("portail.conf", "not-an-option = 1\nthreads = 5\nsmtp-host = mail.local\n");
    std::unique_ptr<Parsed> p;
    BOOST_REQUIRE_NO_THROW(p = parse({"--config", file}));
    BOOST_TEST(p->cfg.threads == 5u);
}

BOOST_AUTO_TEST_CASE(unknown_command_line_option_is_an_error)
{
    BOOST_CHECK_THROW(parse({"--not-an-option", "1"}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(missing_config_file_is_an_error)
{
    BOOST_CHECK_THROW(parse({"--config", "/nonexistent/portail.conf"}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(help_returns_false_and_prints_the_usage)
{
    std::unique_ptr<Parsed> p;
    std::string printed;
    {
        CoutCapture out; // Boost.Test logs to std::cout too: no assertion while capturing
        p = parse({"--help"});
        printed = out.text();
    }
    BOOST_TEST(!p->proceed);
    BOOST_TEST(printed.find("usage: portail serve [options]") != std::string::npos);
    BOOST_TEST(printed.find("--threads") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(zero_threads_is_an_error)
{
    BOOST_CHECK_THROW(parse({"--threads", "0"}), std::runtime_error);
    BOOST_CHECK_THROW(parse({"--threads", "1025"}), std::runtime_error);
    BOOST_TEST(parse({"--threads", "1024"})->cfg.threads == 1024u);
}

BOOST_AUTO_TEST_CASE(family_cache_defaults_to_the_memory_budget_and_is_bounded)
{
    BOOST_TEST(parse({})->cfg.family_cache == 2560u);
    BOOST_TEST(parse({"--family-cache", "10000"})->cfg.family_cache == 10000u);
    BOOST_TEST(parse({"--family-cache", "16"})->cfg.family_cache == 16u);
    BOOST_CHECK_THROW(parse({"--family-cache", "15"}), std::runtime_error);
    BOOST_CHECK_THROW(parse({"--family-cache", "1000001"}), std::runtime_error);
    BOOST_CHECK_THROW(parse({"--family-cache", "beaucoup"}), std::exception);
}

BOOST_AUTO_TEST_CASE(payfip_saisie_defaults_to_test_and_takes_the_three_modes)
{
    BOOST_TEST(parse({})->cfg.payfip_saisie == "T");
    for (const char* mode : {"T", "X", "W"})
        BOOST_TEST(parse({"--payfip-saisie", mode})->cfg.payfip_saisie == mode);
}

BOOST_AUTO_TEST_CASE(payfip_saisie_other_than_t_x_w_is_an_error)
{
    for (const char* mode : {"", "t", "w", "P", "TW", "production"})
        BOOST_CHECK_THROW(parse({"--payfip-saisie", mode}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(non_numeric_threads_is_an_error)
{
    BOOST_CHECK_THROW(parse({"--threads", "many"}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(secret_shorter_than_32_chars_is_an_error)
{
    TempDir dir;
    const auto file = dir.write("secret", std::string(31, 's') + "\n");
    BOOST_CHECK_THROW(parse({"--secret-file", file}), std::runtime_error);
    // trailing spaces do not count towards the length
    const auto padded = dir.write("padded", std::string(31, 's') + "   \r\n");
    BOOST_CHECK_THROW(parse({"--secret-file", padded}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(missing_secret_or_password_file_is_an_error)
{
    BOOST_CHECK_THROW(parse({"--secret-file", "/nonexistent/secret"}), std::runtime_error);
    BOOST_CHECK_THROW(parse({"--db-password-file", "/nonexistent/dbpass"}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(secret_is_the_first_line_without_trailing_spaces_or_cr)
{
    TempDir dir;
    const auto file = dir.write("secret", good_secret + "  \r\nsecond line\n");
    const auto p = parse({"--secret-file", file});
    BOOST_TEST(p->cfg.secret == good_secret);
    BOOST_TEST(p->cfg.secret_file == file);
}

BOOST_AUTO_TEST_CASE(secret_file_may_come_from_the_config_file)
{
    TempDir dir;
    const auto secret = dir.write("secret", good_secret);
    const auto conf = dir.write("portail.conf", "secret-file = " + secret + "\n");
    BOOST_TEST(parse({"--config", conf})->cfg.secret == good_secret);
}

BOOST_AUTO_TEST_CASE(database_password_is_read_from_its_file)
{
    TempDir dir;
    const auto file = dir.write("dbpass", "p@ss w0rd \r\n");
    BOOST_TEST(parse({"--db-password-file", file})->cfg.db_password == "p@ss w0rd");
}

BOOST_AUTO_TEST_CASE(unknown_log_level_is_an_error)
{
    BOOST_CHECK_THROW(parse({"--log-level", "verbose"}), std::runtime_error);
    BOOST_CHECK_THROW(parse({"--log-level", ""}), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
