#include "payment/payfip.h"
#include "payment/xml.h"

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

const std::string ns = "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
                       "contrat_paiement_securise/PaiementSecuriseService";

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

std::string fault(const std::string& prefix, const std::string& code, const std::string& kind)
{
    return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
           "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>erreur</faultstring>"
           "<detail><" +
           prefix + kind + " xmlns:ns2=\"" + ns + "\"><code>" + code +
           "</code><descriptif>desc</descriptif><libelle>lib " + code +
           "</libelle><severite>2</severite></" + prefix + kind +
           "></detail></soap:Fault></soap:Body></soap:Envelope>";
}

// A listening socket on 127.0.0.1: connections pile up in its backlog unless a test accepts them.
struct Listener {
    int fd = -1;
    int port = 0;
    Listener()
    {
        fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), len) == 0);
        BOOST_REQUIRE(::listen(fd, 8) == 0);
        BOOST_REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        port = ntohs(a.sin_port);
    }
    ~Listener() { ::close(fd); }
    bool connected() const
    {
        pollfd p{fd, POLLIN, 0};
        return ::poll(&p, 1, 0) == 1;
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

// Whether something accepts connections on `port` of 127.0.0.1.
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

BOOST_AUTO_TEST_SUITE(payfip_envelopes)

BOOST_AUTO_TEST_CASE(create_envelope_is_exactly_the_wire_format)
{
    const std::string expected =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:pai=\"" +
        ns +
        "\"><soapenv:Header/><soapenv:Body><pai:creerPaiementSecurise>"
        "<arg0><exer>2026</exer><mel>parent@example.org</mel><montant>5525</montant>"
        "<numcli>012345</numcli><objet>Facture Restauration scolaire decembre 2026</objet>"
        "<refdet>FAC2026000123</refdet><saisie>T</saisie>"
        "<urlnotif>https://portail.example.org/paiement/notification</urlnotif>"
        "<urlredirect>https://portail.example.org/paiement/retour</urlredirect></arg0>"
        "</pai:creerPaiementSecurise></soapenv:Body></soapenv:Envelope>";
    BOOST_TEST(create_envelope(valid_request()) == expected);
}

BOOST_AUTO_TEST_CASE(fetch_and_client_envelopes_hold_one_argument)
{
    BOOST_TEST(fetch_envelope("ab-12") ==
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope "
               "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:pai=\"" +
                   ns +
                   "\"><soapenv:Header/><soapenv:Body><pai:recupererDetailPaiementSecurise><arg0>"
                   "<idOp>ab-12</idOp></arg0></pai:recupererDetailPaiementSecurise></soapenv:Body>"
                   "</soapenv:Envelope>");
    const auto client = client_envelope("012345");
    BOOST_TEST(client.find("<pai:recupererDetailClient><arg0><numCli>012345</numCli></arg0>"
                           "</pai:recupererDetailClient>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_value_is_escaped)
{
    auto r = valid_request();
    r.urlredirect = "https://portail.example.org/retour?a=1&b=<2>\"'";
    const auto env = create_envelope(r);
    BOOST_TEST(env.find("<urlredirect>https://portail.example.org/retour?a=1&amp;b=&lt;2&gt;"
                        "&quot;&apos;</urlredirect>") != std::string::npos);
    BOOST_TEST(env.find("&b=") == std::string::npos);
    // The escaped envelope reads back to the same value.
    const auto doc = xml::parse(env);
    BOOST_REQUIRE(doc);
    BOOST_TEST(doc->find("urlredirect")->text == r.urlredirect);
}

BOOST_AUTO_TEST_CASE(payment_page_url_encodes_the_idop)
{
    BOOST_TEST(payment_page_url("https://www.payfip.gouv.fr/", "ab-12") ==
               "https://www.payfip.gouv.fr/tpa/paiementws.web?idop=ab-12");
    BOOST_TEST(payment_page_url("http://127.0.0.1:8090", "a b&c") ==
               "http://127.0.0.1:8090/tpa/paiementws.web?idop=a%20b%26c");
    BOOST_TEST(service_url("http://127.0.0.1:8090") ==
               "http://127.0.0.1:8090/tpa/services/securite");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(payfip_answers)

BOOST_AUTO_TEST_CASE(create_answer_prefixed_and_unprefixed)
{
    const std::string prefixed =
        "<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/"
        "soap/envelope/\"><S:Body><ns2:creerPaiementSecuriseResponse xmlns:ns2=\"" +
        ns +
        "\"><return><idOp>cc0cb210-1cd4-11ea-8cef-0050568a4a3d</idOp></return>"
        "</ns2:creerPaiementSecuriseResponse></S:Body></S:Envelope>";
    const auto a = parse_create_answer(prefixed);
    BOOST_TEST(static_cast<int>(a.outcome) == static_cast<int>(Outcome::Ok));
    BOOST_TEST(a.idop == "cc0cb210-1cd4-11ea-8cef-0050568a4a3d");

    const std::string plain =
        "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body>"
        "<creerPaiementSecuriseResponse><return>\n  <idOp> 42abc </idOp>\n</return>"
        "</creerPaiementSecuriseResponse></Body></Envelope>";
    const auto b = parse_create_answer(plain);
    BOOST_TEST(static_cast<int>(b.outcome) == static_cast<int>(Outcome::Ok));
    BOOST_TEST(b.idop == "42abc");
}

BOOST_AUTO_TEST_CASE(detail_answer_is_read_whatever_the_prefix)
{
    for (const std::string p : {"", "ns2:", "tns:"}) {
        const std::string open_ns =
            p.empty() ? "" : " xmlns:" + p.substr(0, p.size() - 1) + "=\"" + ns + "\"";
        const std::string body =
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            "<soapenv:Body><" +
            p + "recupererDetailPaiementSecuriseResponse" + open_ns +
            ">"
            "<" +
            p + "return><" + p + "dattrans>29112026</" + p + "dattrans><" + p + "exer>2026</" + p +
            "exer><" + p + "heurtrans>1830</" + p + "heurtrans><" + p + "idOp>op-1</" + p +
            "idOp><" + p + "mel>parent@example.org</" + p + "mel><" + p + "montant>5525</" + p +
            "montant><" + p + "numauto>123456</" + p + "numauto><" + p + "numcli>012345</" + p +
            "numcli><" + p + "objet>Cantine</" + p + "objet><" + p + "refdet>FAC1</" + p +
            "refdet><" + p + "resultrans>P</" + p + "resultrans><" + p + "saisie>T</" + p +
            "saisie></" + p + "return></" + p +
            "recupererDetailPaiementSecuriseResponse></soapenv:Body></soapenv:Envelope>";
        const auto r = parse_fetch_answer(body);
        BOOST_TEST_CONTEXT("prefix " << p)
        {
            BOOST_TEST(static_cast<int>(r.outcome) == static_cast<int>(Outcome::Ok));
            BOOST_TEST(r.result.resultrans == 'P');
            BOOST_TEST(r.result.paid());
            BOOST_TEST(r.result.montant == 5525);
            BOOST_TEST(r.result.refdet == "FAC1");
            BOOST_TEST(r.result.numcli == "012345");
            BOOST_TEST(r.result.exer == "2026");
            BOOST_TEST(r.result.numauto == "123456");
            BOOST_TEST(r.result.dattrans == "29112026");
            BOOST_TEST(r.result.heurtrans == "1830");
            BOOST_TEST(r.result.idop == "op-1");
            BOOST_TEST(r.result.objet == "Cantine");
            BOOST_TEST(r.result.saisie == "T");
        }
    }
}

BOOST_AUTO_TEST_CASE(faults_p1_p5_and_others_are_typed)
{
    const auto p5 = parse_fetch_answer(fault("ns2:", "P5", "FonctionnelleErreur"));
    BOOST_TEST(static_cast<int>(p5.outcome) == static_cast<int>(Outcome::NotYet));
    BOOST_TEST(p5.error.code == "P5");
    const auto p1 = parse_fetch_answer(fault("", "P1", "FonctionnelleErreur"));
    BOOST_TEST(static_cast<int>(p1.outcome) == static_cast<int>(Outcome::UnknownOperation));
    BOOST_TEST(p1.error.message.find("lib P1") != std::string::npos);
    const auto tech = parse_fetch_answer(fault("ns2:", "T9", "TechIndisponibiliteErreur"));
    BOOST_TEST(static_cast<int>(tech.outcome) == static_cast<int>(Outcome::Fault));
    BOOST_TEST(tech.error.code == "T9");
    BOOST_TEST(tech.error.message.find("TechIndisponibiliteErreur") != std::string::npos);
    const auto create = parse_create_answer(fault("ns2:", "P4", "FonctionnelleErreur"));
    BOOST_TEST(static_cast<int>(create.outcome) == static_cast<int>(Outcome::Fault));
    BOOST_TEST(create.error.code == "P4");
}

BOOST_AUTO_TEST_CASE(unreadable_or_incomplete_answers_are_faults)
{
    const auto html = parse_fetch_answer("<html><body>Service indisponible</body></html>");
    BOOST_TEST(static_cast<int>(html.outcome) == static_cast<int>(Outcome::Fault));
    const auto bad_xml = parse_create_answer("<a><idOp>x</a>");
    BOOST_TEST(static_cast<int>(bad_xml.outcome) == static_cast<int>(Outcome::Fault));
    const auto bad_result = parse_fetch_answer(
        "<r><return><resultrans>Q</resultrans><montant>10</montant></return></r>");
    BOOST_TEST(static_cast<int>(bad_result.outcome) == static_cast<int>(Outcome::Fault));
    const auto bad_amount = parse_fetch_answer(
        "<r><return><resultrans>P</resultrans><montant>-10</montant></return></r>");
    BOOST_TEST(static_cast<int>(bad_amount.outcome) == static_cast<int>(Outcome::Fault));
    const auto bad_idop = parse_create_answer("<r><return><idOp>a&lt;b</idOp></return></r>");
    BOOST_TEST(static_cast<int>(bad_idop.outcome) == static_cast<int>(Outcome::Fault));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(payfip_xml)

BOOST_AUTO_TEST_CASE(entities_numeric_references_and_cdata_are_decoded)
{
    const auto doc = xml::parse("<?xml version=\"1.0\"?><!-- c --><a x='1 &amp; 2'>"
                                "&lt;&gt;&amp;&quot;&apos;&#233;&#xE9;<![CDATA[<b>]]></a>");
    BOOST_REQUIRE(doc);
    BOOST_TEST(doc->text == "<>&\"'\xC3\xA9\xC3\xA9<b>");
    BOOST_TEST(doc->attributes.at(0).second == "1 & 2");
}

BOOST_AUTO_TEST_CASE(doctype_and_custom_entities_are_refused)
{
    std::string error;
    BOOST_TEST(
        !xml::parse("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", &error));
    BOOST_TEST(error.find("DOCTYPE") != std::string::npos);
    BOOST_TEST(!xml::parse("<a>&e;</a>"));
    BOOST_TEST(!xml::parse("<a>&#0;</a>"));
    BOOST_TEST(!xml::parse("<a>&#xD800;</a>"));
    BOOST_TEST(!xml::parse("<a>& b</a>"));
}

BOOST_AUTO_TEST_CASE(malformed_documents_are_refused)
{
    BOOST_TEST(!xml::parse(""));
    BOOST_TEST(!xml::parse("<a><b></a></b>"));
    BOOST_TEST(!xml::parse("<a></a><b/>"));
    BOOST_TEST(!xml::parse("<a x=1/>"));
    BOOST_TEST(!xml::parse("<a x='1' x='2'/>"));
    BOOST_TEST(!xml::parse("<a>unterminated"));
    BOOST_TEST(!xml::parse("<a>\xC3</a>"));
    std::string deep;
    for (int i = 0; i < 40; ++i)
        deep += "<d>";
    for (int i = 0; i < 40; ++i)
        deep += "</d>";
    BOOST_TEST(!xml::parse(deep));
    BOOST_TEST(xml::parse("<a/>").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(payfip_validation)

BOOST_AUTO_TEST_CASE(objet_is_sanitised_from_french_text)
{
    BOOST_TEST(make_objet("Facture Restauration scolaire décembre 2026") ==
               "Facture Restauration scolaire decembre 2026");
    BOOST_TEST(make_objet("  Accueil périscolaire – Œuvre d'été, n°12 ! ") ==
               "Accueil periscolaire OEuvre d ete n 12");
    BOOST_TEST(make_objet("ÀÉÎÕÜÇàéîõüçÿß") == "AEIOUCaeioucyss");
    BOOST_TEST(make_objet("\xFF\xFEok") == "ok");
    BOOST_TEST(make_objet(std::string(150, 'a')).size() == 100u);
    BOOST_TEST(valid_objet(make_objet("Cantine : 12,50 € — janvier")));
}

BOOST_AUTO_TEST_CASE(each_field_is_validated)
{
    BOOST_TEST(!validate(valid_request()));
    auto check = [](auto mutate, const std::string& word) {
        auto r = valid_request();
        mutate(r);
        const auto why = validate(r);
        BOOST_TEST_CONTEXT(word)
        {
            BOOST_REQUIRE(why);
            BOOST_TEST(why->find(word) != std::string::npos);
        }
    };
    check([](PaymentRequest& r) { r.numcli = "12345"; }, "numcli");
    check([](PaymentRequest& r) { r.numcli = "12345a"; }, "numcli");
    check([](PaymentRequest& r) { r.refdet = ""; }, "refdet");
    check([](PaymentRequest& r) { r.refdet = std::string(31, 'A'); }, "refdet");
    check([](PaymentRequest& r) { r.refdet = "FAC-1"; }, "refdet");
    check([](PaymentRequest& r) { r.objet = "Décembre"; }, "objet");
    check([](PaymentRequest& r) { r.objet = std::string(101, 'a'); }, "objet");
    check([](PaymentRequest& r) { r.montant = 0; }, "montant");
    check([](PaymentRequest& r) { r.montant = -5; }, "montant");
    check([](PaymentRequest& r) { r.mel = "pas-une-adresse"; }, "mel");
    check([](PaymentRequest& r) { r.urlnotif = "ftp://example.org/n"; }, "urlnotif");
    check([](PaymentRequest& r) { r.urlnotif = "javascript:alert(1)"; }, "urlnotif");
    check([](PaymentRequest& r) { r.urlredirect = "https://a b.example/"; }, "urlredirect");
    check([](PaymentRequest& r) { r.saisie = 'Q'; }, "saisie");
    check([](PaymentRequest& r) { r.exer = 26; }, "exer");
    BOOST_TEST(valid_idop("cc0cb210-1cd4-11ea-8cef-0050568a4a3d"));
    BOOST_TEST(!valid_idop(""));
    BOOST_TEST(!valid_idop("a<b"));
    BOOST_TEST(!valid_idop(std::string(65, 'a')));
}

BOOST_AUTO_TEST_CASE(invalid_requests_never_reach_the_network)
{
    Listener listener;
    PayfipProvider provider(listener.url(), 1);
    auto r = valid_request();
    r.refdet = "FAC 1";
    const auto created = provider.create(r);
    BOOST_TEST(static_cast<int>(created.outcome) == static_cast<int>(Outcome::Invalid));
    const auto fetched = provider.fetch("bad idop");
    BOOST_TEST(static_cast<int>(fetched.outcome) == static_cast<int>(Outcome::Invalid));
    BOOST_TEST(static_cast<int>(provider.check_client("1")) == static_cast<int>(Outcome::Invalid));
    BOOST_TEST(!listener.connected());
    // A valid one does connect (and times out: nobody answers).
    const auto sent = provider.create(valid_request());
    BOOST_TEST(static_cast<int>(sent.outcome) == static_cast<int>(Outcome::Transport));
    BOOST_TEST(listener.connected());
}

BOOST_AUTO_TEST_CASE(provider_refuses_a_non_http_base)
{
    BOOST_CHECK_THROW(PayfipProvider("file:///etc/passwd"), std::invalid_argument);
    PayfipProvider p("https://www.payfip.gouv.fr/");
    BOOST_TEST(p.payment_url("x1") == "https://www.payfip.gouv.fr/tpa/paiementws.web?idop=x1");
}

BOOST_AUTO_TEST_SUITE_END()

// The PayFiP client's transport (ASVS 12.3.2, 15.3.2): it trusts only certificates the
// system trusts (a self-signed server is refused before anything is sent), and it follows
// no redirect (a 302 is an error, and the place it points to is never asked). Real sockets
// on loopback: `openssl s_server` for TLS, a one-thread HTTP server for the redirect.
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
