// The PayFiP client against the simulator started by the stack: operations created over SOAP,
// paid, refused or abandoned through the simulator's controls, results read back, and the
// notifications (late, repeated, missing, out of order) that the portal must live with.
#include "payment/payfip.h"
#include "stack.h"

#include <boost/test/unit_test.hpp>
#include <curl/curl.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>

using namespace itest;
using payment::Outcome;

namespace
{

struct Http {
    long status = 0;
    std::string body;
    std::string location;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user)
{
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user)
{
    std::string line(data, size * n);
    if (line.size() > 9 && (line.rfind("Location:", 0) == 0 || line.rfind("location:", 0) == 0)) {
        auto v = line.substr(9);
        while (!v.empty() && (v.front() == ' '))
            v.erase(0, 1);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n'))
            v.pop_back();
        *static_cast<std::string*>(user) = v;
    }
    return size * n;
}

// A request to the simulator; `body` null for GET.
Http sim(const std::string& path, const std::string* body = nullptr,
         const std::string& content_type = "application/x-www-form-urlencoded")
{
    Http out;
    CURL* c = curl_easy_init();
    BOOST_REQUIRE(c);
    const auto url = Stack::get().sim_url(path);
    curl_slist* headers = curl_slist_append(nullptr, ("Content-Type: " + content_type).c_str());
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &out.location);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
    if (body) {
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
    }
    const auto rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    BOOST_REQUIRE_MESSAGE(rc == CURLE_OK, "simulator unreachable at " << url);
    return out;
}

Http sim_post(const std::string& path, const std::string& body = "")
{
    return sim(path, &body);
}

template <class F> bool eventually(F done, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (done())
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string unique_refdet()
{
    static std::mt19937_64 rng{std::random_device{}()};
    return "FAC" + std::to_string(rng() % 1'000'000'000'000ULL);
}

int as_int(Outcome o)
{
    return static_cast<int>(o);
}

// Each test starts from a fresh simulator.
struct Fresh {
    payment::PayfipProvider client{Stack::get().sim_url(""), 10};

    Fresh() { BOOST_REQUIRE_EQUAL(sim_post("/_sim/reset").status, 200); }
    ~Fresh() { sim_post("/_sim/reset"); }

    payment::PaymentRequest request(std::int64_t montant = 5525, const std::string& urlnotif = "")
    {
        payment::PaymentRequest r;
        r.numcli = "123456";
        r.exer = 2026;
        r.refdet = unique_refdet();
        r.objet = payment::make_objet("Facture Restauration scolaire décembre 2026");
        r.montant = montant;
        r.mel = "parent@example.org";
        r.urlnotif = urlnotif.empty() ? Stack::get().sim_url("/_sim/sink") : urlnotif;
        r.urlredirect = Stack::get().url("/paiement/retour");
        return r;
    }

    std::string create(const payment::PaymentRequest& r)
    {
        const auto created = client.create(r);
        BOOST_REQUIRE_MESSAGE(created.outcome == Outcome::Ok, created.error.message);
        BOOST_REQUIRE(!created.idop.empty());
        return created.idop;
    }

    std::string operation(const std::string& idop)
    {
        return sim("/_sim/operations?idop=" + idop).body;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(payfip, Fresh)

BOOST_AUTO_TEST_CASE(paid_operation_reports_p_with_the_amount)
{
    const auto r = request(5525);
    const auto idop = create(r);
    const auto pay = sim_post("/_sim/pay?idop=" + idop + "&action=pay");
    BOOST_TEST(pay.status == 200);
    BOOST_TEST(pay.body == Stack::get().url("/paiement/retour") + "?idop=" + idop + "\n");
    const auto detail = client.fetch(idop);
    BOOST_REQUIRE_MESSAGE(detail.outcome == Outcome::Ok, detail.error.message);
    const auto& p = detail.result;
    BOOST_TEST(p.resultrans == 'P');
    BOOST_TEST(p.montant == 5525);
    BOOST_TEST(p.refdet == r.refdet);
    BOOST_TEST(p.numcli == "123456");
    BOOST_TEST(p.exer == "2026");
    BOOST_TEST(p.idop == idop);
    BOOST_TEST(p.objet == "Facture Restauration scolaire decembre 2026");
    BOOST_TEST(p.mel == "parent@example.org");
    BOOST_TEST(p.saisie == "T");
    BOOST_TEST(p.numauto.size() == 6u);
    BOOST_TEST(p.dattrans.size() == 8u);
    BOOST_TEST(p.heurtrans.size() == 4u);
    BOOST_TEST(contains(operation(idop), "\"status\":\"P\""));
}

BOOST_AUTO_TEST_CASE(refused_and_abandoned_operations)
{
    const auto refused = create(request());
    const auto abandoned = create(request());
    BOOST_TEST(sim_post("/_sim/pay", "idop=" + refused + "&action=refuse").status == 200);
    BOOST_TEST(sim_post("/_sim/pay", "idop=" + abandoned + "&action=abandon").status == 200);
    const auto r = client.fetch(refused);
    BOOST_REQUIRE(r.outcome == Outcome::Ok);
    BOOST_TEST(r.result.resultrans == 'R');
    BOOST_TEST(!r.result.paid());
    BOOST_TEST(r.result.numauto.empty());
    const auto a = client.fetch(abandoned);
    BOOST_REQUIRE(a.outcome == Outcome::Ok);
    BOOST_TEST(a.result.resultrans == 'A');
    // A decided operation cannot be decided again.
    BOOST_TEST(sim_post("/_sim/pay", "idop=" + refused + "&action=pay").status == 409);
    BOOST_TEST(client.fetch(refused).result.resultrans == 'R');
}

BOOST_AUTO_TEST_CASE(unknown_idop_is_p1)
{
    const auto r = client.fetch("00000000-0000-0000-0000-000000000000");
    BOOST_TEST(as_int(r.outcome) == as_int(Outcome::UnknownOperation));
    BOOST_TEST(r.error.code == "P1");
    BOOST_TEST(sim_post("/_sim/pay?idop=00000000&action=pay").status == 404);
}

BOOST_AUTO_TEST_CASE(result_is_p5_until_the_payer_has_finished)
{
    const auto idop = create(request());
    const auto before = client.fetch(idop);
    BOOST_TEST(as_int(before.outcome) == as_int(Outcome::NotYet));
    BOOST_TEST(before.error.code == "P5");
    BOOST_TEST(sim_post("/_sim/config", "result_delay=2").status == 200);
    BOOST_TEST(sim_post("/_sim/pay?idop=" + idop + "&action=pay").status == 200);
    BOOST_TEST(as_int(client.fetch(idop).outcome) == as_int(Outcome::NotYet));
    BOOST_TEST(as_int(client.fetch(idop).outcome) == as_int(Outcome::NotYet));
    const auto after = client.fetch(idop);
    BOOST_TEST(as_int(after.outcome) == as_int(Outcome::Ok));
    BOOST_TEST(after.result.resultrans == 'P');
}

BOOST_AUTO_TEST_CASE(notification_is_a_form_with_the_idop)
{
    const auto idop = create(request());
    BOOST_TEST(sim_post("/_sim/pay?idop=" + idop + "&action=pay").status == 200);
    const auto expected = "application/x-www-form-urlencoded\tidop=" + idop + "\n";
    BOOST_TEST(
        eventually([&] { return sim("/_sim/sink").body == expected; }, std::chrono::seconds(5)));
    BOOST_TEST(eventually([&] { return contains(operation(idop), "\"notifications_sent\":1,"); },
                          std::chrono::seconds(5)));
}

BOOST_AUTO_TEST_CASE(notification_reaches_the_portal)
{
    const auto idop = create(request(1000, Stack::get().url("/sante")));
    BOOST_TEST(sim_post("/_sim/pay?idop=" + idop + "&action=pay").status == 200);
    BOOST_TEST(eventually([&] { return contains(operation(idop), "\"notifications_sent\":1,"); },
                          std::chrono::seconds(10)));
    BOOST_TEST(contains(operation(idop), "\"notifications_failed\":0,"));
    BOOST_TEST(!contains(operation(idop), "\"last_notify_status\":0}"));
}

BOOST_AUTO_TEST_CASE(repeated_notifications_are_sent_n_times)
{
    BOOST_TEST(sim_post("/_sim/config", "notify_repeat=3").status == 200);
    const auto idop = create(request());
    BOOST_TEST(sim_post("/_sim/pay?idop=" + idop + "&action=pay").status == 200);
    BOOST_TEST(eventually([&] { return contains(operation(idop), "\"notifications_sent\":3,"); },
                          std::chrono::seconds(10)));
    const auto line = "application/x-www-form-urlencoded\tidop=" + idop + "\n";
    BOOST_TEST(sim("/_sim/sink").body == line + line + line);
}

BOOST_AUTO_TEST_CASE(dropped_and_delayed_notifications)
{
    BOOST_TEST(sim_post("/_sim/config", "notify_drop=1").status == 200);
    const auto dropped = create(request());
    BOOST_TEST(sim_post("/_sim/pay?idop=" + dropped + "&action=pay").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    BOOST_TEST(contains(operation(dropped), "\"notifications_sent\":0,"));
    BOOST_TEST(contains(operation(dropped), "\"notifications_dropped\":1,"));
    BOOST_TEST(sim("/_sim/sink").body.empty());
    // The result is still there for the portal's polling.
    BOOST_TEST(client.fetch(dropped).result.resultrans == 'P');

    BOOST_TEST(sim_post("/_sim/config", "notify_drop=0&notify_delay_ms=1500").status == 200);
    const auto late = create(request());
    BOOST_TEST(sim_post("/_sim/pay?idop=" + late + "&action=pay").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    BOOST_TEST(sim("/_sim/sink").body.empty());
    BOOST_TEST(eventually([&] { return contains(sim("/_sim/sink").body, "idop=" + late); },
                          std::chrono::seconds(5)));
}

BOOST_AUTO_TEST_CASE(held_notifications_are_released_in_reverse_order)
{
    BOOST_TEST(sim_post("/_sim/config", "notify_reorder=1").status == 200);
    const auto first = create(request());
    const auto second = create(request());
    BOOST_TEST(sim_post("/_sim/pay?idop=" + first + "&action=pay").status == 200);
    BOOST_TEST(sim_post("/_sim/pay?idop=" + second + "&action=refuse").status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    BOOST_TEST(sim("/_sim/sink").body.empty());
    BOOST_TEST(contains(operation(first), "\"notifications_held\":1,"));
    const auto released = sim_post("/_sim/release");
    BOOST_TEST(released.body == "released 2\n");
    const auto expected = "application/x-www-form-urlencoded\tidop=" + second +
                          "\napplication/x-www-form-urlencoded\tidop=" + first + "\n";
    BOOST_TEST(
        eventually([&] { return sim("/_sim/sink").body == expected; }, std::chrono::seconds(5)));
}

BOOST_AUTO_TEST_CASE(tampered_amount_is_reported)
{
    const auto idop = create(request(5525));
    BOOST_TEST(sim_post("/_sim/pay?idop=" + idop + "&action=pay").status == 200);
    BOOST_TEST(client.fetch(idop).result.montant == 5525);
    BOOST_TEST(sim_post("/_sim/config", "tamper_amount_cents=1").status == 200);
    const auto tampered = client.fetch(idop);
    BOOST_REQUIRE(tampered.outcome == Outcome::Ok);
    BOOST_TEST(tampered.result.montant == 1);
    // The simulator's own record keeps the amount created.
    BOOST_TEST(contains(operation(idop), "\"montant\":5525,"));
}

BOOST_AUTO_TEST_CASE(payment_page_offers_three_choices_and_redirects)
{
    auto r = request(123456);
    r.urlredirect = Stack::get().url("/paiement/retour?regie=2");
    const auto idop = create(r);
    const auto page = sim(payment::payment_page_url("", idop));
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "<html lang=\"fr\">"));
    BOOST_TEST(contains(page.body, "1\u00a0234,56\u00a0€"));
    BOOST_TEST(contains(page.body, r.refdet));
    BOOST_TEST(contains(page.body, ">Payer</button>"));
    BOOST_TEST(contains(page.body, ">Refuser</button>"));
    BOOST_TEST(contains(page.body, ">Abandonner</button>"));
    const auto chosen = sim_post("/tpa/paiementws.web", "idop=" + idop + "&action=abandon");
    BOOST_TEST(chosen.status == 303);
    BOOST_TEST(chosen.location == r.urlredirect + "&idop=" + idop);
    BOOST_TEST(client.fetch(idop).result.resultrans == 'A');
    const auto again = sim(payment::payment_page_url("", idop));
    BOOST_TEST(again.status == 409);
    BOOST_TEST(contains(again.body, "déjà terminée"));
    BOOST_TEST(sim(payment::payment_page_url("", "inconnu")).status == 404);
}

BOOST_AUTO_TEST_CASE(expired_operation_cannot_be_paid_and_reads_abandoned)
{
    const auto idop = create(request());
    BOOST_TEST(sim(payment::payment_page_url("", idop)).status == 200);
    BOOST_TEST(sim_post("/_sim/config", "lifetime_seconds=0").status == 200);
    const auto page = sim(payment::payment_page_url("", idop));
    BOOST_TEST(page.status == 410);
    BOOST_TEST(contains(page.body, "expiré"));
    BOOST_TEST(sim_post("/tpa/paiementws.web", "idop=" + idop + "&action=pay").status == 410);
    const auto detail = client.fetch(idop);
    BOOST_REQUIRE(detail.outcome == Outcome::Ok);
    BOOST_TEST(detail.result.resultrans == 'A');
    BOOST_TEST(contains(operation(idop), "\"notifications_sent\":0,"));
}

BOOST_AUTO_TEST_CASE(simulator_validates_like_the_service)
{
    // Sent raw: the client would refuse it before sending.
    const std::string bad =
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:pai=\"" +
        std::string(payment::payfip_ns) +
        "\"><soapenv:Body>"
        "<pai:creerPaiementSecurise><arg0><exer>2026</exer><mel>a@b.fr</mel><montant>100"
        "</montant><numcli>123456</numcli><objet>x</objet><refdet>FAC-1</refdet><saisie>T"
        "</saisie><urlnotif>http://a.fr/n</urlnotif><urlredirect>http://a.fr/r</urlredirect>"
        "</arg0></pai:creerPaiementSecurise></soapenv:Body></soapenv:Envelope>";
    const auto answer = sim("/tpa/services/securite", &bad, "text/xml; charset=utf-8");
    BOOST_TEST(answer.status == 500);
    BOOST_TEST(contains(answer.body, "FonctionnelleErreur"));
    const auto parsed = payment::parse_create_answer(answer.body);
    BOOST_TEST(as_int(parsed.outcome) == as_int(Outcome::Fault));
    BOOST_TEST(contains(parsed.error.message, "refdet"));

    const std::string good = payment::create_envelope(request());
    const auto ok = sim("/tpa/services/securite", &good, "text/xml; charset=utf-8");
    BOOST_TEST(ok.status == 200);
    BOOST_TEST(contains(ok.body, "<ns2:creerPaiementSecuriseResponse"));

    BOOST_TEST(as_int(client.check_client("123456")) == as_int(Outcome::Ok));
}

BOOST_AUTO_TEST_SUITE_END()
