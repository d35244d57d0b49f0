#include "web/member_file.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace web;

namespace
{

db::Member child()
{
    db::Member m;
    m.id = 7;
    m.role = db::MemberRole::Child;
    m.first_name = "Léa";
    m.last_name = "FICTIF";
    m.birth_date = "2017-03-14";
    return m;
}

const MemberChange* find(const std::vector<MemberChange>& changes, const std::string& field)
{
    const auto it = std::find_if(changes.begin(), changes.end(),
                                 [&](const MemberChange& c) { return c.field == field; });
    return it == changes.end() ? nullptr : &*it;
}

} // namespace

BOOST_AUTO_TEST_SUITE(web_member_file)

BOOST_AUTO_TEST_CASE(a_childs_allergies_and_pai_wait_for_an_agent_the_doctor_does_not)
{
    const auto before = child();
    auto after = before;
    after.has_allergies = true;
    after.allergies = "arachide";
    after.pai = false;
    after.doctor = "Dr Durand";
    after.school = "École Jean Moulin";
    const auto changes = member_changes(before, after);
    BOOST_TEST(changes.size() == 5u);
    BOOST_TEST(find(changes, "allergies_reponse")->sensitive);
    BOOST_TEST(find(changes, "allergies")->sensitive);
    BOOST_TEST(find(changes, "pai")->sensitive);
    BOOST_TEST(!find(changes, "medecin")->sensitive);
    BOOST_TEST(find(changes, "medecin")->health);
    BOOST_TEST(!find(changes, "ecole")->sensitive);
    BOOST_TEST(!find(changes, "ecole")->health);
    BOOST_TEST(find(changes, "allergies_reponse")->before.empty());
    BOOST_TEST(find(changes, "allergies_reponse")->after == "oui");
}

BOOST_AUTO_TEST_CASE(a_guardians_name_waits_for_an_agent_a_contacts_does_not)
{
    db::Member guardian;
    guardian.role = db::MemberRole::Guardian;
    guardian.last_name = "FICTIF";
    auto renamed = guardian;
    renamed.last_name = "AUTRE";
    renamed.mobile_phone = "06 00 00 00 00";
    const auto changes = member_changes(guardian, renamed);
    BOOST_TEST(find(changes, "nom")->sensitive);
    BOOST_TEST(!find(changes, "portable")->sensitive);

    db::Member contact;
    contact.role = db::MemberRole::Contact;
    contact.last_name = "DURAND";
    auto other = contact;
    other.last_name = "MARTIN";
    BOOST_TEST(!member_changes(contact, other).front().sensitive);
}

BOOST_AUTO_TEST_CASE(form_values_round_trip_through_the_member)
{
    auto m = child();
    m.has_allergies = true;
    m.allergies = "kiwi";
    m.diet = "vegetarien";
    m.image_rights = false;
    const auto values = member_values(m);
    BOOST_TEST(values.get("allergies_reponse") == "oui");
    BOOST_TEST(values.get("droit_image") == "non");
    BOOST_TEST(values.get("sortie_seul").empty());
    const auto back = member_with(child(), values);
    BOOST_TEST(back.allergies == "kiwi");
    BOOST_TEST(back.diet == "vegetarien");
    BOOST_TEST((back.image_rights == std::optional<bool>(false)));
    BOOST_TEST(member_changes(m, back).empty());
}

BOOST_AUTO_TEST_CASE(answering_no_allergy_drops_the_old_text)
{
    auto m = child();
    m.has_allergies = true;
    m.allergies = "kiwi";
    auto values = member_values(m);
    values.values["allergies_reponse"] = "non";
    BOOST_TEST(member_with(m, values).allergies.empty());
}

BOOST_AUTO_TEST_CASE(applying_an_accepted_change_sets_the_field)
{
    auto m = child();
    BOOST_TEST(apply_member_change(m, "pai", "oui"));
    BOOST_TEST((m.pai == std::optional<bool>(true)));
    BOOST_TEST(!apply_member_change(m, "mot_de_passe", "x"));
}

BOOST_AUTO_TEST_CASE(display_values_are_french)
{
    BOOST_TEST(display_value("pai", "oui") == "Oui");
    BOOST_TEST(display_value("pai", "") == "Non renseigné");
    BOOST_TEST(display_value("regime", "sans_porc") == "Sans porc");
    BOOST_TEST(display_value("peut_recuperer", "1") == "Oui");
    BOOST_TEST(display_value("date_naissance", "2017-03-14") == "14/03/2017");
    BOOST_TEST(field_label("medecin") == "Médecin traitant");
}

BOOST_AUTO_TEST_CASE(health_details_are_marked)
{
    auto m = child();
    m.doctor = "Dr Durand";
    bool doctor_is_health = false;
    bool school_is_health = true;
    for (const auto& d : member_details(m)) {
        if (d.label == "Médecin traitant")
            doctor_is_health = d.health && d.value == "Dr Durand";
        if (d.label == "École")
            school_is_health = d.health;
    }
    BOOST_TEST(doctor_is_health);
    BOOST_TEST(!school_is_health);
}

BOOST_AUTO_TEST_SUITE_END()
