#include "view/static_version.h"

#include "../temp_dir.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

BOOST_AUTO_TEST_SUITE(static_version)

BOOST_AUTO_TEST_CASE(same_files_give_same_version_of_twelve_hex_characters)
{
    unit::TempDir a;
    unit::TempDir b;
    for (const auto* dir : {&a, &b}) {
        std::filesystem::create_directories(std::filesystem::path(dir->str()) / "css");
        dir->write("css/portail.css", "body { color: #1b1f24; }\n");
        dir->write("sw.js", "'use strict';\n");
    }
    const auto version = view::compute_static_version(a.str());
    BOOST_TEST(version.size() == 12u);
    BOOST_TEST(version.find_first_not_of("0123456789abcdef") == std::string::npos);
    BOOST_TEST(version == view::compute_static_version(b.str()));
}

BOOST_AUTO_TEST_CASE(changing_one_byte_of_one_file_changes_the_version)
{
    unit::TempDir dir;
    dir.write("a.css", "a");
    dir.write("b.js", "b");
    const auto before = view::compute_static_version(dir.str());
    dir.write("b.js", "c");
    BOOST_TEST(view::compute_static_version(dir.str()) != before);
}

BOOST_AUTO_TEST_CASE(moving_bytes_between_files_changes_the_version)
{
    unit::TempDir one;
    one.write("a", "xy");
    one.write("b", "");
    unit::TempDir two;
    two.write("a", "x");
    two.write("b", "y");
    BOOST_TEST(view::compute_static_version(one.str()) != view::compute_static_version(two.str()));
}

BOOST_AUTO_TEST_CASE(missing_or_empty_folder_gives_no_version)
{
    unit::TempDir empty;
    BOOST_TEST(view::compute_static_version(empty.str()).empty());
    BOOST_TEST(view::compute_static_version(empty.str() + "/absent").empty());
}

BOOST_AUTO_TEST_CASE(set_static_version_falls_back_to_a_start_stamp)
{
    unit::TempDir empty;
    view::set_static_version(empty.str());
    BOOST_TEST(!view::static_version().empty());
    BOOST_TEST(view::static_version()[0] == 't');
}

BOOST_AUTO_TEST_SUITE_END()
