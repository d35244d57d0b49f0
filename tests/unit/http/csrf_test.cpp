#include "http/csrf.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace
{

const std::string secret = "0123456789abcdef0123456789abcdef-server-secret";
const std::string cookie_a = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; // 43 chars
const std::string cookie_b = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
const std::string own = "https://mairie.example.fr";

} // namespace

BOOST_AUTO_TEST_SUITE(http_csrf)

// --- tokens ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(token_is_stable_for_a_cookie_and_differs_between_cookies)
{
    const auto a = http::csrf_token(secret, cookie_a);
    BOOST_TEST(!a.empty());
    BOOST_TEST(a == http::csrf_token(secret, cookie_a));
    BOOST_TEST(a != http::csrf_token(secret, cookie_b));
    BOOST_TEST(a != http::csrf_token(secret + "x", cookie_a));
    BOOST_TEST(a != cookie_a);
}

BOOST_AUTO_TEST_CASE(token_is_valid_for_its_cookie)
{
    BOOST_TEST(http::csrf_token_valid(secret, cookie_a, http::csrf_token(secret, cookie_a)));
}

BOOST_AUTO_TEST_CASE(token_is_invalid_for_another_cookie)
{
    BOOST_TEST(!http::csrf_token_valid(secret, cookie_b, http::csrf_token(secret, cookie_a)));
}

BOOST_AUTO_TEST_CASE(token_is_invalid_under_another_secret)
{
    BOOST_TEST(!http::csrf_token_valid(secret + "x", cookie_a, http::csrf_token(secret, cookie_a)));
}

BOOST_AUTO_TEST_CASE(altered_or_truncated_token_is_refused)
{
    auto token = http::csrf_token(secret, cookie_a);
    BOOST_TEST(!http::csrf_token_valid(secret, cookie_a, token.substr(0, token.size() - 1)));
    BOOST_TEST(!http::csrf_token_valid(secret, cookie_a, token + "A"));
    token[0] = token[0] == 'x' ? 'y' : 'x';
    BOOST_TEST(!http::csrf_token_valid(secret, cookie_a, token));
}

BOOST_AUTO_TEST_CASE(cookie_shorter_than_32_chars_never_validates)
{
    const std::string short_cookie(31, 'c');
    BOOST_TEST(
        !http::csrf_token_valid(secret, short_cookie, http::csrf_token(secret, short_cookie)));
    BOOST_TEST(!http::csrf_token_valid(secret, "", http::csrf_token(secret, "")));
    const std::string just_long_enough(32, 'c');
    BOOST_TEST(http::csrf_token_valid(secret, just_long_enough,
                                      http::csrf_token(secret, just_long_enough)));
}

BOOST_AUTO_TEST_CASE(empty_submitted_token_is_refused)
{
    BOOST_TEST(!http::csrf_token_valid(secret, cookie_a, ""));
}

// --- same_origin_ok --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(origin_equal_to_ours_is_accepted_case_insensitively)
{
    BOOST_TEST(http::same_origin_ok(own, own, ""));
    BOOST_TEST(http::same_origin_ok(own, "HTTPS://Mairie.Example.FR", ""));
    BOOST_TEST(http::same_origin_ok("http://localhost:8080", "http://localhost:8080", ""));
}

BOOST_AUTO_TEST_CASE(foreign_origin_is_refused_even_with_our_referer)
{
    BOOST_TEST(!http::same_origin_ok(own, "https://evil.example", own + "/connexion"));
    BOOST_TEST(!http::same_origin_ok(own, "http://mairie.example.fr", ""));
    BOOST_TEST(!http::same_origin_ok(own, own + ":8443", ""));
    BOOST_TEST(!http::same_origin_ok(own, own + ".evil.example", ""));
    BOOST_TEST(!http::same_origin_ok(own, "https://mairie.example.f", ""));
}

BOOST_AUTO_TEST_CASE(null_origin_is_refused)
{
    BOOST_TEST(!http::same_origin_ok(own, "null", ""));
    BOOST_TEST(!http::same_origin_ok(own, "null", own + "/connexion"));
}

BOOST_AUTO_TEST_CASE(without_origin_a_referer_of_ours_is_accepted)
{
    BOOST_TEST(http::same_origin_ok(own, "", own + "/gestion/connexion?x=1"));
    BOOST_TEST(http::same_origin_ok(own, "", "HTTPS://MAIRIE.example.fr/"));
}

BOOST_AUTO_TEST_CASE(without_origin_a_foreign_referer_is_refused)
{
    BOOST_TEST(!http::same_origin_ok(own, "", "https://evil.example/page"));
    BOOST_TEST(!http::same_origin_ok(own, "", "https://mairie.example.fr.evil.example/"));
    BOOST_TEST(!http::same_origin_ok(own, "", "https://mairie.example.fr@evil.example/"));
    BOOST_TEST(!http::same_origin_ok(own, "", "http://mairie.example.fr/"));
    BOOST_TEST(!http::same_origin_ok(own, "", "https://mairie.example.fr:444/"));
}

BOOST_AUTO_TEST_CASE(referer_without_scheme_is_refused)
{
    BOOST_TEST(!http::same_origin_ok(own, "", "mairie.example.fr/connexion"));
    BOOST_TEST(!http::same_origin_ok(own, "", "/connexion"));
}

BOOST_AUTO_TEST_CASE(referer_without_path_is_compared_whole)
{
    BOOST_TEST(http::same_origin_ok(own, "", own));
    BOOST_TEST(!http::same_origin_ok(own, "", "https://evil.example"));
}

BOOST_AUTO_TEST_CASE(neither_origin_nor_referer_leaves_the_decision_to_the_token)
{
    BOOST_TEST(http::same_origin_ok(own, "", ""));
}

BOOST_AUTO_TEST_SUITE_END()
