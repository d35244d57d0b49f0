#include "http/router.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace
{

// Handlers are plain ints here: the number says which route matched.
using Router = http::Router<int>;

Router make_router(std::initializer_list<http::Route<int>> routes)
{
    Router r;
    for (const auto& route : routes)
        r.add(route);
    return r;
}

int matched(const Router::Match& m)
{
    return m.route ? m.route->handler : -1;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_router)

BOOST_AUTO_TEST_CASE(literal_route_matches_its_exact_path_only)
{
    auto r = make_router({{"GET", "/gestion/connexion", 1}, {"GET", "/", 2}});
    BOOST_TEST(matched(r.match("GET", "/gestion/connexion")) == 1);
    BOOST_TEST(matched(r.match("GET", "/")) == 2);
    BOOST_TEST(matched(r.match("GET", "/gestion")) == -1);
    BOOST_TEST(matched(r.match("GET", "/gestion/connexion/x")) == -1);
    BOOST_TEST(matched(r.match("GET", "/gestion/Connexion")) == -1);
}

BOOST_AUTO_TEST_CASE(unknown_path_is_neither_matched_nor_known)
{
    auto r = make_router({{"GET", "/a", 1}});
    const auto m = r.match("GET", "/b");
    BOOST_TEST(!m.route);
    BOOST_TEST(!m.path_known);
    BOOST_TEST(m.params.empty());
}

BOOST_AUTO_TEST_CASE(braced_segments_are_captured_in_order)
{
    auto r = make_router({{"GET", "/famille/{family}/enfant/{child}", 1}});
    const auto m = r.match("GET", "/famille/12/enfant/abc");
    BOOST_REQUIRE(m.route);
    BOOST_REQUIRE(m.params.size() == 2u);
    BOOST_TEST(m.params[0].first == "family");
    BOOST_TEST(m.params[0].second == "12");
    BOOST_TEST(m.params[1].first == "child");
    BOOST_TEST(m.params[1].second == "abc");
}

BOOST_AUTO_TEST_CASE(braced_segment_never_matches_an_empty_segment)
{
    auto r = make_router({{"GET", "/enfant/{id}", 1}, {"GET", "/{a}/{b}", 2}});
    BOOST_TEST(matched(r.match("GET", "/enfant/")) == -1);
    BOOST_TEST(matched(r.match("GET", "//x")) == -1);
    BOOST_TEST(matched(r.match("GET", "/x/")) == -1);
    BOOST_TEST(matched(r.match("GET", "/enfant/7")) == 1);
}

BOOST_AUTO_TEST_CASE(braced_segment_matches_one_segment_not_several)
{
    auto r = make_router({{"GET", "/enfant/{id}", 1}});
    BOOST_TEST(matched(r.match("GET", "/enfant/7/8")) == -1);
    BOOST_TEST(matched(r.match("GET", "/enfant")) == -1);
}

BOOST_AUTO_TEST_CASE(trailing_slash_is_a_different_path)
{
    auto r = make_router({{"GET", "/compte", 1}, {"GET", "/aide/", 2}});
    BOOST_TEST(matched(r.match("GET", "/compte")) == 1);
    BOOST_TEST(matched(r.match("GET", "/compte/")) == -1);
    BOOST_TEST(matched(r.match("GET", "/aide/")) == 2);
    BOOST_TEST(matched(r.match("GET", "/aide")) == -1);
}

BOOST_AUTO_TEST_CASE(method_mismatch_marks_path_known_without_a_route)
{
    auto r = make_router({{"POST", "/connexion", 1}});
    const auto m = r.match("GET", "/connexion");
    BOOST_TEST(!m.route);
    BOOST_TEST(m.path_known);
    BOOST_TEST(m.params.empty());
}

BOOST_AUTO_TEST_CASE(method_match_is_case_sensitive)
{
    auto r = make_router({{"GET", "/a", 1}});
    const auto m = r.match("get", "/a");
    BOOST_TEST(!m.route);
    BOOST_TEST(m.path_known);
}

BOOST_AUTO_TEST_CASE(head_matches_get_routes)
{
    auto r = make_router({{"GET", "/famille/{id}", 1}});
    const auto m = r.match("HEAD", "/famille/3");
    BOOST_TEST(matched(m) == 1);
    BOOST_REQUIRE(m.params.size() == 1u);
    BOOST_TEST(m.params[0].second == "3");
}

BOOST_AUTO_TEST_CASE(head_does_not_match_post_routes)
{
    auto r = make_router({{"POST", "/connexion", 1}});
    const auto m = r.match("HEAD", "/connexion");
    BOOST_TEST(!m.route);
    BOOST_TEST(m.path_known);
}

BOOST_AUTO_TEST_CASE(same_path_with_both_methods_dispatches_by_method)
{
    auto r = make_router({{"GET", "/connexion", 1}, {"POST", "/connexion", 2}});
    BOOST_TEST(matched(r.match("GET", "/connexion")) == 1);
    BOOST_TEST(matched(r.match("POST", "/connexion")) == 2);
    const auto put = r.match("PUT", "/connexion");
    BOOST_TEST(!put.route);
    BOOST_TEST(put.path_known);
}

BOOST_AUTO_TEST_CASE(first_matching_route_wins)
{
    auto r = make_router({{"GET", "/enfant/nouveau", 1}, {"GET", "/enfant/{id}", 2}});
    BOOST_TEST(matched(r.match("GET", "/enfant/nouveau")) == 1);
    BOOST_TEST(matched(r.match("GET", "/enfant/5")) == 2);

    auto reversed = make_router({{"GET", "/enfant/{id}", 2}, {"GET", "/enfant/nouveau", 1}});
    const auto m = reversed.match("GET", "/enfant/nouveau");
    BOOST_TEST(matched(m) == 2);
    BOOST_REQUIRE(m.params.size() == 1u);
    BOOST_TEST(m.params[0].second == "nouveau");
}

BOOST_AUTO_TEST_CASE(params_of_a_path_matching_with_another_method_do_not_leak)
{
    auto r = make_router({{"POST", "/x/{a}", 1}, {"GET", "/x/{b}", 2}});
    const auto m = r.match("GET", "/x/9");
    BOOST_TEST(matched(m) == 2);
    BOOST_REQUIRE(m.params.size() == 1u);
    BOOST_TEST(m.params[0].first == "b");
}

BOOST_AUTO_TEST_CASE(paths_not_starting_with_slash_never_match)
{
    auto r = make_router({{"GET", "/", 1}, {"GET", "/a", 2}, {"GET", "/{id}", 3}});
    for (const char* path : {"", "a", "a/", "*", "http://x/a"}) {
        const auto m = r.match("GET", path);
        BOOST_TEST(!m.route, "path " << path);
        BOOST_TEST(!m.path_known, "path " << path);
    }
}

BOOST_AUTO_TEST_CASE(route_keeps_its_access_and_csrf_flag)
{
    Router r;
    r.add({"POST", "/gestion/x", 1, http::Access::Regisseur, false});
    const auto m = r.match("POST", "/gestion/x");
    BOOST_REQUIRE(m.route);
    BOOST_TEST((m.route->access == http::Access::Regisseur));
    BOOST_TEST(!m.route->csrf);
    BOOST_TEST(r.routes().size() == 1u);
}

BOOST_AUTO_TEST_CASE(access_name_names_every_level)
{
    BOOST_TEST(std::string(http::access_name(http::Access::Public)) == "public");
    BOOST_TEST(std::string(http::access_name(http::Access::Parent)) == "parent");
    BOOST_TEST(std::string(http::access_name(http::Access::Agent)) == "agent");
    BOOST_TEST(std::string(http::access_name(http::Access::Regisseur)) == "regisseur");
    BOOST_TEST(std::string(http::access_name(http::Access::Administrateur)) == "administrateur");
}

BOOST_AUTO_TEST_SUITE_END()
