#include "backoffice/families.h"

#include "db/families.h"
#include "domain/identity.h"
#include "domain/subscriber_code.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "security/subscriber_codes.h"
#include "web/form_input.h"

#include <ctime>
#include <map>
#include <span>
#include <stdexcept>

namespace backoffice
{

namespace
{

constexpr std::size_t max_query = 100;
constexpr std::int64_t max_family_quotient = 999999;

// How a field's text is checked once trimmed and bounded.
enum class Check { Text, PostalCode, Phone, Email, Quotient, Date, Role };

// One field of a form: its name in the request (the product's French field names), its
// label, its input type and its rules.
struct FieldSpec {
    const char* name;
    const char* label;
    const char* type;
    std::size_t max_chars;
    bool required;
    Check check;
    const char* hint;
};

constexpr FieldSpec family_fields[] = {
    {"nom", "Nom de la famille", "text", 100, true, Check::Text, ""},
    {"adresse1", "Adresse", "text", 200, true, Check::Text, ""},
    {"adresse2", "Complément d'adresse", "text", 200, false, Check::Text,
     "Facultatif : bâtiment, appartement, lieu-dit."},
    {"code_postal", "Code postal", "text", 10, true, Check::PostalCode, ""},
    {"ville", "Commune", "text", 120, true, Check::Text, ""},
    {"telephone", "Téléphone", "tel", 30, false, Check::Phone, "Facultatif."},
    {"email", "Email", "email", 254, false, Check::Email, "Facultatif."},
    {"quotient_familial", "Quotient familial", "text", 20, false, Check::Quotient,
     "Facultatif : nombre entier, par exemple 850."},
};

constexpr FieldSpec guardian_fields[] = {
    {"responsable_nom", "Nom du responsable légal", "text", 100, true, Check::Text, ""},
    {"responsable_prenom", "Prénom du responsable légal", "text", 100, true, Check::Text, ""},
    {"responsable_telephone", "Téléphone du responsable légal", "tel", 30, false, Check::Phone,
     "Facultatif."},
    {"responsable_email", "Email du responsable légal", "email", 254, false, Check::Email,
     "Facultatif."},
};

constexpr FieldSpec member_fields[] = {
    {"role", "Rôle dans la famille", "select", 20, true, Check::Role, ""},
    {"nom", "Nom", "text", 100, true, Check::Text, ""},
    {"prenom", "Prénom", "text", 100, true, Check::Text, ""},
    {"date_naissance", "Date de naissance", "date", 10, false, Check::Date,
     "Obligatoire pour un enfant ; au format AAAA-MM-JJ, par exemple 2018-05-04."},
    {"ecole", "École", "text", 120, false, Check::Text, "Pour un enfant scolarisé."},
    {"classe", "Classe", "text", 40, false, Check::Text, "Par exemple CP, CE1, MS."},
    {"telephone", "Téléphone", "tel", 30, false, Check::Phone, "Facultatif."},
    {"email", "Email", "email", 254, false, Check::Email, "Facultatif."},
};

// Submitted (or current) values of one form and the French message of each wrong field.
struct FormData {
    std::map<std::string, std::string> values;
    std::map<std::string, std::string> errors;
    bool ok() const { return errors.empty(); }
    std::string get(const std::string& name) const
    {
        const auto it = values.find(name);
        return it == values.end() ? std::string() : it->second;
    }
};

// The form a page re-shows with its errors (400), by its id on the page.
struct FailedForm {
    std::string form_id;
    FormData data;
};

std::size_t utf8_length(std::string_view s)
{
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

bool only_chars(std::string_view s, std::string_view allowed_punctuation)
{
    for (const char c : s) {
        const bool alnum =
            (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!alnum && allowed_punctuation.find(c) == std::string_view::npos)
            return false;
    }
    return true;
}

bool valid_phone(std::string_view s)
{
    int digits = 0;
    for (const char c : s) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (std::string_view(" +.-()").find(c) == std::string_view::npos)
            return false;
    }
    return digits >= 4;
}

domain::Date today_in_paris()
{
    return domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
}

// The message for a value that passed the generic checks but not its own rule, or "".
std::string check_value(const FieldSpec& spec, std::string& value)
{
    switch (spec.check) {
    case Check::Text:
    case Check::Role:
        return {};
    case Check::PostalCode:
        return only_chars(value, " -") ? ""
                                       : "Le code postal ne contient que des chiffres, des "
                                         "lettres, des espaces ou des tirets.";
    case Check::Phone:
        return valid_phone(value) ? ""
                                  : "Le numéro de téléphone ne contient que des chiffres, des "
                                    "espaces et les signes + . - ( ), par exemple 04 90 12 34 56.";
    case Check::Email:
        value = domain::normalize_email(value);
        return domain::plausible_email(value)
                   ? ""
                   : "Cette adresse email n'est pas valide (exemple : nom@exemple.fr).";
    case Check::Quotient: {
        const auto n = http::parse_int(value);
        return n && *n >= 0 && *n <= max_family_quotient
                   ? ""
                   : "Le quotient familial est un nombre entier positif ou nul, sans espace ni "
                     "virgule, par exemple 850.";
    }
    case Check::Date: {
        const auto d = http::parse_date(value);
        if (!d)
            return "La date de naissance doit être une date réelle au format AAAA-MM-JJ, par "
                   "exemple 2018-05-04.";
        if (domain::Date{d->year, d->month, d->day} > today_in_paris())
            return "La date de naissance ne peut pas être dans le futur.";
        return {};
    }
    }
    return {};
}

void read_field(const http::Params& form, const FieldSpec& spec, FormData& data)
{
    const std::string label = spec.label;
    if (spec.check == Check::Role) {
        const auto raw = std::string(form.get(spec.name).value_or(""));
        if (db::parse_member_role(raw))
            data.values[spec.name] = raw;
        else
            data.errors[spec.name] = "Choisissez le rôle dans la famille.";
        return;
    }
    // Bytes first (cheap, before anything else), then characters: the limits are the
    // columns' VARCHAR lengths, counted in characters.
    auto field = web::text_field(form, spec.name, spec.max_chars * 4, spec.required);
    if (field.ok() && utf8_length(field.value) > spec.max_chars)
        field = web::Field{{}, web::FieldProblem::TooLong};
    switch (field.problem) {
    case web::FieldProblem::Missing:
        data.errors[spec.name] = "Le champ « " + label + " » est obligatoire.";
        return;
    case web::FieldProblem::TooLong:
        data.errors[spec.name] = "Le champ « " + label + " » ne doit pas dépasser " +
                                 std::to_string(spec.max_chars) + " caractères.";
        return;
    case web::FieldProblem::Invalid:
        data.errors[spec.name] = "Le champ « " + label +
                                 " » contient des caractères non autorisés (retour à la "
                                 "ligne, caractères de contrôle).";
        return;
    case web::FieldProblem::None:
        break;
    }
    auto value = field.value;
    if (!value.empty())
        if (auto message = check_value(spec, value); !message.empty())
            data.errors[spec.name] = message;
    data.values[spec.name] = value;
}

FormData read_form(const http::Params& form, std::span<const FieldSpec> specs)
{
    FormData data;
    for (const auto& spec : specs)
        read_field(form, spec, data);
    return data;
}

FormData read_member_form(const http::Params& form)
{
    auto data = read_form(form, member_fields);
    if (data.get("role") == "child" && data.get("date_naissance").empty() &&
        !data.errors.count("date_naissance"))
        data.errors["date_naissance"] = "La date de naissance est obligatoire pour un enfant.";
    return data;
}

std::optional<int> quotient_of(const FormData& d)
{
    const auto text = d.get("quotient_familial");
    if (text.empty())
        return std::nullopt;
    return static_cast<int>(http::parse_int(text).value_or(0));
}

db::Family family_of(const FormData& d)
{
    db::Family f;
    f.name = d.get("nom");
    f.address_line1 = d.get("adresse1");
    f.address_line2 = d.get("adresse2");
    f.postal_code = d.get("code_postal");
    f.city = d.get("ville");
    f.phone = d.get("telephone");
    f.email = d.get("email");
    f.family_quotient = quotient_of(d);
    return f;
}

db::Member member_of(const FormData& d)
{
    db::Member m;
    m.role = db::parse_member_role(d.get("role")).value_or(db::MemberRole::Contact);
    m.last_name = d.get("nom");
    m.first_name = d.get("prenom");
    m.birth_date = d.get("date_naissance");
    m.school = d.get("ecole");
    m.class_name = d.get("classe");
    m.phone = d.get("telephone");
    m.email = d.get("email");
    return m;
}

FormData values_of(const db::Family& f)
{
    FormData d;
    d.values = {{"nom", f.name},
                {"adresse1", f.address_line1},
                {"adresse2", f.address_line2},
                {"code_postal", f.postal_code},
                {"ville", f.city},
                {"telephone", f.phone},
                {"email", f.email},
                {"quotient_familial",
                 f.family_quotient ? std::to_string(*f.family_quotient) : std::string()}};
    return d;
}

FormData values_of(const db::Member& m)
{
    FormData d;
    d.values = {{"role", db::member_role_name(m.role)},
                {"nom", m.last_name},
                {"prenom", m.first_name},
                {"date_naissance", m.birth_date},
                {"ecole", m.school},
                {"classe", m.class_name},
                {"telephone", m.phone},
                {"email", m.email}};
    return d;
}

std::string full_name(const db::Member& m)
{
    return m.first_name + " " + m.last_name;
}

std::string date_fr(const std::string& iso)
{
    const auto d = http::parse_date(iso);
    return d ? domain::format_date_fr(domain::Date{d->year, d->month, d->day}) : iso;
}

// Appends "Label : « avant » → « après »" to a journal detail when the value changed.
void note_change(std::string& detail, const char* label, const std::string& before,
                 const std::string& after)
{
    if (before == after)
        return;
    if (!detail.empty())
        detail += " ; ";
    detail += std::string(label) + " : « " + before + " » → « " + after + " »";
}

std::string family_changes(const db::Family& a, const db::Family& b)
{
    std::string d;
    note_change(d, "nom", a.name, b.name);
    note_change(d, "adresse", a.address_line1, b.address_line1);
    note_change(d, "complément d'adresse", a.address_line2, b.address_line2);
    note_change(d, "code postal", a.postal_code, b.postal_code);
    note_change(d, "commune", a.city, b.city);
    note_change(d, "téléphone", a.phone, b.phone);
    note_change(d, "email", a.email, b.email);
    const auto qf = [](const std::optional<int>& q) { return q ? std::to_string(*q) : ""; };
    note_change(d, "quotient familial", qf(a.family_quotient), qf(b.family_quotient));
    return d;
}

std::string member_changes(const db::Member& a, const db::Member& b)
{
    std::string d;
    note_change(d, "rôle", db::member_role_label(a.role), db::member_role_label(b.role));
    note_change(d, "nom", a.last_name, b.last_name);
    note_change(d, "prénom", a.first_name, b.first_name);
    note_change(d, "date de naissance", a.birth_date, b.birth_date);
    note_change(d, "école", a.school, b.school);
    note_change(d, "classe", a.class_name, b.class_name);
    note_change(d, "téléphone", a.phone, b.phone);
    note_change(d, "email", a.email, b.email);
    return d;
}

void journal(app::Context& ctx, std::int64_t family_id, const std::string& action,
             const std::string& detail)
{
    db::journal(ctx.db(), ctx.commune.id, "agent", ctx.agent->id, action, "family", family_id,
                detail);
}

bool has_account(app::Context& ctx, std::int64_t family_id, std::int64_t guardian_id)
{
    for (const auto& a : db::linked_accounts(ctx.db(), ctx.commune.id, family_id))
        if (a.guardian_id == guardian_id)
            return true;
    return false;
}

std::string family_url(std::int64_t id)
{
    return "/gestion/familles/" + std::to_string(id);
}

db::Family load_or_404(app::Context& ctx)
{
    auto family = db::load_family(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!family)
        throw http::Error(404);
    return std::move(*family);
}

// FIELD sections for `specs`, ids prefixed by form_id, with values, hints and errors tied
// to their input by aria-describedby.
void add_fields(ctemplate::TemplateDictionary& dict, const std::string& form_id,
                std::span<const FieldSpec> specs, const FormData& data)
{
    for (const auto& spec : specs) {
        auto* f = dict.AddSectionDictionary("FIELD");
        const std::string id = form_id + "-" + spec.name;
        f->SetValue("FIELD_ID", id);
        f->SetValue("FIELD_NAME", spec.name);
        f->SetValue("FIELD_LABEL", spec.label);
        std::string described;
        if (spec.required)
            f->ShowSection("FIELD_REQUIRED");
        if (*spec.hint) {
            f->SetValueAndShowSection("HINT_TEXT", spec.hint, "FIELD_HINT");
            described = id + "-aide";
        }
        if (const auto e = data.errors.find(spec.name); e != data.errors.end()) {
            f->SetValueAndShowSection("ERROR_TEXT", e->second, "FIELD_ERROR");
            described += (described.empty() ? "" : " ") + id + "-erreur";
        }
        if (!described.empty())
            f->SetValueAndShowSection("DESCRIBED_BY", described, "FIELD_DESCRIBED");
        const auto value = data.get(spec.name);
        if (spec.check == Check::Role) {
            auto* select = f->AddSectionDictionary("FIELD_SELECT");
            for (const auto role :
                 {db::MemberRole::Guardian, db::MemberRole::Child, db::MemberRole::Contact}) {
                auto* o = select->AddSectionDictionary("OPTION");
                o->SetValue("OPTION_VALUE", db::member_role_name(role));
                o->SetValue("OPTION_LABEL", db::member_role_label(role));
                if (value == db::member_role_name(role))
                    o->ShowSection("OPTION_SELECTED");
            }
        } else {
            auto* input = f->AddSectionDictionary("FIELD_INPUT");
            input->SetValue("INPUT_TYPE", spec.type);
            input->SetValue("INPUT_VALUE", value);
            if (spec.check == Check::Quotient)
                input->ShowSection("NUMERIC");
        }
    }
}

// Links to the wrong fields of a form, listed at its top.
void add_error_links(ctemplate::TemplateDictionary& summary, const std::string& form_id,
                     std::span<const FieldSpec> specs, const FormData& data)
{
    for (const auto& spec : specs)
        if (const auto e = data.errors.find(spec.name); e != data.errors.end()) {
            auto* link = summary.AddSectionDictionary("ERROR_LINK");
            link->SetValue("LINK_TARGET", "#" + form_id + "-" + spec.name);
            link->SetValue("LINK_TEXT", e->second);
        }
}

void add_form(ctemplate::TemplateDictionary& dict, const std::string& form_id,
              const std::string& summary, const std::string& action, const std::string& submit,
              std::span<const FieldSpec> specs, const FormData& data, const FailedForm* failed)
{
    const bool is_failed = failed && failed->form_id == form_id;
    const auto& shown = is_failed ? failed->data : data;
    auto* form = dict.AddSectionDictionary("FORM");
    form->SetValue("FORM_ID", form_id);
    form->SetValue("FORM_SUMMARY", summary);
    form->SetValue("FORM_ACTION", action);
    form->SetValue("FORM_SUBMIT", submit);
    if (is_failed)
        form->ShowSection("FORM_OPEN");
    if (!shown.ok())
        add_error_links(*form->AddSectionDictionary("FORM_ERRORS"), form_id, specs, shown);
    add_fields(*form, form_id, specs, shown);
}

void add_members(ctemplate::TemplateDictionary& d, const db::Family& family)
{
    if (family.members.empty()) {
        d.ShowSection("NO_MEMBER");
        return;
    }
    auto* table = d.AddSectionDictionary("HAS_MEMBERS");
    for (const auto& m : family.members) {
        auto* row = table->AddSectionDictionary("MEMBER");
        row->SetValue("MEMBER_ROLE", db::member_role_label(m.role));
        row->SetValue("MEMBER_NAME", full_name(m));
        row->SetValue("MEMBER_BIRTH", m.birth_date.empty() ? "" : date_fr(m.birth_date));
        row->SetValue("MEMBER_SCHOOL", m.school);
        row->SetValue("MEMBER_CLASS", m.class_name);
        row->SetValue("MEMBER_PHONE", m.phone);
        row->SetValue("MEMBER_EMAIL", m.email);
        row->SetValue("MEMBER_ANCHOR", "#membre-" + std::to_string(m.id));
    }
}

std::string paris_datetime(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    return t ? domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t))) : "";
}

void add_code_status(app::Context& ctx, ctemplate::TemplateDictionary& d, std::int64_t family_id)
{
    const auto code = db::latest_code(ctx.db(), ctx.commune.id, family_id);
    if (!code) {
        d.SetValue("CODE_STATUS", "Aucun code abonné n'a encore été émis pour cette famille.");
        d.SetValue("CODE_BUTTON", "Émettre le code abonné et imprimer la lettre");
        return;
    }
    if (code->live())
        d.SetValue("CODE_STATUS", "Un code abonné est en cours de validité (émis le " +
                                      paris_datetime(code->created_at) + ", valable jusqu'au " +
                                      paris_datetime(code->expires_at) + ").");
    else if (code->revoked)
        d.SetValue("CODE_STATUS", "Le dernier code abonné a été annulé.");
    else
        d.SetValue("CODE_STATUS",
                   "Le dernier code abonné a expiré le " + paris_datetime(code->expires_at) + ".");
    d.SetValue("CODE_BUTTON", "Régénérer le code abonné et imprimer la lettre");
    if (code->live())
        d.ShowSection("CODE_WILL_REVOKE");
}

void add_accounts_and_journal(app::Context& ctx, ctemplate::TemplateDictionary& d,
                              std::int64_t family_id)
{
    const auto accounts = db::linked_accounts(ctx.db(), ctx.commune.id, family_id);
    ctemplate::TemplateDictionary* accounts_table = nullptr;
    if (accounts.empty())
        d.ShowSection("NO_ACCOUNT");
    else
        accounts_table = d.AddSectionDictionary("HAS_ACCOUNTS");
    for (const auto& a : accounts) {
        auto* row = accounts_table->AddSectionDictionary("ACCOUNT");
        row->SetValue("ACCOUNT_GUARDIAN", a.guardian_name);
        row->SetValue("ACCOUNT_EMAIL", a.email);
        row->SetValue("ACCOUNT_CONFIRMED", a.confirmed ? "Oui" : "Non, en attente");
        row->SetValue("ACCOUNT_LAST_LOGIN", a.last_login.empty() ? "Jamais" : a.last_login);
        row->SetValue("UNLINK_ACTION",
                      family_url(family_id) + "/comptes/" + std::to_string(a.id) + "/delier");
    }
    const auto entries = db::family_journal(ctx.db(), ctx.commune.id, family_id);
    if (entries.empty()) {
        d.ShowSection("NO_JOURNAL");
        return;
    }
    auto* journal_table = d.AddSectionDictionary("HAS_JOURNAL_ROWS");
    for (const auto& e : entries) {
        auto* row = journal_table->AddSectionDictionary("JOURNAL");
        row->SetValue("JOURNAL_WHEN", e.when);
        row->SetValue("JOURNAL_ACTOR", e.actor);
        row->SetValue("JOURNAL_ACTION", e.action);
        row->SetValue("JOURNAL_DETAIL", e.detail);
    }
}

http::Response render_family(app::Context& ctx, const db::Family& family,
                             const FailedForm* failed = nullptr, int status = 200)
{
    view::Page page("gestion/family.tpl", "Famille " + family.name);
    auto& d = page.dict();
    const auto url = family_url(family.id);
    d.SetValue("FAMILY_NAME", family.name);
    d.SetIntValue("FAMILY_NUMBER", family.number);
    d.SetValue("FAMILY_URL", url);
    d.SetValue("ADDRESS1", family.address_line1);
    if (!family.address_line2.empty())
        d.SetValueAndShowSection("ADDRESS2", family.address_line2, "HAS_ADDRESS2");
    d.SetValue("POSTAL_CODE", family.postal_code);
    d.SetValue("CITY", family.city);
    d.SetValue("PHONE", family.phone.empty() ? "Non renseigné" : family.phone);
    d.SetValue("EMAIL", family.email.empty() ? "Non renseigné" : family.email);
    d.SetValue("QUOTIENT",
               family.family_quotient ? std::to_string(*family.family_quotient) : "Non renseigné");
    d.ShowSection(family.validated ? "VALIDATED" : "NOT_VALIDATED");
    if (family.archived)
        d.ShowSection("ARCHIVED");
    if (failed)
        d.SetValueAndShowSection("FAILED_FORM", "#" + failed->form_id, "PAGE_ERRORS");
    add_members(d, family);
    add_code_status(ctx, d, family.id);
    add_accounts_and_journal(ctx, d, family.id);

    add_form(d, "famille", "Modifier les coordonnées de la famille", url,
             "Enregistrer les coordonnées", family_fields, values_of(family), failed);
    FormData blank;
    blank.values["role"] = "child";
    add_form(d, "nouveau-membre", "Ajouter un membre (responsable légal, enfant, contact)",
             url + "/membres", "Ajouter ce membre", member_fields, blank, failed);
    for (const auto& m : family.members) {
        const auto id = std::to_string(m.id);
        add_form(d, "membre-" + id, "Modifier : " + full_name(m), url + "/membres/" + id,
                 "Enregistrer " + full_name(m), member_fields, values_of(m), failed);
    }
    return page.render(ctx.layout(), status);
}

http::Response render_new_form(app::Context& ctx, const FormData& family, const FormData& guardian,
                               int status)
{
    view::Page page("gestion/family_new.tpl", "Créer une famille");
    auto& d = page.dict();
    if (!family.ok() || !guardian.ok()) {
        auto* summary = d.AddSectionDictionary("FORM_ERRORS");
        add_error_links(*summary, "nouvelle", family_fields, family);
        add_error_links(*summary, "nouvelle", guardian_fields, guardian);
    }
    auto* fam = d.AddSectionDictionary("FIELDSET");
    fam->SetValue("LEGEND", "La famille");
    add_fields(*fam, "nouvelle", family_fields, family);
    auto* first = d.AddSectionDictionary("FIELDSET");
    first->SetValue("LEGEND", "Premier responsable légal");
    add_fields(*first, "nouvelle", guardian_fields, guardian);
    return page.render(ctx.layout(), status);
}

http::Response render_letter(app::Context& ctx, const db::Family& family, const std::string& code,
                             const db::CodeStatus& status)
{
    view::Page page("gestion/code_letter.tpl", "Lettre du code abonné, famille " + family.name);
    auto& d = page.dict();
    d.SetValue("FAMILY_NAME", family.name);
    d.SetValue("FAMILY_URL", family_url(family.id));
    d.SetValue("ADDRESS1", family.address_line1);
    if (!family.address_line2.empty())
        d.SetValueAndShowSection("ADDRESS2", family.address_line2, "HAS_ADDRESS2");
    d.SetValue("POSTAL_CODE", family.postal_code);
    d.SetValue("CITY", family.city);
    for (const auto& m : family.members)
        if (m.role == db::MemberRole::Guardian)
            d.AddSectionDictionary("GUARDIAN")->SetValue("GUARDIAN_NAME", full_name(m));
    d.SetValue("CODE", code);
    d.SetValue("PORTAL_URL", ctx.commune.base_url);
    const auto now = domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr)));
    d.SetValue("TODAY", domain::format_date_fr(now.date));
    if (const auto expires = domain::parse_sql_datetime(status.expires_at))
        d.SetValue("EXPIRY", domain::format_date_fr(
                                 domain::paris_from_epoch(domain::utc_epoch(*expires)).date));
    return page.render(ctx.layout());
}

} // namespace

http::Response families_list(app::Context& ctx)
{
    const auto field = web::text_field(ctx.req.query(), "q", max_query * 4, false);
    if (!field.ok() || utf8_length(field.value) > max_query)
        throw http::Error(400, "La recherche est trop longue ou contient des caractères non "
                               "autorisés.");
    const auto results = db::search_families(ctx.db(), ctx.commune.id, field.value);
    view::Page page("gestion/families.tpl", "Familles");
    auto& d = page.dict();
    d.SetValue("QUERY", field.value);
    if (field.value.empty())
        d.SetValue("RESULTS_HEADING", "Dernières familles créées");
    else
        d.SetValue("RESULTS_HEADING", "Résultats pour « " + field.value +
                                          " » : " + std::to_string(results.size()) +
                                          (results.size() > 1 ? " familles" : " famille"));
    if (results.empty())
        d.ShowSection("NO_RESULT");
    auto* table = results.empty() ? nullptr : d.AddSectionDictionary("HAS_RESULTS");
    for (const auto& f : results) {
        auto* row = table->AddSectionDictionary("FAMILY");
        row->SetIntValue("ROW_NUMBER", f.number);
        row->SetValue("ROW_NAME", f.name);
        row->SetValue("ROW_URL", family_url(f.id));
        row->SetValue("ROW_GUARDIANS", f.guardians);
        row->SetValue("ROW_CHILDREN", f.children);
        row->SetValue("ROW_VALIDATED", f.validated ? "Validé" : "À valider");
        row->SetValue("ROW_CODE", f.has_live_code ? "En cours" : "Aucun");
        row->SetIntValue("ROW_ACCOUNTS", f.accounts);
    }
    return page.render(ctx.layout());
}

http::Response family_new_form(app::Context& ctx)
{
    return render_new_form(ctx, FormData{}, FormData{}, 200);
}

http::Response family_create(app::Context& ctx)
{
    const auto family_data = read_form(ctx.req.form(), family_fields);
    const auto guardian_data = read_form(ctx.req.form(), guardian_fields);
    if (!family_data.ok() || !guardian_data.ok())
        return render_new_form(ctx, family_data, guardian_data, 400);
    auto family = family_of(family_data);
    db::Member guardian;
    guardian.role = db::MemberRole::Guardian;
    guardian.last_name = guardian_data.get("responsable_nom");
    guardian.first_name = guardian_data.get("responsable_prenom");
    guardian.phone = guardian_data.get("responsable_telephone");
    guardian.email = guardian_data.get("responsable_email");
    family.members.push_back(guardian);
    const auto id = db::create_family(ctx.db(), ctx.commune.id, family);
    journal(ctx, id, "Création de la famille",
            "Famille « " + family.name + " », responsable légal : " + full_name(guardian));
    return http::see_other(family_url(id));
}

http::Response family_page(app::Context& ctx)
{
    return render_family(ctx, load_or_404(ctx));
}

http::Response family_update(app::Context& ctx)
{
    const auto before = load_or_404(ctx);
    FailedForm input{"famille", read_form(ctx.req.form(), family_fields)};
    if (!input.data.ok())
        return render_family(ctx, before, &input, 400);
    auto after = family_of(input.data);
    after.id = before.id;
    const auto changes = family_changes(before, after);
    if (!changes.empty()) {
        db::update_family(ctx.db(), ctx.commune.id, after);
        journal(ctx, before.id, "Modification des coordonnées", changes);
    }
    return http::see_other(family_url(before.id));
}

http::Response member_add(app::Context& ctx)
{
    const auto family = load_or_404(ctx);
    FailedForm input{"nouveau-membre", read_member_form(ctx.req.form())};
    if (!input.data.ok())
        return render_family(ctx, family, &input, 400);
    const auto member = member_of(input.data);
    db::add_member(ctx.db(), ctx.commune.id, family.id, member);
    std::string detail =
        std::string(db::member_role_label(member.role)) + " : " + full_name(member);
    if (!member.birth_date.empty())
        detail += ", né(e) le " + date_fr(member.birth_date);
    if (!member.school.empty() || !member.class_name.empty())
        detail += ", école « " + member.school + " », classe « " + member.class_name + " »";
    journal(ctx, family.id, "Ajout d'un membre", detail);
    return http::see_other(family_url(family.id));
}

http::Response member_update(app::Context& ctx)
{
    const auto family = load_or_404(ctx);
    const auto member_id = ctx.path_id("membre");
    const db::Member* before = nullptr;
    for (const auto& m : family.members)
        if (m.id == member_id)
            before = &m;
    if (!before)
        throw http::Error(404);
    FailedForm input{"membre-" + std::to_string(member_id), read_member_form(ctx.req.form())};
    if (input.data.get("role") != "guardian" && has_account(ctx, family.id, member_id))
        input.data.errors["role"] = "Ce responsable légal a un compte parent : déliez d'abord "
                                    "ce compte pour changer son rôle.";
    if (!input.data.ok())
        return render_family(ctx, family, &input, 400);
    auto after = member_of(input.data);
    after.id = member_id;
    const auto changes = member_changes(*before, after);
    if (!changes.empty()) {
        if (!db::update_member(ctx.db(), ctx.commune.id, family.id, after))
            throw http::Error(404);
        journal(ctx, family.id, "Modification d'un membre", full_name(*before) + " : " + changes);
    }
    return http::see_other(family_url(family.id));
}

http::Response family_validate(app::Context& ctx)
{
    const auto family = load_or_404(ctx);
    const auto value = ctx.req.form().get("valide").value_or("");
    if (value != "1" && value != "0")
        throw http::Error(400);
    const bool validated = value == "1";
    if (validated != family.validated) {
        db::set_family_validated(ctx.db(), ctx.commune.id, family.id, validated);
        journal(ctx, family.id, validated ? "Dossier validé" : "Validation du dossier retirée", "");
    }
    return http::see_other(family_url(family.id));
}

http::Response family_code(app::Context& ctx)
{
    const auto family = load_or_404(ctx);
    bool has_guardian = false;
    for (const auto& m : family.members)
        has_guardian = has_guardian || m.role == db::MemberRole::Guardian;
    if (!has_guardian)
        throw http::Error(409, "Ajoutez d'abord un responsable légal : le code abonné lui "
                               "permet de créer son compte.");
    const auto settings = db::code_settings(ctx.db(), ctx.commune.id);
    const auto code = security::draw_subscriber_code(settings.prefix, family.number);
    if (code.empty())
        throw http::Error(409, "Le préfixe des codes abonné de la commune n'est pas valide "
                               "(2 à 20 lettres majuscules ou chiffres).");
    const bool regenerated = db::family_has_live_code(ctx.db(), ctx.commune.id, family.id);
    db::store_subscriber_code(ctx.db(), ctx.commune.id, family.id, code, ctx.agent->id);
    const auto status = db::latest_code(ctx.db(), ctx.commune.id, family.id);
    if (!status)
        throw std::runtime_error("family_code: the stored code is not found");
    // The detail says when, never what: the plain code exists only in this response.
    journal(ctx, family.id, regenerated ? "Code abonné régénéré" : "Code abonné émis",
            std::string(regenerated ? "L'ancien code ne fonctionne plus. " : "") +
                "Nouveau code valable jusqu'au " + paris_datetime(status->expires_at) + ".");
    return render_letter(ctx, family, code, *status);
}

http::Response account_unlink(app::Context& ctx)
{
    const auto family = load_or_404(ctx);
    const auto account_id = ctx.path_id("compte");
    std::string detail;
    for (const auto& a : db::linked_accounts(ctx.db(), ctx.commune.id, family.id))
        if (a.id == account_id)
            detail = "Compte de " + a.guardian_name + " (" + a.email + ")";
    if (detail.empty() || !db::unlink_account(ctx.db(), ctx.commune.id, family.id, account_id))
        throw http::Error(404);
    journal(ctx, family.id, "Compte parent délié", detail);
    return http::see_other(family_url(family.id));
}

} // namespace backoffice
