#include "web/invoice_detail.h"

#include "billing/disputes.h"
#include "billing/payment.h"
#include "db/billing.h"
#include "db/disputes.h"
#include "db/payments.h"
#include "domain/money.h"
#include "http/error.h"
#include "http/parse.h"
#include "web/billing.h"
#include "web/fields.h"
#include "web/form_input.h"

#include <algorithm>
#include <string>
#include <vector>

namespace web
{

namespace
{

constexpr std::size_t max_comment_chars = 1000;

// A contest form sent back with its problem (400 or 409).
struct ContestForm {
    std::int64_t line_id = 0;
    std::string comment;
    std::string message;
};

std::string detail_url(std::int64_t id)
{
    return "/facturation/factures/" + std::to_string(id);
}

const char* dispute_status_fr(const std::string& status)
{
    if (status == "granted")
        return "Accordée";
    if (status == "refused")
        return "Refusée";
    return "En cours d'examen";
}

std::string line_text(const db::DisputeRow& d)
{
    std::string text = d.line_activity.empty() ? d.line_label : d.line_activity;
    if (!d.line_child.empty())
        text += ", " + d.line_child;
    if (!d.line_day.empty())
        text += ", " + date_fr(d.line_day);
    return text;
}

void add_disputes(ctemplate::TemplateDictionary& d, const std::vector<db::DisputeRow>& disputes)
{
    if (disputes.empty())
        return;
    auto* section = d.AddSectionDictionary("HAS_DISPUTES");
    for (const auto& x : disputes) {
        auto* row = section->AddSectionDictionary("DISPUTE");
        row->SetIntValue("DISPUTE_ID", x.id);
        row->SetValue("DISPUTE_LINE", line_text(x));
        row->SetValue("DISPUTE_DATE", date_fr(x.created_at.substr(0, 10)));
        row->SetValue("DISPUTE_COMMENT", x.comment);
        row->SetValue("DISPUTE_STATUS", dispute_status_fr(x.status));
        row->SetValue("DISPUTE_STATUS_CLASS", x.status);
        if (!x.answer.empty())
            row->SetValueAndShowSection("DISPUTE_ANSWER", x.answer, "HAS_ANSWER");
        if (!x.credit_note_number.empty())
            row->SetValueAndShowSection("DISPUTE_CREDIT", x.credit_note_number, "HAS_CREDIT");
    }
}

void add_lines(app::Context& ctx, ctemplate::TemplateDictionary& d, std::int64_t invoice_id,
               const std::vector<db::DisputeRow>& disputes, const ContestForm* failed)
{
    const auto csrf = ctx.csrf();
    for (const auto& l : db::invoice_lines(ctx.db(), ctx.commune.id, invoice_id)) {
        auto* row = d.AddSectionDictionary("LINE");
        row->SetIntValue("LINE_ID", l.id);
        row->SetValue("LINE_DAY", l.day.empty() ? std::string("—") : date_fr(l.day));
        row->SetValue("LINE_ACTIVITY", l.activity_name.empty() ? l.label : l.activity_name);
        if (l.pricing == "penalty")
            row->ShowSection("LINE_PENALTY");
        row->SetValue("LINE_CHILD", l.child_name);
        row->SetIntValue("LINE_QUANTITY", l.quantity);
        row->SetValue("LINE_UNIT", domain::format_euros(l.unit_cents));
        row->SetValue("LINE_AMOUNT", domain::format_euros(l.amount_cents));
        if (l.credited_cents > 0)
            row->SetValueAndShowSection("LINE_CREDITED", domain::format_euros(l.credited_cents),
                                        "HAS_LINE_CREDIT");
        bool open = false;
        for (const auto& x : disputes)
            open = open || (x.line_id == l.id && x.status == "open");
        if (open) {
            row->ShowSection("LINE_DISPUTED");
            continue;
        }
        auto* form = row->AddSectionDictionary("CAN_CONTEST");
        form->SetValue("ACTION", detail_url(invoice_id) + "/contestations");
        form->SetValue("CSRF", csrf);
        if (failed && failed->line_id == l.id) {
            form->ShowSection("FORM_OPEN");
            form->SetValue("COMMENT", failed->comment);
            form->SetValueAndShowSection("ERROR", failed->message, "HAS_ERROR");
        }
    }
}

http::Response render(app::Context& ctx, std::int64_t id, const ContestForm* failed, int status)
{
    const auto inv = db::load_invoice(ctx.db(), ctx.commune.id, id);
    const auto family_inv =
        db::load_family_invoice(ctx.db(), ctx.commune.id, ctx.family_id(), id, false);
    if (!inv || !family_inv || inv->family_id != ctx.family_id())
        throw http::Error(404);
    view::Page page("famille/facture.tpl", "Facture " + inv->number);
    auto& d = page.dict();
    d.SetIntValue("ID", inv->id);
    d.SetValue("NUMBER", inv->number);
    d.SetValue("NATURE", family_inv->nature);
    d.SetValue("ISSUED", date_fr(inv->issued_on));
    d.SetValue("DUE_ON", date_fr(inv->due_on));
    d.SetValue("REGIE", inv->regie_name);
    d.SetValue("TOTAL", domain::format_euros(inv->total_cents));
    d.SetValue("PAID", domain::format_euros(inv->paid_cents));
    d.SetValue("CREDITED", domain::format_euros(inv->credited_cents));
    d.SetValue("DUE", domain::format_euros(std::max<domain::Cents>(inv->due_cents(), 0)));
    const auto today = paris_today();
    const auto label = billing::status_label(*family_inv, today);
    if (label == "Payer en ligne") {
        auto* form = d.AddSectionDictionary("PAYABLE");
        form->SetValue("CSRF", ctx.csrf());
        form->SetValue("DUE_AMOUNT", domain::format_euros(family_inv->due_cents()));
    } else {
        d.SetValueAndShowSection("STATUS", label, "NOT_PAYABLE");
    }
    if (ctx.req.query().get("contestation") == "envoyee")
        d.ShowSection("SENT");
    if (failed)
        d.SetValueAndShowSection("FAILED_MESSAGE", failed->message, "FAILED");
    const auto disputes = db::invoice_disputes(ctx.db(), ctx.commune.id, ctx.family_id(), inv->id);
    add_lines(ctx, d, inv->id, disputes, failed);
    add_disputes(d, disputes);
    const auto credits = db::credit_notes(ctx.db(), ctx.commune.id, inv->id);
    if (!credits.empty()) {
        auto* section = d.AddSectionDictionary("HAS_CREDITS");
        for (const auto& c : credits) {
            auto* row = section->AddSectionDictionary("CREDIT");
            row->SetValue("CREDIT_NUMBER", c.number);
            row->SetValue("CREDIT_DATE", date_fr(c.issued_on));
            row->SetValue("CREDIT_AMOUNT", domain::format_euros(c.amount_cents));
            row->SetValue("CREDIT_REASON", c.reason);
        }
    }
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response invoice_detail(app::Context& ctx)
{
    return render(ctx, ctx.path_id("id"), nullptr, 200);
}

http::Response invoice_contest(app::Context& ctx)
{
    const auto invoice_id = ctx.path_id("id");
    const auto& form = ctx.req.form();
    const auto line_text = form.get("ligne").value_or("");
    const auto line = http::parse_id(line_text);
    if (!line) {
        // Not even a line to show the form on: the page says it at the top.
        const ContestForm failed{0, "", "Choisissez la ligne de la facture à contester."};
        return render(ctx, invoice_id, &failed, 400);
    }
    auto comment = multiline_field(form, "commentaire", 4 * max_comment_chars);
    ContestForm failed{*line, comment.value, ""};
    if (comment.problem == FieldProblem::Missing)
        failed.message = "Expliquez en quelques mots ce qui ne va pas sur cette ligne.";
    else if (!comment.ok() || utf8_length(comment.value) > max_comment_chars)
        failed.message = "Le commentaire doit faire 1000 caractères au plus, sans caractères "
                         "de contrôle.";
    if (!failed.message.empty())
        return render(ctx, invoice_id, &failed, 400);
    billing::ContestRequest request;
    request.commune_id = ctx.commune.id;
    request.family_id = ctx.family_id();
    request.account_id = ctx.parent->id;
    request.invoice_id = invoice_id;
    request.line_id = *line;
    request.comment = comment.value;
    switch (billing::contest_line(ctx.db(), request)) {
    case billing::ContestOutcome::NotFound:
        throw http::Error(404);
    case billing::ContestOutcome::AlreadyOpen:
        failed.message = "Cette ligne est déjà contestée : la mairie examine votre première "
                         "contestation et vous répondra par email.";
        return render(ctx, invoice_id, &failed, 409);
    case billing::ContestOutcome::Created:
        break;
    }
    return http::see_other(detail_url(invoice_id) + "?contestation=envoyee");
}

} // namespace web
