#include "web/form_input.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace std::string_literals;
using web::FieldProblem;

namespace
{

http::Params form_with(const std::string& name, const std::string& value)
{
    http::Params p;
    p.add(name, value);
    return p;
}

web::Field text(const std::string& value, std::size_t max_bytes = 100, bool required = true)
{
    return web::text_field(form_with("nom", value), "nom", max_bytes, required);
}

web::Field secret(const std::string& value, std::size_t max_bytes = 1024)
{
    return web::secret_field(form_with("mot_de_passe", value), "mot_de_passe", max_bytes);
}

} // namespace

BOOST_AUTO_TEST_SUITE(web_form_input)

// --- text_field ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(text_is_trimmed_of_spaces_and_tabs)
{
    const auto f = text(" \t Jean Dupont\t  ");
    BOOST_TEST(f.ok());
    BOOST_TEST(f.value == "Jean Dupont");
}

BOOST_AUTO_TEST_CASE(text_keeps_accents_and_typographic_quotes)
{
    const auto f = text("Émilie d’Artagnan-Löwe");
    BOOST_TEST(f.ok());
    BOOST_TEST(f.value == "Émilie d’Artagnan-Löwe");
}

BOOST_AUTO_TEST_CASE(required_text_absent_empty_or_blank_is_missing)
{
    BOOST_TEST((text("").problem == FieldProblem::Missing));
    BOOST_TEST((text("  \t ").problem == FieldProblem::Missing));
    BOOST_TEST(
        (web::text_field(form_with("autre", "x"), "nom", 100).problem == FieldProblem::Missing));
    BOOST_TEST((web::text_field(http::Params{}, "nom", 100).problem == FieldProblem::Missing));
}

BOOST_AUTO_TEST_CASE(optional_text_empty_or_absent_is_ok_and_empty)
{
    const auto empty = text("", 100, false);
    BOOST_TEST(empty.ok());
    BOOST_TEST(empty.value.empty());
    const auto blank = text("   ", 100, false);
    BOOST_TEST(blank.ok());
    BOOST_TEST(blank.value.empty());
    const auto absent = web::text_field(http::Params{}, "nom", 100, false);
    BOOST_TEST(absent.ok());
    BOOST_TEST(absent.value.empty());
}

BOOST_AUTO_TEST_CASE(text_over_max_bytes_is_too_long)
{
    BOOST_TEST(text("abcde", 5).ok());
    const auto f = text("abcdef", 5);
    BOOST_TEST((f.problem == FieldProblem::TooLong));
    BOOST_TEST(f.value.empty());
    // the bound is in bytes: "é" is two
    BOOST_TEST((text("ééé", 5).problem == FieldProblem::TooLong));
    BOOST_TEST((text(std::string(1000, 'a'), 100, false).problem == FieldProblem::TooLong));
}

BOOST_AUTO_TEST_CASE(text_with_control_characters_is_invalid)
{
    for (const auto& bad : {"a\0b"s, "a\nb"s, "a\rb"s, "ab\n"s, "a\tb"s, "a\x1b[31mb"s, "a\x7f"s}) {
        const auto f = text(bad);
        BOOST_TEST((f.problem == FieldProblem::Invalid), "value " << bad);
        BOOST_TEST(f.value.empty());
    }
}

BOOST_AUTO_TEST_CASE(text_with_bidirectional_overrides_is_invalid)
{
    // U+202E RIGHT-TO-LEFT OVERRIDE, U+202A LRE, U+2066 LRI, U+2069 PDI
    for (const auto& bad : {"facture\u202Efdp.exe"s, "\u202Eabc"s, "abc\u202E"s, "a\u202Ab"s,
                            "a\u2066b"s, "a\u2069b"s}) {
        BOOST_TEST((text(bad).problem == FieldProblem::Invalid), "value " << bad);
    }
    // neighbours of those ranges are ordinary characters
    BOOST_TEST(text("a\u2030b"s).ok()); // per mille sign
    BOOST_TEST(text("a\u2065b"s).ok());
}

// --- secret_field ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(secret_is_not_trimmed)
{
    const auto f = secret("  mot de passe\t ");
    BOOST_TEST(f.ok());
    BOOST_TEST(f.value == "  mot de passe\t ");
}

BOOST_AUTO_TEST_CASE(secret_empty_or_absent_is_missing)
{
    BOOST_TEST((secret("").problem == FieldProblem::Missing));
    BOOST_TEST(
        (web::secret_field(http::Params{}, "mot_de_passe").problem == FieldProblem::Missing));
}

BOOST_AUTO_TEST_CASE(secret_over_max_bytes_is_too_long)
{
    // default bound: 1024 bytes
    BOOST_TEST(web::secret_field(form_with("p", std::string(1024, 'p')), "p").ok());
    BOOST_TEST((web::secret_field(form_with("p", std::string(1025, 'p')), "p").problem ==
                FieldProblem::TooLong));
    BOOST_TEST((secret("abcdef", 5).problem == FieldProblem::TooLong));
}

BOOST_AUTO_TEST_CASE(secret_with_nul_is_invalid)
{
    const auto f = secret("abc\0def"s);
    BOOST_TEST((f.problem == FieldProblem::Invalid));
    BOOST_TEST(f.value.empty());
}

BOOST_AUTO_TEST_CASE(secret_keeps_other_characters_as_sent)
{
    const auto f = secret("pa\u202Ess€");
    BOOST_TEST(f.ok());
    BOOST_TEST(f.value == "pa\u202Ess€");
}


BOOST_AUTO_TEST_CASE(line_separators_and_c1_controls_are_invalid)
{
    for (const char* value : {"a\u2028b", "a\u2029b", "a\u0085b", "a\u009fb"}) {
        http::Params form;
        form.add("nom", value);
        BOOST_TEST((web::text_field(form, "nom", 100).problem == web::FieldProblem::Invalid));
    }
    http::Params ok;
    ok.add("nom", "Élodie\u00a0Dupont");
    BOOST_TEST(web::text_field(ok, "nom", 100).ok());
}

BOOST_AUTO_TEST_SUITE_END()
