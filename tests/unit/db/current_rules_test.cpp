// db::current_rules(versions, acceptances): the rules a family sees, computed from the
// commune's versions kept in memory (app/commune_data.h) — the same answers as the SQL one.
#include "db/family_file.h"

#include <boost/test/unit_test.hpp>

namespace
{
db::RulesDocument version(std::int64_t id, const std::string& service, int v, bool published)
{
    db::RulesDocument r;
    r.id = id;
    r.service = service;
    r.title = service + " v" + std::to_string(v);
    r.version = v;
    r.published_at = published ? "2026-09-0" + std::to_string(v) + " 08:00:00" : "";
    return r;
}

// As rules_versions() returns them: by service, then version.
const std::vector<db::RulesDocument> versions = {
    version(1, "Accueil de loisirs", 1, true), version(4, "Accueil de loisirs", 2, true),
    version(6, "Accueil de loisirs", 3, false), version(2, "Restauration scolaire", 1, true),
    version(3, "Transport", 1, false)};
} // namespace

BOOST_AUTO_TEST_SUITE(db_current_rules)

BOOST_AUTO_TEST_CASE(the_latest_published_version_of_each_service_in_service_order)
{
    const auto rules = db::current_rules(versions, {});
    BOOST_TEST_REQUIRE(rules.size() == 2u); // Transport has no published version
    BOOST_TEST(rules[0].id == 4);           // v3 is not published yet
    BOOST_TEST(rules[0].version == 2);
    BOOST_TEST(rules[1].id == 2);
    BOOST_TEST(rules[0].accepted_at.empty());
    BOOST_TEST(!rules[0].accepted_older);
}

BOOST_AUTO_TEST_CASE(the_family_acceptance_of_the_current_and_of_an_older_version)
{
    const auto rules = db::current_rules(
        versions, {{1, "2026-09-10 07:00:00"}, {2, "2026-09-11 07:00:00"}, {99, "x"}});
    BOOST_TEST_REQUIRE(rules.size() == 2u);
    BOOST_TEST(rules[0].accepted_at.empty()); // accepted v1, not the current v2
    BOOST_TEST(rules[0].accepted_older);
    BOOST_TEST(rules[1].accepted_at == "2026-09-11 07:00:00");
    BOOST_TEST(!rules[1].accepted_older);
}

BOOST_AUTO_TEST_CASE(an_acceptance_of_another_service_counts_for_nothing)
{
    const auto rules = db::current_rules(versions, {{2, "2026-09-11 07:00:00"}});
    BOOST_TEST(rules[0].accepted_at.empty());
    BOOST_TEST(!rules[0].accepted_older);
}

BOOST_AUTO_TEST_SUITE_END()
