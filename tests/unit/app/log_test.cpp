#include "app/log.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace std::string_literals;

BOOST_AUTO_TEST_SUITE(app_log)

BOOST_AUTO_TEST_CASE(control_characters_cannot_forge_a_line)
{
    using app::log::one_line;
    BOOST_TEST(one_line("GET /famille?x=1") == "GET /famille?x=1");
    BOOST_TEST(one_line("GET /a\n2026-11-29T10:00:00.000Z error forged") ==
               "GET /a\\x0a2026-11-29T10:00:00.000Z error forged");
    BOOST_TEST(one_line("a\rb\tc\x1b[2Jd\x7f"s) == "a\\x0db\\x09c\\x1b[2Jd\\x7f");
    BOOST_TEST(one_line("nul\0byte"s) == "nul\\x00byte");
    // UTF-8 is kept as it is.
    BOOST_TEST(one_line("Zoé — école") == "Zoé — école");
}

BOOST_AUTO_TEST_SUITE_END()
