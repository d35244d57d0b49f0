#include "http/form.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace std::string_literals;

BOOST_AUTO_TEST_SUITE(http_form)

BOOST_AUTO_TEST_CASE(params_get_returns_the_first_value)
{
    http::Params p;
    p.add("a", "1");
    p.add("b", "2");
    p.add("a", "3");
    BOOST_TEST(p.get("a").value_or("?") == "1");
    BOOST_TEST(p.get("b").value_or("?") == "2");
    BOOST_TEST(!p.get("c"));
}

BOOST_AUTO_TEST_CASE(params_all_returns_every_value_in_order)
{
    http::Params p;
    p.add("x", "first");
    p.add("y", "other");
    p.add("x", "second");
    p.add("x", "");
    auto xs = p.all("x");
    BOOST_TEST_REQUIRE(xs.size() == 3u);
    BOOST_TEST(xs[0] == "first");
    BOOST_TEST(xs[1] == "second");
    BOOST_TEST(xs[2] == "");
    BOOST_TEST(p.all("missing").empty());
}

BOOST_AUTO_TEST_CASE(params_has_sees_fields_with_empty_values)
{
    http::Params p;
    BOOST_TEST(p.empty());
    p.add("flag", "");
    BOOST_TEST(p.has("flag"));
    BOOST_TEST(!p.has("Flag"));
    BOOST_TEST(!p.empty());
}

BOOST_AUTO_TEST_CASE(urlencoded_splits_pairs_on_ampersand)
{
    auto p = http::parse_urlencoded("a=1&b=2&b=3");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->items().size() == 3u);
    BOOST_TEST(p->get("a").value_or("?") == "1");
    auto bs = p->all("b");
    BOOST_TEST_REQUIRE(bs.size() == 2u);
    BOOST_TEST(bs[0] == "2");
    BOOST_TEST(bs[1] == "3");
}

BOOST_AUTO_TEST_CASE(urlencoded_does_not_split_on_semicolon)
{
    auto p = http::parse_urlencoded("a=1;b=2");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->get("a").value_or("?") == "1;b=2");
    BOOST_TEST(!p->has("b"));
}

BOOST_AUTO_TEST_CASE(urlencoded_splits_at_the_first_equals_sign)
{
    auto p = http::parse_urlencoded("q=a=b==c");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->get("q").value_or("?") == "a=b==c");
}

BOOST_AUTO_TEST_CASE(urlencoded_decodes_names_and_values_in_form_mode)
{
    auto p = http::parse_urlencoded("pr%C3%A9nom=Ana+%C3%8Fs&a%2Bb=1%2B1");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->get("pr\xC3\xA9nom").value_or("?") == "Ana \xC3\x8Fs");
    BOOST_TEST(p->get("a+b").value_or("?") == "1+1");
}

BOOST_AUTO_TEST_CASE(urlencoded_skips_empty_pieces)
{
    auto p = http::parse_urlencoded("&a=1&&b=2&");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->items().size() == 2u);
    BOOST_TEST(p->get("a").value_or("?") == "1");
    BOOST_TEST(p->get("b").value_or("?") == "2");
}

BOOST_AUTO_TEST_CASE(urlencoded_piece_without_equals_is_a_name_with_empty_value)
{
    auto p = http::parse_urlencoded("flag&a=1&empty=");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->has("flag"));
    BOOST_TEST(p->get("flag").value_or("?") == "");
    BOOST_TEST(p->get("empty").value_or("?") == "");
}

BOOST_AUTO_TEST_CASE(urlencoded_empty_body_gives_empty_params)
{
    auto p = http::parse_urlencoded("");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->empty());
}

BOOST_AUTO_TEST_CASE(urlencoded_refuses_a_malformed_escape_anywhere)
{
    BOOST_TEST(!http::parse_urlencoded("a=%"));
    BOOST_TEST(!http::parse_urlencoded("a=1&b=%4"));
    BOOST_TEST(!http::parse_urlencoded("a=%zz&b=2"));
    BOOST_TEST(!http::parse_urlencoded("%G0=1"));
}

BOOST_AUTO_TEST_CASE(urlencoded_refuses_invalid_utf8_in_a_value)
{
    BOOST_TEST(!http::parse_urlencoded("a=%FF"));
    BOOST_TEST(!http::parse_urlencoded("a=%C0%80"));
    BOOST_TEST(!http::parse_urlencoded("a=ok&b=%ED%A0%80"));
    BOOST_TEST(!http::parse_urlencoded("a=\xC3"));
}

BOOST_AUTO_TEST_CASE(urlencoded_refuses_invalid_utf8_in_a_name)
{
    BOOST_TEST(!http::parse_urlencoded("%FF=1"));
    BOOST_TEST(!http::parse_urlencoded("a%C3=1"));
}

BOOST_AUTO_TEST_CASE(urlencoded_refuses_nul_in_a_name_but_not_in_a_value)
{
    BOOST_TEST(!http::parse_urlencoded("role%00x=admin"));
    auto p = http::parse_urlencoded("note=a%00b");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(std::string(p->get("note").value_or("?")) == "a\0b"s);
}

BOOST_AUTO_TEST_CASE(urlencoded_keeps_an_empty_name)
{
    auto p = http::parse_urlencoded("=x&a=1");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST(p->get("").value_or("?") == "x");
    BOOST_TEST(p->get("a").value_or("?") == "1");
}

BOOST_AUTO_TEST_SUITE_END()
