#include "domain/money.h"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>

using domain::format_amount;
using domain::format_euros;
using domain::parse_euros;

BOOST_AUTO_TEST_SUITE(money)

BOOST_AUTO_TEST_CASE(formats_as_french_readers_expect)
{
    BOOST_TEST(format_euros(123450) == "1\u202F234,50\u00A0€");
    BOOST_TEST(format_euros(7355) == "73,55\u00A0€");
    BOOST_TEST(format_euros(0) == "0,00\u00A0€");
    BOOST_TEST(format_euros(5) == "0,05\u00A0€");
    BOOST_TEST(format_euros(-1200) == "-12,00\u00A0€");
    BOOST_TEST(format_amount(100000000) == "1\u202F000\u202F000,00");
    BOOST_TEST(format_amount(99999) == "999,99");
    BOOST_TEST(format_amount(std::numeric_limits<std::int64_t>::min()) ==
               "-92\u202F233\u202F720\u202F368\u202F547\u202F758,08");
}

BOOST_AUTO_TEST_CASE(parses_what_an_agent_types)
{
    BOOST_TEST(parse_euros("12").value() == 1200);
    BOOST_TEST(parse_euros("12,5").value() == 1250);
    BOOST_TEST(parse_euros("12,50 €").value() == 1250);
    BOOST_TEST(parse_euros("12.05").value() == 1205);
    BOOST_TEST(parse_euros("1 234,50").value() == 123450);
    BOOST_TEST(parse_euros("1\u202F234,50\u00A0€").value() == 123450);
    BOOST_TEST(parse_euros(" 0,00 ").value() == 0);
    BOOST_TEST(parse_euros("-3,10", true).value() == -310);
    BOOST_TEST(parse_euros("1 234 567,89 €").value() == 123456789);
    BOOST_TEST(parse_euros("123 456").value() == 12345600);
}

BOOST_AUTO_TEST_CASE(refuses_anything_else)
{
    for (const char* bad : {"", "€", "-3", "12,505", "12,", ",50", "1e3", "12 €x", "abc",
                            "10000000,01", "999999999", "1,2,3", "0x10", "+5",
                            // spaces only between groups of three digits
                            "12 5", "12 5,50", "1 2345", "1234 567", "1 23", "1  234"})
        BOOST_TEST(!parse_euros(bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
