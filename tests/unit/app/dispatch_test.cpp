#include "app/dispatch.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace
{
std::string csp_of(const http::Response& r)
{
    for (const auto& [name, value] : r.headers)
        if (name == "Content-Security-Policy")
            return value;
    return {};
}
} // namespace

BOOST_AUTO_TEST_SUITE(security_headers)

BOOST_AUTO_TEST_CASE(origin_of_keeps_scheme_host_and_port_only)
{
    BOOST_TEST(app::origin_of("https://www.payfip.gouv.fr") == "https://www.payfip.gouv.fr");
    BOOST_TEST(app::origin_of("https://www.payfip.gouv.fr/tpa/paiementws.web?idop=1") ==
               "https://www.payfip.gouv.fr");
    BOOST_TEST(app::origin_of("http://127.0.0.1:8090") == "http://127.0.0.1:8090");
    for (const char* bad : {"", "ftp://x.fr", "https://", "javascript:alert(1)",
                            "https://a.fr;script-src *", "http://a b.fr/"})
        BOOST_TEST(app::origin_of(bad).empty(), bad);
}

BOOST_AUTO_TEST_CASE(forms_may_lead_to_the_payment_service_and_nowhere_else)
{
    http::Response r;
    app::add_security_headers(r, false, "https://www.payfip.gouv.fr");
    const std::string csp = csp_of(r);
    BOOST_TEST(csp.find("form-action 'self' https://www.payfip.gouv.fr;") != std::string::npos,
               csp);
    http::Response plain;
    app::add_security_headers(plain, false);
    BOOST_TEST(csp_of(plain).find("form-action 'self';") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
