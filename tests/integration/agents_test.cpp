// Agents managed by an administrator; agent login throttling; roles on routes.
#include "client.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

using namespace itest;

namespace {
bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

Reply create_agent(Client& admin, const std::string& email, const std::string& role,
                   const std::string& password)
{
    const auto csrf = admin.csrf_from("/gestion/agents");
    return admin.post_form("/gestion/agents", {{"csrf", csrf},
                                               {"nom", "Agent " + role},
                                               {"email", email},
                                               {"role", role},
                                               {"mot_de_passe", password}});
}
} // namespace

BOOST_AUTO_TEST_SUITE(backoffice_agents)

BOOST_AUTO_TEST_CASE(administrator_creates_an_agent_who_can_log_in_but_not_manage_agents)
{
    Client admin;
    BOOST_REQUIRE(admin.agent_login(admin_email, admin_password).status == 303);
    const auto email = unique_email("agent");
    const std::string password = "le mot de passe de l'agent";
    const auto created = create_agent(admin, email, "agent", password);
    BOOST_TEST(created.status == 303);
    BOOST_TEST(contains(admin.get("/gestion/agents").body, email));
    Client agent;
    BOOST_TEST(agent.agent_login(email, password).status == 303);
    BOOST_TEST(agent.get("/gestion/familles").status == 200);
    const auto forbidden = agent.get("/gestion/agents");
    BOOST_TEST(forbidden.status == 403);
    BOOST_TEST(contains(forbidden.body, "Accès refusé"));
    // The journal keeps who created whom.
    BOOST_TEST(Stack::get().sql("SELECT COUNT(*) FROM journal WHERE action = 'Création d''un agent'"
                                " AND detail LIKE 'Agent agent%'") != "0");
}

BOOST_AUTO_TEST_CASE(disabled_agent_loses_its_session_and_cannot_log_in)
{
    Client admin;
    BOOST_REQUIRE(admin.agent_login(admin_email, admin_password).status == 303);
    const auto email = unique_email("regisseur");
    const std::string password = "un autre mot de passe solide";
    BOOST_REQUIRE(create_agent(admin, email, "regisseur", password).status == 303);
    Client agent;
    BOOST_REQUIRE(agent.agent_login(email, password).status == 303);
    const auto id = Stack::get().sql("SELECT id FROM agent WHERE email = '" + email + "'");
    const auto csrf = admin.csrf_from("/gestion/agents");
    BOOST_TEST(admin.post_form("/gestion/agents/" + id + "/actif", {{"csrf", csrf}, {"actif", "0"}})
                   .status == 303);
    BOOST_TEST(agent.get("/gestion").status == 303);
    Client again;
    BOOST_TEST(contains(again.agent_login(email, password).body, "Email ou mot de passe incorrect"));
}

BOOST_AUTO_TEST_CASE(agent_creation_refuses_bad_input)
{
    Client admin;
    BOOST_REQUIRE(admin.agent_login(admin_email, admin_password).status == 303);
    const auto weak = create_agent(admin, unique_email("faible"), "agent", "court");
    BOOST_TEST(weak.status == 400);
    BOOST_TEST(contains(weak.body, "au moins 12 caractères"));
    const auto role = create_agent(admin, unique_email("role"), "maire", "un mot de passe correct");
    BOOST_TEST(role.status == 400);
    const auto duplicate = create_agent(admin, admin_email, "agent", "un mot de passe correct");
    BOOST_TEST(duplicate.status == 409);
    BOOST_TEST(contains(duplicate.body, "déjà cette adresse"));
}

BOOST_AUTO_TEST_CASE(other_commune_agent_cannot_touch_our_agents)
{
    Client other;
    other.host = other_host;
    BOOST_REQUIRE(other.agent_login(other_agent_email, admin_password).status == 303);
    const auto our_admin = Stack::get().sql("SELECT id FROM agent WHERE email = '" +
                                            std::string(admin_email) + "'");
    const auto csrf = other.csrf_from("/gestion/agents");
    const auto r = other.post_form("/gestion/agents/" + our_admin + "/actif",
                                   {{"csrf", csrf}, {"actif", "0"}});
    BOOST_TEST(r.status == 404);
    BOOST_TEST(Stack::get().sql("SELECT active FROM agent WHERE id = " + our_admin) == "1");
}

BOOST_AUTO_TEST_CASE(agent_login_is_throttled_after_five_failures)
{
    Client admin;
    BOOST_REQUIRE(admin.agent_login(admin_email, admin_password).status == 303);
    const auto email = unique_email("cible");
    const std::string password = "le bon mot de passe agent";
    BOOST_REQUIRE(create_agent(admin, email, "agent", password).status == 303);
    Client attacker;
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(attacker.agent_login(email, "mauvais mot de passe").status == 200);
    const auto sixth = attacker.agent_login(email, password);
    BOOST_TEST(sixth.status == 429);
    BOOST_TEST(contains(sixth.body, "Réessayez dans"));
    BOOST_TEST(attacker.cookie("session").empty());
}

BOOST_AUTO_TEST_SUITE_END()
