#include "security/tokens.h"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace std::string_literals;

namespace
{

bool is_base64url(const std::string& s)
{
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    return true;
}

// Decodes base64url without padding; independent of the code under test.
std::string decode_base64url(const std::string& s)
{
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : s) {
        buffer = (buffer << 6) | static_cast<unsigned>(alphabet.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(security_tokens)

BOOST_AUTO_TEST_CASE(random_token_is_43_base64url_chars)
{
    const auto t = security::random_token();
    BOOST_TEST(t.size() == 43u);
    BOOST_TEST(is_base64url(t), t);
    BOOST_TEST(decode_base64url(t).size() == 32u);
}

BOOST_AUTO_TEST_CASE(random_token_differs_at_each_call)
{
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i)
        seen.insert(security::random_token());
    BOOST_TEST(seen.size() == 100u);
}

BOOST_AUTO_TEST_CASE(random_hex_is_lowercase_hex_of_the_requested_length)
{
    const auto h = security::random_hex(16);
    BOOST_TEST(h.size() == 32u);
    BOOST_TEST(h.find_first_not_of("0123456789abcdef") == std::string::npos, h);
    BOOST_TEST(h != security::random_hex(16));
    BOOST_TEST(security::random_hex(0).empty());
}

BOOST_AUTO_TEST_CASE(sha256_of_abc_is_the_fips_vector)
{
    const auto d = security::sha256("abc");
    BOOST_TEST(d.size() == 32u);
    BOOST_TEST(security::to_hex(d) ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(security::to_hex(security::sha256("")) ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_matches_rfc4231_test_case_2)
{
    const auto mac = security::hmac_sha256_b64("Jefe", "what do ya want for nothing?");
    BOOST_TEST(mac == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
    BOOST_TEST(security::to_hex(decode_base64url(mac)) ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_hashes_a_key_longer_than_a_block_first_rfc4231_test_case_6)
{
    const std::string key(131, '\xaa');
    const auto mac = security::hmac_sha256_b64(key, "Test Using Larger Than Block-Size Key - "
                                                    "Hash Key First");
    BOOST_TEST(security::to_hex(decode_base64url(mac)) ==
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

BOOST_AUTO_TEST_CASE(hmac_sha256_depends_on_key_and_data)
{
    const auto mac = security::hmac_sha256_b64("Jefe", "what do ya want for nothing?");
    BOOST_TEST(mac != security::hmac_sha256_b64("Jeff", "what do ya want for nothing?"));
    BOOST_TEST(mac != security::hmac_sha256_b64("Jefe", "what do ya want for nothing!"));
}

BOOST_AUTO_TEST_CASE(to_hex_is_lowercase_two_digits_per_byte)
{
    BOOST_TEST(security::to_hex("") == "");
    BOOST_TEST(security::to_hex("\x00\x0f\xa5\xff"s) == "000fa5ff");
}

BOOST_AUTO_TEST_CASE(base64url_matches_rfc4648_vectors_without_padding)
{
    BOOST_TEST(security::base64url("") == "");
    BOOST_TEST(security::base64url("f") == "Zg");
    BOOST_TEST(security::base64url("fo") == "Zm8");
    BOOST_TEST(security::base64url("foo") == "Zm9v");
    BOOST_TEST(security::base64url("foob") == "Zm9vYg");
    BOOST_TEST(security::base64url("fooba") == "Zm9vYmE");
    BOOST_TEST(security::base64url("foobar") == "Zm9vYmFy");
}

BOOST_AUTO_TEST_CASE(base64url_uses_the_url_alphabet)
{
    BOOST_TEST(security::base64url("\xfb\xff\xbf"s) == "-_-_");
    BOOST_TEST(security::base64url("\xff"s) == "_w");
    BOOST_TEST(security::base64url("\x00\x00\x00"s) == "AAAA");
}

BOOST_AUTO_TEST_CASE(constant_time_equal_compares_content_and_length)
{
    BOOST_TEST(security::constant_time_equal("", ""));
    BOOST_TEST(security::constant_time_equal("abc", "abc"));
    BOOST_TEST(!security::constant_time_equal("abc", "abd"));
    BOOST_TEST(!security::constant_time_equal("abc", "Abc"));
    BOOST_TEST(!security::constant_time_equal("abc", "abcd"));
    BOOST_TEST(!security::constant_time_equal("abcd", "abc"));
    BOOST_TEST(!security::constant_time_equal("", "a"));
    BOOST_TEST(security::constant_time_equal("a\0b"s, "a\0b"s));
    BOOST_TEST(!security::constant_time_equal("a\0b"s, "a\0c"s));
}

BOOST_AUTO_TEST_SUITE_END()
