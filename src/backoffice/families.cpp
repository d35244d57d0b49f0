#include "backoffice/families.h"

#include "backoffice/validations.h"
#include "db/families.h"
#include "db/family_file.h"
#include "domain/identity.h"
#include "domain/subscriber_code.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "security/subscriber_codes.h"
#include "web/fields.h"
#include "web/form_input.h"
#include "web/member_file.h"

#include <ctime>
#include <map>
#include <span>
#include <stdexcept>

namespace backoffice
{

namespace
{

constexpr std::size_t max_query = 100;

using web::add_error_links;
using web::add_fields;
using web::Check;
using web::date_fr;
using web::FailedForm;
using web::FieldSpec;
using web::FormData;
using web::read_form;

constexpr web::Option role_options[] = {
    {"guardian", "Responsable légal"}, {"child", "Enfant"}, {"contact", "Contact"}};

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
    {"role", "Rôle dans la famille", "select", 20, true, Check::Choice, "", role_options},
    {"nom", "Nom", "text", 100, true, Check::Text, ""},
    {"prenom", "Prénom", "text", 100, true, Check::Text, ""},
    {"date_naissance", "Date de naissance", "date", 10, false, Check::BirthDate,
     "Obligatoire pour un enfant ; au format AAAA-MM-JJ, par exemple 2018-05-04."},
    {"ecole", "École", "text", 120, false, Check::Text, "Pour un enfant scolarisé."},
    {"classe", "Classe", "text", 40, false, Check::Text, "Par exemple CP, CE1, MS."},
    {"telephone", "Téléphone", "tel", 30, false, Check::Phone, "Facultatif."},
    {"email", "Email", "email", 254, false, Check::Email, "Facultatif."},
};

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
    db::JournalChange c;
    c.actor_kind = "agent";
    c.actor_id = ctx.agent->id;
    c.family_id = family_id;
    c.action = action;
    c.object_type = "family";
    c.object_id = family_id;
    c.detail = detail;
    db::journal_change(ctx.db(), ctx.commune.id, c);
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
        row->SetValue("MEMBER_URL", family_url(family.id) + "/membres/" + std::to_string(m.id));
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
    const auto entries = db::family_change_journal(ctx.db(), ctx.commune.id, family_id);
    if (entries.empty()) {
        d.ShowSection("NO_JOURNAL");
        return;
    }
    const bool health_ok = may_see_health(ctx);
    auto* journal_table = d.AddSectionDictionary("HAS_JOURNAL_ROWS");
    for (const auto& e : entries) {
        auto* row = journal_table->AddSectionDictionary("JOURNAL");
        row->SetValue("JOURNAL_WHEN", e.when);
        row->SetValue("JOURNAL_ACTOR", e.actor);
        row->SetValue("JOURNAL_ACTION", e.action);
        // Health entries (a refusal's comment, a consultation) say nothing to other roles.
        const bool hidden = e.sensitive && !health_ok;
        row->SetValue("JOURNAL_DETAIL", hidden ? "(donnée de santé)" : e.detail);
        if (!e.has_values)
            continue;
        if (hidden) {
            row->ShowSection("JOURNAL_HIDDEN");
            continue;
        }
        auto* values = row->AddSectionDictionary("JOURNAL_VALUES");
        values->SetValue("BEFORE", e.before.empty() ? "(vide)" : e.before);
        values->SetValue("AFTER", e.after.empty() ? "(vide)" : e.after);
    }
}

// What the family asked and the mairie has not decided yet.
void add_pending(app::Context& ctx, ctemplate::TemplateDictionary& d, std::int64_t family_id)
{
    int count = 0;
    for (const auto& r : db::family_change_requests(ctx.db(), ctx.commune.id, family_id))
        if (r.status == db::Decision::Pending) {
            auto* row = d.AddSectionDictionary("PENDING_ITEM");
            row->SetValue("PENDING_TEXT", std::string(db::change_kind_label(r.kind)) + " — " +
                                              (r.member_name.empty() ? "Foyer" : r.member_name));
            row->SetValue("PENDING_URL", "/gestion/validations#demande-" + std::to_string(r.id));
            ++count;
        }
    for (const auto& doc : db::family_documents(ctx.db(), ctx.commune.id, family_id))
        if (doc.status == db::Decision::Pending) {
            auto* row = d.AddSectionDictionary("PENDING_ITEM");
            row->SetValue("PENDING_TEXT",
                          std::string(db::document_kind_label(doc.kind)) + " — " +
                              (doc.member_name.empty() ? "Foyer" : doc.member_name));
            row->SetValue("PENDING_URL",
                          "/gestion/validations#justificatif-" + std::to_string(doc.id));
            ++count;
        }
    if (count == 0)
        d.ShowSection("NO_PENDING");
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
    add_pending(ctx, d, family.id);
    const auto file = web::file_status(ctx.db(), ctx.commune.id, family);
    for (const auto label : file.household.missing)
        d.AddSectionDictionary("HOUSEHOLD_MISSING")->SetValue("ITEM", std::string(label));
    d.SetIntValue("MISSING_COUNT", file.missing_count);
    d.ShowSection(family.archived ? "CAN_UNARCHIVE" : "CAN_ARCHIVE");
    if (may_see_health(ctx))
        d.ShowSection("CAN_EXPORT");

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
    if (!field.ok() || web::utf8_length(field.value) > max_query)
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
