#include "domain/family_file.h"

#include <array>

namespace domain
{

namespace
{

constexpr std::array<Requirement, 18> catalogue{{
    {"family.address", FileScope::Family, "Adresse du foyer", true},
    {"family.phone", FileScope::Family, "Téléphone du foyer", true},
    {"family.email", FileScope::Family, "Email du foyer", false},
    {"family.quotient", FileScope::Family,
     "Quotient familial avec son justificatif et sa date de validité", true},
    {"family.insurance", FileScope::Family, "Attestation d'assurance en cours de validité", true},
    {"guardian.phone", FileScope::Guardian, "Téléphone pour vous joindre", true},
    {"guardian.email", FileScope::Guardian, "Email", false},
    {"guardian.work_phone", FileScope::Guardian, "Téléphone de l'employeur", false},
    {"child.birth_date", FileScope::Child, "Date de naissance", true},
    {"child.school", FileScope::Child, "École", true},
    {"child.class", FileScope::Child, "Classe", true},
    {"child.doctor", FileScope::Child, "Médecin traitant", true},
    {"child.allergies", FileScope::Child, "Allergies (oui ou non)", true},
    {"child.image_rights", FileScope::Child, "Droit à l'image (oui ou non)", true},
    {"child.pick_up", FileScope::Child, "Personnes autorisées à venir chercher l'enfant", true},
    {"child.pai", FileScope::Child, "PAI (oui ou non)", false},
    {"child.vaccinations", FileScope::Child, "Vaccinations à jour (oui ou non)", false},
    {"child.leave_alone", FileScope::Child, "Autorisation de partir seul (oui ou non)", false},
}};

} // namespace

std::span<const Requirement> requirement_catalogue()
{
    return catalogue;
}

const Requirement* find_requirement(std::string_view key)
{
    for (const auto& r : catalogue)
        if (r.key == key)
            return &r;
    return nullptr;
}

std::set<std::string> required_from_setting(const std::optional<std::string>& stored)
{
    std::set<std::string> keys;
    if (!stored) {
        for (const auto& r : catalogue)
            if (r.by_default)
                keys.emplace(r.key);
        return keys;
    }
    std::string_view rest = *stored;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const auto key = rest.substr(0, comma);
        if (find_requirement(key))
            keys.emplace(key);
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    return keys;
}

std::string setting_from_required(const std::set<std::string>& keys)
{
    std::string out;
    for (const auto& r : catalogue)
        if (keys.count(std::string(r.key))) {
            if (!out.empty())
                out += ',';
            out += r.key;
        }
    return out;
}

MissingElements missing_elements(const std::set<std::string>& required, FileScope scope,
                                 const std::set<std::string>& provided,
                                 const std::set<std::string>& awaiting)
{
    MissingElements out;
    for (const auto& r : catalogue) {
        const std::string key(r.key);
        if (r.scope != scope || !required.count(key) || provided.count(key))
            continue;
        (awaiting.count(key) ? out.pending : out.missing).push_back(r.label);
    }
    return out;
}

} // namespace domain
