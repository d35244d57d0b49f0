#include "web/fields.h"
#include "web/form_input.h"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace web;

namespace
{

constexpr Option diets[] = {{"", "Aucun"}, {"vegetarien", "Végétarien"}};

constexpr FieldSpec specs[] = {
    {"nom", "Nom", "text", 10, true, Check::Text, ""},
    {"allergies_reponse", "Allergies ?", "", 3, false, Check::YesNo, ""},
    {"regime", "Régime", "", 20, false, Check::Choice, "", diets},
    {"urgence", "Urgence", "", 1, false, Check::Checkbox, ""},
    {"notes", "Notes", "", 20, false, Check::Multiline, ""},
    {"naissance", "Date de naissance", "date", 10, false, Check::BirthDate, ""},
    {"validite", "Valable jusqu'au", "date", 10, false, Check::Date, ""},
};

FormData read(std::initializer_list<std::pair<std::string, std::string>> fields)
{
    http::Params p;
    for (const auto& [k, v] : fields)
        p.add(k, v);
    return read_form(p, specs);
}

} // namespace

BOOST_AUTO_TEST_SUITE(web_fields)

BOOST_AUTO_TEST_CASE(a_valid_form_keeps_its_values)
{
    const auto d = read({{"nom", " Léa "},
                         {"allergies_reponse", "oui"},
                         {"regime", "vegetarien"},
                         {"urgence", "on"},
                         {"notes", "arachide\r\nkiwi"},
                         {"naissance", "2017-03-14"},
                         {"validite", "2030-01-31"}});
    BOOST_TEST(d.ok());
    BOOST_TEST(d.get("nom") == "Léa");
    BOOST_TEST(d.get("allergies_reponse") == "oui");
    BOOST_TEST(d.get("regime") == "vegetarien");
    BOOST_TEST(d.get("urgence") == "1");
    BOOST_TEST(d.get("notes") == "arachide\nkiwi");
}

BOOST_AUTO_TEST_CASE(unanswered_optional_questions_are_empty_not_errors)
{
    const auto d = read({{"nom", "Léa"}});
    BOOST_TEST(d.ok());
    BOOST_TEST(d.get("allergies_reponse").empty());
    BOOST_TEST(d.get("urgence").empty());
}

BOOST_AUTO_TEST_CASE(values_outside_the_choices_are_refused_in_french)
{
    const auto d = read({{"nom", "Léa"}, {"allergies_reponse", "peut-être"}, {"regime", "x"}});
    BOOST_TEST(d.errors.count("allergies_reponse") == 1u);
    BOOST_TEST(d.errors.count("regime") == 1u);
    BOOST_TEST(d.errors.at("regime").find("Régime") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lengths_count_characters_not_bytes)
{
    BOOST_TEST(read({{"nom", "ééééééééé"}}).ok()); // 9 characters, 18 bytes
    BOOST_TEST(!read({{"nom", "ééééééééééé"}}).ok());
}

BOOST_AUTO_TEST_CASE(control_characters_are_refused_even_in_a_textarea)
{
    BOOST_TEST(!read({{"nom", "Léa"}, {"notes", std::string("a\0b", 3)}}).ok());
    BOOST_TEST(!read({{"nom", "L\u202Eéa"}}).ok());
}

BOOST_AUTO_TEST_CASE(dates_must_be_real_and_birth_dates_not_in_the_future)
{
    BOOST_TEST(!read({{"nom", "Léa"}, {"validite", "2030-02-30"}}).ok());
    BOOST_TEST(!read({{"nom", "Léa"}, {"naissance", "2999-01-01"}}).ok());
    BOOST_TEST(read({{"nom", "Léa"}, {"validite", "2999-01-01"}}).ok());
}

BOOST_AUTO_TEST_CASE(missing_required_text_names_its_label)
{
    const auto d = read({});
    BOOST_TEST(d.errors.at("nom") == "Le champ « Nom » est obligatoire.");
}

BOOST_AUTO_TEST_CASE(yes_no_round_trip)
{
    BOOST_TEST(yes_no_value(true) == "oui");
    BOOST_TEST(yes_no_value(std::nullopt).empty());
    BOOST_TEST((yes_no_of("non") == std::optional<bool>(false)));
    BOOST_TEST(!yes_no_of("").has_value());
    BOOST_TEST(yes_no_label(std::nullopt) == "Non renseigné");
}

BOOST_AUTO_TEST_SUITE_END()
