// The running skeleton against the real stack: tenancy, errors, CSRF, limits, sessions,
// health, database outage, migrations, graceful shutdown.
#include "client.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <future>
#include <thread>

using namespace itest;

namespace
{

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Nothing that looks like a stack trace, SQL or an exception name ever reaches a page.
void check_no_leak(const Reply& r)
{
    for (const char* word : {"SQLException", "SELECT ", "INSERT ", "std::", "terminate", "what()",
                             "mysql", "Traceback"})
        BOOST_TEST(!contains(r.body, word), "response leaks '" << word << "'");
}

} // namespace

BOOST_AUTO_TEST_SUITE(skeleton)

BOOST_AUTO_TEST_CASE(health_answers_json_when_database_is_up)
{
    Client c;
    const auto r = c.get("/sante");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "application/json");
    BOOST_TEST(contains(r.body, "\"statut\":\"ok\""));
}

BOOST_AUTO_TEST_CASE(home_page_shows_commune_and_login_form_in_french)
{
    Client c;
    const auto r = c.get("/");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(contains(r.body, "<html lang=\"fr\">"));
    BOOST_TEST(contains(r.body, "Caumont-sur-Durance"));
    BOOST_TEST(contains(r.body, "name=\"mot_de_passe\""));
    BOOST_TEST(contains(r.body, "Créer un compte"));
    BOOST_TEST(contains(r.body, "Je n'arrive pas à me connecter"));
}

BOOST_AUTO_TEST_CASE(unknown_host_gets_french_404)
{
    Client c;
    c.host = "inconnue.example";
    const auto r = c.get("/");
    BOOST_TEST(r.status == 404);
    BOOST_TEST(contains(r.body, "Page introuvable"));
    BOOST_TEST(!contains(r.body, "Caumont"));
}

BOOST_AUTO_TEST_CASE(second_commune_is_served_on_its_own_host)
{
    Client c;
    c.host = other_host;
    const auto r = c.get("/");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(contains(r.body, "Autreville"));
    BOOST_TEST(!contains(r.body, "Caumont"));
}

BOOST_AUTO_TEST_CASE(unknown_path_gets_404_page_in_layout)
{
    Client c;
    const auto r = c.get("/nulle/part");
    BOOST_TEST(r.status == 404);
    BOOST_TEST(contains(r.body, "Page introuvable"));
    BOOST_TEST(contains(r.body, "Aller au contenu")); // the layout's skip link
    BOOST_TEST(r.header("content-type") == "text/html; charset=utf-8");
}

BOOST_AUTO_TEST_CASE(wrong_method_gets_405_page)
{
    Client c;
    const auto r = c.get("/gestion/deconnexion");
    BOOST_TEST(r.status == 405);
    BOOST_TEST(contains(r.body, "Action non autorisée"));
}

BOOST_AUTO_TEST_CASE(security_headers_on_every_page)
{
    Client c;
    for (const char* path : {"/", "/nulle/part", "/gestion/connexion"}) {
        const auto r = c.get(path);
        const auto csp = r.header("content-security-policy");
        BOOST_TEST(contains(csp, "frame-ancestors 'none'"));
        BOOST_TEST(contains(csp, "script-src 'self'"));
        BOOST_TEST(!contains(csp, "unsafe-inline"));
        BOOST_TEST(r.header("x-content-type-options") == "nosniff");
        BOOST_TEST(r.header("referrer-policy") == "same-origin");
        BOOST_TEST(r.header("cache-control") == "no-store");
    }
}

BOOST_AUTO_TEST_CASE(post_without_csrf_token_is_403)
{
    Client c;
    c.get("/gestion/connexion");
    const auto r = c.post_form("/gestion/connexion",
                               {{"email", admin_email}, {"mot_de_passe", admin_password}});
    BOOST_TEST(r.status == 403);
    BOOST_TEST(contains(r.body, "Accès refusé"));
    BOOST_TEST(c.cookie("session").empty());
}

BOOST_AUTO_TEST_CASE(post_with_token_of_another_browser_is_403)
{
    Client a, b;
    const auto token = a.csrf_from("/gestion/connexion");
    b.get("/gestion/connexion");
    const auto r =
        b.post_form("/gestion/connexion",
                    {{"csrf", token}, {"email", admin_email}, {"mot_de_passe", admin_password}});
    BOOST_TEST(r.status == 403);
}

BOOST_AUTO_TEST_CASE(post_from_foreign_origin_is_403_even_with_token)
{
    Client c;
    const auto token = c.csrf_from("/gestion/connexion");
    c.extra_headers = {"Origin: https://malveillant.example"};
    const auto r =
        c.post_form("/gestion/connexion",
                    {{"csrf", token}, {"email", admin_email}, {"mot_de_passe", admin_password}});
    BOOST_TEST(r.status == 403);
    BOOST_TEST(c.cookie("session").empty());
}

BOOST_AUTO_TEST_CASE(form_body_over_limit_is_413)
{
    Client c;
    const auto token = c.csrf_from("/gestion/connexion");
    const std::string big(300 * 1024, 'a');
    const auto r = c.post_form("/gestion/connexion", {{"csrf", token}, {"email", big}});
    BOOST_TEST(r.status == 413);
    BOOST_TEST(contains(r.body, "Envoi trop volumineux"));
}

BOOST_AUTO_TEST_CASE(body_over_nginx_limit_is_413)
{
    Client c;
    const std::string huge(13 * 1024 * 1024, 'x');
    const auto r = c.post_raw("/gestion/connexion", "application/octet-stream", huge);
    BOOST_TEST(r.status == 413);
}

BOOST_AUTO_TEST_CASE(malformed_multipart_is_400)
{
    Client c;
    c.get("/gestion/connexion");
    const auto r = c.post_raw("/gestion/connexion", "multipart/form-data; boundary=XyZ",
                              "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                              "abc\r\n--XyZ"); // no final delimiter
    BOOST_TEST(r.status == 400);
    BOOST_TEST(contains(r.body, "Demande incorrecte"));
}

BOOST_AUTO_TEST_CASE(unexpected_content_type_is_415)
{
    Client c;
    const auto r = c.post_raw("/gestion/connexion", "application/json", "{\"a\":1}");
    BOOST_TEST(r.status == 415);
}

BOOST_AUTO_TEST_CASE(malformed_query_string_is_400)
{
    Client c;
    const auto r = c.get("/?a=%zz");
    BOOST_TEST(r.status == 400);
    check_no_leak(r);
}

BOOST_AUTO_TEST_CASE(agent_logs_in_and_out_with_a_database_session)
{
    Client c;
    const auto login = c.agent_login(admin_email, admin_password);
    BOOST_TEST(login.status == 303);
    BOOST_TEST(login.header("location") == "/gestion");
    bool http_only = false;
    for (const auto& set : login.all("set-cookie"))
        if (set.rfind("session=", 0) == 0)
            http_only = contains(set, "HttpOnly") && contains(set, "SameSite=Lax");
    BOOST_TEST(http_only);
    const auto token = c.cookie("session");
    BOOST_TEST(token.size() == 43u);
    // The table holds the token's SHA-256, never the token.
    BOOST_TEST(Stack::get().sql("SELECT COUNT(*) FROM session WHERE token_hash = UNHEX(SHA2('" +
                                token + "', 256))") == "1");
    BOOST_TEST(
        Stack::get().sql("SELECT COUNT(*) FROM session WHERE token_hash = '" + token + "'") == "0");
    const auto home = c.get("/gestion");
    BOOST_TEST(home.status == 200);
    BOOST_TEST(contains(home.body, "Claire Martin"));
    const auto out =
        c.post_form("/gestion/deconnexion", {{"csrf", input_value(home.body, "csrf")}});
    BOOST_TEST(out.status == 303);
    BOOST_TEST(Stack::get().sql("SELECT COUNT(*) FROM session WHERE token_hash = UNHEX(SHA2('" +
                                token + "', 256))") == "0");
    BOOST_TEST(c.get("/gestion").status == 303);
}

BOOST_AUTO_TEST_CASE(wrong_password_and_unknown_email_get_the_same_page)
{
    Client a, b;
    const auto wrong = a.agent_login(admin_email, "pas-le-bon-mot-de-passe");
    const auto unknown = b.agent_login("personne@example.org", "pas-le-bon-mot-de-passe");
    BOOST_TEST(wrong.status == 200);
    BOOST_TEST(unknown.status == 200);
    BOOST_TEST(contains(wrong.body, "Email ou mot de passe incorrect."));
    BOOST_TEST(contains(unknown.body, "Email ou mot de passe incorrect."));
    BOOST_TEST(a.cookie("session").empty());
}

BOOST_AUTO_TEST_CASE(back_office_needs_an_agent_session)
{
    Client c;
    const auto r = c.get("/gestion");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.header("location") == "/gestion/connexion");
}

BOOST_AUTO_TEST_CASE(session_of_one_commune_is_worthless_on_another_host)
{
    Client c;
    BOOST_TEST(c.agent_login(admin_email, admin_password).status == 303);
    BOOST_TEST(c.get("/gestion").status == 200);
    // The same cookie sent to the other commune's host (curl files cookies under the Host
    // header, so the test sends it by hand, as a forged request would).
    Client forged;
    forged.host = other_host;
    forged.extra_headers.push_back("Cookie: session=" + c.cookie("session"));
    BOOST_TEST(forged.get("/gestion").status == 303);
    // And an agent of the other commune cannot log in on this one.
    Client d;
    BOOST_TEST(d.agent_login(other_agent_email, admin_password).status == 200);
    BOOST_TEST(d.cookie("session").empty());
}

BOOST_AUTO_TEST_CASE(expired_session_is_refused)
{
    Client c;
    BOOST_TEST(c.agent_login(admin_email, admin_password).status == 303);
    const auto token = c.cookie("session");
    Stack::get().sql("UPDATE session SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE"
                     " WHERE token_hash = UNHEX(SHA2('" +
                     token + "', 256))");
    BOOST_TEST(c.get("/gestion").status == 303);
    BOOST_TEST(c.agent_login(admin_email, admin_password).status == 303);
    const auto token2 = c.cookie("session");
    BOOST_TEST(token2 != token); // a new token at each login
    Stack::get().sql("UPDATE session SET created_at = UTC_TIMESTAMP() - INTERVAL 13 HOUR"
                     " WHERE token_hash = UNHEX(SHA2('" +
                     token2 + "', 256))");
    BOOST_TEST(c.get("/gestion").status == 303);
}

BOOST_AUTO_TEST_CASE(migrations_run_twice_change_nothing)
{
    const auto& s = Stack::get();
    const std::string schema_query =
        "SELECT GROUP_CONCAT(CONCAT(table_name, '.', column_name, ':', column_type) ORDER BY "
        "table_name, ordinal_position) FROM information_schema.columns WHERE table_schema = "
        "'portail'";
    const auto before = s.sql(schema_query);
    const auto count_before = s.sql("SELECT COUNT(*) FROM schema_migrations");
    std::string out;
    BOOST_TEST(s.portail("migrate", &out) == 0);
    BOOST_TEST(contains(out, "up to date"));
    BOOST_TEST(s.sql(schema_query) == before);
    BOOST_TEST(s.sql("SELECT COUNT(*) FROM schema_migrations") == count_before);
}

BOOST_AUTO_TEST_CASE(no_response_leaks_internals)
{
    Client c;
    c.get("/");
    for (const char* path : {"/", "/nulle/part", "/gestion/connexion", "/?x=%zz", "/%00",
                             "/gestion/connexion?email='--"})
        check_no_leak(c.get(path));
    check_no_leak(c.post_raw("/gestion/connexion", "text/xml", "<a/>"));
    check_no_leak(c.post_form("/gestion/connexion", {{"csrf", "x"}}));
}

// Destructive tests last: they stop and restart parts of the stack.

BOOST_AUTO_TEST_CASE(database_outage_gives_503_then_recovers_without_restarting_workers)
{
    auto& s = Stack::get();
    const int pid_before = s.worker_pid();
    Client c;
    BOOST_TEST(c.get("/gestion/connexion").status == 200);
    BOOST_REQUIRE(s.control("db-stop") == 0);
    const auto health = c.get("/sante");
    BOOST_TEST(health.status == 503);
    BOOST_TEST(contains(health.body, "indisponible"));
    // A page that needs the database (the agent login looks the agent up).
    const auto token = c.csrf_from("/gestion/connexion");
    const auto page =
        c.post_form("/gestion/connexion",
                    {{"csrf", token}, {"email", admin_email}, {"mot_de_passe", admin_password}});
    BOOST_TEST(page.status == 503);
    BOOST_TEST(contains(page.body, "momentanément indisponible"));
    BOOST_TEST(page.header("retry-after") == "5");
    check_no_leak(page);
    BOOST_REQUIRE(s.control("db-start") == 0);
    const auto start = std::chrono::steady_clock::now();
    long status = 0;
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
        status = c.get("/sante").status;
        if (status == 200)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    BOOST_TEST(status == 200);
    // Every thread reconnects: several requests in a row all succeed.
    for (int i = 0; i < 20; ++i)
        BOOST_TEST(c.get("/gestion/connexion").status == 200);
    BOOST_TEST(c.agent_login(admin_email, admin_password).status == 303);
    BOOST_TEST(s.worker_pid() == pid_before);
}

BOOST_AUTO_TEST_CASE(sigterm_lets_a_slow_request_finish_then_exits)
{
    auto& s = Stack::get();
    const int pid = s.worker_pid();
    BOOST_REQUIRE(pid > 0);
    auto slow = std::async(std::launch::async, [] {
        Client c;
        return c.get("/_test/lent?ms=2000");
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const auto signalled = std::chrono::steady_clock::now();
    BOOST_REQUIRE(::kill(pid, SIGTERM) == 0);
    const auto r = slow.get();
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == "fini\n");
    while (!process_gone(pid) &&
           std::chrono::steady_clock::now() - signalled < std::chrono::seconds(6))
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    BOOST_TEST(process_gone(pid));
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - signalled)
                            .count();
    BOOST_TEST(waited < 5000);
    BOOST_REQUIRE(s.control("workers-start") == 0);
    Client c;
    BOOST_TEST(c.get("/sante").status == 200);
}

// What the server must not do (ASVS 13.4.3, 13.4.4): answer TRACE (which echoes the
// request, cookies included), or list a folder's files.
BOOST_AUTO_TEST_CASE(trace_and_folder_listings_are_refused)
{
    for (const char* path : {"/", "/connexion", "/static/css/portail.css"}) {
        std::string out;
        BOOST_REQUIRE_EQUAL(
            run("curl -s -o - -w '\\n%{http_code}' -X TRACE -H 'X-Sonde: echo-7431' "
                "-H 'Cookie: sonde=7431' '" +
                    Stack::get().url(path) + "'",
                &out),
            0);
        BOOST_TEST(out.ends_with("\n405"), path << ": " << out.substr(0, 300));
        BOOST_TEST(!contains(out, "echo-7431"), path);
        BOOST_TEST(!contains(out, "sonde=7431"), path);
    }
    Client c;
    for (const char* folder : {"/static/", "/static/css/", "/static/js/", "/static/errors/"}) {
        const auto r = c.get(folder);
        BOOST_TEST((r.status == 403 || r.status == 404), folder << " answered " << r.status);
        BOOST_TEST(!contains(r.body, "Index of"), folder);
        BOOST_TEST(!contains(r.body, "portail.css"), folder);
    }
}

BOOST_AUTO_TEST_SUITE_END()
