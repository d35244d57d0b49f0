#include "http/request.h"

#include "http/error.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>

using Env = std::map<std::string, std::string>;

namespace
{

Env base_env()
{
    return {{"REQUEST_METHOD", "GET"},
            {"DOCUMENT_URI", "/"},
            {"QUERY_STRING", ""},
            {"HTTP_HOST", "mairie.example.fr"}};
}

http::Request request_with(std::initializer_list<std::pair<const std::string, std::string>> vars)
{
    auto env = base_env();
    for (const auto& [k, v] : vars)
        env[k] = v;
    return http::Request::from_env(env);
}

std::string host_of(const std::string& host_header)
{
    return request_with({{"HTTP_HOST", host_header}}).host();
}

// The status of the http::Error thrown by f, or 0 when nothing is thrown.
template <class F> int error_status(F f)
{
    try {
        f();
    } catch (const http::Error& e) {
        return e.status();
    }
    return 0;
}

http::Request post(const std::string& content_type)
{
    return request_with({{"REQUEST_METHOD", "POST"}, {"CONTENT_TYPE", content_type}});
}

const std::string boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string multipart_body()
{
    return "--" + boundary +
           "\r\nContent-Disposition: form-data; name=\"titre\"\r\n\r\nFacture mars\r\n"
           "--" +
           boundary +
           "\r\nContent-Disposition: form-data; name=\"piece\"; filename=\"f.pdf\"\r\n"
           "Content-Type: application/pdf\r\n\r\n%PDF-1.4 data\r\n"
           "--" +
           boundary + "--\r\n";
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_request)

// --- from_env --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(method_query_and_env_are_copied)
{
    auto r = request_with({{"REQUEST_METHOD", "POST"}, {"QUERY_STRING", "a=1&b=x%20y&a=2"}});
    BOOST_TEST(r.method() == "POST");
    BOOST_TEST(r.query_string() == "a=1&b=x%20y&a=2");
    BOOST_TEST(r.query().all("a").size() == 2u);
    BOOST_TEST(r.query().get("b").value_or("?") == "x y");
    BOOST_TEST(r.env("REQUEST_METHOD") == "POST");
    BOOST_TEST(r.env("NOT_SET").empty());
}

BOOST_AUTO_TEST_CASE(host_is_lower_cased_without_port)
{
    BOOST_TEST(host_of("Mairie.Example.FR:8080") == "mairie.example.fr");
    BOOST_TEST(host_of("localhost") == "localhost");
    BOOST_TEST(host_of("LOCALHOST:80") == "localhost");
    BOOST_TEST(host_of("mairie.example.fr:") == "mairie.example.fr"); // empty port is allowed
    BOOST_TEST(host_of("127.0.0.1:65535") == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(host_keeps_an_ipv6_literal_with_brackets_without_port)
{
    BOOST_TEST(host_of("[::1]:8080") == "[::1]");
    BOOST_TEST(host_of("[2001:DB8::1]") == "[2001:db8::1]");
    BOOST_TEST(host_of("[::ffff:192.0.2.1]:443") == "[::ffff:192.0.2.1]");
}

BOOST_AUTO_TEST_CASE(junk_host_gives_an_empty_host)
{
    BOOST_TEST(host_of("").empty());
    BOOST_TEST(host_of("evil host").empty());
    BOOST_TEST(host_of("a/b").empty());
    BOOST_TEST(host_of("<script>").empty());
    BOOST_TEST(host_of("a_b.example").empty());
    BOOST_TEST(host_of("[::1").empty());
    BOOST_TEST(host_of("[]").empty());
    BOOST_TEST(host_of("[a b]").empty());
    BOOST_TEST(host_of("[<script>]:80").empty());
    BOOST_TEST(host_of("[::1]junk").empty());
    BOOST_TEST(host_of("example.fr:80x").empty());
    BOOST_TEST(host_of("example.fr:8080:1").empty());
    BOOST_TEST(host_of("example.fr:1234567").empty());
    BOOST_TEST(host_of(std::string(256, 'a')).empty());
    BOOST_TEST(request_with({}).env("HTTP_HOST") == "mairie.example.fr");
    auto env = base_env();
    env.erase("HTTP_HOST");
    BOOST_TEST(http::Request::from_env(env).host().empty());
}

BOOST_AUTO_TEST_CASE(path_comes_from_document_uri)
{
    auto r = request_with({{"DOCUMENT_URI", "/famille/3"}, {"REQUEST_URI", "/autre?x=1"}});
    BOOST_TEST(r.path() == "/famille/3");
}

BOOST_AUTO_TEST_CASE(path_falls_back_to_request_uri_without_query)
{
    auto env = base_env();
    env.erase("DOCUMENT_URI");
    env["REQUEST_URI"] = "/gestion/connexion?retour=%2F";
    BOOST_TEST(http::Request::from_env(env).path() == "/gestion/connexion");
    env["REQUEST_URI"] = "/sans-requete";
    BOOST_TEST(http::Request::from_env(env).path() == "/sans-requete");
}

BOOST_AUTO_TEST_CASE(path_defaults_to_root_when_absent)
{
    auto env = base_env();
    env.erase("DOCUMENT_URI");
    BOOST_TEST(http::Request::from_env(env).path() == "/");
}

BOOST_AUTO_TEST_CASE(malformed_query_throws_error_400)
{
    BOOST_TEST(error_status([] { request_with({{"QUERY_STRING", "a=%zz"}}); }) == 400);
    BOOST_TEST(error_status([] { request_with({{"QUERY_STRING", "a=%"}}); }) == 400);
    BOOST_TEST(error_status([] { request_with({{"QUERY_STRING", "a=%FF"}}); }) == 400);
    BOOST_TEST(error_status([] { request_with({{"QUERY_STRING", "a=%C3%A9"}}); }) == 0);
}

BOOST_AUTO_TEST_CASE(cookies_are_parsed)
{
    auto r = request_with({{"HTTP_COOKIE", "portail_csrf=abc; sid=\"q\"; x=1"}});
    BOOST_TEST(r.cookie("portail_csrf").value_or("?") == "abc");
    BOOST_TEST(r.cookie("sid").value_or("?") == "q");
    BOOST_TEST(r.cookie("x").value_or("?") == "1");
    BOOST_TEST(!r.cookie("absent"));
    BOOST_TEST(!request_with({}).cookie("sid"));
}

BOOST_AUTO_TEST_CASE(request_id_is_taken_or_generated)
{
    BOOST_TEST(request_with({{"REQUEST_ID", "abc123"}}).request_id() == "abc123");
    const auto a = request_with({}).request_id();
    const auto b = request_with({}).request_id();
    BOOST_TEST(!a.empty());
    BOOST_TEST(a != b);
    BOOST_TEST(request_with({{"REQUEST_ID", std::string(65, 'r')}}).request_id().size() < 65u);
}

BOOST_AUTO_TEST_CASE(https_is_detected_from_https_on)
{
    BOOST_TEST(!request_with({}).is_https());
    BOOST_TEST(request_with({{"HTTPS", "on"}}).is_https());
    BOOST_TEST(request_with({{"HTTPS", "1"}}).is_https());
    BOOST_TEST(request_with({{"REQUEST_SCHEME", "https"}}).is_https());
    BOOST_TEST(!request_with({{"HTTPS", "off"}}).is_https());
    BOOST_TEST(!request_with({{"HTTPS", ""}}).is_https());
}

BOOST_AUTO_TEST_CASE(origin_is_scheme_and_lower_cased_host_header)
{
    BOOST_TEST(request_with({{"HTTP_HOST", "Localhost:8080"}}).origin() == "http://localhost:8080");
    BOOST_TEST(request_with({{"HTTPS", "on"}}).origin() == "https://mairie.example.fr");
}

BOOST_AUTO_TEST_CASE(content_length_is_parsed_strictly)
{
    BOOST_TEST(request_with({{"CONTENT_LENGTH", "12"}}).content_length().value_or(0) == 12u);
    BOOST_TEST(request_with({{"CONTENT_LENGTH", "0"}}).content_length().value_or(9) == 0u);
    BOOST_TEST(!request_with({}).content_length());
    for (const char* bad : {"x", "12x", "-1", " 12", "99999999999999999999999"})
        BOOST_TEST(error_status([&] {
                       request_with({{"CONTENT_LENGTH", bad}}).content_length();
                   }) == 400,
                   "CONTENT_LENGTH " << bad);
}

// --- set_body --------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(urlencoded_body_fills_the_form)
{
    auto r = post("application/x-www-form-urlencoded");
    r.set_body("nom=Dupont&prenom=Jos%C3%A9+Marie&csrf=t", {});
    BOOST_TEST(r.form().get("nom").value_or("?") == "Dupont");
    BOOST_TEST(r.form().get("prenom").value_or("?") == "José Marie");
    BOOST_TEST(r.form().get("csrf").value_or("?") == "t");
    BOOST_TEST(r.files().empty());
}

BOOST_AUTO_TEST_CASE(urlencoded_media_type_is_case_insensitive_with_parameters)
{
    auto r = post("Application/X-WWW-Form-URLEncoded ; charset=UTF-8");
    r.set_body("a=1", {});
    BOOST_TEST(r.form().get("a").value_or("?") == "1");
}

BOOST_AUTO_TEST_CASE(urlencoded_body_over_max_form_is_413)
{
    http::Limits limits;
    limits.max_form = 10;
    auto r = post("application/x-www-form-urlencoded");
    BOOST_TEST(error_status([&] { r.set_body("a=123456789", limits); }) == 413);
    BOOST_TEST(error_status([&] { r.set_body("a=12345678", limits); }) == 0);
}

BOOST_AUTO_TEST_CASE(malformed_urlencoded_body_is_400)
{
    auto r = post("application/x-www-form-urlencoded");
    BOOST_TEST(error_status([&] { r.set_body("a=%G0", {}); }) == 400);
}

BOOST_AUTO_TEST_CASE(multipart_body_gives_fields_and_files)
{
    auto r = post("multipart/form-data; boundary=" + boundary);
    r.set_body(multipart_body(), {});
    BOOST_TEST(r.form().get("titre").value_or("?") == "Facture mars");
    BOOST_TEST(!r.form().has("piece"));
    BOOST_REQUIRE(r.files().size() == 1u);
    BOOST_TEST(r.files()[0].field == "piece");
    BOOST_TEST(r.files()[0].filename == "f.pdf");
    BOOST_TEST(r.files()[0].content_type == "application/pdf");
    BOOST_TEST(r.files()[0].data == "%PDF-1.4 data");
}

BOOST_AUTO_TEST_CASE(multipart_body_over_max_body_is_413_even_under_max_form)
{
    http::Limits limits;
    limits.max_body = 20;
    limits.max_form = 1 << 20;
    auto r = post("multipart/form-data; boundary=" + boundary);
    BOOST_TEST(error_status([&] { r.set_body(multipart_body(), limits); }) == 413);
}

BOOST_AUTO_TEST_CASE(multipart_without_boundary_is_400)
{
    auto r = post("multipart/form-data");
    BOOST_TEST(error_status([&] { r.set_body(multipart_body(), {}); }) == 400);
}

BOOST_AUTO_TEST_CASE(malformed_multipart_is_400)
{
    auto r = post("multipart/form-data; boundary=" + boundary);
    const auto body = multipart_body();
    const auto truncated = body.substr(0, body.size() - boundary.size() - 6); // no final boundary
    BOOST_TEST(error_status([&] { r.set_body(truncated, {}); }) == 400);
    BOOST_TEST(error_status([&] { r.set_body("not multipart at all", {}); }) == 400);
}

BOOST_AUTO_TEST_CASE(unexpected_content_type_is_415)
{
    BOOST_TEST(error_status([] { post("application/json").set_body("{\"a\":1}", {}); }) == 415);
    BOOST_TEST(error_status([] { post("text/plain").set_body("a=1", {}); }) == 415);
    BOOST_TEST(error_status([] { post("").set_body("a=1", {}); }) == 415);
}

BOOST_AUTO_TEST_CASE(empty_body_without_content_type_is_fine)
{
    auto r = post("");
    BOOST_TEST(error_status([&] { r.set_body("", {}); }) == 0);
    BOOST_TEST(r.form().empty());
    BOOST_TEST(r.files().empty());
}

BOOST_AUTO_TEST_SUITE_END()
