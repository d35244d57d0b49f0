#include "web/member_file.h"

#include "domain/time.h"
#include "http/parse.h"

#include <ctime>

namespace web
{

namespace
{

constexpr Option diet_options[] = {{"", "Aucun régime particulier"},
                                   {"sans_porc", "Sans porc"},
                                   {"vegetarien", "Végétarien"},
                                   {"sans_viande", "Sans viande (poisson accepté)"}};

constexpr FieldSpec child_identity[] = {
    {"nom", "Nom", "text", 100, true, Check::Text, ""},
    {"prenom", "Prénom", "text", 100, true, Check::Text, ""},
    {"date_naissance", "Date de naissance", "date", 10, true, Check::BirthDate,
     "Au format AAAA-MM-JJ, par exemple 2017-03-14."},
    {"ecole", "École", "text", 120, false, Check::Text, "Par exemple : École Jean Moulin."},
    {"classe", "Classe", "text", 40, false, Check::Text, "Par exemple : CP, CE1, MS."},
};

constexpr FieldSpec child_health[] = {
    {"allergies_reponse", "Votre enfant a-t-il des allergies ?", "", 3, false, Check::YesNo,
     "Une modification de la santé est appliquée après validation par la mairie."},
    {"allergies", "Allergies : lesquelles et quelle conduite tenir ?", "", 1000, false,
     Check::Multiline, "Aliments, médicaments, piqûres… Laissez vide si aucune."},
    {"regime", "Régime alimentaire", "", 20, false, Check::Choice, "", diet_options},
    {"pai", "Un PAI (projet d'accueil individualisé) est-il en place ?", "", 3, false, Check::YesNo,
     ""},
    {"medecin", "Médecin traitant (nom et téléphone)", "text", 200, false, Check::Text,
     "Par exemple : Dr Durand, 04 90 00 00 00."},
    {"vaccins", "Les vaccinations obligatoires sont-elles à jour ?", "", 3, false, Check::YesNo,
     ""},
};

constexpr FieldSpec child_permissions[] = {
    {"droit_image", "Autorisez-vous les photos de votre enfant (droit à l'image) ?", "", 3, false,
     Check::YesNo, "Photos prises pendant les activités, pour les publications de la commune."},
    {"sortie_seul", "Votre enfant peut-il partir seul après l'activité ?", "", 3, false,
     Check::YesNo, ""},
    {"transport", "Votre enfant prend-il le transport scolaire ?", "", 3, false, Check::YesNo, ""},
};

constexpr FieldSpec guardian_identity[] = {
    {"nom", "Nom", "text", 100, true, Check::Text,
     "Un changement d'identité est appliqué après validation par la mairie."},
    {"prenom", "Prénom", "text", 100, true, Check::Text, ""},
};

constexpr FieldSpec guardian_contact[] = {
    {"portable", "Téléphone portable", "tel", 30, false, Check::Phone, ""},
    {"telephone", "Téléphone fixe", "tel", 30, false, Check::Phone, ""},
    {"email", "Email", "email", 254, false, Check::Email, ""},
    {"adresse", "Adresse, si différente de celle du foyer", "text", 300, false, Check::Text, ""},
    {"employeur", "Employeur", "text", 120, false, Check::Text, ""},
    {"telephone_travail", "Téléphone de l'employeur", "tel", 30, false, Check::Phone, ""},
};

constexpr FieldSpec contact_identity[] = {
    {"nom", "Nom", "text", 100, true, Check::Text, ""},
    {"prenom", "Prénom", "text", 100, true, Check::Text, ""},
    {"lien", "Lien avec la famille", "text", 60, false, Check::Text,
     "Par exemple : grand-mère, voisin, nourrice."},
};

constexpr FieldSpec contact_contact[] = {
    {"portable", "Téléphone portable", "tel", 30, false, Check::Phone, ""},
    {"telephone", "Autre téléphone", "tel", 30, false, Check::Phone, ""},
};

constexpr FieldSpec contact_roles[] = {
    {"peut_recuperer", "Autorisé(e) à venir chercher les enfants", "", 1, false, Check::Checkbox,
     "Une pièce d'identité pourra lui être demandée."},
    {"urgence", "À appeler en cas d'urgence", "", 1, false, Check::Checkbox, ""},
};

constexpr FieldSpec household_fields[] = {
    {"adresse1", "Adresse", "text", 200, true, Check::Text, ""},
    {"adresse2", "Complément d'adresse", "text", 200, false, Check::Text,
     "Facultatif : bâtiment, appartement, lieu-dit."},
    {"code_postal", "Code postal", "text", 10, true, Check::PostalCode, ""},
    {"ville", "Commune", "text", 120, true, Check::Text, ""},
    {"telephone", "Téléphone du foyer", "tel", 30, false, Check::Phone, ""},
    {"email", "Email du foyer", "email", 254, false, Check::Email, ""},
};

// Every member field: its form name, label, and whether a parent's change of it waits for
// an agent (for the roles where it does) and is health data.
struct FieldInfo {
    const char* name;
    const char* label;
    bool sensitive_for_child;
    bool sensitive_for_guardian;
    bool health;
};

constexpr FieldInfo field_infos[] = {
    {"nom", "Nom", false, true, false},
    {"prenom", "Prénom", false, true, false},
    {"date_naissance", "Date de naissance", false, true, false},
    {"ecole", "École", false, false, false},
    {"classe", "Classe", false, false, false},
    {"allergies_reponse", "Allergies (oui ou non)", true, false, true},
    {"allergies", "Allergies", true, false, true},
    {"regime", "Régime alimentaire", false, false, true},
    {"pai", "PAI", true, false, true},
    {"medecin", "Médecin traitant", false, false, true},
    {"vaccins", "Vaccinations à jour", false, false, true},
    {"droit_image", "Droit à l'image", false, false, false},
    {"sortie_seul", "Peut partir seul", false, false, false},
    {"transport", "Transport scolaire", false, false, false},
    {"portable", "Téléphone portable", false, false, false},
    {"telephone", "Téléphone", false, false, false},
    {"email", "Email", false, false, false},
    {"adresse", "Adresse", false, false, false},
    {"employeur", "Employeur", false, false, false},
    {"telephone_travail", "Téléphone de l'employeur", false, false, false},
    {"lien", "Lien avec la famille", false, false, false},
    {"peut_recuperer", "Autorisé(e) à venir chercher les enfants", false, false, false},
    {"urgence", "À appeler en cas d'urgence", false, false, false},
};

const FieldInfo* info_of(const std::string& name)
{
    for (const auto& i : field_infos)
        if (name == i.name)
            return &i;
    return nullptr;
}

std::string checkbox(bool v)
{
    return v ? "1" : "";
}

// The member's value of a field, as a form carries it.
std::string value_of(const db::Member& m, const std::string& name)
{
    if (name == "nom")
        return m.last_name;
    if (name == "prenom")
        return m.first_name;
    if (name == "date_naissance")
        return m.birth_date;
    if (name == "ecole")
        return m.school;
    if (name == "classe")
        return m.class_name;
    if (name == "allergies_reponse")
        return yes_no_value(m.has_allergies);
    if (name == "allergies")
        return m.allergies;
    if (name == "regime")
        return m.diet;
    if (name == "pai")
        return yes_no_value(m.pai);
    if (name == "medecin")
        return m.doctor;
    if (name == "vaccins")
        return yes_no_value(m.vaccinations_ok);
    if (name == "droit_image")
        return yes_no_value(m.image_rights);
    if (name == "sortie_seul")
        return yes_no_value(m.may_leave_alone);
    if (name == "transport")
        return yes_no_value(m.school_transport);
    if (name == "portable")
        return m.mobile_phone;
    if (name == "telephone")
        return m.phone;
    if (name == "email")
        return m.email;
    if (name == "adresse")
        return m.address;
    if (name == "employeur")
        return m.employer;
    if (name == "telephone_travail")
        return m.work_phone;
    if (name == "lien")
        return m.relationship;
    if (name == "peut_recuperer")
        return checkbox(m.can_pick_up);
    if (name == "urgence")
        return checkbox(m.emergency_contact);
    return {};
}

bool set_value(db::Member& m, const std::string& name, const std::string& v)
{
    if (name == "nom")
        m.last_name = v;
    else if (name == "prenom")
        m.first_name = v;
    else if (name == "date_naissance")
        m.birth_date = v;
    else if (name == "ecole")
        m.school = v;
    else if (name == "classe")
        m.class_name = v;
    else if (name == "allergies_reponse")
        m.has_allergies = yes_no_of(v);
    else if (name == "allergies")
        m.allergies = v;
    else if (name == "regime")
        m.diet = v;
    else if (name == "pai")
        m.pai = yes_no_of(v);
    else if (name == "medecin")
        m.doctor = v;
    else if (name == "vaccins")
        m.vaccinations_ok = yes_no_of(v);
    else if (name == "droit_image")
        m.image_rights = yes_no_of(v);
    else if (name == "sortie_seul")
        m.may_leave_alone = yes_no_of(v);
    else if (name == "transport")
        m.school_transport = yes_no_of(v);
    else if (name == "portable")
        m.mobile_phone = v;
    else if (name == "telephone")
        m.phone = v;
    else if (name == "email")
        m.email = v;
    else if (name == "adresse")
        m.address = v;
    else if (name == "employeur")
        m.employer = v;
    else if (name == "telephone_travail")
        m.work_phone = v;
    else if (name == "lien")
        m.relationship = v;
    else if (name == "peut_recuperer")
        m.can_pick_up = v == "1";
    else if (name == "urgence")
        m.emergency_contact = v == "1";
    else
        return false;
    return true;
}

std::string diet_label(const std::string& v)
{
    for (const auto& o : diet_options)
        if (v == o.value)
            return o.label;
    return v;
}

bool is_yes_no(const std::string& name)
{
    return name == "allergies_reponse" || name == "pai" || name == "vaccins" ||
           name == "droit_image" || name == "sortie_seul" || name == "transport";
}

domain::Date today_in_paris()
{
    return domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
}

// "YYYY-MM-DD" not before today (Paris); an empty date counts as no end.
bool still_valid(const std::string& iso)
{
    if (iso.empty())
        return true;
    const auto d = http::parse_date(iso);
    return d && !(domain::Date{d->year, d->month, d->day} < today_in_paris());
}

} // namespace

std::string display_value(const std::string& name, const std::string& raw)
{
    if (is_yes_no(name))
        return raw.empty() ? "Non renseigné" : (raw == "oui" ? "Oui" : "Non");
    if (name == "regime")
        return diet_label(raw);
    if (name == "peut_recuperer" || name == "urgence")
        return raw == "1" ? "Oui" : "Non";
    if (name == "date_naissance" || name == "quotient_valable_jusqu_au")
        return raw.empty() ? "" : date_fr(raw);
    return raw;
}

std::string field_label(const std::string& name)
{
    if (name == "quotient_familial")
        return "Quotient familial";
    if (name == "quotient_valable_jusqu_au")
        return "Quotient familial valable jusqu'au";
    const auto* info = info_of(name);
    return info ? info->label : name;
}

std::vector<FieldGroup> member_groups(db::MemberRole role)
{
    switch (role) {
    case db::MemberRole::Child:
        return {{"Identité et scolarité", child_identity},
                {"Santé", child_health},
                {"Autorisations", child_permissions}};
    case db::MemberRole::Guardian:
        return {{"Identité", guardian_identity}, {"Coordonnées", guardian_contact}};
    case db::MemberRole::Contact:
        return {{"Identité", contact_identity},
                {"Coordonnées", contact_contact},
                {"Auprès des enfants", contact_roles}};
    }
    return {};
}

std::vector<FieldSpec> member_specs(db::MemberRole role)
{
    std::vector<FieldSpec> out;
    for (const auto& g : member_groups(role))
        out.insert(out.end(), g.fields.begin(), g.fields.end());
    return out;
}

FormData member_values(const db::Member& m)
{
    FormData d;
    for (const auto& spec : member_specs(m.role))
        d.values[spec.name] = value_of(m, spec.name);
    return d;
}

db::Member member_with(const db::Member& base, const FormData& form)
{
    auto m = base;
    for (const auto& spec : member_specs(base.role))
        set_value(m, spec.name, form.get(spec.name));
    // An empty answer to "allergies?" with a text means yes; "no" drops the text.
    if (m.has_allergies == false)
        m.allergies.clear();
    return m;
}

std::span<const FieldSpec> household_specs()
{
    return household_fields;
}

FormData household_values(const db::Family& f)
{
    FormData d;
    d.values = {{"adresse1", f.address_line1},  {"adresse2", f.address_line2},
                {"code_postal", f.postal_code}, {"ville", f.city},
                {"telephone", f.phone},         {"email", f.email}};
    return d;
}

std::vector<MemberChange> member_changes(const db::Member& before, const db::Member& after)
{
    std::vector<MemberChange> out;
    for (const auto& spec : member_specs(before.role)) {
        const std::string name = spec.name;
        const auto a = value_of(before, name);
        const auto b = value_of(after, name);
        if (a == b)
            continue;
        const auto* info = info_of(name);
        const bool sensitive =
            info && ((before.role == db::MemberRole::Child && info->sensitive_for_child) ||
                     (before.role == db::MemberRole::Guardian && info->sensitive_for_guardian));
        out.push_back({name, field_label(name), a, b, sensitive, info && info->health});
    }
    return out;
}

bool apply_member_change(db::Member& m, const std::string& field, const std::string& value)
{
    return set_value(m, field, value);
}

db::ChangeKind change_kind_of(db::MemberRole role)
{
    return role == db::MemberRole::Guardian ? db::ChangeKind::Guardian : db::ChangeKind::Health;
}

std::vector<Detail> member_details(const db::Member& m)
{
    std::vector<Detail> out;
    for (const auto& spec : member_specs(m.role)) {
        const std::string name = spec.name;
        const auto* info = info_of(name);
        auto shown = display_value(name, value_of(m, name));
        if (shown.empty())
            shown = "Non renseigné";
        out.push_back({field_label(name), shown, info && info->health});
    }
    return out;
}

FileStatus file_status(db::Connection& conn, std::int64_t commune_id, const db::Family& family)
{
    return file_status(family, db::file_settings(conn, commune_id),
                       db::family_documents(conn, commune_id, family.id),
                       db::family_change_requests(conn, commune_id, family.id));
}

FileStatus file_status(const db::Family& family, const db::FileSettings& settings,
                       const std::vector<db::Document>& documents,
                       const std::vector<db::ChangeRequest>& requests)
{
    const auto required = domain::required_from_setting(settings.required_fields);

    std::set<std::string> provided, awaiting;
    if (!family.address_line1.empty() && !family.postal_code.empty() && !family.city.empty())
        provided.insert("family.address");
    if (!family.phone.empty())
        provided.insert("family.phone");
    if (!family.email.empty())
        provided.insert("family.email");
    bool quotient_proof = false;
    for (const auto& d : documents) {
        const bool live = still_valid(d.valid_until);
        if (d.kind == db::DocumentKind::Quotient && d.status == db::Decision::Accepted)
            quotient_proof = true;
        if (d.kind == db::DocumentKind::Insurance && live) {
            if (d.status == db::Decision::Accepted)
                provided.insert("family.insurance");
            else if (d.status == db::Decision::Pending)
                awaiting.insert("family.insurance");
        }
    }
    if (family.family_quotient && !family.quotient_valid_until.empty() &&
        still_valid(family.quotient_valid_until) && quotient_proof)
        provided.insert("family.quotient");

    std::map<std::int64_t, std::set<std::string>> member_awaiting;
    for (const auto& r : requests) {
        if (r.status != db::Decision::Pending)
            continue;
        if (r.kind == db::ChangeKind::Quotient)
            awaiting.insert("family.quotient");
        if (r.kind == db::ChangeKind::Health)
            for (const auto& f : r.fields) {
                if (f.field == "allergies_reponse" && !f.after.empty())
                    member_awaiting[r.member_id].insert("child.allergies");
                if (f.field == "pai" && !f.after.empty())
                    member_awaiting[r.member_id].insert("child.pai");
            }
    }

    FileStatus status;
    status.household =
        domain::missing_elements(required, domain::FileScope::Family, provided, awaiting);
    status.missing_count += static_cast<int>(status.household.missing.size());
    status.pending_count += static_cast<int>(status.household.pending.size());

    bool someone_picks_up = false;
    for (const auto& m : family.members)
        if (m.role == db::MemberRole::Contact && m.can_pick_up)
            someone_picks_up = true;
    for (const auto& m : family.members) {
        std::set<std::string> have;
        domain::FileScope scope = domain::FileScope::Child;
        if (m.role == db::MemberRole::Guardian) {
            scope = domain::FileScope::Guardian;
            if (!m.mobile_phone.empty() || !m.phone.empty())
                have.insert("guardian.phone");
            if (!m.email.empty())
                have.insert("guardian.email");
            if (!m.work_phone.empty())
                have.insert("guardian.work_phone");
        } else if (m.role == db::MemberRole::Child) {
            const std::pair<bool, const char*> facts[] = {
                {!m.birth_date.empty(), "child.birth_date"},
                {!m.school.empty(), "child.school"},
                {!m.class_name.empty(), "child.class"},
                {!m.doctor.empty(), "child.doctor"},
                {m.has_allergies.has_value(), "child.allergies"},
                {m.image_rights.has_value(), "child.image_rights"},
                {someone_picks_up, "child.pick_up"},
                {m.pai.has_value(), "child.pai"},
                {m.vaccinations_ok.has_value(), "child.vaccinations"},
                {m.may_leave_alone.has_value(), "child.leave_alone"},
            };
            for (const auto& [ok, key] : facts)
                if (ok)
                    have.insert(key);
        } else {
            continue;
        }
        auto missing = domain::missing_elements(required, scope, have, member_awaiting[m.id]);
        status.missing_count += static_cast<int>(missing.missing.size());
        status.pending_count += static_cast<int>(missing.pending.size());
        status.members[m.id] = std::move(missing);
    }
    return status;
}

std::string full_name(const db::Member& m)
{
    return m.first_name + " " + m.last_name;
}

} // namespace web
