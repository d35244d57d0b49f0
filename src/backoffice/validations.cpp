#include "backoffice/validations.h"

#include "db/families.h"
#include "db/family_file.h"
#include "db/sick_leaves.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "web/account_mail.h"
#include "web/form_input.h"
#include "web/member_file.h"

#include <ctime>

namespace backoffice
{

namespace
{

constexpr std::size_t max_comment_bytes = 4000;

std::string paris_date_time(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    return t ? domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t))) : "";
}

std::string family_url(std::int64_t id)
{
    return "/gestion/familles/" + std::to_string(id);
}

bool is_health_document(db::DocumentKind kind)
{
    return kind == db::DocumentKind::Vaccinations || kind == db::DocumentKind::Medical;
}

db::JournalChange agent_change(app::Context& ctx, std::int64_t family_id, const std::string& action,
                               const std::string& object_type, std::int64_t object_id,
                               const std::string& detail)
{
    db::JournalChange c;
    c.actor_kind = "agent";
    c.actor_id = ctx.agent->id;
    c.family_id = family_id;
    c.action = action;
    c.object_type = object_type;
    c.object_id = object_id;
    c.detail = detail;
    return c;
}

// The decision and comment of a decision form; refusing needs a reason for the parent.
struct DecisionInput {
    bool accepted = false;
    std::string comment;
};

DecisionInput read_decision(app::Context& ctx)
{
    const auto decision = ctx.req.form().get("decision").value_or("");
    if (decision != "accepter" && decision != "refuser")
        throw http::Error(400, "Choisissez « Accepter » ou « Refuser ».");
    const auto comment =
        web::multiline_field(ctx.req.form(), "commentaire", max_comment_bytes, false);
    if (!comment.ok())
        throw http::Error(400, "Le commentaire est trop long ou contient des caractères non "
                               "autorisés (1000 caractères au plus).");
    if (web::utf8_length(comment.value) > 1000)
        throw http::Error(400, "Le commentaire ne doit pas dépasser 1000 caractères.");
    DecisionInput in{decision == "accepter", comment.value};
    if (!in.accepted && in.comment.empty())
        throw http::Error(400, "Indiquez au parent la raison du refus dans le commentaire.");
    return in;
}

void notify_family(app::Context& ctx, std::int64_t family_id, const std::string& what,
                   const DecisionInput& in, const std::string& path)
{
    for (const auto& account : db::linked_accounts(ctx.db(), ctx.commune.id, family_id))
        if (account.confirmed)
            web::mail_request_decided(ctx, account.email, what, in.accepted, in.comment, path);
}

void add_request(ctemplate::TemplateDictionary& d, const db::ChangeRequest& r, bool health_ok)
{
    auto* row = d.AddSectionDictionary("REQUEST");
    row->SetIntValue("REQUEST_ID", r.id);
    row->SetValue("FAMILY_NAME", r.family_name);
    row->SetValue("FAMILY_URL", family_url(r.family_id));
    row->SetValue("REQUEST_KIND", db::change_kind_label(r.kind));
    row->SetValue("REQUEST_MEMBER", r.member_name.empty() ? "Foyer" : r.member_name);
    row->SetValue("REQUEST_DATE", paris_date_time(r.created_at));
    const bool hidden = r.kind == db::ChangeKind::Health && !health_ok;
    if (hidden) {
        row->ShowSection("HEALTH_HIDDEN");
        return;
    }
    auto* body = row->AddSectionDictionary("REQUEST_BODY");
    for (const auto& f : r.fields) {
        auto* field = body->AddSectionDictionary("REQUEST_FIELD");
        field->SetValue("FIELD_LABEL", web::field_label(f.field));
        const auto before = web::display_value(f.field, f.before);
        const auto after = web::display_value(f.field, f.after);
        field->SetValue("FIELD_BEFORE", before.empty() ? "(vide)" : before);
        field->SetValue("FIELD_AFTER", after.empty() ? "(vide)" : after);
    }
    if (r.document_id)
        body->SetValueAndShowSection(
            "PROOF_URL", "/gestion/justificatifs/" + std::to_string(r.document_id), "HAS_PROOF");
    body->SetValue("ACTION", "/gestion/validations/demandes/" + std::to_string(r.id));
}

} // namespace

bool may_see_health(const app::Context& ctx)
{
    return ctx.agent && ctx.agent->role != db::AgentRole::Regisseur;
}

http::Response validations_page(app::Context& ctx)
{
    view::Page page("gestion/validations.tpl", "Demandes à valider");
    auto& d = page.dict();
    if (ctx.req.query().get("traite") == "1")
        d.ShowSection("DONE");
    const bool health_ok = may_see_health(ctx);
    const auto requests = db::pending_change_requests(ctx.db(), ctx.commune.id);
    if (requests.empty())
        d.ShowSection("NO_REQUEST");
    for (const auto& r : requests)
        add_request(d, r, health_ok);
    const auto documents = db::pending_documents(ctx.db(), ctx.commune.id);
    int shown = 0;
    for (const auto& doc : documents) {
        // Proofs sent with a change request are decided with the request.
        bool with_request = false;
        for (const auto& r : requests)
            with_request = with_request || r.document_id == doc.id;
        if (with_request)
            continue;
        ++shown;
        auto* row = d.AddSectionDictionary("DOCUMENT");
        row->SetIntValue("DOC_ID", doc.id);
        row->SetValue("FAMILY_NAME", doc.family_name);
        row->SetValue("FAMILY_URL", family_url(doc.family_id));
        row->SetValue("DOC_KIND", db::document_kind_label(doc.kind));
        row->SetValue("DOC_MEMBER", doc.member_name.empty() ? "Foyer" : doc.member_name);
        row->SetValue("DOC_DATE", paris_date_time(doc.uploaded_at));
        row->SetValue("DOC_VALID", doc.valid_until);
        if (is_health_document(doc.kind) && !health_ok) {
            row->ShowSection("HEALTH_HIDDEN");
            continue;
        }
        auto* body = row->AddSectionDictionary("DOC_BODY");
        body->SetValue("DOC_URL", "/gestion/justificatifs/" + std::to_string(doc.id));
        body->SetValue("ACTION", "/gestion/validations/justificatifs/" + std::to_string(doc.id));
        body->SetIntValue("DOC_ID", doc.id);
        body->SetValue("DOC_VALID", doc.valid_until);
        body->SetValue("DOC_KIND", db::document_kind_label(doc.kind));
        body->SetIntValue("DOC_KB", (doc.size + 1023) / 1024);
    }
    if (shown == 0)
        d.ShowSection("NO_DOCUMENT");
    return page.render(ctx.layout());
}

http::Response change_request_decide(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    const auto in = read_decision(ctx);
    db::Transaction tx(ctx.db());
    const auto request = db::load_change_request(ctx.db(), ctx.commune.id, id);
    if (!request)
        throw http::Error(404);
    if (request->kind == db::ChangeKind::Health && !may_see_health(ctx))
        throw http::Error(403, "Les données de santé ne sont visibles que des agents du service "
                               "enfance et des administrateurs.");
    if (request->status != db::Decision::Pending)
        throw http::Error(409, "Cette demande a déjà été traitée (ou remplacée par une demande "
                               "plus récente).");
    const bool health = request->kind == db::ChangeKind::Health;
    std::string what = db::change_kind_label(request->kind);
    std::string parent_path = "/famille/foyer";
    if (in.accepted) {
        if (request->kind == db::ChangeKind::Quotient) {
            std::optional<int> quotient;
            std::string until;
            for (const auto& f : request->fields) {
                if (f.field == "quotient_familial" && !f.after.empty())
                    quotient = static_cast<int>(http::parse_int(f.after).value_or(0));
                if (f.field == "quotient_valable_jusqu_au")
                    until = f.after;
            }
            db::set_family_quotient(ctx.db(), ctx.commune.id, request->family_id, quotient, until);
            if (request->document_id)
                db::decide_document(ctx.db(), ctx.commune.id, request->document_id, ctx.agent->id,
                                    true, in.comment, until);
        } else {
            auto family = db::load_family(ctx.db(), ctx.commune.id, request->family_id);
            if (!family)
                throw http::Error(404);
            const db::Member* found = nullptr;
            for (const auto& m : family->members)
                if (m.id == request->member_id)
                    found = &m;
            if (!found)
                throw http::Error(409, "Ce membre n'est plus dans le dossier de la famille.");
            auto member = *found;
            for (const auto& f : request->fields)
                web::apply_member_change(member, f.field, f.after);
            db::save_member_file(ctx.db(), ctx.commune.id, request->family_id, member);
            what += " — " + web::full_name(*found);
            parent_path = "/famille/membres/" + std::to_string(member.id);
        }
        for (const auto& f : request->fields) {
            auto entry = agent_change(
                ctx, request->family_id, "Demande acceptée", "change_request", request->id,
                (request->member_name.empty() ? "Foyer" : request->member_name) + " — " +
                    web::field_label(f.field));
            entry.before = web::display_value(f.field, f.before);
            entry.after = web::display_value(f.field, f.after);
            entry.sensitive = health;
            db::journal_change(ctx.db(), ctx.commune.id, entry);
        }
    } else {
        if (request->document_id)
            db::decide_document(ctx.db(), ctx.commune.id, request->document_id, ctx.agent->id,
                                false, in.comment, {});
        if (request->member_id) {
            what += " — " + request->member_name;
            parent_path = "/famille/membres/" + std::to_string(request->member_id);
        }
        auto entry = agent_change(ctx, request->family_id, "Demande refusée", "change_request",
                                  request->id, what + " : " + in.comment);
        entry.sensitive = health;
        db::journal_change(ctx.db(), ctx.commune.id, entry);
    }
    if (!db::decide_change_request(ctx.db(), ctx.commune.id, id, ctx.agent->id, in.accepted,
                                   in.comment))
        throw http::Error(409, "Cette demande a déjà été traitée.");
    notify_family(ctx, request->family_id, what, in, parent_path);
    tx.commit();
    return http::see_other("/gestion/validations?traite=1");
}

http::Response proof_decide(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    const auto in = read_decision(ctx);
    std::string valid_until;
    if (const auto raw = ctx.req.form().get("valable_jusqu_au"); raw && !raw->empty()) {
        if (!http::parse_date(*raw))
            throw http::Error(400, "La date de validité doit être au format AAAA-MM-JJ.");
        valid_until = std::string(*raw);
    }
    db::Transaction tx(ctx.db());
    const auto doc = db::load_document(ctx.db(), ctx.commune.id, std::nullopt, id);
    if (!doc)
        throw http::Error(404);
    if (is_health_document(doc->kind) && !may_see_health(ctx))
        throw http::Error(403);
    if (!db::decide_document(ctx.db(), ctx.commune.id, id, ctx.agent->id, in.accepted, in.comment,
                             valid_until))
        throw http::Error(409, "Ce justificatif a déjà été traité.");
    // A medical certificate settles the child's "Enfant malade" days: excused, or not.
    if (doc->kind == db::DocumentKind::Medical)
        db::settle_sick_leave(ctx.db(), ctx.commune.id, id, in.accepted, ctx.agent->id);
    auto entry = agent_change(ctx, doc->family_id,
                              in.accepted ? "Justificatif accepté" : "Justificatif refusé",
                              "family_document", id, db::document_kind_label(doc->kind));
    if (!in.comment.empty())
        entry.detail += " : " + in.comment;
    db::journal_change(ctx.db(), ctx.commune.id, entry);
    notify_family(ctx, doc->family_id, db::document_kind_label(doc->kind), in,
                  "/famille/justificatifs");
    tx.commit();
    return http::see_other("/gestion/validations?traite=1");
}

http::Response proof_file(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    const auto doc = db::load_document(ctx.db(), ctx.commune.id, std::nullopt, id);
    if (!doc)
        throw http::Error(404);
    if (is_health_document(doc->kind) && !may_see_health(ctx))
        throw http::Error(403);
    auto data = db::document_data(ctx.db(), ctx.commune.id, std::nullopt, id);
    if (!data)
        throw http::Error(404);
    if (is_health_document(doc->kind)) {
        auto entry = agent_change(ctx, doc->family_id, "Consultation d'un justificatif de santé",
                                  "family_document", id, db::document_kind_label(doc->kind));
        entry.sensitive = true;
        db::journal_change(ctx.db(), ctx.commune.id, entry);
    }
    http::Response r;
    r.content_type = doc->mime;
    r.set_header("Content-Disposition", "inline; filename=\"justificatif-" + std::to_string(id) +
                                            "." + doc->extension + "\"");
    r.set_header("Cache-Control", "private, no-store");
    r.body = std::move(*data);
    return r;
}

http::Response member_file_page(app::Context& ctx)
{
    const auto family = db::load_family(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!family)
        throw http::Error(404);
    const auto member_id = ctx.path_id("membre");
    const db::Member* member = nullptr;
    for (const auto& m : family->members)
        if (m.id == member_id)
            member = &m;
    if (!member)
        throw http::Error(404);
    const bool health_ok = may_see_health(ctx);
    view::Page page("gestion/member.tpl", web::full_name(*member));
    auto& d = page.dict();
    d.SetValue("MEMBER_NAME", web::full_name(*member));
    d.SetValue("MEMBER_ROLE", db::member_role_label(member->role));
    d.SetValue("FAMILY_NAME", family->name);
    d.SetValue("FAMILY_URL", family_url(family->id));
    if (member->has_photo)
        d.SetValueAndShowSection("PHOTO_URL",
                                 family_url(family->id) + "/membres/" + std::to_string(member->id) +
                                     "/photo",
                                 "HAS_PHOTO");
    bool showed_health = false;
    for (const auto& detail : web::member_details(*member)) {
        if (detail.health && !health_ok) {
            d.ShowSection("HEALTH_HIDDEN");
            continue;
        }
        showed_health = showed_health || detail.health;
        auto* row = d.AddSectionDictionary("DETAIL");
        row->SetValue("LABEL", detail.label);
        row->SetValue("VALUE", detail.value);
        if (detail.health)
            row->ShowSection("HEALTH");
    }
    const auto file = web::file_status(ctx.db(), ctx.commune.id, *family);
    if (const auto it = file.members.find(member->id);
        it != file.members.end() && !it->second.missing.empty()) {
        auto* box = d.AddSectionDictionary("HAS_MISSING");
        for (const auto label : it->second.missing)
            box->AddSectionDictionary("MISSING_ITEM")->SetValue("ITEM", std::string(label));
    }
    if (showed_health) {
        // Each look at a child's health data is journaled (SPEC §8).
        auto entry = agent_change(ctx, family->id, "Consultation des données de santé",
                                  "family_member", member->id, web::full_name(*member));
        entry.sensitive = true;
        db::journal_change(ctx.db(), ctx.commune.id, entry);
    }
    return page.render(ctx.layout());
}

http::Response member_photo_agent(app::Context& ctx)
{
    const auto family_id = ctx.path_id("id");
    auto photo = db::load_photo(ctx.db(), ctx.commune.id, family_id, ctx.path_id("membre"));
    if (!photo)
        throw http::Error(404);
    http::Response r;
    r.content_type = "image/jpeg";
    r.set_header("Cache-Control", "private, no-store");
    r.body = std::move(*photo);
    return r;
}

http::Response family_archive(app::Context& ctx)
{
    const auto family = db::load_family(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!family)
        throw http::Error(404);
    const auto value = ctx.req.form().get("archive").value_or("");
    if (value != "1" && value != "0")
        throw http::Error(400);
    const bool archive = value == "1";
    db::Transaction tx(ctx.db());
    db::set_family_archived(ctx.db(), ctx.commune.id, family->id, archive);
    db::journal_change(ctx.db(), ctx.commune.id,
                       agent_change(ctx, family->id,
                                    archive ? "Dossier archivé" : "Dossier désarchivé", "family",
                                    family->id, family->name));
    tx.commit();
    return http::see_other(family_url(family->id));
}

} // namespace backoffice
