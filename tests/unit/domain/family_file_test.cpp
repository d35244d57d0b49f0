#include "domain/family_file.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace domain;

BOOST_AUTO_TEST_SUITE(family_file)

BOOST_AUTO_TEST_CASE(no_setting_means_the_defaults)
{
    const auto keys = required_from_setting(std::nullopt);
    BOOST_TEST(keys.count("child.doctor") == 1u);
    BOOST_TEST(keys.count("family.quotient") == 1u);
    BOOST_TEST(keys.count("child.pick_up") == 1u);
    BOOST_TEST(keys.count("child.pai") == 0u);
    BOOST_TEST(keys.count("family.email") == 0u);
}

BOOST_AUTO_TEST_CASE(an_empty_setting_requires_nothing)
{
    BOOST_TEST(required_from_setting(std::string()).empty());
}

BOOST_AUTO_TEST_CASE(setting_round_trips_and_drops_unknown_keys)
{
    const auto keys = required_from_setting(std::string("child.pai,bogus,,family.phone"));
    BOOST_TEST(keys.size() == 2u);
    BOOST_TEST(setting_from_required(keys) == "family.phone,child.pai");
    BOOST_TEST(required_from_setting(setting_from_required(keys)) == keys);
}

BOOST_AUTO_TEST_CASE(missing_lists_required_elements_of_the_scope_only)
{
    const auto required = required_from_setting(std::nullopt);
    const auto m = missing_elements(required, FileScope::Child,
                                    {"child.birth_date", "child.school", "child.class"}, {});
    BOOST_TEST(!m.complete());
    BOOST_TEST(m.missing.size() == 4u);
    BOOST_TEST(std::count(m.missing.begin(), m.missing.end(), "Médecin traitant") == 1);
    BOOST_TEST(std::count(m.missing.begin(), m.missing.end(), "Adresse du foyer") == 0);
}

BOOST_AUTO_TEST_CASE(an_element_waiting_for_an_agent_is_pending_not_missing)
{
    const std::set<std::string> required{"child.allergies", "child.doctor"};
    const auto m =
        missing_elements(required, FileScope::Child, {"child.doctor"}, {"child.allergies"});
    BOOST_TEST(m.complete());
    BOOST_TEST(m.pending.size() == 1u);
    BOOST_TEST(m.pending.front() == "Allergies (oui ou non)");
}

BOOST_AUTO_TEST_CASE(everything_provided_is_complete)
{
    std::set<std::string> all;
    for (const auto& r : requirement_catalogue())
        all.emplace(r.key);
    for (const auto scope : {FileScope::Family, FileScope::Guardian, FileScope::Child})
        BOOST_TEST(missing_elements(all, scope, all, {}).complete());
    BOOST_TEST(find_requirement("child.doctor") != nullptr);
    BOOST_TEST(find_requirement("nope") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
