// Brute force and enumeration (issue 8, SPEC §8): each throttle of the public forms holds at
// its number — logins per address, account creations per address and per code abonné, reset
// and confirmation mails per address and per email — and answers a French 429 with
// Retry-After; other addresses are not affected. Existing and unknown emails take the same
// time to be refused, so timing tells nothing about who has an account.
//
// Each case connects from loopback addresses of its own (127.0.0.x, the address the portal
// sees through Nginx), so that its counters are neither the other suites' nor each other's.
#include "client.h"
#include "fixtures.h"
#include "mailbox.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

using namespace itest;

namespace
{

Reply create(Client& c, const std::string& email, const std::string& code)
{
    const auto csrf = c.csrf_from("/compte/creer");
    return c.post_form("/compte/creer", {{"csrf", csrf},
                                         {"email", email},
                                         {"mot_de_passe", good_password},
                                         {"mot_de_passe_confirmation", good_password},
                                         {"nom", "Personne"},
                                         {"prenom", "Camille"},
                                         {"code_abonne", code}});
}

Reply forgot(Client& c, const std::string& email)
{
    const auto csrf = c.csrf_from("/compte/mot-de-passe-oublie");
    return c.post_form("/compte/mot-de-passe-oublie", {{"csrf", csrf}, {"email", email}});
}

void check_throttled(const Reply& r, const std::string& what)
{
    BOOST_TEST(r.status == 429, what << ": " << r.status);
    BOOST_TEST(contains(r.body, "Trop de tentatives. Réessayez dans"), what);
    const auto retry = r.header("retry-after");
    BOOST_TEST(!retry.empty(), what);
    BOOST_TEST((!retry.empty() && std::stol(retry) > 0), what << ": Retry-After " << retry);
}

double median_ms(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

template <class F> double timed_ms(F f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(throttles)

// 30 failed logins per address in 15 minutes (5 per account are tested in `accounts`).
BOOST_AUTO_TEST_CASE(logins_per_address_stop_at_thirty)
{
    auto c = client_from("127.0.0.11");
    for (int i = 0; i < 30; ++i) {
        const auto r = parent_login(*c, unique_email("inconnu"), "pas le bon mot de passe");
        BOOST_TEST(r.status == 200, "attempt " << i + 1);
        BOOST_TEST(contains(r.body, "Email ou mot de passe incorrect."));
    }
    check_throttled(parent_login(*c, unique_email("inconnu"), "pas le bon mot de passe"),
                    "31st login");
    // The demo parent from this address is throttled too; from another address, not.
    check_throttled(parent_login(*c, "rolf.fictif@example.org", admin_password), "right password");
    auto other = client_from("127.0.0.12");
    BOOST_TEST(parent_login(*other, "rolf.fictif@example.org", admin_password).status == 303);
}

// Account creation: 10 failures per address an hour, 5 per code abonné.
BOOST_AUTO_TEST_CASE(account_creations_stop_per_address_and_per_code)
{
    auto c = client_from("127.0.0.13");
    for (int i = 0; i < 10; ++i) {
        const auto r = create(*c, unique_email("creation"), "ZZ" + std::to_string(1000 + i));
        BOOST_TEST(r.status == 200, "attempt " << i + 1);
    }
    check_throttled(create(*c, unique_email("creation"), "ZZ2000"), "11th creation");

    const std::string code = "QQ" + unique_name("").substr(0, 6);
    for (int i = 0; i < 5; ++i) {
        auto elsewhere = client_from("127.0.0." + std::to_string(14 + i));
        BOOST_TEST(create(*elsewhere, unique_email("code"), code).status == 200, "try " << i + 1);
    }
    auto sixth = client_from("127.0.0.19");
    check_throttled(create(*sixth, unique_email("code"), code), "6th try of one code");
    BOOST_TEST(create(*sixth, unique_email("code"), code + "X").status == 200);
}

// Reset mails: 3 per email an hour, 10 per address.
BOOST_AUTO_TEST_CASE(reset_mails_stop_per_email_and_per_address)
{
    const auto email = unique_email("oubli");
    auto c = client_from("127.0.0.20");
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(forgot(*c, email).status == 200, "mail " << i + 1);
    check_throttled(forgot(*c, email), "4th mail to one email");
    auto other = client_from("127.0.0.21");
    check_throttled(forgot(*other, email), "4th mail from another address");

    auto d = client_from("127.0.0.22");
    for (int i = 0; i < 10; ++i)
        BOOST_TEST(forgot(*d, unique_email("adresse")).status == 200, "request " << i + 1);
    check_throttled(forgot(*d, unique_email("adresse")), "11th request from one address");
}

// Agents: 30 failed logins per address in 15 minutes (5 per account: `backoffice_agents`).
BOOST_AUTO_TEST_CASE(agent_logins_per_address_stop_at_thirty)
{
    auto c = client_from("127.0.0.40");
    for (int i = 0; i < 30; ++i) {
        const auto r = c->agent_login(unique_email("agent-inconnu"), "pas le bon mot de passe");
        BOOST_TEST(r.status == 200, "attempt " << i + 1);
        BOOST_TEST(contains(r.body, "Email ou mot de passe incorrect."));
    }
    check_throttled(c->agent_login(unique_email("agent-inconnu"), "pas le bon"), "31st login");
    check_throttled(c->agent_login(admin_email, admin_password), "right password");
    auto other = client_from("127.0.0.41");
    BOOST_TEST(other->agent_login(admin_email, admin_password).status == 303);
}

// Confirmation mails sent again: 3 per email an hour (the address's budget is the reset's).
BOOST_AUTO_TEST_CASE(confirmation_mails_stop_per_email)
{
    const auto email = unique_email("renvoi");
    const auto resend = [&](Client& c) {
        const auto csrf = c.csrf_from("/connexion");
        return c.post_form("/compte/confirmer/renvoyer", {{"csrf", csrf}, {"email", email}});
    };
    auto c = client_from("127.0.0.42");
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(resend(*c).status == 200, "mail " << i + 1);
    check_throttled(resend(*c), "4th mail to one email");
    auto other = client_from("127.0.0.43");
    check_throttled(resend(*other), "4th mail from another address");
}

// A logged-in parent who gets the current password wrong, to change the email or the
// password: refused in French, nothing changed, no mail, no token (ASVS 7.5.1); the failures
// count with failed logins, 5 per account then 429 (ASVS 6.3.1).
BOOST_AUTO_TEST_CASE(wrong_current_passwords_change_nothing_and_stop_at_five)
{
    auto agent = logged_admin();
    FamilySpec spec;
    spec.name_base = "Reauth";
    auto p = make_parent(*agent, spec);
    const auto account = sql("SELECT id FROM parent_account WHERE email = " + quoted(p.email));
    BOOST_REQUIRE(is_id(account));
    const auto state = [&] {
        return sql("SELECT CONCAT(email, ' ', password_hash, ' ', (SELECT COUNT(*) FROM"
                   " account_token WHERE account_id = " +
                   account + ")) FROM parent_account WHERE id = " + account);
    };
    const auto before = state();
    const auto new_email = unique_email("ailleurs");
    const std::string next = "un tout nouveau mot de passe";
    const auto change_email = [&](const std::string& password) {
        return p.client->post_form(
            "/compte/email",
            {{"csrf", p.csrf}, {"nouvel_email", new_email}, {"mot_de_passe", password}});
    };
    const auto change_password = [&](const std::string& current) {
        return p.client->post_form("/compte/mot-de-passe", {{"csrf", p.csrf},
                                                            {"mot_de_passe_actuel", current},
                                                            {"mot_de_passe", next},
                                                            {"mot_de_passe_confirmation", next}});
    };
    for (int i = 0; i < 5; ++i) {
        const bool email = i % 2 == 0;
        const auto r = email ? change_email("pas le bon mot de passe")
                             : change_password("pas le bon mot de passe");
        BOOST_TEST(r.status == 400, "try " << i + 1);
        BOOST_TEST(
            shows(r.body, email ? "Mot de passe incorrect." : "Mot de passe actuel incorrect."),
            "try " << i + 1);
    }
    check_throttled(change_email(good_password), "6th try, right password");
    check_throttled(change_password(good_password), "7th try, right password");
    BOOST_TEST(state() == before);
    BOOST_TEST(sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = " + quoted(new_email)) ==
               "0");
}

// Existing and unknown emails: the same answer in the same time (medians within 35 %, the
// password hash dominating both), for a login and for a reset request.
BOOST_AUTO_TEST_CASE(existing_and_unknown_emails_take_the_same_time)
{
    auto agent = logged_admin();
    std::vector<Parent> parents;
    for (int i = 0; i < 2; ++i)
        parents.push_back(make_parent(*agent, {1, "Chrono"}));
    std::vector<double> known, unknown;
    auto a = client_from("127.0.0.23");
    auto b = client_from("127.0.0.24");
    parent_login(*a, unique_email("chauffe"), "x"); // warm both paths
    for (int round = 0; round < 4; ++round)
        for (const auto& p : parents) {
            std::string body_known, body_unknown;
            known.push_back(timed_ms(
                [&] { body_known = parent_login(*a, p.email, "pas le bon mot de passe").body; }));
            unknown.push_back(timed_ms([&] {
                body_unknown =
                    parent_login(*b, unique_email("personne"), "pas le bon mot de passe").body;
            }));
            BOOST_TEST(contains(body_known, "Email ou mot de passe incorrect."));
            BOOST_TEST(contains(body_unknown, "Email ou mot de passe incorrect."));
        }
    const auto k = median_ms(known), u = median_ms(unknown);
    BOOST_TEST_MESSAGE("login refused: existing email " << k << " ms, unknown " << u << " ms");
    BOOST_TEST(k / u < 1.35);
    BOOST_TEST(u / k < 1.35);

    // Reset requests: the same page, and no slower for an existing account beyond the mail
    // queued in the same transaction (a few milliseconds).
    std::vector<double> reset_known, reset_unknown;
    for (std::size_t i = 0; i < parents.size(); ++i) {
        auto c = client_from("127.0.0." + std::to_string(25 + i));
        std::string page_known, page_unknown;
        reset_known.push_back(timed_ms([&] { page_known = forgot(*c, parents[i].email).body; }));
        const auto nobody = unique_email("personne");
        reset_unknown.push_back(timed_ms([&] { page_unknown = forgot(*c, nobody).body; }));
        BOOST_TEST(contains(page_known, "Si un compte existe pour l&#39;adresse"));
        BOOST_TEST(contains(page_unknown, "Si un compte existe pour l&#39;adresse"));
    }
    const auto rk = median_ms(reset_known), ru = median_ms(reset_unknown);
    BOOST_TEST_MESSAGE("reset request: existing email " << rk << " ms, unknown " << ru << " ms");
    BOOST_TEST(rk - ru < 50.0);
}

// Five failed logins lock an account for 15 minutes — anyone knowing the email can do that to
// a parent. The owner, who reads the mailbox, gets in again at once through a password reset.
BOOST_AUTO_TEST_CASE(a_password_reset_unlocks_a_locked_account)
{
    auto agent = logged_admin();
    auto parent = make_parent(*agent, {1, "Verrou"});
    auto attacker = client_from("127.0.0.40");
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(parent_login(*attacker, parent.email, "je devine").status == 200);
    auto owner = client_from("127.0.0.41");
    check_throttled(parent_login(*owner, parent.email, good_password), "locked account");

    BOOST_REQUIRE_EQUAL(forgot(*owner, parent.email).status, 200);
    const auto mails = wait_for_mails(parent.email, 2); // the confirmation, then the reset
    BOOST_REQUIRE_EQUAL(mails.size(), 2u);
    std::string link;
    for (const auto& m : mails)
        if (const auto l = link_in(m, "/compte/reinitialiser?jeton="); !l.empty())
            link = path_of(l);
    BOOST_REQUIRE(!link.empty());
    const auto csrf = owner->csrf_from(link);
    const std::string fresh = "un nouveau mot de passe pour la cantine";
    const auto reset = owner->post_form(
        link, {{"csrf", csrf}, {"mot_de_passe", fresh}, {"mot_de_passe_confirmation", fresh}});
    BOOST_TEST(reset.status == 200);
    BOOST_TEST(contains(reset.body, "Votre nouveau mot de passe est enregistré"));
    BOOST_TEST(parent_login(*owner, parent.email, fresh).status == 303);
}

BOOST_AUTO_TEST_SUITE_END()
