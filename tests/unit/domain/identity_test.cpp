#include "domain/identity.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace std::string_literals;

BOOST_AUTO_TEST_SUITE(domain_identity)

BOOST_AUTO_TEST_CASE(brochure_name_with_accents_capitals_hyphen_and_double_space_normalises)
{
    BOOST_TEST(domain::normalize_name("Élodie  DUPONT-MARTIN") == "elodie dupont martin");
    BOOST_TEST(domain::normalize_name("Élodie  DUPONT-MARTIN") ==
               domain::normalize_name("elodie dupont martin"));
}

BOOST_AUTO_TEST_CASE(typographic_and_straight_apostrophes_become_a_space)
{
    BOOST_TEST(domain::normalize_name("O’Brien") == "o brien");
    BOOST_TEST(domain::normalize_name("O'Brien") == "o brien");
    BOOST_TEST(domain::normalize_name("D’ARTAGNAN") == domain::normalize_name("d'Artagnan"));
}

BOOST_AUTO_TEST_CASE(no_break_spaces_and_tabs_are_whitespace)
{
    BOOST_TEST(domain::normalize_name("Jean\u00A0Pierre") == "jean pierre");
    BOOST_TEST(domain::normalize_name("Jean\u202FPierre") == "jean pierre");
    BOOST_TEST(domain::normalize_name("Jean\t \u00A0-\nPierre") == "jean pierre");
}

BOOST_AUTO_TEST_CASE(surrounding_separators_are_trimmed)
{
    BOOST_TEST(domain::normalize_name("  Léa  ") == "lea");
    BOOST_TEST(domain::normalize_name("-'Léa'-") == "lea");
    BOOST_TEST(domain::normalize_name("\u00A0Léa\u202F") == "lea");
}

BOOST_AUTO_TEST_CASE(french_accented_letters_lose_their_accents_in_both_cases)
{
    BOOST_TEST(domain::normalize_name("éèêëàâäîïôöùûüçÿñ") == "eeeeaaaiioouuucyn");
    BOOST_TEST(domain::normalize_name("ÉÈÊËÀÂÄÎÏÔÖÙÛÜÇŸÑ") == "eeeeaaaiioouuucyn");
}

BOOST_AUTO_TEST_CASE(ligatures_and_sharp_s_expand_to_two_letters)
{
    BOOST_TEST(domain::normalize_name("Œuvray") == "oeuvray");
    BOOST_TEST(domain::normalize_name("cœur") == "coeur");
    BOOST_TEST(domain::normalize_name("Lætitia") == "laetitia");
    BOOST_TEST(domain::normalize_name("LÆTITIA") == "laetitia");
    BOOST_TEST(domain::normalize_name("Weiß") == "weiss");
    BOOST_TEST(domain::normalize_name("WEIẞ") == "weiss");
}

BOOST_AUTO_TEST_CASE(other_european_latin_letters_lose_their_accents)
{
    BOOST_TEST(domain::normalize_name("Łukasz Wałęsa") == "lukasz walesa");
    BOOST_TEST(domain::normalize_name("Dvořák Šťastný") == "dvorak stastny");
    BOOST_TEST(domain::normalize_name("Søren Ørsted") == "soren orsted");
}

BOOST_AUTO_TEST_CASE(decomposed_accents_typed_as_combining_marks_are_dropped)
{
    BOOST_TEST(domain::normalize_name("E\u0301lodie") == "elodie");
    BOOST_TEST(domain::normalize_name("E\u0301lodie") == domain::normalize_name("Élodie"));
}

BOOST_AUTO_TEST_CASE(invisible_characters_are_dropped)
{
    BOOST_TEST(domain::normalize_name("Du\u00ADpont") == "dupont");
    BOOST_TEST(domain::normalize_name("\uFEFFDupont\u200B") == "dupont");
}

BOOST_AUTO_TEST_CASE(letters_of_other_scripts_are_kept_unchanged)
{
    BOOST_TEST(domain::normalize_name("Ζωή  李") == "Ζωή 李");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_normalises_to_empty)
{
    BOOST_TEST(domain::normalize_name("Dupont\xC3") == "");       // truncated sequence
    BOOST_TEST(domain::normalize_name("Dup\xC3\x28nt") == "");    // bad continuation
    BOOST_TEST(domain::normalize_name("\xC0\xAF") == "");         // overlong '/'
    BOOST_TEST(domain::normalize_name("\xE0\x80\xAF") == "");     // overlong, 3 bytes
    BOOST_TEST(domain::normalize_name("\xED\xA0\x80") == "");     // surrogate
    BOOST_TEST(domain::normalize_name("\xF4\x90\x80\x80") == ""); // above U+10FFFF
    BOOST_TEST(domain::normalize_name("\x80"
                                      "Dupont") == ""); // lone continuation
    BOOST_TEST(domain::normalize_name("Dupont\xFF") == "");
}

BOOST_AUTO_TEST_CASE(control_characters_normalise_to_empty)
{
    BOOST_TEST(domain::normalize_name("Du\0pont"s) == "");
    BOOST_TEST(domain::normalize_name("Du\x1Bpont") == "");
    BOOST_TEST(domain::normalize_name("Du\x7Fpont") == "");
    BOOST_TEST(domain::normalize_name("Du\u0085pont") == "");
}

BOOST_AUTO_TEST_CASE(only_separators_normalise_to_empty)
{
    BOOST_TEST(domain::normalize_name("") == "");
    BOOST_TEST(domain::normalize_name(" - ' \u00A0 \t") == "");
}

BOOST_AUTO_TEST_CASE(same_person_matches_the_brochure_spellings)
{
    BOOST_TEST(domain::same_person("DUPONT-MARTIN", "Élodie", "dupont martin", "elodie"));
    BOOST_TEST(domain::same_person("O’Brien", "Seán", "o'brien", "SEAN"));
}

BOOST_AUTO_TEST_CASE(same_person_refuses_different_or_swapped_names)
{
    BOOST_TEST(!domain::same_person("Dupont", "Élodie", "Dupont", "Eloise"));
    BOOST_TEST(!domain::same_person("Dupont", "Élodie", "Élodie", "Dupont"));
    BOOST_TEST(!domain::same_person("Dupont Martin", "Élodie", "Dupontmartin", "Élodie"));
}

BOOST_AUTO_TEST_CASE(same_person_never_matches_empty_or_invalid_names)
{
    BOOST_TEST(!domain::same_person("", "", "", ""));
    BOOST_TEST(!domain::same_person("Dupont", "", "Dupont", ""));
    BOOST_TEST(!domain::same_person(" - ", "Léa", " ", "Léa"));
    BOOST_TEST(!domain::same_person("Dupont\xFF", "Léa", "Dupont\xFF", "Léa"));
}

BOOST_AUTO_TEST_CASE(normalize_email_trims_and_lower_cases_the_whole_address)
{
    BOOST_TEST(domain::normalize_email("  Jean.Dupont@Example.FR \t\r\n") ==
               "jean.dupont@example.fr");
    BOOST_TEST(domain::normalize_email("") == "");
    BOOST_TEST(domain::normalize_email("   ") == "");
}

BOOST_AUTO_TEST_CASE(plausible_email_accepts_ordinary_addresses)
{
    BOOST_TEST(domain::plausible_email("jean.dupont@example.fr"));
    BOOST_TEST(domain::plausible_email("a@b.c"));
    BOOST_TEST(domain::plausible_email("prenom+ecole@mairie-caumont.fr"));
}

BOOST_AUTO_TEST_CASE(plausible_email_requires_exactly_one_at_and_both_parts)
{
    BOOST_TEST(!domain::plausible_email("jean.dupont.example.fr"));
    BOOST_TEST(!domain::plausible_email("jean@dupont@example.fr"));
    BOOST_TEST(!domain::plausible_email("@example.fr"));
    BOOST_TEST(!domain::plausible_email("jean@"));
}

BOOST_AUTO_TEST_CASE(plausible_email_requires_a_dotted_domain)
{
    BOOST_TEST(!domain::plausible_email("jean@localhost"));
    BOOST_TEST(!domain::plausible_email("jean@.fr"));
    BOOST_TEST(!domain::plausible_email("jean@example."));
    BOOST_TEST(!domain::plausible_email("jean@example..fr"));
}

BOOST_AUTO_TEST_CASE(plausible_email_refuses_spaces_controls_and_header_characters)
{
    BOOST_TEST(!domain::plausible_email("jean dupont@example.fr"));
    BOOST_TEST(!domain::plausible_email(" jean@example.fr"));
    BOOST_TEST(!domain::plausible_email("jean@example.fr\r\nBcc: x@y.z"));
    BOOST_TEST(!domain::plausible_email("jean\x01@example.fr"));
    BOOST_TEST(!domain::plausible_email("jean\x7F@example.fr"));
    BOOST_TEST(!domain::plausible_email("jean\0@example.fr"s));
    BOOST_TEST(!domain::plausible_email("<jean@example.fr>"));
    BOOST_TEST(!domain::plausible_email("\"jean\"@example.fr"));
    BOOST_TEST(!domain::plausible_email("jean@example.fr,paul@example.fr"));
    BOOST_TEST(!domain::plausible_email("jean@example.fr;paul@example.fr"));
}

BOOST_AUTO_TEST_CASE(plausible_email_length_limits)
{
    BOOST_TEST(!domain::plausible_email(""));
    BOOST_TEST(!domain::plausible_email("a@"));
    const std::string local64(64, 'a');
    BOOST_TEST(domain::plausible_email(local64 + "@example.fr"));
    BOOST_TEST(!domain::plausible_email(local64 + "a@example.fr"));
    // 254 bytes in all: 64 + 1 + 189.
    const std::string domain189 = std::string(185, 'b') + ".org";
    BOOST_TEST_REQUIRE((local64 + "@" + domain189).size() == 254u);
    BOOST_TEST(domain::plausible_email(local64 + "@" + domain189));
    BOOST_TEST(!domain::plausible_email(local64 + "@b" + domain189));
}

BOOST_AUTO_TEST_SUITE_END()
