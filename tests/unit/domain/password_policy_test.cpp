#include "domain/password_policy.h"

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <ostream>
#include <string>

namespace domain
{
namespace detail
{
extern const std::size_t common_passwords_count;
}

// Lets Boost.Test print a verdict when an assertion fails.
std::ostream& boost_test_print_type(std::ostream& out, PasswordVerdict verdict)
{
    switch (verdict) {
    case PasswordVerdict::Ok:
        return out << "Ok";
    case PasswordVerdict::TooShort:
        return out << "TooShort";
    case PasswordVerdict::TooLong:
        return out << "TooLong";
    case PasswordVerdict::Common:
        return out << "Common";
    case PasswordVerdict::Mismatch:
        return out << "Mismatch";
    }
    return out << static_cast<int>(verdict);
}
} // namespace domain

using domain::PasswordVerdict;

namespace
{

std::string repeat(std::string_view piece, std::size_t times)
{
    std::string out;
    for (std::size_t i = 0; i < times; ++i) {
        out += piece;
    }
    return out;
}

PasswordVerdict check(const std::string& password)
{
    return domain::check_new_password(password, password);
}

} // namespace

BOOST_AUTO_TEST_SUITE(domain_password_policy)

BOOST_AUTO_TEST_CASE(eleven_characters_are_too_short_and_twelve_are_enough)
{
    BOOST_TEST(check("lune#bleue4") == PasswordVerdict::TooShort);
    BOOST_TEST(check("lune#bleue42") == PasswordVerdict::Ok);
}

BOOST_AUTO_TEST_CASE(length_counts_accented_letters_once)
{
    // 11 "é" are 22 bytes but 11 characters.
    BOOST_TEST(check(repeat("é", 11)) == PasswordVerdict::TooShort);
    BOOST_TEST(check("éééééééééééé") == PasswordVerdict::Ok);
    BOOST_TEST(check(repeat("🙂", 11)) == PasswordVerdict::TooShort);
    BOOST_TEST(check(repeat("🙂", 12)) == PasswordVerdict::Ok);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_length_counts_bytes)
{
    BOOST_TEST(check(std::string(11, '\xFF')) == PasswordVerdict::TooShort);
    BOOST_TEST(check(std::string(12, '\xFF')) == PasswordVerdict::Ok);
    // Six 2-byte lead bytes without continuation: not UTF-8, so 12 bytes count as 12.
    BOOST_TEST(check(repeat("\xC3\x28", 6)) == PasswordVerdict::Ok);
}

BOOST_AUTO_TEST_CASE(up_to_256_bytes_are_accepted_and_more_is_too_long)
{
    BOOST_TEST(check(repeat("lune#bleue42", 21) + "abcd") == PasswordVerdict::Ok); // 256 bytes
    BOOST_TEST(check(repeat("lune#bleue42", 21) + "abcde") == PasswordVerdict::TooLong);
    BOOST_TEST(check(repeat("é", 128)) == PasswordVerdict::Ok);
    BOOST_TEST(check(repeat("é", 129)) == PasswordVerdict::TooLong);
}

BOOST_AUTO_TEST_CASE(different_confirmation_is_a_mismatch)
{
    BOOST_TEST(domain::check_new_password("lune#bleue42", "lune#bleue43") ==
               PasswordVerdict::Mismatch);
    BOOST_TEST(domain::check_new_password("lune#bleue42", "") == PasswordVerdict::Mismatch);
    BOOST_TEST(domain::check_new_password("lune#bleue42", "LUNE#BLEUE42") ==
               PasswordVerdict::Mismatch);
}

BOOST_AUTO_TEST_CASE(mismatch_is_reported_before_any_other_problem)
{
    BOOST_TEST(domain::check_new_password("a", "b") == PasswordVerdict::Mismatch);
    BOOST_TEST(domain::check_new_password("qwerty123456", "qwerty123457") ==
               PasswordVerdict::Mismatch);
    BOOST_TEST(domain::check_new_password(std::string(300, 'a'), std::string(301, 'a')) ==
               PasswordVerdict::Mismatch);
}

BOOST_AUTO_TEST_CASE(long_enough_passwords_from_the_common_list_are_refused)
{
    // Each verified to be in src/domain/common_passwords.txt.
    BOOST_TEST(check("qwerty123456") == PasswordVerdict::Common);
    BOOST_TEST(check("password1234") == PasswordVerdict::Common);
    BOOST_TEST(check("1q2w3e4r5t6y") == PasswordVerdict::Common);
    BOOST_TEST(check("123456789abc") == PasswordVerdict::Common);
}

BOOST_AUTO_TEST_CASE(common_list_lookup_ignores_case)
{
    BOOST_TEST(check("QWERTY123456") == PasswordVerdict::Common);
    BOOST_TEST(check("Password1234") == PasswordVerdict::Common);
    BOOST_TEST(domain::is_common_password("AzErTy"));
}

BOOST_AUTO_TEST_CASE(is_common_password_knows_short_common_passwords)
{
    BOOST_TEST(domain::is_common_password("123456"));
    BOOST_TEST(domain::is_common_password("password"));
    BOOST_TEST(domain::is_common_password("azerty"));
    BOOST_TEST(domain::is_common_password("motdepasse"));
    BOOST_TEST(domain::is_common_password("soleil"));
    // The list's last entry, to catch a truncated or unsorted index.
    BOOST_TEST(domain::is_common_password("geekboy"));
}

BOOST_AUTO_TEST_CASE(is_common_password_refuses_unknown_and_near_misses)
{
    BOOST_TEST(!domain::is_common_password("lune#bleue42"));
    BOOST_TEST(!domain::is_common_password(""));
    BOOST_TEST(!domain::is_common_password("password "));
    BOOST_TEST(!domain::is_common_password(" password"));
    BOOST_TEST(!domain::is_common_password(std::string("pass\0word", 9)));
    BOOST_TEST(!domain::is_common_password(std::string(1000, 'a')));
}

BOOST_AUTO_TEST_CASE(common_list_is_compiled_in_with_at_least_ten_thousand_entries)
{
    BOOST_TEST(domain::detail::common_passwords_count >= 10000u);
}

BOOST_AUTO_TEST_CASE(verdict_messages_are_in_french)
{
    BOOST_TEST(std::string(domain::password_verdict_message(PasswordVerdict::TooShort)) ==
               "Le mot de passe doit contenir au moins 12 caractères.");
    BOOST_TEST(std::string(domain::password_verdict_message(PasswordVerdict::Common)) ==
               "Ce mot de passe est trop courant : choisissez-en un autre, par exemple une "
               "phrase de plusieurs mots.");
    BOOST_TEST(std::string(domain::password_verdict_message(PasswordVerdict::Mismatch)) ==
               "Les deux mots de passe ne sont pas identiques.");
    BOOST_TEST(
        std::string(domain::password_verdict_message(PasswordVerdict::TooLong)).find("trop long") !=
        std::string::npos);
    BOOST_TEST(std::string(domain::password_verdict_message(PasswordVerdict::Ok)).empty());
}

BOOST_AUTO_TEST_SUITE_END()
