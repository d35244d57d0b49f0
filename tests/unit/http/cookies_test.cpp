#include "http/cookies.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace
{

std::string cookie(const std::map<std::string, std::string, std::less<>>& jar,
                   std::string_view name)
{
    auto it = jar.find(name);
    return it == jar.end() ? "<absent>" : it->second;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_cookies)

BOOST_AUTO_TEST_CASE(cookie_header_splits_pairs_on_semicolons)
{
    auto jar = http::parse_cookie_header("a=1; b=2;c=3");
    BOOST_TEST(jar.size() == 3u);
    BOOST_TEST(cookie(jar, "a") == "1");
    BOOST_TEST(cookie(jar, "b") == "2");
    BOOST_TEST(cookie(jar, "c") == "3");
}

BOOST_AUTO_TEST_CASE(cookie_header_trims_spaces_and_tabs)
{
    auto jar = http::parse_cookie_header(" \ta = 1 \t;\t b=2  ");
    BOOST_TEST(cookie(jar, "a") == "1");
    BOOST_TEST(cookie(jar, "b") == "2");
}

BOOST_AUTO_TEST_CASE(cookie_header_skips_pieces_without_equals_or_name)
{
    auto jar = http::parse_cookie_header("junk; =orphan; ;; ok=1; =; also");
    BOOST_TEST(jar.size() == 1u);
    BOOST_TEST(cookie(jar, "ok") == "1");
}

BOOST_AUTO_TEST_CASE(cookie_header_keeps_the_first_occurrence)
{
    auto jar = http::parse_cookie_header("sid=first; other=x; sid=second");
    BOOST_TEST(cookie(jar, "sid") == "first");
}

BOOST_AUTO_TEST_CASE(cookie_header_unquotes_values)
{
    auto jar = http::parse_cookie_header("a=\"quoted\"; b=\"\"; c=\"half; d=\"");
    BOOST_TEST(cookie(jar, "a") == "quoted");
    BOOST_TEST(cookie(jar, "b") == "");
    BOOST_TEST(cookie(jar, "c") == "\"half");
    BOOST_TEST(cookie(jar, "d") == "\"");
}

BOOST_AUTO_TEST_CASE(cookie_header_splits_value_at_first_equals_only)
{
    auto jar = http::parse_cookie_header("tok=abc==; e=");
    BOOST_TEST(cookie(jar, "tok") == "abc==");
    BOOST_TEST(cookie(jar, "e") == "");
}

BOOST_AUTO_TEST_CASE(cookie_header_empty_gives_no_cookies)
{
    BOOST_TEST(http::parse_cookie_header("").empty());
    BOOST_TEST(http::parse_cookie_header(" ; ;\t").empty());
}

BOOST_AUTO_TEST_CASE(set_cookie_defaults_to_session_httponly_lax)
{
    http::SetCookie c;
    c.name = "sid";
    c.value = "abc";
    BOOST_TEST(c.header_value() == "sid=abc; Path=/; HttpOnly; SameSite=Lax");
}

BOOST_AUTO_TEST_CASE(set_cookie_writes_every_attribute_in_order)
{
    http::SetCookie c;
    c.name = "sid";
    c.value = "abc";
    c.path = "/app";
    c.max_age = 3600;
    c.secure = true;
    c.same_site = "Strict";
    BOOST_TEST(c.header_value() ==
               "sid=abc; Path=/app; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
}

BOOST_AUTO_TEST_CASE(set_cookie_max_age_zero_is_written_to_delete)
{
    http::SetCookie c;
    c.name = "sid";
    c.max_age = 0;
    BOOST_TEST(c.header_value() == "sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

BOOST_AUTO_TEST_CASE(set_cookie_omits_disabled_attributes)
{
    http::SetCookie c;
    c.name = "theme";
    c.value = "dark";
    c.path = "";
    c.http_only = false;
    c.secure = false;
    c.same_site = "";
    BOOST_TEST(c.header_value() == "theme=dark");
}

BOOST_AUTO_TEST_SUITE_END()
