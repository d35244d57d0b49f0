// The installable web app and the static files through the real Nginx: manifest, service
// worker at the root, offline page without session data, versioned static URLs cached for a
// year, the accessibility statement.
#include "client.h"
#include "fixtures.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <regex>

using namespace itest;

namespace
{

// The static version in the home page's stylesheet URL ("" when absent).
std::string static_version_of(const std::string& html)
{
    static const std::regex css(R"re(/static/css/portail\.css\?v=([0-9a-z]+)")re");
    std::smatch m;
    return std::regex_search(html, m, css) ? m[1].str() : std::string{};
}

} // namespace

BOOST_AUTO_TEST_SUITE(pwa)

BOOST_AUTO_TEST_CASE(layout_links_manifest_script_and_versioned_static_files)
{
    Client c;
    const auto home = c.get("/");
    BOOST_TEST(home.status == 200);
    const auto version = static_version_of(home.body);
    BOOST_TEST(version.size() == 12u);
    BOOST_TEST(contains(home.body, "<link rel=\"manifest\" href=\"/manifest.webmanifest\">"));
    BOOST_TEST(contains(home.body, "/static/js/portail.js?v=" + version));
    BOOST_TEST(contains(home.body, "<a href=\"/accessibilite\">Accessibilité : non conforme</a>"));
}

BOOST_AUTO_TEST_CASE(versioned_static_file_is_cached_a_year_unversioned_is_revalidated)
{
    Client c;
    const auto version = static_version_of(c.get("/").body);
    const auto versioned = c.get("/static/css/portail.css?v=" + version);
    BOOST_TEST(versioned.status == 200);
    BOOST_TEST(versioned.header("cache-control") == "public, max-age=31536000, immutable");
    BOOST_TEST(contains(versioned.header("content-type"), "text/css"));
    BOOST_TEST(versioned.header("x-content-type-options") == "nosniff");
    const auto plain = c.get("/static/css/portail.css");
    BOOST_TEST(plain.status == 200);
    BOOST_TEST(plain.header("cache-control") == "no-cache");
}

BOOST_AUTO_TEST_CASE(manifest_names_the_commune_and_lists_its_icons)
{
    Client c;
    const auto version = static_version_of(c.get("/").body);
    const auto r = c.get("/manifest.webmanifest");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "application/manifest+json");
    BOOST_TEST(contains(r.body, "\"name\": \"Portail Famille de Caumont-sur-Durance\""));
    BOOST_TEST(contains(r.body, "\"short_name\": \"Caumont-sur-Durance\""));
    BOOST_TEST(contains(r.body, "\"display\": \"standalone\""));
    BOOST_TEST(contains(r.body, "\"start_url\": \"/\""));
    BOOST_TEST(contains(r.body, "\"purpose\": \"maskable\""));
    for (const char* icon : {"icone-192.png", "icone-512.png", "icone-maskable-192.png",
                             "icone-maskable-512.png", "icone.svg"}) {
        const auto path = std::string("/static/icons/") + icon + "?v=" + version;
        BOOST_TEST(contains(r.body, path), "manifest lacks " << path);
        BOOST_TEST(c.get(path).status == 200, path << " is not served");
    }

    Client other;
    other.host = other_host;
    const auto theirs = other.get("/manifest.webmanifest");
    BOOST_TEST(theirs.status == 200);
    BOOST_TEST(!contains(theirs.body, "Caumont"));
}

BOOST_AUTO_TEST_CASE(service_worker_is_served_at_the_root_and_always_revalidated)
{
    Client c;
    const auto r = c.get("/sw.js");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(contains(r.header("content-type"), "javascript"));
    BOOST_TEST(r.header("cache-control") == "no-cache");
    BOOST_TEST(contains(r.body, "/hors-ligne"));
}

// Files Nginx serves itself get the security headers too (a location's add_header replaces
// the server's): no sniffing, a CSP without plugins or <base>, and no HSTS over plain HTTP.
BOOST_AUTO_TEST_CASE(files_served_by_nginx_carry_the_security_headers)
{
    Client c;
    for (const char* path : {"/static/css/portail.css", "/sw.js", "/favicon.ico"}) {
        const auto r = c.get(path);
        BOOST_TEST_CONTEXT(path)
        {
            BOOST_TEST(r.status == 200);
            BOOST_TEST(r.header("x-content-type-options") == "nosniff");
            BOOST_TEST(r.header("strict-transport-security").empty());
            if (std::string(path) != "/favicon.ico") {
                const auto csp = r.header("content-security-policy");
                BOOST_TEST(contains(csp, "default-src 'self'"), csp);
                BOOST_TEST(contains(csp, "object-src 'none'"), csp);
                BOOST_TEST(contains(csp, "base-uri 'none'"), csp);
                BOOST_TEST(contains(csp, "frame-ancestors 'none'"), csp);
                BOOST_TEST(r.header("x-frame-options") == "DENY");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(offline_page_never_shows_the_session)
{
    // The service worker keeps this page for every visitor: even asked within a session it
    // holds no name and no token.
    const auto agent = logged_admin();
    BOOST_TEST(contains(agent->get("/gestion").body, "Se déconnecter"));
    const auto r = agent->get("/hors-ligne");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(contains(r.body, "<h1 id=\"titre-hors-ligne\">Vous êtes hors ligne</h1>"));
    BOOST_TEST(contains(r.body, "Caumont-sur-Durance"));
    BOOST_TEST(!contains(r.body, "Se déconnecter"));
    BOOST_TEST(!contains(r.body, "name=\"csrf\""));
    BOOST_TEST(r.header("cache-control") == "no-cache");
}

BOOST_AUTO_TEST_CASE(accessibility_statement_is_public_and_follows_the_model)
{
    Client c;
    const auto r = c.get("/accessibilite");
    BOOST_TEST(r.status == 200);
    for (const char* part :
         {"<h1 id=\"titre-declaration\">Déclaration d'accessibilité</h1>", "État de conformité",
          "<strong>non conforme</strong>", "RGAA), version 4.1", "Résultats des tests",
          "Contenus non accessibles", "Dérogations pour charge disproportionnée",
          "Retour d'information et contact", "Voies de recours", "Défenseur des droits", "axe-core",
          "360 pixels", "mailto:"})
        BOOST_TEST(contains(r.body, part), "the statement lacks " << part);
}

BOOST_AUTO_TEST_SUITE_END()
