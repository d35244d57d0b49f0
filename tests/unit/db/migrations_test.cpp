#include "db/migrations.h"

#include "../temp_dir.h"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace
{

using unit::TempDir;

fs::path project_root()
{
    const char* root = std::getenv("PORTAIL_ROOT");
    return root && *root ? fs::path(root) : fs::current_path();
}

bool blank(const std::string& s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(db_migrations)

// --- split_statements ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(statements_are_split_at_a_semicolon_ending_a_line)
{
    const auto st = db::split_statements("CREATE TABLE a (\n  id INT\n);\nDROP TABLE b;\n");
    BOOST_REQUIRE(st.size() == 2u);
    BOOST_TEST(st[0] == "CREATE TABLE a (\n  id INT\n)");
    BOOST_TEST(st[1] == "DROP TABLE b");
}

BOOST_AUTO_TEST_CASE(semicolon_followed_by_spaces_or_cr_still_ends_a_statement)
{
    const auto st = db::split_statements("SELECT 1;  \r\nSELECT 2;\t\n");
    BOOST_REQUIRE(st.size() == 2u);
    BOOST_TEST(st[0] == "SELECT 1");
    BOOST_TEST(st[1] == "SELECT 2");
}

BOOST_AUTO_TEST_CASE(semicolon_inside_a_line_does_not_split)
{
    const auto st =
        db::split_statements("INSERT INTO t VALUES ('a;b'); -- note\nUPDATE t SET x = ';'\n;\n");
    BOOST_REQUIRE(st.size() == 1u);
    BOOST_TEST(st[0].find("INSERT INTO t VALUES ('a;b'); -- note\n") == 0u);
    BOOST_TEST(st[0].find("UPDATE t SET x = ';'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(comment_lines_are_skipped)
{
    const auto st = db::split_statements(
        "-- header comment\n  -- indented comment\nSELECT 1\n-- inside;\nFROM dual;\n--last;\n");
    BOOST_REQUIRE(st.size() == 1u);
    BOOST_TEST(st[0] == "SELECT 1\nFROM dual");
}

BOOST_AUTO_TEST_CASE(blank_lines_and_comments_alone_give_no_statement)
{
    BOOST_TEST(db::split_statements("").empty());
    BOOST_TEST(db::split_statements("\n\n   \n-- only a comment;\n").empty());
}

BOOST_AUTO_TEST_CASE(trailing_statement_without_semicolon_is_kept)
{
    const auto st = db::split_statements("SELECT 1;\nSELECT 2\n");
    BOOST_REQUIRE(st.size() == 2u);
    BOOST_TEST(st[0] == "SELECT 1");
    BOOST_TEST(st[1].find("SELECT 2") == 0u);
    BOOST_TEST(blank(st[1].substr(8)));

    const auto no_newline = db::split_statements("SELECT 3");
    BOOST_REQUIRE(no_newline.size() == 1u);
    BOOST_TEST(no_newline[0].find("SELECT 3") == 0u);
}

BOOST_AUTO_TEST_CASE(every_real_migration_splits_into_non_empty_statements)
{
    const auto dir = project_root() / "sql";
    BOOST_REQUIRE_MESSAGE(fs::is_directory(dir), dir.string() << " not found (set PORTAIL_ROOT)");
    int files = 0;
    for (const auto& m : db::list_migrations(dir.string())) {
        ++files;
        std::ifstream in(m.path);
        std::stringstream text;
        text << in.rdbuf();
        const auto statements = db::split_statements(text.str());
        BOOST_TEST(!statements.empty(), m.name << " has no statement");
        for (std::size_t i = 0; i < statements.size(); ++i)
            BOOST_TEST(!blank(statements[i]), m.name << " statement " << i << " is empty");
    }
    BOOST_TEST(files >= 1);
}

// --- list_migrations -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(migrations_are_listed_by_number_ignoring_other_files)
{
    TempDir dir;
    dir.write("002_b.sql");
    dir.write("001_a.sql");
    dir.write("README");
    dir.write("003_c.sql.bak");
    fs::create_directory(fs::path(dir.str()) / "004_folder.sql");
    const auto list = db::list_migrations(dir.str());
    BOOST_REQUIRE(list.size() == 2u);
    BOOST_TEST(list[0].version == 1);
    BOOST_TEST(list[0].name == "001_a.sql");
    BOOST_TEST(list[0].path == (fs::path(dir.str()) / "001_a.sql").string());
    BOOST_TEST(list[1].version == 2);
    BOOST_TEST(list[1].name == "002_b.sql");
}

BOOST_AUTO_TEST_CASE(numbers_sort_numerically)
{
    TempDir dir;
    dir.write("010_j.sql");
    dir.write("009_i.sql");
    dir.write("100_z.sql");
    const auto list = db::list_migrations(dir.str());
    BOOST_REQUIRE(list.size() == 3u);
    BOOST_TEST(list[0].version == 9);
    BOOST_TEST(list[1].version == 10);
    BOOST_TEST(list[2].version == 100);
}

BOOST_AUTO_TEST_CASE(empty_folder_has_no_migration)
{
    TempDir dir;
    BOOST_TEST(db::list_migrations(dir.str()).empty());
}

BOOST_AUTO_TEST_CASE(badly_numbered_sql_file_is_refused)
{
    for (const char* name : {"1_x.sql", "1_xyz.sql", "abc_x.sql", "0001_x.sql", "001x.sql"}) {
        BOOST_TEST_CONTEXT("file " << name)
        {
            TempDir dir;
            dir.write("001_a.sql");
            dir.write(name);
            BOOST_CHECK_THROW(db::list_migrations(dir.str()), std::runtime_error);
        }
    }
}

BOOST_AUTO_TEST_CASE(duplicate_numbers_are_refused)
{
    TempDir dir;
    dir.write("001_a.sql");
    dir.write("002_b.sql");
    dir.write("002_c.sql");
    BOOST_CHECK_THROW(db::list_migrations(dir.str()), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(missing_folder_throws)
{
    BOOST_CHECK_THROW(db::list_migrations("/nonexistent/portail/sql"), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()
