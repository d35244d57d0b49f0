#include "web/dossier.h"

#include "db/families.h"
#include "db/family_file.h"
#include "db/sick_leaves.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "media/upload.h"
#include "web/member_file.h"

#include <ctime>

namespace web
{

namespace
{

constexpr std::size_t max_photo_bytes = 5 * 1024 * 1024;

db::Family my_family(app::Context& ctx)
{
    auto family = db::load_family(ctx.db(), ctx.commune.id, ctx.family_id());
    if (!family)
        throw http::Error(404);
    return std::move(*family);
}

// The member `{id}` of the parent's own family; anything else is a 404 (never say that
// another family's member exists).
const db::Member& my_member(const db::Family& family, std::int64_t id)
{
    for (const auto& m : family.members)
        if (m.id == id)
            return m;
    throw http::Error(404);
}

std::string member_url(std::int64_t id)
{
    return "/famille/membres/" + std::to_string(id);
}

std::string paris_date_time(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    return t ? domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t))) : "";
}

domain::Date today_in_paris()
{
    return domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
}

db::JournalChange parent_change(app::Context& ctx, const std::string& action,
                                const std::string& object_type, std::int64_t object_id,
                                const std::string& detail)
{
    db::JournalChange c;
    c.actor_kind = "parent";
    c.actor_id = ctx.parent->id;
    c.family_id = ctx.family_id();
    c.action = action;
    c.object_type = object_type;
    c.object_id = object_id;
    c.detail = detail;
    return c;
}

void add_missing(ctemplate::TemplateDictionary& d, const domain::MissingElements& m)
{
    if (!m.missing.empty()) {
        auto* box = d.AddSectionDictionary("MISSING");
        for (const auto label : m.missing)
            box->AddSectionDictionary("MISSING_ITEM")->SetValue("ITEM", std::string(label));
    }
    if (!m.pending.empty()) {
        auto* box = d.AddSectionDictionary("AWAITING");
        for (const auto label : m.pending)
            box->AddSectionDictionary("AWAITING_ITEM")->SetValue("ITEM", std::string(label));
    }
}

// "LF" for Léa FICTIF: the first letters (whole UTF-8 characters) of first and last name.
std::string initials(const db::Member& m)
{
    const auto first_char = [](const std::string& s) {
        std::size_t n = s.empty() ? 0 : 1;
        while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
            ++n;
        return s.substr(0, n);
    };
    return first_char(m.first_name) + first_char(m.last_name);
}

// Pending and recently decided requests of one member (member_id 0: the household).
void add_requests(ctemplate::TemplateDictionary& d, const std::vector<db::ChangeRequest>& requests,
                  std::int64_t member_id)
{
    int shown = 0;
    for (const auto& r : requests) {
        if (r.member_id != member_id || shown >= 5)
            continue;
        ++shown;
        auto* row = d.AddSectionDictionary("REQUEST");
        row->SetValue("REQUEST_KIND", db::change_kind_label(r.kind));
        row->SetValue("REQUEST_DATE", paris_date_time(r.created_at));
        row->SetValue("REQUEST_STATUS", db::decision_label(r.status));
        row->SetValue("REQUEST_STATUS_CLASS", db::decision_name(r.status));
        if (!r.decided_at.empty())
            row->SetValueAndShowSection("DECIDED_AT", paris_date_time(r.decided_at), "DECIDED");
        if (!r.comment.empty())
            row->SetValueAndShowSection("COMMENT", r.comment, "HAS_COMMENT");
        for (const auto& f : r.fields) {
            auto* field = row->AddSectionDictionary("REQUEST_FIELD");
            field->SetValue("FIELD_LABEL", field_label(f.field));
            const auto before = display_value(f.field, f.before);
            const auto after = display_value(f.field, f.after);
            field->SetValue("FIELD_BEFORE", before.empty() ? "(vide)" : before);
            field->SetValue("FIELD_AFTER", after.empty() ? "(vide)" : after);
        }
    }
    if (shown > 0)
        d.ShowSection("HAS_REQUESTS");
}

void add_groups(ctemplate::TemplateDictionary& d, const std::string& form_id, db::MemberRole role,
                const FormData& data)
{
    for (const auto& group : member_groups(role)) {
        auto* set = d.AddSectionDictionary("FIELDSET");
        set->SetValue("LEGEND", group.legend);
        add_fields(*set, form_id, group.fields, data);
    }
}

void add_error_summary(ctemplate::TemplateDictionary& d, const std::string& form_id,
                       std::span<const FieldSpec> specs, const FormData& data)
{
    if (data.ok())
        return;
    add_error_links(*d.AddSectionDictionary("FORM_ERRORS"), form_id, specs, data);
}

const db::ChangeRequest* pending_request(const std::vector<db::ChangeRequest>& requests,
                                         std::int64_t member_id)
{
    for (const auto& r : requests)
        if (r.member_id == member_id && r.status == db::Decision::Pending)
            return &r;
    return nullptr;
}

// True when `fields` asks exactly what the pending request already asks.
bool same_request(const db::ChangeRequest* pending, const std::vector<db::ChangedField>& fields)
{
    if (!pending || pending->fields.size() != fields.size())
        return false;
    for (const auto& f : fields) {
        bool found = false;
        for (const auto& p : pending->fields)
            found = found || (p.field == f.field && p.after == f.after);
        if (!found)
            return false;
    }
    return true;
}

struct MemberPageState {
    const FormData* failed = nullptr; // the submitted form with its errors
    std::string photo_error;
};

http::Response render_member(app::Context& ctx, const db::Family& family, const db::Member& m,
                             const MemberPageState& state = {}, int status = 200)
{
    view::Page page("famille/membre.tpl", full_name(m));
    auto& d = page.dict();
    const auto url = member_url(m.id);
    d.SetValue("MEMBER_NAME", full_name(m));
    d.SetValue("MEMBER_ROLE", db::member_role_label(m.role));
    d.SetValue("MEMBER_URL", url);
    const auto& q = ctx.req.query();
    if (q.get("enregistre") == "1")
        d.ShowSection("SAVED");
    if (q.get("demande") == "1")
        d.ShowSection("REQUESTED");
    if (q.get("photo") == "1")
        d.ShowSection("PHOTO_SAVED");
    if (m.has_photo)
        d.SetValueAndShowSection("PHOTO_URL", url + "/photo", "HAS_PHOTO");
    else
        d.ShowSection("NO_PHOTO");
    if (!state.photo_error.empty()) {
        d.SetValueAndShowSection("PHOTO_ERROR", state.photo_error, "PHOTO_FAILED");
        d.ShowSection("PHOTO_ERROR_ATTR");
    }

    const auto file = file_status(ctx.db(), ctx.commune.id, family);
    if (const auto it = file.members.find(m.id); it != file.members.end())
        add_missing(d, it->second);
    const auto requests = db::family_change_requests(ctx.db(), ctx.commune.id, family.id);
    add_requests(d, requests, m.id);

    const std::string form_id = "membre";
    auto values = state.failed ? *state.failed : member_values(m);
    // The form shows what the parent asked for, even while the mairie has not decided.
    if (const auto* pending = pending_request(requests, m.id); pending && !state.failed) {
        for (const auto& f : pending->fields)
            values.values[f.field] = f.after;
        d.ShowSection("SHOWS_PENDING");
    }
    add_error_summary(d, form_id, member_specs(m.role), values);
    add_groups(d, form_id, m.role, values);
    if (m.role == db::MemberRole::Contact)
        d.ShowSection("REMOVABLE");
    if (m.role == db::MemberRole::Child || m.role == db::MemberRole::Guardian)
        d.ShowSection(m.role == db::MemberRole::Child ? "CHILD_NOTE" : "GUARDIAN_NOTE");
    return page.render(ctx.layout(), status);
}

// The uploaded file of `field`, or nullopt when none was chosen (an empty part).
const http::UploadedFile* uploaded(app::Context& ctx, std::string_view field)
{
    for (const auto& f : ctx.req.files())
        if (f.field == field && !(f.data.empty() && f.filename.empty()))
            return &f;
    return nullptr;
}

} // namespace

http::Response dossier_page(app::Context& ctx)
{
    const auto family = my_family(ctx);
    const auto file = file_status(ctx.db(), ctx.commune.id, family);
    view::Page page("famille/dossier.tpl", "Dossier de famille");
    auto& d = page.dict();
    d.SetValue("FAMILY_NAME", family.name);
    if (ctx.req.query().get("contact") == "1")
        d.ShowSection("CONTACT_ADDED");
    if (ctx.req.query().get("retire") == "1")
        d.ShowSection("CONTACT_REMOVED");
    auto* household = d.AddSectionDictionary("HOUSEHOLD");
    household->SetValue("ADDRESS",
                        family.address_line1 +
                            (family.address_line2.empty() ? "" : ", " + family.address_line2));
    household->SetValue("CITY", family.postal_code + " " + family.city);
    household->SetValue("QUOTIENT", family.family_quotient ? std::to_string(*family.family_quotient)
                                                           : "Non renseigné");
    add_missing(*household, file.household);
    const struct {
        db::MemberRole role;
        const char* id;
        const char* title;
        const char* intro;
        const char* none;
    } groups[] = {
        {db::MemberRole::Guardian, "responsables", "Responsables légaux", "",
         "Aucun responsable légal n'est enregistré."},
        {db::MemberRole::Child, "enfants", "Enfants", "",
         "Aucun enfant n'est enregistré : adressez-vous à la mairie pour en ajouter un."},
        {db::MemberRole::Contact, "contacts", "Autres contacts",
         "Les personnes autorisées à venir chercher vos enfants et celles à appeler en cas "
         "d'urgence.",
         "Aucun contact n'est enregistré."}};
    for (const auto& group : groups) {
        auto* list = d.AddSectionDictionary("GROUP");
        list->SetValue("GROUP_ID", group.id);
        list->SetValue("GROUP_TITLE", group.title);
        if (*group.intro)
            list->SetValueAndShowSection("INTRO", group.intro, "GROUP_INTRO");
        if (group.role == db::MemberRole::Contact)
            list->ShowSection("ADD_CONTACT");
        bool any = false;
        for (const auto& m : family.members) {
            if (m.role != group.role)
                continue;
            any = true;
            auto* card = list->AddSectionDictionary("MEMBER");
            card->SetValue("MEMBER_NAME", full_name(m));
            card->SetValue("MEMBER_URL", member_url(m.id));
            std::string role = db::member_role_label(m.role);
            if (m.role == db::MemberRole::Child && !m.class_name.empty())
                role += " — " + m.class_name;
            if (m.role == db::MemberRole::Contact && !m.relationship.empty())
                role += " — " + m.relationship;
            card->SetValue("MEMBER_ROLE", role);
            if (m.has_photo)
                card->SetValueAndShowSection("PHOTO_URL", member_url(m.id) + "/photo", "HAS_PHOTO");
            else
                card->SetValueAndShowSection("INITIALS", initials(m), "NO_PHOTO");
            if (const auto it = file.members.find(m.id); it != file.members.end())
                add_missing(*card, it->second);
        }
        if (!any)
            list->SetValueAndShowSection("NONE_TEXT", group.none, "NONE");
    }
    return page.render(ctx.layout());
}

http::Response member_page(app::Context& ctx)
{
    const auto family = my_family(ctx);
    return render_member(ctx, family, my_member(family, ctx.path_id("id")));
}

http::Response member_submit(app::Context& ctx)
{
    const auto family = my_family(ctx);
    const auto& before = my_member(family, ctx.path_id("id"));
    const auto specs = member_specs(before.role);
    auto form = read_form(ctx.req.form(), specs);
    if (form.get("allergies_reponse") == "oui" && form.get("allergies").empty() &&
        !form.errors.count("allergies"))
        form.errors["allergies"] = "Indiquez les allergies de votre enfant et la conduite à tenir.";
    if (!form.ok()) {
        MemberPageState state;
        state.failed = &form;
        return render_member(ctx, family, before, state, 400);
    }
    const auto after = member_with(before, form);
    const auto changes = member_changes(before, after);
    if (changes.empty())
        return http::see_other(member_url(before.id) + "?enregistre=1");

    // Changes that apply now go in; sensitive ones wait in a request with their old value.
    auto applied = before;
    db::ChangeRequest request;
    request.member_id = before.id;
    request.kind = change_kind_of(before.role);
    for (const auto& c : changes) {
        if (c.sensitive)
            request.fields.push_back({c.field, c.label, c.before, c.after});
        else
            apply_member_change(applied, c.field, c.after);
    }
    db::Transaction tx(ctx.db());
    if (!db::save_member_file(ctx.db(), ctx.commune.id, family.id, applied))
        throw http::Error(404);
    for (const auto& c : changes) {
        if (c.sensitive)
            continue;
        auto entry = parent_change(ctx, "Modification du dossier", "family_member", before.id,
                                   full_name(before) + " — " + c.label);
        entry.before = display_value(c.field, c.before);
        entry.after = display_value(c.field, c.after);
        entry.sensitive = c.health;
        db::journal_change(ctx.db(), ctx.commune.id, entry);
    }
    const auto requests = db::family_change_requests(ctx.db(), ctx.commune.id, family.id);
    const bool already_asked = same_request(pending_request(requests, before.id), request.fields);
    if (!request.fields.empty() && !already_asked) {
        const auto id =
            db::create_change_request(ctx.db(), ctx.commune.id, family.id, request, ctx.parent->id);
        for (const auto& f : request.fields) {
            auto entry = parent_change(ctx, "Demande de modification", "change_request", id,
                                       full_name(before) + " — " + field_label(f.field));
            entry.before = display_value(f.field, f.before);
            entry.after = display_value(f.field, f.after);
            entry.sensitive = request.kind == db::ChangeKind::Health;
            db::journal_change(ctx.db(), ctx.commune.id, entry);
        }
    }
    tx.commit();
    return http::see_other(member_url(before.id) + (request.fields.empty() || already_asked
                                                        ? "?enregistre=1"
                                                        : "?demande=1"));
}

http::Response member_photo(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    auto photo = db::load_photo(ctx.db(), ctx.commune.id, ctx.family_id(), id);
    if (!photo)
        throw http::Error(404);
    http::Response r;
    r.content_type = "image/jpeg";
    r.set_header("Cache-Control", "private, no-store");
    r.body = std::move(*photo);
    return r;
}

http::Response photo_upload(app::Context& ctx)
{
    const auto family = my_family(ctx);
    const auto& member = my_member(family, ctx.path_id("id"));
    const auto* file = uploaded(ctx, "photo");
    MemberPageState state;
    if (!file) {
        state.photo_error = "Choisissez une photo (JPEG ou PNG, 5 Mo au plus).";
        return render_member(ctx, family, member, state, 400);
    }
    media::Image image;
    try {
        media::ImageLimits limits;
        limits.max_bytes = max_photo_bytes;
        image = media::reencode_photo(file->data, limits);
    } catch (const media::Rejected& e) {
        state.photo_error = e.what();
        return render_member(ctx, family, member, state,
                             file->data.size() > max_photo_bytes ? 413 : 400);
    }
    db::Transaction tx(ctx.db());
    db::save_photo(ctx.db(), ctx.commune.id, family.id, member.id, image.bytes, image.width,
                   image.height);
    db::journal_change(
        ctx.db(), ctx.commune.id,
        parent_change(ctx, "Photo modifiée", "family_member", member.id, full_name(member)));
    tx.commit();
    return http::see_other(member_url(member.id) + "?photo=1");
}

http::Response contact_remove(app::Context& ctx)
{
    const auto family = my_family(ctx);
    const auto& member = my_member(family, ctx.path_id("id"));
    if (member.role != db::MemberRole::Contact)
        throw http::Error(409, "Seul un contact peut être retiré du dossier ; pour un enfant ou "
                               "un responsable légal, adressez-vous à la mairie.");
    db::Transaction tx(ctx.db());
    if (!db::remove_contact(ctx.db(), ctx.commune.id, family.id, member.id))
        throw http::Error(404);
    db::journal_change(
        ctx.db(), ctx.commune.id,
        parent_change(ctx, "Contact retiré", "family_member", member.id, full_name(member)));
    tx.commit();
    return http::see_other("/famille/dossier?retire=1");
}

namespace
{

http::Response render_contact_form(app::Context& ctx, const FormData& data, int status)
{
    view::Page page("famille/contact_nouveau.tpl", "Ajouter un contact");
    auto& d = page.dict();
    add_error_summary(d, "contact", member_specs(db::MemberRole::Contact), data);
    add_groups(d, "contact", db::MemberRole::Contact, data);
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response contact_new(app::Context& ctx)
{
    FormData blank;
    blank.values["peut_recuperer"] = "1";
    return render_contact_form(ctx, blank, 200);
}

http::Response contact_create(app::Context& ctx)
{
    const auto form = read_form(ctx.req.form(), member_specs(db::MemberRole::Contact));
    if (!form.ok())
        return render_contact_form(ctx, form, 400);
    db::Member blank;
    blank.role = db::MemberRole::Contact;
    auto contact = member_with(blank, form);
    db::Transaction tx(ctx.db());
    contact.id = db::add_member(ctx.db(), ctx.commune.id, ctx.family_id(), contact);
    db::save_member_file(ctx.db(), ctx.commune.id, ctx.family_id(), contact);
    db::journal_change(
        ctx.db(), ctx.commune.id,
        parent_change(ctx, "Contact ajouté", "family_member", contact.id, full_name(contact)));
    tx.commit();
    return http::see_other("/famille/dossier?contact=1");
}

// --- household and quotient familial ------------------------------------------------------

namespace
{

constexpr FieldSpec quotient_fields[] = {
    {"quotient_familial", "Nouveau quotient familial", "text", 6, true, Check::Quotient,
     "Le montant indiqué sur votre attestation CAF ou MSA, par exemple 850."},
    {"quotient_valable_jusqu_au", "Valable jusqu'au", "date", 10, true, Check::Date,
     "La date de fin de validité de l'attestation, au format AAAA-MM-JJ."},
};

struct HouseholdState {
    const FormData* household = nullptr;
    const FormData* quotient = nullptr;
    std::string proof_error;
};

http::Response render_household(app::Context& ctx, const db::Family& family,
                                const HouseholdState& state = {}, int status = 200)
{
    view::Page page("famille/foyer.tpl", "Foyer et quotient familial");
    auto& d = page.dict();
    d.SetValue("FAMILY_NAME", family.name);
    const auto& q = ctx.req.query();
    if (q.get("enregistre") == "1")
        d.ShowSection("SAVED");
    if (q.get("demande") == "1")
        d.ShowSection("REQUESTED");
    const auto file = file_status(ctx.db(), ctx.commune.id, family);
    add_missing(d, file.household);

    const auto household = state.household ? *state.household : household_values(family);
    auto* hform = d.AddSectionDictionary("HOUSEHOLD_FORM");
    add_error_summary(*hform, "foyer", household_specs(), household);
    add_fields(*hform, "foyer", household_specs(), household);

    if (family.family_quotient) {
        std::string text = std::to_string(*family.family_quotient);
        if (!family.quotient_valid_until.empty())
            text += ", valable jusqu'au " + date_fr(family.quotient_valid_until);
        d.SetValue("QUOTIENT", text);
    } else {
        d.SetValue("QUOTIENT", "Non renseigné");
    }
    add_requests(d, db::family_change_requests(ctx.db(), ctx.commune.id, family.id), 0);
    FormData blank;
    const auto& quotient = state.quotient ? *state.quotient : blank;
    auto* qform = d.AddSectionDictionary("QUOTIENT_FORM");
    add_error_summary(*qform, "quotient", quotient_fields, quotient);
    if (!state.proof_error.empty()) {
        auto* errors = qform->AddSectionDictionary("FORM_ERRORS");
        auto* link = errors->AddSectionDictionary("ERROR_LINK");
        link->SetValue("LINK_TARGET", "#quotient-justificatif");
        link->SetValue("LINK_TEXT", state.proof_error);
        qform->SetValueAndShowSection("PROOF_ERROR", state.proof_error, "PROOF_FAILED");
        qform->ShowSection("PROOF_ERROR_ATTR");
    }
    add_fields(*qform, "quotient", quotient_fields, quotient);
    return page.render(ctx.layout(), status);
}

std::string household_label(const std::string& name)
{
    for (const auto& spec : household_specs())
        if (name == spec.name)
            return spec.label;
    return name;
}

} // namespace

http::Response household_page(app::Context& ctx)
{
    return render_household(ctx, my_family(ctx));
}

http::Response household_submit(app::Context& ctx)
{
    const auto family = my_family(ctx);
    const auto form = read_form(ctx.req.form(), household_specs());
    if (!form.ok()) {
        HouseholdState state;
        state.household = &form;
        return render_household(ctx, family, state, 400);
    }
    auto after = family;
    after.address_line1 = form.get("adresse1");
    after.address_line2 = form.get("adresse2");
    after.postal_code = form.get("code_postal");
    after.city = form.get("ville");
    after.phone = form.get("telephone");
    after.email = form.get("email");
    const auto before_values = household_values(family);
    db::Transaction tx(ctx.db());
    db::update_family(ctx.db(), ctx.commune.id, after);
    for (const auto& spec : household_specs()) {
        const auto a = before_values.get(spec.name);
        const auto b = form.get(spec.name);
        if (a == b)
            continue;
        auto entry = parent_change(ctx, "Modification du foyer", "family", family.id,
                                   household_label(spec.name));
        entry.before = a;
        entry.after = b;
        db::journal_change(ctx.db(), ctx.commune.id, entry);
    }
    tx.commit();
    return http::see_other("/famille/foyer?enregistre=1");
}

http::Response quotient_submit(app::Context& ctx)
{
    const auto family = my_family(ctx);
    auto form = read_form(ctx.req.form(), quotient_fields);
    if (const auto until = http::parse_date(form.get("quotient_valable_jusqu_au"));
        until && domain::Date{until->year, until->month, until->day} < today_in_paris())
        form.errors["quotient_valable_jusqu_au"] =
            "Cette attestation n'est plus valable : envoyez une attestation en cours de validité.";
    HouseholdState state;
    state.quotient = &form;
    const auto* file = uploaded(ctx, "justificatif");
    media::Proof proof;
    if (!file) {
        state.proof_error = "Joignez l'attestation de quotient familial (PDF, JPEG ou PNG, 10 Mo "
                            "au plus).";
    } else {
        try {
            proof = media::check_proof(file->data);
        } catch (const media::Rejected& e) {
            state.proof_error = e.what();
        }
    }
    if (!form.ok() || !state.proof_error.empty())
        return render_household(ctx, family, state, 400);

    const auto before_q =
        family.family_quotient ? std::to_string(*family.family_quotient) : std::string();
    db::Transaction tx(ctx.db());
    db::NewDocument doc;
    doc.kind = db::DocumentKind::Quotient;
    doc.mime = proof.mime;
    doc.extension = proof.extension;
    doc.data = std::move(proof.bytes);
    doc.valid_until = form.get("quotient_valable_jusqu_au");
    doc.uploaded_by = ctx.parent->id;
    const auto document_id = db::add_document(ctx.db(), ctx.commune.id, family.id, doc);
    db::ChangeRequest request;
    request.kind = db::ChangeKind::Quotient;
    request.document_id = document_id;
    request.fields = {
        {"quotient_familial", "Quotient familial", before_q, form.get("quotient_familial")},
        {"quotient_valable_jusqu_au", "Valable jusqu'au", family.quotient_valid_until,
         form.get("quotient_valable_jusqu_au")}};
    const auto id =
        db::create_change_request(ctx.db(), ctx.commune.id, family.id, request, ctx.parent->id);
    auto entry =
        parent_change(ctx, "Demande de modification", "change_request", id, "Quotient familial");
    entry.before = before_q;
    entry.after = form.get("quotient_familial");
    db::journal_change(ctx.db(), ctx.commune.id, entry);
    tx.commit();
    return http::see_other("/famille/foyer?demande=1");
}

// --- proofs --------------------------------------------------------------------------------

namespace
{

constexpr Option proof_kinds[] = {{"insurance", "Attestation d'assurance (responsabilité civile)"},
                                  {"vaccinations", "Carnet de vaccinations (pages des vaccins)"},
                                  {"medical", "Certificat médical"},
                                  {"other", "Autre justificatif"}};

constexpr FieldSpec proof_fields[] = {
    {"type", "Type de justificatif", "", 20, true, Check::Choice, "", proof_kinds},
    {"valable_jusqu_au", "Valable jusqu'au", "date", 10, false, Check::Date,
     "Facultatif : la date de fin de validité indiquée sur le document (AAAA-MM-JJ)."},
};

http::Response render_proofs(app::Context& ctx, const db::Family& family,
                             const FormData* failed = nullptr, const std::string& file_error = {},
                             std::int64_t chosen_member = 0, int status = 200)
{
    view::Page page("famille/justificatifs.tpl", "Justificatifs");
    auto& d = page.dict();
    if (ctx.req.query().get("envoye") == "1")
        d.ShowSection("SENT");
    const auto documents = db::family_documents(ctx.db(), ctx.commune.id, family.id);
    if (documents.empty())
        d.ShowSection("NO_DOCUMENT");
    else {
        auto* table = d.AddSectionDictionary("HAS_DOCUMENTS");
        for (const auto& doc : documents) {
            auto* row = table->AddSectionDictionary("DOCUMENT");
            row->SetValue("DOC_KIND", db::document_kind_label(doc.kind));
            row->SetValue("DOC_MEMBER", doc.member_name.empty() ? "Foyer" : doc.member_name);
            row->SetValue("DOC_DATE", paris_date_time(doc.uploaded_at));
            row->SetValue("DOC_VALID", doc.valid_until.empty() ? "—" : date_fr(doc.valid_until));
            row->SetValue("DOC_STATUS", db::decision_label(doc.status));
            row->SetValue("DOC_STATUS_CLASS", db::decision_name(doc.status));
            if (!doc.comment.empty())
                row->SetValueAndShowSection("DOC_COMMENT", doc.comment, "HAS_DOC_COMMENT");
            row->SetValue("DOC_URL", "/famille/justificatifs/" + std::to_string(doc.id));
            row->SetIntValue("DOC_KB", (doc.size + 1023) / 1024);
        }
    }
    FormData blank;
    blank.values["type"] = "insurance";
    const auto& data = failed ? *failed : blank;
    add_error_summary(d, "justificatif", proof_fields, data);
    if (!file_error.empty()) {
        auto* errors = d.AddSectionDictionary("FORM_ERRORS");
        auto* link = errors->AddSectionDictionary("ERROR_LINK");
        link->SetValue("LINK_TARGET", "#justificatif-fichier");
        link->SetValue("LINK_TEXT", file_error);
        d.SetValueAndShowSection("FILE_ERROR", file_error, "FILE_FAILED");
        d.ShowSection("FILE_ERROR_ATTR");
    }
    add_fields(d, "justificatif", proof_fields, data);
    for (const auto& m : family.members) {
        if (m.role == db::MemberRole::Guardian)
            continue;
        if (m.role == db::MemberRole::Contact)
            continue;
        auto* o = d.AddSectionDictionary("MEMBER_OPTION");
        o->SetIntValue("OPTION_ID", m.id);
        o->SetValue("OPTION_NAME", full_name(m));
        if (m.id == chosen_member)
            o->ShowSection("OPTION_SELECTED");
    }
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response proofs_page(app::Context& ctx)
{
    return render_proofs(ctx, my_family(ctx));
}

http::Response proof_upload(app::Context& ctx)
{
    const auto family = my_family(ctx);
    auto form = read_form(ctx.req.form(), proof_fields);
    std::int64_t member_id = 0;
    if (const auto raw = ctx.req.form().get("membre"); raw && !raw->empty()) {
        const auto id = http::parse_id(*raw);
        if (!id)
            throw http::Error(400, "Le membre choisi n'est pas valide.");
        my_member(family, *id); // 404 unless it is one of ours
        member_id = *id;
    }
    std::string file_error;
    const auto* file = uploaded(ctx, "fichier");
    media::Proof proof;
    if (!file)
        file_error = "Choisissez le fichier à envoyer (PDF, JPEG ou PNG, 10 Mo au plus).";
    else
        try {
            proof = media::check_proof(file->data);
        } catch (const media::Rejected& e) {
            file_error = e.what();
        }
    if (!form.ok() || !file_error.empty())
        return render_proofs(ctx, family, &form, file_error, member_id, 400);

    db::NewDocument doc;
    doc.member_id = member_id;
    doc.kind = db::parse_document_kind(form.get("type")).value_or(db::DocumentKind::Other);
    doc.mime = proof.mime;
    doc.extension = proof.extension;
    doc.data = std::move(proof.bytes);
    doc.valid_until = form.get("valable_jusqu_au");
    doc.uploaded_by = ctx.parent->id;
    db::Transaction tx(ctx.db());
    const auto id = db::add_document(ctx.db(), ctx.commune.id, family.id, doc);
    // A medical certificate for a child completes its latest "Enfant malade" declaration.
    if (doc.kind == db::DocumentKind::Medical && member_id)
        if (const auto leave = db::open_sick_leave(ctx.db(), ctx.commune.id, member_id))
            db::attach_certificate(ctx.db(), ctx.commune.id, *leave, id);
    db::journal_change(ctx.db(), ctx.commune.id,
                       parent_change(ctx, "Justificatif envoyé", "family_document", id,
                                     db::document_kind_label(doc.kind)));
    tx.commit();
    return http::see_other("/famille/justificatifs?envoye=1");
}

http::Response proof_download(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    const auto doc = db::load_document(ctx.db(), ctx.commune.id, ctx.family_id(), id);
    if (!doc)
        throw http::Error(404);
    auto data = db::document_data(ctx.db(), ctx.commune.id, ctx.family_id(), id);
    if (!data)
        throw http::Error(404);
    http::Response r;
    r.content_type = doc->mime;
    r.set_header("Content-Disposition", "attachment; filename=\"justificatif-" +
                                            std::to_string(id) + "." + doc->extension + "\"");
    r.set_header("Cache-Control", "private, no-store");
    r.body = std::move(*data);
    return r;
}

} // namespace web
