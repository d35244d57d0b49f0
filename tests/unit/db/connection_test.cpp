#include "db/connection.h"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

BOOST_AUTO_TEST_SUITE(db_connection)

BOOST_AUTO_TEST_CASE(url_gives_user_password_host_port_and_name)
{
    const auto s = db::parse_url("mysql://alice:s3cret@db.example.fr:3307/portail_test");
    BOOST_TEST(s.user == "alice");
    BOOST_TEST(s.password == "s3cret");
    BOOST_TEST(s.host == "db.example.fr");
    BOOST_TEST(s.port == 3307);
    BOOST_TEST(s.name == "portail_test");
    BOOST_TEST(s.socket.empty());
}

BOOST_AUTO_TEST_CASE(password_is_optional_and_may_contain_colons_and_at_signs)
{
    const auto nopass = db::parse_url("mysql://portail@127.0.0.1:3306/portail");
    BOOST_TEST(nopass.user == "portail");
    BOOST_TEST(nopass.password.empty());

    const auto s = db::parse_url("mysql://bob:a:b@c@host/db");
    BOOST_TEST(s.user == "bob");
    BOOST_TEST(s.password == "a:b@c");
    BOOST_TEST(s.host == "host");
}

BOOST_AUTO_TEST_CASE(port_defaults_to_3306_when_absent)
{
    const auto s = db::parse_url("mysql://alice@db.example.fr/portail");
    BOOST_TEST(s.host == "db.example.fr");
    BOOST_TEST(s.port == 3306);
    BOOST_TEST(s.name == "portail");
}

BOOST_AUTO_TEST_CASE(socket_parameter_is_read)
{
    const auto s = db::parse_url("mysql://alice@localhost/portail?socket=/run/mysqld/mysqld.sock");
    BOOST_TEST(s.socket == "/run/mysqld/mysqld.sock");
    BOOST_TEST(s.name == "portail");
    BOOST_TEST(s.user == "alice");
}

BOOST_AUTO_TEST_CASE(other_query_parameters_are_refused)
{
    BOOST_CHECK_THROW(db::parse_url("mysql://alice@localhost/portail?ssl=1"),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(missing_database_name_is_refused)
{
    BOOST_CHECK_THROW(db::parse_url("mysql://alice@localhost"), std::invalid_argument);
    BOOST_CHECK_THROW(db::parse_url("mysql://alice@localhost/"), std::invalid_argument);
    BOOST_CHECK_THROW(db::parse_url("mysql://alice@localhost:3306/?socket=/x"),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(bad_port_is_refused)
{
    for (const char* url : {"mysql://alice@localhost:abc/db", "mysql://alice@localhost:/db",
                            "mysql://alice@localhost:0/db", "mysql://alice@localhost:65536/db",
                            "mysql://alice@localhost:-1/db", "mysql://alice@localhost:33a/db"})
        BOOST_CHECK_THROW(db::parse_url(url), std::invalid_argument);
    BOOST_TEST(db::parse_url("mysql://alice@localhost:65535/db").port == 65535);
}

BOOST_AUTO_TEST_CASE(url_without_user_is_refused)
{
    // The user is not optional in mysql://user[:password]@host[:port]/name.
    BOOST_CHECK_THROW(db::parse_url("mysql://localhost/db"), std::invalid_argument);
    BOOST_CHECK_THROW(db::parse_url("mysql://localhost:3306/db"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(empty_user_is_refused)
{
    BOOST_CHECK_THROW(db::parse_url("mysql://@localhost/db"), std::invalid_argument);
    BOOST_CHECK_THROW(db::parse_url("mysql://:secret@localhost/db"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(wrong_scheme_is_refused)
{
    for (const char* url : {"postgres://alice@localhost/db", "mariadb://alice@localhost/db",
                            "MYSQL://alice@localhost/db", "alice@localhost/db", ""})
        BOOST_CHECK_THROW(db::parse_url(url), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
