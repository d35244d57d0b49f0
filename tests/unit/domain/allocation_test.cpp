#include "domain/allocation.h"
#include "security/tokens.h"

#include <boost/test/unit_test.hpp>

using namespace domain;

namespace
{
std::string sha(const std::string& bytes)
{
    return security::sha256(bytes);
}
} // namespace

BOOST_AUTO_TEST_SUITE(domain_allocation)

BOOST_AUTO_TEST_CASE(points_follow_the_published_rules)
{
    BOOST_TEST(priority_points({1, 1, true, true}) == 3);
    BOOST_TEST(priority_points({1, 1, true, false}) == 2);
    BOOST_TEST(priority_points({1, 1, false, true}) == 1);
    BOOST_TEST(priority_points({1, 1, false, false}) == 0);
}

BOOST_AUTO_TEST_CASE(the_lot_is_reproducible_from_the_seed_and_changes_with_it)
{
    BOOST_TEST(lot_number("graine", 7, 42, sha) == lot_number("graine", 7, 42, sha));
    BOOST_TEST(lot_number("graine", 7, 42, sha) != lot_number("autre", 7, 42, sha));
    BOOST_TEST(lot_number("graine", 7, 42, sha) != lot_number("graine", 8, 42, sha));
}

BOOST_AUTO_TEST_CASE(priority_first_then_lot)
{
    std::vector<Applicant> in;
    for (int i = 1; i <= 40; ++i)
        in.push_back({i, i, i % 4 == 0, i % 10 == 0});
    const auto ranked = rank(in, "graine", 3, sha);
    BOOST_REQUIRE(ranked.size() == 40u);
    for (std::size_t i = 1; i < ranked.size(); ++i) {
        BOOST_TEST(ranked[i - 1].points >= ranked[i].points);
        if (ranked[i - 1].points == ranked[i].points)
            BOOST_TEST(ranked[i - 1].lot <= ranked[i].lot);
    }
    BOOST_TEST(ranked.front().points == 3); // child 20 and 40: resident and sibling
}

BOOST_AUTO_TEST_CASE(the_lot_does_not_favour_small_ids)
{
    // Among equals, the order depends on the lot, not on who registered first.
    std::vector<Applicant> in;
    for (int i = 1; i <= 100; ++i)
        in.push_back({i, i, false, false});
    const auto ranked = rank(in, "2026-12-graine", 9, sha);
    int early_in_first_half = 0;
    for (std::size_t i = 0; i < 50; ++i)
        early_in_first_half += ranked[i].applicant.child_id <= 50 ? 1 : 0;
    BOOST_TEST(early_in_first_half > 30 - 15); // not all the small ids
    BOOST_TEST(early_in_first_half < 50);
}

BOOST_AUTO_TEST_SUITE_END()
