// The PayFiP client's transport (ASVS 12.3.2, 15.3.2): it trusts only certificates the
// system trusts (a self-signed server is refused before anything is sent), and it follows
// no redirect (a 302 is an error, and the place it points to is never asked). Real sockets
// on loopback: `openssl s_server` for TLS, a one-thread HTTP server for the redirect.
#include "payment/payfip.h"

#include "../temp_dir.h"

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

using namespace payment;

namespace
{

PaymentRequest valid_request()
{
    PaymentRequest r;
    r.numcli = "012345";
    r.exer = 2026;
    r.refdet = "FAC2026000123";
    r.objet = "Facture Restauration scolaire decembre 2026";
    r.montant = 5525;
    r.mel = "parent@example.org";
    r.urlnotif = "https://portail.example.org/paiement/notification";
    r.urlredirect = "https://portail.example.org/paiement/retour";
    r.saisie = 'T';
    return r;
}

// A listening socket on 127.0.0.1, on a port the system chose.
struct Listener {
    int fd = -1;
    int port = 0;
    Listener()
    {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        BOOST_REQUIRE(::listen(fd, 8) == 0);
        socklen_t len = sizeof a;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
    }
    ~Listener() { ::close(fd); }
};

bool port_open(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

} // namespace

BOOST_AUTO_TEST_SUITE(payment_transport)

BOOST_AUTO_TEST_CASE(a_self_signed_server_is_refused)
{
    unit::TempDir dir;
    const auto cert = dir.str() + "/cert.pem";
    const auto key = dir.str() + "/key.pem";
    BOOST_REQUIRE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "
                               "/CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
                               key + " -out " + cert + " >/dev/null 2>&1")
                                  .c_str()) == 0);
    int port = 0;
    {
        Listener probe; // a free port, released for openssl
        port = probe.port;
    }
    const auto pid_file = dir.str() + "/pid";
    const auto log = dir.str() + "/s_server.log";
    BOOST_REQUIRE(
        std::system(("openssl s_server -accept 127.0.0.1:" + std::to_string(port) + " -cert " +
                     cert + " -key " + key + " -www >" + log + " 2>&1 & echo $! >" + pid_file)
                        .c_str()) == 0);
    int pid = 0;
    std::ifstream(pid_file) >> pid;
    BOOST_REQUIRE(pid > 0);
    struct Stop {
        int pid;
        ~Stop() { ::kill(pid, SIGTERM); }
    } stop{pid};
    for (int i = 0; i < 100 && !port_open(port); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_REQUIRE(port_open(port));

    PayfipProvider provider("https://127.0.0.1:" + std::to_string(port), 5);
    const auto created = provider.create(valid_request());
    BOOST_TEST((created.outcome == Outcome::Transport));
    BOOST_TEST(created.idop.empty());
    BOOST_TEST(created.error.message.find("certificate") != std::string::npos,
               created.error.message);
    const auto fetched = provider.fetch("0123456789abcdef0123456789abcdef01234567");
    BOOST_TEST((fetched.outcome == Outcome::Transport));
}

BOOST_AUTO_TEST_CASE(a_redirect_is_an_error_and_is_not_followed)
{
    Listener server;
    std::atomic<int> connections{0};
    std::atomic<bool> done{false};
    std::thread t([&] {
        while (!done) {
            pollfd p{server.fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            const int c = ::accept(server.fd, nullptr, nullptr);
            if (c < 0)
                continue;
            ++connections;
            char buf[65536];
            std::string request;
            // The headers and the SOAP body (small): read until the peer pauses.
            for (;;) {
                pollfd q{c, POLLIN, 0};
                if (::poll(&q, 1, 200) <= 0)
                    break;
                const auto n = ::read(c, buf, sizeof buf);
                if (n <= 0)
                    break;
                request.append(buf, static_cast<std::size_t>(n));
            }
            const std::string reply =
                "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + std::to_string(server.port) +
                "/ailleurs\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            const auto written = ::write(c, reply.data(), reply.size());
            (void)written;
            ::close(c);
        }
    });
    PayfipProvider provider("http://127.0.0.1:" + std::to_string(server.port), 5);
    const auto created = provider.create(valid_request());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    done = true;
    t.join();
    BOOST_TEST((created.outcome == Outcome::Transport));
    BOOST_TEST(created.error.message == "HTTP status 302");
    BOOST_TEST(connections.load() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
