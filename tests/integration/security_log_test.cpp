// Security events in the worker's log (issue 8; ASVS 16.3.1, 16.3.2, 16.4.1): logins that
// fail and succeed, parents' and agents', with the client's address and the account when
// there is one, never the email typed or the password; refused authorizations (a role too
// low, a forged form, a foreign origin) with who asked; every request line says who sent
// it; and nothing a client sends can start a line of its own.
//
// Each case connects from loopback addresses of its own (127.0.9.x), so that the lines it
// looks for are its own.
#include "client.h"
#include "fixtures.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace itest;

namespace
{

std::vector<std::string> log_lines()
{
    std::ifstream in(Stack::get().dir + "/log/portail.log");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// The log lines holding every one of `parts`.
std::vector<std::string> lines_with(const std::vector<std::string>& parts)
{
    std::vector<std::string> found;
    for (const auto& line : log_lines()) {
        bool all = true;
        for (const auto& p : parts)
            all = all && contains(line, p);
        if (all)
            found.push_back(line);
    }
    return found;
}

} // namespace

BOOST_AUTO_TEST_SUITE(security_log)

BOOST_AUTO_TEST_CASE(logins_are_logged_with_address_and_account_never_email_or_password)
{
    auto agent = logged_admin();
    FamilySpec spec;
    spec.name_base = "Journal";
    const auto parent = make_parent(*agent, spec);
    const auto account = sql("SELECT id FROM parent_account WHERE email = " + quoted(parent.email));
    BOOST_REQUIRE(is_id(account));
    const std::string wrong = "pas-le-bon-mot-de-passe-7431";
    const std::string unknown = "inconnu-journal-7431@example.org";

    auto c = client_from("127.0.9.1");
    BOOST_TEST(parent_login(*c, parent.email, wrong).status == 200);
    BOOST_TEST(parent_login(*c, unknown, wrong).status == 200);
    BOOST_TEST(parent_login(*c, parent.email, good_password).status == 303);

    const auto failed = lines_with({" warn ", "security=login-failed", "addr=127.0.9.1 "});
    BOOST_REQUIRE_EQUAL(failed.size(), 2u);
    BOOST_TEST(contains(failed[0], "account=parent:" + account), failed[0]);
    BOOST_TEST(contains(failed[1], "account=unknown"), failed[1]);
    BOOST_TEST(contains(failed[0], "commune=caumont"), failed[0]);
    const auto ok = lines_with({" info ", "security=login ", "addr=127.0.9.1 "});
    BOOST_REQUIRE_EQUAL(ok.size(), 1u);
    BOOST_TEST(contains(ok[0], "account=parent:" + account), ok[0]);
    // The request line of the login says nobody yet; the next page says who.
    BOOST_TEST(c->get("/famille").status == 200);
    BOOST_TEST(lines_with({"GET /famille 200 ", "who=parent:" + account}).size() >= 1u);

    const auto text = worker_log();
    BOOST_TEST(!contains(text, wrong));
    BOOST_TEST(!contains(text, good_password));
    BOOST_TEST(!contains(text, unknown));
    BOOST_TEST(!contains(text, parent.email));
    // The parent confirmed the account through the mailed link: its single-use token (in
    // the query string) is not in the request lines (ASVS 14.2.1).
    BOOST_TEST(!contains(text, "jeton="));
    BOOST_TEST(!contains(text, "jeton%3D"));

    // Throttled: the counter's kind, not its key (which holds the email).
    auto t = client_from("127.0.9.2");
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(parent_login(*t, parent.email, wrong).status == 200);
    BOOST_TEST(parent_login(*t, parent.email, wrong).status == 429);
    const auto throttled = lines_with({"security=throttled", "addr=127.0.9.2 "});
    BOOST_REQUIRE_EQUAL(throttled.size(), 1u);
    BOOST_TEST(contains(throttled[0], "counter=login-account"), throttled[0]);
    BOOST_TEST(!contains(worker_log(), parent.email));
}

BOOST_AUTO_TEST_CASE(agent_logins_and_refused_roles_are_logged_with_who)
{
    const std::string email = "journal-agent@caumont-sur-durance.fr";
    std::string out;
    BOOST_REQUIRE_MESSAGE(Stack::get().portail("create-agent --commune caumont --email " + email +
                                                   " --name 'Journal Agent' --role agent"
                                                   " --if-missing --password-file " +
                                                   Stack::get().dir + "/admin-password",
                                               &out) == 0,
                          out);
    const auto id = sql("SELECT id FROM agent WHERE email = " + quoted(email));
    BOOST_REQUIRE(is_id(id));

    auto c = client_from("127.0.9.3");
    BOOST_TEST(c->agent_login(email, "pas-le-bon-mot-de-passe-7431").status == 200);
    BOOST_TEST(c->agent_login(email, admin_password).status == 303);
    const auto failed = lines_with({"security=agent-login-failed", "addr=127.0.9.3 "});
    BOOST_REQUIRE_EQUAL(failed.size(), 1u);
    BOOST_TEST(contains(failed[0], "account=agent:" + id), failed[0]);
    BOOST_TEST(lines_with({"security=agent-login ", "account=agent:" + id}).size() == 1u);

    // A page of the administrateur's: 403, logged with the agent and the role.
    BOOST_TEST(c->get("/gestion/agents").status == 403);
    const auto forbidden = lines_with({" warn ", "security=forbidden", "addr=127.0.9.3 "});
    BOOST_REQUIRE_EQUAL(forbidden.size(), 1u);
    BOOST_TEST(contains(forbidden[0], "who=agent:" + id + " role=agent GET /gestion/agents"),
               forbidden[0]);
    BOOST_TEST(lines_with({"GET /gestion/agents 403 ", "who=agent:" + id}).size() == 1u);
}

BOOST_AUTO_TEST_CASE(forged_forms_and_foreign_origins_are_logged)
{
    auto c = client_from("127.0.9.4");
    c->csrf_from("/connexion"); // the CSRF cookie
    BOOST_TEST(
        c->post_form("/connexion", {{"csrf", "forged"}, {"email", "x@example.org"}}).status == 403);
    BOOST_TEST(lines_with({" warn ", "security=csrf-refused", "addr=127.0.9.4 ", "POST /connexion"})
                   .size() == 1u);

    auto foreign = client_from("127.0.9.5");
    const auto csrf = foreign->csrf_from("/connexion");
    foreign->extra_headers = {"Origin: https://ailleurs.example"};
    BOOST_TEST(foreign->post_form("/connexion", {{"csrf", csrf}}).status == 403);
    BOOST_TEST(lines_with({" warn ", "security=foreign-origin", "addr=127.0.9.5 "}).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_client_cannot_write_a_log_line_of_its_own)
{
    auto c = client_from("127.0.9.6");
    const auto r = c->get("/journal%0a2020-01-01T00:00:00.000Z%20error%20forged-by-7431");
    BOOST_TEST(r.status == 404);
    for (const auto& line : log_lines())
        BOOST_TEST(!line.starts_with("2020-01-01T00:00:00.000Z"), line);
    BOOST_TEST(
        lines_with({"/journal\\x0a2020-01-01T00:00:00.000Z error forged-by-7431 404 "}).size() ==
        1u);
}

BOOST_AUTO_TEST_SUITE_END()
