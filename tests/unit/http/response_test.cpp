#include "http/response.h"

#include "http/error.h"

#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include <string>
#include <vector>

namespace
{

struct Serialized {
    std::vector<std::string> header_lines;
    std::string body;
    bool has_separator = false;
};

// Splits a serialized response at the first CRLF CRLF into header lines and body.
Serialized split(const std::string& out)
{
    Serialized s;
    const auto sep = out.find("\r\n\r\n");
    if (sep == std::string::npos)
        return s;
    s.has_separator = true;
    s.body = out.substr(sep + 4);
    std::size_t start = 0;
    const std::string head = out.substr(0, sep);
    while (start <= head.size()) {
        const auto end = head.find("\r\n", start);
        s.header_lines.push_back(head.substr(start, end - start));
        if (end == std::string::npos)
            break;
        start = end + 2;
    }
    return s;
}

std::size_t count_lines(const Serialized& s, const std::string& line)
{
    std::size_t n = 0;
    for (const auto& l : s.header_lines)
        n += l == line;
    return n;
}

std::size_t count_prefixed(const Serialized& s, const std::string& prefix)
{
    std::size_t n = 0;
    for (const auto& l : s.header_lines)
        n += l.rfind(prefix, 0) == 0;
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_response)

BOOST_AUTO_TEST_CASE(serialize_starts_with_the_status_line)
{
    http::Response r;
    const auto s = split(r.serialize());
    BOOST_REQUIRE(!s.header_lines.empty());
    BOOST_TEST(s.header_lines.front() == "Status: 200 OK");
    BOOST_TEST(count_lines(s, "Content-Type: text/html; charset=utf-8") == 1u);
}

BOOST_AUTO_TEST_CASE(see_other_serializes_status_303_and_location_without_content_type)
{
    const auto r = http::see_other("/famille?bienvenue=1");
    BOOST_TEST(r.status == 303);
    BOOST_TEST(r.content_type.empty());
    const auto s = split(r.serialize());
    BOOST_REQUIRE(s.has_separator);
    BOOST_TEST(s.header_lines.front() == "Status: 303 See Other");
    BOOST_TEST(count_lines(s, "Location: /famille?bienvenue=1") == 1u);
    BOOST_TEST(count_prefixed(s, "Content-Type:") == 0u);
    BOOST_TEST(count_lines(s, "Content-Length: 0") == 1u);
    BOOST_TEST(s.body.empty());
}

BOOST_AUTO_TEST_CASE(serialize_writes_one_set_cookie_line_per_cookie)
{
    http::Response r;
    http::SetCookie a;
    a.name = "sid";
    a.value = "abc";
    a.secure = true;
    http::SetCookie b;
    b.name = "csrf";
    b.value = "";
    b.max_age = 0;
    r.cookies = {a, b};
    const auto s = split(r.serialize());
    BOOST_TEST(count_prefixed(s, "Set-Cookie: ") == 2u);
    BOOST_TEST(count_lines(s, "Set-Cookie: sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax") == 1u);
    BOOST_TEST(count_lines(s, "Set-Cookie: csrf=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax") ==
               1u);
}

BOOST_AUTO_TEST_CASE(content_length_is_the_body_size_in_bytes)
{
    auto r = http::text(200, "Bonjour, été\n");
    const auto out = r.serialize();
    const auto s = split(out);
    BOOST_TEST(count_lines(s, "Content-Length: " + std::to_string(r.body.size())) == 1u);
    BOOST_TEST(r.body.size() == 15u); // "é" is two bytes in UTF-8
    BOOST_TEST(count_prefixed(s, "Content-Length:") == 1u);
}

BOOST_AUTO_TEST_CASE(blank_line_separates_headers_from_the_body)
{
    http::Response r;
    r.set_header("X-Test", "1");
    r.body = "<p>corps</p>\r\n\r\nsuite";
    const auto out = r.serialize();
    BOOST_TEST(out.size() >= r.body.size());
    BOOST_TEST(out.compare(out.size() - r.body.size(), r.body.size(), r.body) == 0);
    const auto sep = out.find("\r\n\r\n");
    BOOST_REQUIRE(sep != std::string::npos);
    BOOST_TEST(sep + 4 == out.size() - r.body.size());
    BOOST_TEST(out.find('\n') == out.find("\r\n") + 1); // lines end with CRLF, not bare LF
    const auto s = split(out);
    BOOST_TEST(s.body == r.body);
    BOOST_TEST(s.header_lines.back().rfind("Content-Length: ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(set_header_replaces_an_existing_value)
{
    http::Response r;
    r.set_header("Cache-Control", "no-store");
    r.set_header("X-Frame-Options", "DENY");
    r.set_header("Cache-Control", "max-age=60");
    BOOST_TEST(r.headers.size() == 2u);
    BOOST_TEST(r.has_header("Cache-Control"));
    BOOST_TEST(!r.has_header("Location"));
    const auto s = split(r.serialize());
    BOOST_TEST(count_prefixed(s, "Cache-Control:") == 1u);
    BOOST_TEST(count_lines(s, "Cache-Control: max-age=60") == 1u);
    BOOST_TEST(count_lines(s, "X-Frame-Options: DENY") == 1u);
}

BOOST_AUTO_TEST_CASE(text_and_json_set_status_type_and_body)
{
    const auto t = http::text(404, "absent");
    BOOST_TEST(t.status == 404);
    BOOST_TEST(t.content_type == "text/plain; charset=utf-8");
    BOOST_TEST(t.body == "absent");
    const auto j = http::json(201, "{}");
    BOOST_TEST(j.status == 201);
    BOOST_TEST(j.content_type == "application/json");
    BOOST_TEST(split(j.serialize()).header_lines.front() == "Status: 201 Created");
}

BOOST_AUTO_TEST_CASE(reason_phrases_follow_the_status)
{
    BOOST_TEST(std::string(http::reason_phrase(405)) == "Method Not Allowed");
    BOOST_TEST(std::string(http::reason_phrase(413)) == "Payload Too Large");
    BOOST_TEST(std::string(http::reason_phrase(503)) == "Service Unavailable");
    BOOST_TEST(std::string(http::reason_phrase(299)) == "Unknown");
}

BOOST_AUTO_TEST_CASE(header_values_with_line_breaks_are_refused)
{
    http::Response r;
    BOOST_CHECK_THROW(r.set_header("Location", "/x\r\nSet-Cookie: a=b"), std::invalid_argument);
    BOOST_CHECK_THROW(r.set_header("X-A", "a\nb"), std::invalid_argument);
    BOOST_CHECK_THROW(r.set_header("X-A\r\nB", "c"), std::invalid_argument);
    BOOST_CHECK_NO_THROW(r.set_header("Location", "/famille?ok=1"));
}

BOOST_AUTO_TEST_SUITE_END()
