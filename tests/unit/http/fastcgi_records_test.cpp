#include "http/fastcgi_records.h"

#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

namespace
{

struct Record {
    int type;
    int request_id;
    std::string content;
};

std::string concatenate(const std::vector<iovec>& pieces)
{
    std::string out;
    for (const auto& p : pieces)
        out.append(static_cast<const char*>(p.iov_base), p.iov_len);
    return out;
}

// Reads records as Nginx would (FastCGI 1.0 §3.3): 8-byte header, content, padding.
std::vector<Record> parse(const std::string& bytes)
{
    std::vector<Record> records;
    std::size_t at = 0;
    while (at < bytes.size()) {
        BOOST_REQUIRE(bytes.size() - at >= 8);
        const auto* h = reinterpret_cast<const unsigned char*>(bytes.data() + at);
        BOOST_REQUIRE_EQUAL(h[0], 1);
        const std::size_t length = (std::size_t{h[4]} << 8) | h[5];
        const std::size_t padding = h[6];
        BOOST_REQUIRE(bytes.size() - at >= 8 + length + padding);
        records.push_back({h[1], (h[2] << 8) | h[3], bytes.substr(at + 8, length)});
        at += 8 + length + padding;
    }
    return records;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_fastcgi_records)

BOOST_AUTO_TEST_CASE(a_small_answer_is_one_stdout_record_then_the_end_of_stream_and_end_request)
{
    const std::string head = "Status: 200 OK\r\nContent-Length: 8\r\n\r\n";
    const std::string body = "Bonjour\n";
    const http::FastcgiRecords records(258, head, body);
    const auto bytes = concatenate(records.pieces());
    BOOST_TEST(bytes.size() == records.size());
    const auto r = parse(bytes);
    BOOST_REQUIRE_EQUAL(r.size(), 3u);
    BOOST_TEST(r[0].type == 6); // FCGI_STDOUT
    BOOST_TEST(r[0].request_id == 258);
    BOOST_TEST(r[0].content == head + body);
    BOOST_TEST(r[1].type == 6);
    BOOST_TEST(r[1].content.empty());
    BOOST_TEST(r[2].type == 3); // FCGI_END_REQUEST
    BOOST_TEST(r[2].request_id == 258);
    BOOST_TEST(r[2].content == std::string(8, '\0')); // app status 0, FCGI_REQUEST_COMPLETE
}

BOOST_AUTO_TEST_CASE(a_large_answer_is_cut_into_records_of_at_most_65535_bytes_in_order)
{
    std::string head = "Status: 200 OK\r\n\r\n";
    std::string body;
    for (int i = 0; body.size() < 150'000; ++i)
        body += std::to_string(i) + ',';
    const http::FastcgiRecords records(1, head, body);
    const auto r = parse(concatenate(records.pieces()));
    BOOST_REQUIRE_EQUAL(r.size(), 5u); // 3 of content, end of stream, END_REQUEST
    std::string content;
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(r[i].type == 6);
        BOOST_TEST(r[i].content.size() <= http::FastcgiRecords::max_content);
        content += r[i].content;
    }
    BOOST_TEST(r[0].content.size() == http::FastcgiRecords::max_content);
    BOOST_TEST((content == head + body));
    BOOST_TEST(r[3].content.empty());
    BOOST_TEST(r[4].type == 3);
}

BOOST_AUTO_TEST_CASE(an_answer_without_a_body_and_one_whose_head_fills_a_record)
{
    const http::FastcgiRecords empty(7, "", "");
    const auto e = parse(concatenate(empty.pieces()));
    BOOST_REQUIRE_EQUAL(e.size(), 2u);
    BOOST_TEST(e[0].type == 6);
    BOOST_TEST(e[0].content.empty());
    BOOST_TEST(e[1].type == 3);

    const std::string head(http::FastcgiRecords::max_content, 'h');
    const http::FastcgiRecords full(7, head, "b");
    const auto f = parse(concatenate(full.pieces()));
    BOOST_REQUIRE_EQUAL(f.size(), 4u);
    BOOST_TEST(f[0].content == head);
    BOOST_TEST(f[1].content == "b");
}

BOOST_AUTO_TEST_CASE(writing_resumes_after_partial_writes_until_every_byte_is_sent)
{
    int fds[2];
    BOOST_REQUIRE_EQUAL(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    const int small = 4096;
    ::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    std::string body(1'000'000, 'x');
    for (std::size_t i = 0; i < body.size(); i += 997)
        body[i] = static_cast<char>('a' + i % 26);
    const http::FastcgiRecords records(3, "Status: 200 OK\r\n\r\n", body);
    std::string received;
    std::thread reader([&] {
        char buffer[1000]; // smaller reads than the writes: the writer must resume mid-piece
        for (ssize_t n; (n = ::read(fds[1], buffer, sizeof buffer)) > 0;)
            received.append(buffer, static_cast<std::size_t>(n));
    });
    const bool sent = http::write_pieces(fds[0], records.pieces());
    ::close(fds[0]);
    reader.join();
    ::close(fds[1]);
    BOOST_TEST(sent);
    BOOST_TEST((received == concatenate(records.pieces())));
}

BOOST_AUTO_TEST_CASE(writing_to_a_peer_that_is_gone_says_so)
{
    int fds[2];
    BOOST_REQUIRE_EQUAL(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    ::close(fds[1]);
    const http::FastcgiRecords records(3, "Status: 200 OK\r\n\r\n", "x");
    const auto previous = ::signal(SIGPIPE, SIG_IGN);
    BOOST_TEST(!http::write_pieces(fds[0], records.pieces()));
    ::signal(SIGPIPE, previous);
    ::close(fds[0]);
}

BOOST_AUTO_TEST_SUITE_END()
