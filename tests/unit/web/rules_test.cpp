#include "web/rules.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(web_rules)

BOOST_AUTO_TEST_CASE(size_in_ko_rounds_up_and_never_shows_zero)
{
    BOOST_TEST(web::size_in_ko(0) == "1 Ko");
    BOOST_TEST(web::size_in_ko(300) == "1 Ko");
    BOOST_TEST(web::size_in_ko(1024) == "1 Ko");
    BOOST_TEST(web::size_in_ko(1025) == "2 Ko");
    BOOST_TEST(web::size_in_ko(10 * 1024 * 1024) == "10240 Ko");
}

BOOST_AUTO_TEST_CASE(rules_pdf_is_shown_inline_with_a_safe_name)
{
    const auto r = web::rules_pdf_response(42, "%PDF-1.7 …");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.content_type == "application/pdf");
    BOOST_TEST(r.body == "%PDF-1.7 …");
    bool disposition = false;
    bool cache = false;
    for (const auto& [name, value] : r.headers) {
        disposition = disposition || (name == "Content-Disposition" &&
                                      value == "inline; filename=\"reglement-42.pdf\"");
        cache = cache || (name == "Cache-Control" && value == "private, max-age=300");
    }
    BOOST_TEST(disposition);
    BOOST_TEST(cache);
}

BOOST_AUTO_TEST_SUITE_END()
