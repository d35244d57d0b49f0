// What workers keep in memory (app/commune_data.h, app/family_data.h) is never stale: the
// next request after a change sees it, whoever made the change — here plain SQL, as an
// administrator or another worker would, which the triggers of sql/008_revisions.sql catch.
#include "fixtures.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace itest;

namespace
{

// Removes what the test added to the demo commune, even when a check fails midway.
struct Cleanup {
    std::string rules_id;
    std::string activity_id;
    ~Cleanup()
    {
        if (!rules_id.empty())
            sql("DELETE FROM rules_acceptance WHERE document_id = " + rules_id +
                "; DELETE FROM rules_document WHERE id = " + rules_id);
        if (!activity_id.empty())
            sql("DELETE FROM activity WHERE id = " + activity_id);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(caching)

BOOST_AUTO_TEST_CASE(pages_see_every_change_of_the_commune_and_of_the_family_at_once)
{
    auto admin = logged_admin();
    auto parent = make_parent(*admin, {});
    auto& c = *parent.client;
    Cleanup cleanup;
    // Warm both caches.
    BOOST_REQUIRE_EQUAL(c.get("/famille").status, 200);
    BOOST_REQUIRE_EQUAL(c.get("/famille/planning").status, 200);
    BOOST_REQUIRE_EQUAL(c.get("/famille/reglements").status, 200);
    const auto revision =
        sql("SELECT revision FROM commune_revision WHERE commune_id = " + caumont());

    // A new published rules document: the commune's revision moves, every page shows it.
    const auto service = unique_name("Service memoire ");
    const auto title = unique_name("Reglement memoire ");
    cleanup.rules_id =
        sql("INSERT INTO rules_document (commune_id, service, title, version, size, data,"
            " created_at, published_at) VALUES (" +
            caumont() + ", " + quoted(service) + ", " + quoted(title) +
            ", 1, 4, 'pdf!', UTC_TIMESTAMP(), UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()");
    BOOST_TEST(sql("SELECT revision FROM commune_revision WHERE commune_id = " + caumont()) !=
               revision);
    BOOST_TEST(shows(c.get("/famille/reglements").body, title));
    const auto alert = "Règlement « " + service + " » à lire et accepter";
    BOOST_TEST(shows(c.get("/famille").body, alert));

    // The family accepts it (another worker, say): its revision moves, the alert goes.
    sql("INSERT INTO rules_acceptance (commune_id, family_id, document_id, accepted_at) VALUES (" +
        caumont() + ", " + parent.family_id + ", " + cleanup.rules_id + ", UTC_TIMESTAMP())");
    BOOST_TEST(!shows(c.get("/famille").body, alert));

    // A child renamed by an agent: the planning's tabs show the new name.
    sql("UPDATE family_member SET first_name = 'Zéphyrin' WHERE id = " + parent.children[0].id);
    const auto planning = c.get("/famille/planning");
    BOOST_TEST(shows(planning.body, std::string("Zéphyrin")));
    BOOST_TEST(!shows(planning.body, parent.children[0].first));

    // An activity opened, then closed: the long-period request form follows.
    const auto activity = unique_name("Atelier memoire ");
    cleanup.activity_id =
        sql("INSERT INTO activity (commune_id, name, period_start, period_end, capacity)"
            " VALUES (" +
            caumont() + ", " + quoted(activity) +
            ", '2020-01-01', '2099-12-31', 10); SELECT LAST_INSERT_ID()");
    BOOST_TEST(shows(c.get("/famille/demandes").body, activity));
    sql("UPDATE activity SET active = 0 WHERE id = " + cleanup.activity_id);
    BOOST_TEST(!shows(c.get("/famille/demandes").body, activity));
}

BOOST_AUTO_TEST_SUITE_END()
