#include "web/sick_leave.h"

#include "booking/booking.h"
#include "db/activities.h"
#include "db/bookings.h"
#include "db/families.h"
#include "db/family_file.h"
#include "db/sick_leaves.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "media/upload.h"
#include "web/booking_context.h"
#include "web/fields.h"

#include <ctime>

namespace web
{

namespace
{

constexpr int max_days_ahead = 30;

db::Family my_family(app::Context& ctx)
{
    auto family = db::load_family(ctx.db(), ctx.commune.id, ctx.family_id());
    if (!family)
        throw http::Error(404);
    return std::move(*family);
}

const char* status_label(const std::string& status, bool has_certificate)
{
    if (status == "excused")
        return "Absence excusée : ces jours ne sont pas facturés";
    if (status == "refused")
        return "Certificat refusé par la mairie";
    return has_certificate ? "Certificat envoyé, en attente de la mairie"
                           : "Certificat médical à envoyer";
}

http::Response render(app::Context& ctx, const db::Family& family, const std::string& error,
                      const std::string& error_field, int status)
{
    view::Page page("famille/enfant_malade.tpl", "Enfant malade");
    auto& d = page.dict();
    const auto today = domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
    d.SetValue("TODAY", domain::iso_date(today));
    d.SetValue("TODAY_LONG", domain::format_long_date_fr(today));
    d.SetValue("UNTIL",
               std::string(ctx.req.form().get("jusqu_au").value_or(domain::iso_date(today))));
    if (!error.empty()) {
        d.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
        d.SetValue("ERROR_TARGET", "#malade-" + error_field);
        d.ShowSection(error_field == "certificat" ? "FILE_ERROR" : "DATE_ERROR");
    }
    if (ctx.req.query().get("fait") == "1")
        d.ShowSection("DONE");
    for (const auto& m : family.members)
        if (m.role == db::MemberRole::Child) {
            auto* o = d.AddSectionDictionary("CHILD_OPTION");
            o->SetIntValue("ID", m.id);
            o->SetValue("NAME", m.first_name + " " + m.last_name);
            if (ctx.req.form().get("enfant") == std::to_string(m.id))
                o->ShowSection("SELECTED");
        }
    const auto leaves = db::family_sick_leaves(ctx.db(), ctx.commune.id, family.id);
    if (leaves.empty())
        d.ShowSection("NO_LEAVE");
    for (const auto& l : leaves) {
        auto* row = d.AddSectionDictionary("LEAVE");
        row->SetValue("CHILD", l.child_name);
        row->SetValue("PERIOD", date_fr(l.first_day) + " au " + date_fr(l.last_day));
        row->SetIntValue("DAYS", l.days);
        row->SetValue("STATUS", status_label(l.status, l.document_id != 0));
        if (l.status == "declared" && l.document_id == 0)
            row->ShowSection("NEEDS_CERTIFICATE");
    }
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response sick_leave_page(app::Context& ctx)
{
    return render(ctx, my_family(ctx), {}, {}, 200);
}

http::Response sick_leave_submit(app::Context& ctx)
{
    const auto family = my_family(ctx);
    const auto raw_child = ctx.req.form().get("enfant");
    const auto child_id = raw_child ? http::parse_id(*raw_child) : std::nullopt;
    if (!child_id)
        throw http::Error(400, "Choisissez l'enfant malade.");
    const db::Member* child = nullptr;
    for (const auto& m : family.members)
        if (m.id == *child_id && m.role == db::MemberRole::Child)
            child = &m;
    if (!child)
        throw http::Error(404);
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    const auto today = domain::paris_from_epoch(now).date;
    const auto until_raw = ctx.req.form().get("jusqu_au").value_or("");
    const auto until_parts = http::parse_date(until_raw);
    if (!until_parts)
        return render(ctx, family,
                      "Le dernier jour d'absence doit être une date au format AAAA-MM-JJ.",
                      "jusqu-au", 400);
    const domain::Date until{until_parts->year, until_parts->month, until_parts->day};
    if (until < today)
        return render(ctx, family, "Le dernier jour d'absence ne peut pas être passé.", "jusqu-au",
                      400);
    if (domain::days_from_civil(until) - domain::days_from_civil(today) > max_days_ahead)
        return render(ctx, family,
                      "L'absence pour maladie se déclare pour 30 jours au plus ; au-delà, "
                      "adressez-vous à la mairie.",
                      "jusqu-au", 400);
    std::optional<media::Proof> certificate;
    for (const auto& f : ctx.req.files())
        if (f.field == "certificat" && !(f.data.empty() && f.filename.empty())) {
            try {
                certificate = media::check_proof(f.data);
            } catch (const media::Rejected& e) {
                return render(ctx, family, e.what(), "certificat", 400);
            }
        }

    // Each booking is cancelled by the booking rules (its own transaction): the place goes to
    // a wait-listed child when there is one.
    const auto kid = booking_child(ctx, family, *child);
    std::vector<std::int64_t> cancelled;
    for (const auto& e : db::child_planning(ctx.db(), ctx.commune.id, child->id,
                                            domain::iso_date(today), domain::iso_date(until))) {
        if (!e.status ||
            (*e.status != db::BookingStatus::Booked && *e.status != db::BookingStatus::Waiting &&
             *e.status != db::BookingStatus::Offered))
            continue;
        const bool was_booked = *e.status == db::BookingStatus::Booked;
        const auto activity = db::load_activity(ctx.db(), ctx.commune.id, e.activity_id);
        const auto r = booking::cancel(ctx.db(), ctx.commune.id, kid, e.occurrence_id,
                                       {"parent", ctx.parent->id}, now,
                                       [&](const booking::Promotion& promoted) {
                                           if (activity)
                                               tell_promoted(ctx, promoted, *activity, e.day);
                                       });
        if (r && r->outcome == booking::Outcome::Cancelled && was_booked)
            cancelled.push_back(e.occurrence_id);
    }
    db::Transaction tx(ctx.db());
    const auto leave =
        db::create_sick_leave(ctx.db(), ctx.commune.id, family.id, child->id,
                              domain::iso_date(today), domain::iso_date(until), ctx.parent->id);
    for (const auto id : cancelled)
        db::add_sick_leave_day(ctx.db(), leave, id);
    if (certificate) {
        db::NewDocument doc;
        doc.member_id = child->id;
        doc.kind = db::DocumentKind::Medical;
        doc.mime = certificate->mime;
        doc.extension = certificate->extension;
        doc.data = std::move(certificate->bytes);
        doc.valid_until = domain::iso_date(until);
        doc.uploaded_by = ctx.parent->id;
        db::attach_certificate(ctx.db(), ctx.commune.id, leave,
                               db::add_document(ctx.db(), ctx.commune.id, family.id, doc));
    }
    db::JournalChange entry;
    entry.actor_kind = "parent";
    entry.actor_id = ctx.parent->id;
    entry.family_id = family.id;
    entry.action = "Enfant malade";
    entry.object_type = "sick_leave";
    entry.object_id = leave;
    entry.detail = child->first_name + " : " + std::to_string(cancelled.size()) +
                   " réservation(s) annulée(s) jusqu'au " + domain::format_date_fr(until);
    db::journal_change(ctx.db(), ctx.commune.id, entry);
    tx.commit();
    return http::see_other("/famille/enfant-malade?fait=1");
}

} // namespace web
