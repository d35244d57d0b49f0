#include "app/admission.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(app_admission)

BOOST_AUTO_TEST_CASE(the_wait_is_read_from_nginx_msec)
{
    using app::queued_for_ms;
    const std::int64_t now = 1764460805250; // 2025-11-30 00:00:05.250 UTC
    BOOST_TEST(*queued_for_ms("1764460800.000", now) == 5250);
    BOOST_TEST(*queued_for_ms("1764460805.249", now) == 1);
    // A request stamped a little ahead (another host's clock) waited no time.
    BOOST_TEST(*queued_for_ms("1764460806.000", now) == 0);
    BOOST_TEST(*queued_for_ms("1764460745.250", now) == 60000);
}

BOOST_AUTO_TEST_CASE(a_stamp_older_than_any_wait_means_the_clocks_disagree)
{
    // A worker on another clock (a fake one in the tests, a host without NTP) sheds nothing.
    const std::int64_t now = 1764460805250;
    BOOST_TEST(!app::queued_for_ms("1764460745.249", now).has_value());
    BOOST_TEST(!app::queued_for_ms("1700000000.000", now).has_value());
}

BOOST_AUTO_TEST_CASE(anything_else_is_no_wait_at_all)
{
    using app::queued_for_ms;
    const std::int64_t now = 1764460805250;
    for (const char* bad : {"", "1764460800", "1764460800.", "1764460800.12", "1764460800.1234",
                            ".123", "17644608x0.123", "-764460800.123", "1764460800,123",
                            "99999999999999999.123", " 1764460800.123"})
        BOOST_TEST(!queued_for_ms(bad, now).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
