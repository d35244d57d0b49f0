#include "backoffice/disputes.h"

#include "billing/disputes.h"
#include "db/disputes.h"
#include "db/families.h"
#include "domain/money.h"
#include "domain/time.h"
#include "http/error.h"
#include "mail/outbox.h"
#include "view/view.h"
#include "web/fields.h"
#include "web/form_input.h"

#include <ctime>
#include <string>
#include <vector>

namespace backoffice
{

namespace
{

constexpr std::size_t max_answer_chars = 1000;
constexpr int max_disputes_listed = 500;

std::string dispute_url(std::int64_t id)
{
    return "/gestion/contestations/" + std::to_string(id);
}

std::string paris_date_time(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    return t ? domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*t))) : "";
}

const char* status_fr(const std::string& status)
{
    if (status == "granted")
        return "Accordée";
    if (status == "refused")
        return "Refusée";
    return "À traiter";
}

// "Cantine, Léa FICTIF, 12/03/2026"
std::string line_text(const db::DisputeRow& d)
{
    std::string text = d.line_activity.empty() ? d.line_label : d.line_activity;
    if (!d.line_child.empty())
        text += ", " + d.line_child;
    if (!d.line_day.empty())
        text += ", " + web::date_fr(d.line_day);
    return text;
}

void fill_common(ctemplate::TemplateDictionary& row, const db::DisputeRow& d)
{
    row.SetIntValue("DISPUTE_ID", d.id);
    row.SetValue("DISPUTE_URL", dispute_url(d.id));
    row.SetValue("FAMILY", d.family_name);
    row.SetIntValue("FAMILY_NUMBER", d.family_number);
    row.SetValue("FAMILY_URL", "/gestion/familles/" + std::to_string(d.family_id));
    row.SetValue("INVOICE_NUMBER", d.invoice_number);
    row.SetValue("INVOICE_URL", "/gestion/factures/" + std::to_string(d.invoice_id));
    row.SetValue("LINE", line_text(d));
    row.SetValue("LINE_AMOUNT", domain::format_euros(d.line_amount_cents));
    row.SetValue("COMMENT", d.comment);
    row.SetValue("CREATED", paris_date_time(d.created_at));
    row.SetValue("STATUS", status_fr(d.status));
    row.SetValue("STATUS_CLASS", d.status);
}

struct DecisionForm {
    std::string answer;
    std::string message; // French, the problem shown with the form
};

db::DisputeRow dispute_or_404(app::Context& ctx)
{
    auto d = db::load_dispute(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!d)
        throw http::Error(404);
    return std::move(*d);
}

http::Response render_dispute(app::Context& ctx, const db::DisputeRow& d,
                              const DecisionForm* failed, int status)
{
    view::Page page("gestion/contestation.tpl", "Contestation — facture " + d.invoice_number);
    auto& dict = page.dict();
    fill_common(dict, d);
    if (ctx.req.query().get("decision") == "enregistree")
        dict.ShowSection("DONE");
    if (failed)
        dict.SetValueAndShowSection("ERROR", failed->message, "HAS_ERROR");
    if (d.status == "open") {
        auto* form = dict.AddSectionDictionary("CAN_DECIDE");
        form->SetValue("ACTION", dispute_url(d.id));
        form->SetValue("CSRF", ctx.csrf());
        form->SetValue("ANSWER", failed ? failed->answer : std::string());
        return page.render(ctx.layout(), status);
    }
    auto* answered = dict.AddSectionDictionary("ANSWERED");
    answered->SetValue("ANSWERED_AT", paris_date_time(d.answered_at));
    answered->SetValue("ANSWER", d.answer.empty() ? std::string("—") : d.answer);
    if (!d.credit_note_number.empty())
        answered->SetValueAndShowSection("CREDIT_NUMBER", d.credit_note_number, "HAS_CREDIT");
    return page.render(ctx.layout(), status);
}

// The family's confirmed accounts get the answer, with a link to the invoice.
void mail_family(app::Context& ctx, const db::DisputeRow& d, bool granted,
                 const std::string& answer, const billing::DecideResult& result)
{
    ctemplate::TemplateDictionary dict("mail");
    dict.SetValue("COMMUNE_NAME", ctx.commune.name);
    dict.SetValue("INVOICE_NUMBER", d.invoice_number);
    dict.SetValue("LINE", line_text(d));
    dict.SetValue("LINK",
                  ctx.commune.base_url + "/facturation/factures/" + std::to_string(d.invoice_id));
    if (granted) {
        auto* g = dict.AddSectionDictionary("GRANTED");
        g->SetValue("CREDIT_NUMBER", result.credit_number);
        g->SetValue("CREDIT_AMOUNT", domain::format_euros(result.credit_cents));
    } else {
        dict.ShowSection("REFUSED");
    }
    if (!answer.empty())
        dict.SetValueAndShowSection("ANSWER", answer, "HAS_ANSWER");
    mail::Message m;
    m.subject = "Votre contestation de la facture " + d.invoice_number + " — Portail Famille de " +
                ctx.commune.name;
    m.text = view::expand("mail/contestation.txt.tpl", dict);
    m.html = view::expand("mail/contestation.html.tpl", dict);
    for (const auto& account : db::linked_accounts(ctx.db(), ctx.commune.id, d.family_id)) {
        if (!account.confirmed)
            continue;
        m.to = account.email;
        mail::enqueue(ctx.db(), ctx.commune.id, ctx.commune.mail_from,
                      "Portail Famille de " + ctx.commune.name, m);
    }
}

} // namespace

http::Response disputes_list(app::Context& ctx)
{
    const auto invoice = std::string(ctx.req.query().get("facture").value_or(""));
    if (invoice.size() > 40)
        throw http::Error(400, "Ce numéro de facture n'est pas valable.");
    view::Page page("gestion/contestations.tpl", "Contestations");
    auto& d = page.dict();
    if (!invoice.empty())
        d.SetValueAndShowSection("INVOICE_NUMBER", invoice, "FILTERED");
    const auto disputes = db::list_disputes(ctx.db(), ctx.commune.id, invoice, max_disputes_listed);
    int open = 0;
    for (const auto& x : disputes)
        open += x.status == "open";
    d.SetIntValue("OPEN_COUNT", open);
    if (disputes.empty()) {
        d.ShowSection("NO_DISPUTE");
        return page.render(ctx.layout());
    }
    auto* table = d.AddSectionDictionary("HAS_DISPUTES");
    for (const auto& x : disputes)
        fill_common(*table->AddSectionDictionary("DISPUTE"), x);
    return page.render(ctx.layout());
}

http::Response dispute_page(app::Context& ctx)
{
    return render_dispute(ctx, dispute_or_404(ctx), nullptr, 200);
}

http::Response dispute_decide(app::Context& ctx)
{
    const auto dispute = dispute_or_404(ctx);
    const auto& form = ctx.req.form();
    const auto decision = form.get("decision").value_or("");
    const auto answer = web::multiline_field(form, "reponse", 4 * max_answer_chars, false);
    DecisionForm failed{answer.value, ""};
    if (decision != "accepter" && decision != "refuser")
        failed.message = "Choisissez « Accepter » ou « Refuser ».";
    else if (!answer.ok() || web::utf8_length(answer.value) > max_answer_chars)
        failed.message = "La réponse doit faire 1000 caractères au plus, sans caractères de "
                         "contrôle.";
    else if (decision == "refuser" && answer.value.empty())
        failed.message = "Indiquez à la famille la raison du refus dans la réponse.";
    if (!failed.message.empty())
        return render_dispute(ctx, dispute, &failed, 400);
    billing::DecideRequest request;
    request.commune_id = ctx.commune.id;
    request.dispute_id = dispute.id;
    request.grant = decision == "accepter";
    request.answer = answer.value;
    request.agent_id = ctx.agent->id;
    request.today = domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
    // The journal line and the family's mail are written in the decision's transaction.
    const auto record = [&](const billing::DecideResult& decided) {
        db::journal(ctx.db(), ctx.commune.id, "agent", ctx.agent->id,
                    request.grant ? "Contestation accordée" : "Contestation refusée", "dispute",
                    decided.dispute.id,
                    decided.dispute.invoice_number + " : " + line_text(decided.dispute) +
                        (decided.credit_number.empty() ? std::string()
                                                       : ", avoir " + decided.credit_number));
        mail_family(ctx, decided.dispute, request.grant, request.answer, decided);
    };
    const auto result = billing::decide_dispute(ctx.db(), request, record);
    using Status = billing::DecideResult::Status;
    switch (result.status) {
    case Status::NotFound:
        throw http::Error(404);
    case Status::AlreadyDecided: {
        const auto now = db::load_dispute(ctx.db(), ctx.commune.id, dispute.id).value_or(dispute);
        failed.message = "Cette contestation a déjà reçu une réponse.";
        return render_dispute(ctx, now, &failed, 409);
    }
    case Status::CreditRefused:
        failed.message = "L'avoir ne peut pas être émis : " + result.refusal;
        return render_dispute(ctx, dispute, &failed, 409);
    case Status::Done:
        break;
    }
    return http::see_other(dispute_url(dispute.id) + "?decision=enregistree");
}

} // namespace backoffice
