// Parent accounts against the real stack (brochure steps 1–4): an agent creates the family
// and issues a code abonné, the parent creates the account, confirms it from the mail in the
// Maildir, logs in and out, resets the password; plus throttling, tenancy and bad input.
#include "client.h"
#include "fixtures.h"
#include "mailbox.h"
#include "security/password.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace itest;

namespace
{

using Fields = std::vector<std::pair<std::string, std::string>>;

// The first "PREFIX-NNNNN-XXXXXXXX" in a page (std::regex trips a GCC 12 warning under ASan).
std::string find_code(const std::string& html)
{
    const std::string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    auto upper_or_digit = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    for (std::size_t i = 0; i + 15 < html.size(); ++i) {
        // A 5-digit number between two hyphens, preceded by the prefix, followed by 8 symbols.
        if (html[i] != '-' || i + 15 > html.size() || html[i + 6] != '-')
            continue;
        bool digits = true;
        for (int k = 1; k <= 5; ++k)
            digits = digits && html[i + k] >= '0' && html[i + k] <= '9';
        bool secret = i + 15 <= html.size();
        for (int k = 7; secret && k < 15; ++k)
            secret = alphabet.find(html[i + k]) != std::string::npos;
        std::size_t start = i;
        while (start > 0 && upper_or_digit(html[start - 1]))
            --start;
        if (digits && secret && i - start >= 2 && i - start <= 20)
            return html.substr(start, i + 15 - start);
    }
    return {};
}

struct IssuedCode {
    std::string family_path;
    std::string code;
};

// Step 1: the agent creates the family (guardian `last`/`first`) and issues its code.
IssuedCode agent_issues_code(const std::string& last, const std::string& first)
{
    Client agent;
    BOOST_REQUIRE(agent.agent_login(admin_email, admin_password).status == 303);
    const auto csrf = agent.csrf_from("/gestion/familles/nouvelle");
    const auto path = create_family(agent, csrf, last, first);
    const auto page = agent.get(path);
    const auto letter = agent.post_form(path + "/code", {{"csrf", input_value(page.body, "csrf")}});
    BOOST_REQUIRE_EQUAL(letter.status, 200);
    const auto code = find_code(letter.body);
    BOOST_REQUIRE(!code.empty());
    return {path, code};
}

Reply create_account(Client& c, const std::string& email, const std::string& last,
                     const std::string& first, const std::string& code,
                     const std::string& password = good_password)
{
    const auto csrf = c.csrf_from("/compte/creer");
    return c.post_form("/compte/creer", {{"csrf", csrf},
                                         {"email", email},
                                         {"mot_de_passe", password},
                                         {"mot_de_passe_confirmation", password},
                                         {"nom", last},
                                         {"prenom", first},
                                         {"code_abonne", code}});
}

// Creates, confirms and returns the email of a fresh parent account.
std::string confirmed_parent(Client& c)
{
    const auto last = unique_name("Famille");
    const auto issued = agent_issues_code(last, "Camille");
    const auto email = unique_email("parent");
    BOOST_REQUIRE_EQUAL(create_account(c, email, last, "Camille", issued.code).status, 200);
    const auto mails = wait_for_mails(email, 1);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    const auto confirm = c.get(path_of(link_in(mails[0], "/compte/confirmer?jeton=")));
    BOOST_REQUIRE_EQUAL(confirm.status, 303);
    return email;
}

std::string count_accounts(const std::string& email)
{
    return Stack::get().sql("SELECT COUNT(*) FROM parent_account WHERE email = '" + email + "'");
}

} // namespace

BOOST_AUTO_TEST_SUITE(accounts)

BOOST_AUTO_TEST_CASE(brochure_steps_one_to_four_end_to_end)
{
    const auto last = unique_name("Dupont-Martin");
    const auto issued = agent_issues_code(last, "Élodie");
    Client parent;
    const auto email = unique_email("elodie");
    // Typed differently from the file: case, accents, spaces and hyphens do not matter.
    std::string typed_last = last;
    for (auto& ch : typed_last)
        if (ch == '-')
            ch = ' ';
    const auto created =
        create_account(parent, email, "  " + typed_last + " ", "ELODIE", issued.code);
    BOOST_TEST(created.status == 200);
    BOOST_TEST(contains(created.body, "Vérifiez votre boîte mail"));
    BOOST_TEST(contains(created.body, "indésirables"));
    BOOST_TEST(count_accounts(email) == "1");

    // Not confirmed yet: login explains it.
    Client early;
    const auto before = parent_login(early, email, good_password);
    BOOST_TEST(contains(before.body, "pas encore confirmé"));
    BOOST_TEST(early.cookie("session").empty());

    const auto mails = wait_for_mails(email, 1);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    BOOST_TEST(contains(mails[0].text, "48 heures"));
    const auto link = link_in(mails[0], "/compte/confirmer?jeton=");
    BOOST_REQUIRE(!link.empty());
    const auto confirmed = parent.get(path_of(link));
    BOOST_TEST(confirmed.status == 303);
    BOOST_TEST(confirmed.header("location") == "/famille?bienvenue=1");
    const auto home = parent.get("/famille");
    BOOST_TEST(home.status == 200);
    BOOST_TEST(contains(home.body, "Famille " + last));
    // The link is single-use.
    Client other;
    const auto again = other.get(path_of(link));
    BOOST_TEST(again.status == 409);
    BOOST_TEST(contains(again.body, "déjà utilisé"));

    // Log out, log in, log out.
    const auto out = parent.post_form("/deconnexion", {{"csrf", input_value(home.body, "csrf")}});
    BOOST_TEST(out.status == 303);
    BOOST_TEST(parent.get("/famille").status == 303);
    BOOST_TEST(parent_login(parent, email, good_password).status == 303);
    BOOST_TEST(parent.get("/famille").status == 200);

    // Forgotten password: a single-use link valid one hour; the reset ends every session.
    Client forgetful;
    const auto csrf = forgetful.csrf_from("/compte/mot-de-passe-oublie");
    const auto asked =
        forgetful.post_form("/compte/mot-de-passe-oublie", {{"csrf", csrf}, {"email", email}});
    BOOST_TEST(asked.status == 200);
    const auto reset_mails = wait_for_mails(email, 2);
    BOOST_REQUIRE_EQUAL(reset_mails.size(), 2u);
    const auto reset_path = path_of(link_in(reset_mails[1], "/compte/reinitialiser?jeton="));
    BOOST_REQUIRE(!reset_path.empty());
    const auto form = forgetful.get(reset_path);
    BOOST_TEST(form.status == 200);
    const std::string new_password = "un nouveau mot de passe tout neuf";
    const auto reset =
        forgetful.post_form(reset_path, {{"csrf", input_value(form.body, "csrf")},
                                         {"mot_de_passe", new_password},
                                         {"mot_de_passe_confirmation", new_password}});
    BOOST_TEST(reset.status == 200);
    BOOST_TEST(contains(reset.body, "Mot de passe modifié"));
    BOOST_TEST(parent.get("/famille").status == 303);    // the old session ended
    BOOST_TEST(forgetful.get(reset_path).status == 409); // the link is used
    BOOST_TEST(contains(parent_login(parent, email, good_password).body,
                        "Email ou mot de passe incorrect"));
    BOOST_TEST(parent_login(parent, email, new_password).status == 303);
}

BOOST_AUTO_TEST_CASE(code_serves_once_per_guardian)
{
    const auto last = unique_name("Martin");
    const auto issued = agent_issues_code(last, "Paul");
    Client a, b;
    const auto first_email = unique_email("paul");
    BOOST_TEST(create_account(a, first_email, last, "Paul", issued.code).status == 200);
    BOOST_TEST(count_accounts(first_email) == "1");
    const auto second_email = unique_email("paul-bis");
    const auto again = create_account(b, second_email, last, "Paul", issued.code);
    BOOST_TEST(contains(again.body, "ne correspondent à aucun dossier famille"));
    BOOST_TEST(count_accounts(second_email) == "0");
}

BOOST_AUTO_TEST_CASE(regenerated_code_kills_the_old_one)
{
    const auto last = unique_name("Petit");
    const auto issued = agent_issues_code(last, "Nina");
    Client agent;
    BOOST_REQUIRE(agent.agent_login(admin_email, admin_password).status == 303);
    const auto page = agent.get(issued.family_path);
    const auto letter =
        agent.post_form(issued.family_path + "/code", {{"csrf", input_value(page.body, "csrf")}});
    BOOST_REQUIRE_EQUAL(letter.status, 200);
    Client parent;
    const auto email = unique_email("nina");
    const auto refused = create_account(parent, email, last, "Nina", issued.code);
    BOOST_TEST(contains(refused.body, "ne correspondent à aucun dossier famille"));
    BOOST_TEST(count_accounts(email) == "0");
}

BOOST_AUTO_TEST_CASE(expired_code_is_refused)
{
    const auto last = unique_name("Leroy");
    const auto issued = agent_issues_code(last, "Jade");
    Stack::get().sql("UPDATE subscriber_code SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND"
                     " WHERE code_hash = UNHEX(SHA2('" +
                     issued.code + "', 256))");
    Client parent;
    const auto email = unique_email("jade");
    const auto refused = create_account(parent, email, last, "Jade", issued.code);
    BOOST_TEST(contains(refused.body, "ne correspondent à aucun dossier famille"));
    BOOST_TEST(count_accounts(email) == "0");
}

BOOST_AUTO_TEST_CASE(identity_must_match_a_guardian)
{
    const auto last = unique_name("Roux");
    const auto issued = agent_issues_code(last, "Lina");
    Client parent;
    const auto email = unique_email("intrus");
    const auto refused = create_account(parent, email, last, "Marc", issued.code);
    BOOST_TEST(contains(refused.body, "ne correspondent à aucun dossier famille"));
    BOOST_TEST(count_accounts(email) == "0");
}

BOOST_AUTO_TEST_CASE(email_already_used_gets_the_same_page_and_a_mail)
{
    Client first;
    const auto email = confirmed_parent(first);
    const auto last = unique_name("Blanc");
    const auto issued = agent_issues_code(last, "Eva");
    Client second;
    const auto r = create_account(second, email, last, "Eva", issued.code);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(contains(r.body, "Vérifiez votre boîte mail"));
    BOOST_TEST(count_accounts(email) == "1");
    const auto mails = wait_for_mails(email, 2);
    BOOST_REQUIRE_EQUAL(mails.size(), 2u);
    BOOST_TEST(contains(mails[1].text, "déjà un compte"));
}

BOOST_AUTO_TEST_CASE(weak_password_is_refused_with_a_french_message)
{
    const auto last = unique_name("Garcia");
    const auto issued = agent_issues_code(last, "Leo");
    Client parent;
    const auto email = unique_email("leo");
    const auto short_one = create_account(parent, email, last, "Leo", issued.code, "court");
    BOOST_TEST(short_one.status == 400);
    BOOST_TEST(contains(short_one.body, "au moins 12 caractères"));
    BOOST_TEST(contains(short_one.body, "aria-describedby=\"mdp-erreur\""));
    const auto common = create_account(parent, email, last, "Leo", issued.code, "qwerty123456");
    BOOST_TEST(common.status == 400);
    BOOST_TEST(contains(common.body, "trop courant"));
    BOOST_TEST(count_accounts(email) == "0");
}

BOOST_AUTO_TEST_CASE(unknown_email_and_wrong_password_look_the_same_then_throttle)
{
    Client owner;
    const auto email = confirmed_parent(owner);
    Client a, b;
    const auto wrong = parent_login(a, email, "ce n'est pas le bon");
    const auto unknown = parent_login(b, unique_email("personne"), "ce n'est pas le bon");
    BOOST_TEST(wrong.status == unknown.status);
    BOOST_TEST(contains(wrong.body, "Email ou mot de passe incorrect."));
    BOOST_TEST(contains(unknown.body, "Email ou mot de passe incorrect."));
    // Four more wrong passwords (five in all), then the sixth attempt is throttled.
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(parent_login(a, email, "encore une erreur").status == 200);
    const auto sixth = parent_login(a, email, good_password);
    BOOST_TEST(sixth.status == 429);
    BOOST_TEST(contains(sixth.body, "Réessayez dans"));
    BOOST_TEST(!sixth.header("retry-after").empty());
    BOOST_TEST(a.cookie("session").empty());
}

BOOST_AUTO_TEST_CASE(a_password_stored_with_older_settings_logs_in_and_is_rehashed)
{
    // Before the switch to 9 MiB and four passes (then 7 MiB and five), passwords were hashed
    // with 19 MiB and two.
    Client owner;
    const auto email = confirmed_parent(owner);
    const auto& stack = Stack::get();
    const auto old_hash = security::hash_password(good_password, {2, 19 * 1024});
    BOOST_REQUIRE(old_hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0u);
    stack.sql("UPDATE parent_account SET password_hash = '" + old_hash + "' WHERE email = '" +
              email + "'");
    const auto stored = [&] {
        return stack.sql("SELECT password_hash FROM parent_account WHERE email = '" + email + "'");
    };
    // A wrong password changes nothing.
    Client wrong;
    BOOST_TEST(parent_login(wrong, email, "ce n'est pas le bon").status == 200);
    BOOST_TEST(stored() == old_hash);
    // The right one logs in, and the hash is rewritten with today's settings.
    Client parent;
    BOOST_TEST(parent_login(parent, email, good_password).status == 303);
    const auto rehashed = stored();
    BOOST_TEST(rehashed.rfind("$argon2id$v=19$m=7168,t=5,p=1$", 0) == 0u, rehashed);
    BOOST_TEST(security::verify_password(good_password, rehashed));
    // And the new hash logs in too.
    Client again;
    BOOST_TEST(parent_login(again, email, good_password).status == 303);
    BOOST_TEST(stored() == rehashed);
}

BOOST_AUTO_TEST_CASE(parent_session_gives_no_access_to_back_office)
{
    Client parent;
    confirmed_parent(parent);
    BOOST_TEST(parent.get("/famille").status == 200);
    const auto r = parent.get("/gestion");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == "/gestion/connexion");
    BOOST_TEST(parent.get("/gestion/familles").status == 303);
}

BOOST_AUTO_TEST_CASE(parent_session_is_worthless_on_another_commune)
{
    Client parent;
    confirmed_parent(parent);
    parent.host = other_host;
    const auto r = parent.get("/famille");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == "/connexion");
}

BOOST_AUTO_TEST_CASE(change_password_asks_the_current_one_and_ends_other_sessions)
{
    Client phone, laptop;
    const auto email = confirmed_parent(phone);
    BOOST_REQUIRE(parent_login(laptop, email, good_password).status == 303);
    const auto page = phone.get("/compte");
    BOOST_TEST(contains(page.body, "Connexions récentes"));
    const auto csrf = input_value(page.body, "csrf");
    const std::string next = "encore un autre mot de passe";
    const auto wrong =
        phone.post_form("/compte/mot-de-passe", {{"csrf", csrf},
                                                 {"mot_de_passe_actuel", "faux faux faux"},
                                                 {"mot_de_passe", next},
                                                 {"mot_de_passe_confirmation", next}});
    BOOST_TEST(wrong.status == 400);
    BOOST_TEST(contains(wrong.body, "Mot de passe actuel incorrect"));
    const auto ok = phone.post_form("/compte/mot-de-passe", {{"csrf", csrf},
                                                             {"mot_de_passe_actuel", good_password},
                                                             {"mot_de_passe", next},
                                                             {"mot_de_passe_confirmation", next}});
    BOOST_TEST(ok.status == 303);
    BOOST_TEST(phone.get("/compte").status == 200);
    BOOST_TEST(laptop.get("/compte").status == 303);
}

BOOST_AUTO_TEST_CASE(change_email_is_confirmed_by_the_new_address_and_told_to_the_old)
{
    Client parent;
    const auto email = confirmed_parent(parent);
    const auto page = parent.get("/compte");
    const auto new_email = unique_email("nouvelle");
    const auto r = parent.post_form("/compte/email", {{"csrf", input_value(page.body, "csrf")},
                                                      {"nouvel_email", new_email},
                                                      {"mot_de_passe", good_password}});
    BOOST_TEST(r.status == 303);
    const auto to_new = wait_for_mails(new_email, 1);
    BOOST_REQUIRE_EQUAL(to_new.size(), 1u);
    const auto to_old = wait_for_mails(email, 2);
    BOOST_REQUIRE_EQUAL(to_old.size(), 2u);
    BOOST_TEST(contains(to_old[1].text, new_email));
    BOOST_TEST(count_accounts(email) == "1"); // not changed before the link is followed
    const auto confirm = parent.get(path_of(link_in(to_new[0], "/compte/email/confirmer")));
    BOOST_TEST(confirm.status == 303);
    BOOST_TEST(count_accounts(email) == "0");
    BOOST_TEST(count_accounts(new_email) == "1");
}

BOOST_AUTO_TEST_CASE(hostile_input_is_refused_or_escaped_and_nothing_is_stored)
{
    const auto last = unique_name("Hostile");
    const auto issued = agent_issues_code(last, "Zoe");
    Client c;
    const auto email = unique_email("hostile");
    // 10,000-character name.
    const auto long_name = create_account(c, email, std::string(10000, 'a'), "Zoe", issued.code);
    BOOST_TEST(long_name.status == 400);
    BOOST_TEST(contains(long_name.body, "trop long"));
    // Missing fields.
    const auto csrf = c.csrf_from("/compte/creer");
    const auto missing = c.post_form("/compte/creer", {{"csrf", csrf}, {"email", email}});
    BOOST_TEST(missing.status == 400);
    BOOST_TEST(contains(missing.body, "Saisissez votre nom."));
    // Invalid UTF-8 is a malformed form.
    const auto bad_utf8 = c.post_raw("/compte/creer", "application/x-www-form-urlencoded",
                                     "csrf=" + csrf + "&nom=%C3%28&prenom=x");
    BOOST_TEST(bad_utf8.status == 400);
    // NUL and RTL override characters.
    const auto nul = create_account(c, email, std::string("abc\0def", 7), "Zoe", issued.code);
    BOOST_TEST(nul.status == 400);
    const auto rtl = create_account(c, email, "abc\u202Edef", "Zoe", issued.code);
    BOOST_TEST(rtl.status == 400);
    // HTML and SQL are shown escaped and match nothing.
    const auto html =
        create_account(c, "<script>alert(1)</script>@x.fr", "<b>x</b>", "' OR 1=1 --", issued.code);
    BOOST_TEST(!contains(html.body, "<script>alert(1)</script>"));
    BOOST_TEST(!contains(html.body, "<b>x</b>"));
    BOOST_TEST(contains(html.body, "&lt;b&gt;x&lt;/b&gt;"));
    BOOST_TEST(count_accounts(email) == "0");
    BOOST_TEST(
        Stack::get().sql("SELECT COUNT(*) FROM parent_account WHERE email LIKE '%script%'") == "0");
}

BOOST_AUTO_TEST_CASE(unlinked_guardian_can_register_again_with_a_new_code)
{
    const auto last = unique_name("Delie");
    const auto issued = agent_issues_code(last, "Rose");
    Client parent;
    const auto email = unique_email("rose");
    BOOST_REQUIRE(create_account(parent, email, last, "Rose", issued.code).status == 200);
    const auto account_id =
        Stack::get().sql("SELECT id FROM parent_account WHERE email = '" + email + "'");
    Client agent;
    BOOST_REQUIRE(agent.agent_login(admin_email, admin_password).status == 303);
    const auto page = agent.get(issued.family_path);
    const auto unlinked = agent.post_form(issued.family_path + "/comptes/" + account_id + "/delier",
                                          {{"csrf", input_value(page.body, "csrf")}});
    BOOST_TEST(unlinked.status == 303);
    BOOST_TEST(count_accounts(email) == "0");
    const auto again =
        agent.post_form(issued.family_path + "/code", {{"csrf", input_value(page.body, "csrf")}});
    const auto code = find_code(again.body);
    BOOST_REQUIRE(!code.empty());
    Client back;
    BOOST_TEST(create_account(back, email, last, "Rose", code).status == 200);
    BOOST_TEST(count_accounts(email) == "1");
}

BOOST_AUTO_TEST_CASE(mail_waits_in_the_outbox_while_smtp_is_down)
{
    auto& s = Stack::get();
    BOOST_REQUIRE(s.control("smtp-stop") == 0);
    const auto last = unique_name("Panne");
    const auto issued = agent_issues_code(last, "Ali");
    Client parent;
    const auto email = unique_email("panne");
    const auto r = create_account(parent, email, last, "Ali", issued.code);
    BOOST_TEST(r.status == 200);
    BOOST_TEST(count_accounts(email) == "1");
    std::this_thread::sleep_for(std::chrono::seconds(2));
    BOOST_TEST(mails_to(email).empty());
    BOOST_TEST(s.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = '" + email +
                     "' AND sent_at IS NULL") == "1");
    BOOST_REQUIRE(s.control("smtp-start") == 0);
    const auto mails = wait_for_mails(email, 1, 40);
    BOOST_TEST(mails.size() == 1u);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    BOOST_TEST(mails_to(email).size() == 1u); // exactly once
}

BOOST_AUTO_TEST_SUITE_END()
