#include "security/password.h"

#include <sodium.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <latch>
#include <thread>
#include <vector>

#include <string>

// Each default-cost hash or verification takes tens of milliseconds: the tests share one hash
// and compute as few as possible.

namespace
{

const std::string password = "Cheval-Agrafe-Batterie-9";

const std::string& shared_hash()
{
    static const std::string hash = security::hash_password(password);
    return hash;
}

const std::string default_prefix = "$argon2id$v=19$m=7168,t=5,p=1$";

} // namespace

BOOST_AUTO_TEST_SUITE(security_password)

BOOST_AUTO_TEST_CASE(hash_is_a_phc_string_with_the_default_parameters)
{
    const auto& h = shared_hash();
    BOOST_TEST(h.rfind(default_prefix, 0) == 0u, h);
    BOOST_TEST(h.find('\0') == std::string::npos);
    // salt and hash follow, separated by '$'.
    const auto rest = h.substr(default_prefix.size());
    const auto dollar = rest.find('$');
    BOOST_REQUIRE(dollar != std::string::npos);
    BOOST_TEST(dollar >= 22u);                   // 16-byte salt, base64 without padding
    BOOST_TEST(rest.size() - dollar - 1 >= 43u); // 32-byte hash
}

BOOST_AUTO_TEST_CASE(verify_accepts_the_right_password)
{
    BOOST_TEST(security::verify_password(password, shared_hash()));
}

BOOST_AUTO_TEST_CASE(verify_refuses_a_wrong_password)
{
    BOOST_TEST(!security::verify_password(password + "x", shared_hash()));
    BOOST_TEST(!security::verify_password("", shared_hash()));
}

BOOST_AUTO_TEST_CASE(two_hashes_of_the_same_password_differ_by_their_salt)
{
    const auto other = security::hash_password(password);
    BOOST_TEST(other != shared_hash());
    BOOST_TEST(other.rfind(default_prefix, 0) == 0u, other);
}

BOOST_AUTO_TEST_CASE(weak_parameters_are_written_and_still_verify)
{
    const auto weak = security::hash_password(password, {1, 8192});
    BOOST_TEST(weak.rfind("$argon2id$v=19$m=8192,t=1,p=1$", 0) == 0u, weak);
    BOOST_TEST(security::verify_password(password, weak));
    BOOST_TEST(security::needs_rehash(weak));
}

BOOST_AUTO_TEST_CASE(needs_rehash_is_false_for_default_parameters)
{
    BOOST_TEST(!security::needs_rehash(shared_hash()));
}

BOOST_AUTO_TEST_CASE(needs_rehash_compares_each_parameter)
{
    // needs_rehash reads the parameters only: no hash is computed here.
    const std::string tail = "$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    BOOST_TEST(security::needs_rehash("$argon2id$v=19$m=6144,t=5,p=1" + tail));
    BOOST_TEST(security::needs_rehash("$argon2id$v=19$m=7168,t=4,p=1" + tail));
    BOOST_TEST(!security::needs_rehash("$argon2id$v=19$m=7168,t=5,p=1" + tail));
    BOOST_TEST(!security::needs_rehash("$argon2id$v=19$m=65536,t=5,p=1" + tail));
    // The earlier settings, 19 MiB x 2 then 9 MiB x 4: fewer passes, so rehashed at the next
    // login.
    BOOST_TEST(security::needs_rehash("$argon2id$v=19$m=19456,t=2,p=1" + tail));
    BOOST_TEST(security::needs_rehash("$argon2id$v=19$m=9216,t=4,p=1" + tail));
    BOOST_TEST(security::needs_rehash("$argon2id$v=19$m=9216,t=4,p=1" + tail, {5, 9216}));
    BOOST_TEST(security::needs_rehash("$argon2i$v=19$m=9216,t=4,p=1" + tail));
    BOOST_TEST(security::needs_rehash(""));
}

BOOST_AUTO_TEST_CASE(non_argon2id_strings_never_verify)
{
    // A genuine argon2i hash of the same password: libsodium's generic verifier would accept it.
    char encoded[crypto_pwhash_argon2i_STRBYTES] = {};
    BOOST_REQUIRE(crypto_pwhash_argon2i_str(encoded, password.data(), password.size(), 3, 8192) ==
                  0);
    const std::string argon2i = encoded;
    BOOST_REQUIRE(argon2i.rfind("$argon2i$", 0) == 0u);
    BOOST_REQUIRE(crypto_pwhash_str_verify(argon2i.c_str(), password.data(), password.size()) == 0);
    BOOST_TEST(!security::verify_password(password, argon2i));

    BOOST_TEST(!security::verify_password(password, password));
    BOOST_TEST(!security::verify_password(password, ""));
    BOOST_TEST(!security::verify_password(password, "$argon2id$"));
    BOOST_TEST(!security::verify_password(
        password, "$2y$10$abcdefghijklmnopqrstuuJ0yM9a0Rcy8aVxqk3u6YwFqVfKz5u0e"));
}

BOOST_AUTO_TEST_CASE(hashes_written_by_libargon2_still_verify)
{
    // Passwords stored before the switch to libsodium were hashed by libargon2 (salt 0x01 then
    // zeros, password "pw"), among them one with two lanes.
    const std::string p1 = "$argon2id$v=19$m=19456,t=2,p=1$AQAAAAAAAAAAAAAAAAAAAA$"
                           "6e/k/huvhQaQE9DKTZmgav7k+wPmN8NzvnBP1slnrRc";
    const std::string p2 = "$argon2id$v=19$m=1024,t=2,p=2$AQAAAAAAAAAAAAAAAAAAAA$"
                           "RKITogWKR3/IByNS3QO1Lxpy5wrhbESLFzCSBVIpm1E";
    BOOST_TEST(security::verify_password("pw", p1));
    BOOST_TEST(!security::verify_password("pW", p1));
    BOOST_TEST(security::verify_password("pw", p2));
    BOOST_TEST(security::needs_rehash(p1)); // two passes: today's settings use four
    BOOST_TEST(security::needs_rehash(p2)); // 1 MiB
}

BOOST_AUTO_TEST_CASE(dummy_verification_runs_without_error)
{
    BOOST_CHECK_NO_THROW(security::verify_dummy("anything"));
}

BOOST_AUTO_TEST_CASE(hashes_beyond_the_waiting_bound_are_refused_at_once)
{
    // One hash at a time and nobody waiting: of eight simultaneous hashes, some are refused
    // with HashesBusy (they would otherwise hold a worker thread), and some succeed.
    security::set_max_concurrent_hashes(1);
    security::set_max_waiting_hashes(0);
    std::latch start(8);
    std::atomic<int> busy{0}, done{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            start.arrive_and_wait();
            try {
                (void)security::hash_password("mot de passe de test");
                ++done;
            } catch (const security::HashesBusy&) {
                ++busy;
            }
        });
    for (auto& t : threads)
        t.join();
    security::set_max_waiting_hashes(1u << 30);
    security::set_max_concurrent_hashes(2);
    BOOST_TEST(done.load() >= 1);
    BOOST_TEST(busy.load() >= 1);
    BOOST_TEST(done.load() + busy.load() == 8);
}

BOOST_AUTO_TEST_SUITE_END()
