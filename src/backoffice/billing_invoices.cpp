#include "backoffice/billing.h"

#include "billing/exports.h"
#include "billing/invoicing.h"
#include "billing/manual_payment.h"
#include "billing/receipt.h"
#include "db/billing.h"
#include "db/families.h"
#include "db/payments.h"
#include "domain/billing.h"
#include "domain/money.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "pdf/invoice_pdf.h"
#include "web/fields.h"
#include "web/form_input.h"

#include <cctype>
#include <ctime>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace backoffice
{

namespace
{

using Errors = std::vector<std::pair<std::string, std::string>>;

// A preview of thousands of families would be a page nobody reads; the totals cover all.
constexpr std::size_t max_families_shown = 300;

domain::Date paris_today()
{
    return domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
}

std::string invoice_url(std::int64_t id)
{
    return "/gestion/factures/" + std::to_string(id);
}

const char* status_fr(const std::string& status)
{
    if (status == "payee")
        return "Payée";
    if (status == "transmise")
        return "Transmise au Trésor public";
    if (status == "annulee")
        return "Annulée";
    return "À payer";
}

std::string anomaly_fr(const domain::Anomaly& a)
{
    const auto days = std::to_string(a.days) + (a.days > 1 ? " jours" : " jour");
    if (a.problem == domain::TariffProblem::NoTariff)
        return "Pas de tarif pour « " + a.activity_name + " » (" + days + " à partir du " +
               domain::format_date_fr(a.first_day) +
               ") : ces jours ne sont pas facturés tant qu'une grille ne les couvre pas.";
    return "Quotient familial absent ou expiré pour « " + a.activity_name + " » (" + days +
           ") : le tarif sans quotient est appliqué.";
}

void add_regie_choices(ctemplate::TemplateDictionary& d, const std::vector<db::Regie>& regies,
                       std::int64_t selected)
{
    for (const auto& r : regies) {
        auto* c = d.AddSectionDictionary("CHOICE");
        c->SetIntValue("CHOICE_ID", r.id);
        c->SetValue("CHOICE_NAME", r.name);
        if (r.id == selected)
            c->ShowSection("CHOICE_SELECTED");
    }
}

// Lines of a draft, grouped for reading.
void add_grouped(ctemplate::TemplateDictionary& d, const char* section,
                 const std::vector<domain::InvoiceLineView>& lines)
{
    for (const auto& g : domain::group_lines(lines)) {
        auto* row = d.AddSectionDictionary(section);
        row->SetValue("CHILD", g.child_name);
        row->SetValue("ACTIVITY", g.activity_name);
        if (g.penalty)
            row->ShowSection("PENALTY");
        row->SetValue("DAYS", domain::days_fr(g.days));
        row->SetIntValue("QUANTITY", g.quantity);
        row->SetValue("UNIT", domain::format_euros(g.unit_cents));
        row->SetValue("AMOUNT", domain::format_euros(g.amount_cents));
    }
}

void add_preview(ctemplate::TemplateDictionary& d, const db::Regie& regie,
                 const billing::Preview& p, const std::string& month_text)
{
    auto* s = d.AddSectionDictionary("PREVIEW");
    s->SetValue("REGIE_NAME", regie.name);
    s->SetIntValue("REGIE_ID", regie.id);
    s->SetValue("MONTH_LABEL", domain::month_label_fr(p.month.year, p.month.month));
    s->SetValue("MOIS", month_text);
    s->SetValue("FIRST_DAY", domain::format_date_fr(p.first_day));
    s->SetValue("LAST_DAY", domain::format_date_fr(p.last_day));
    if (p.month_open)
        s->ShowSection("MONTH_OPEN");
    s->SetIntValue("INVOICE_COUNT", p.invoice_count);
    s->SetIntValue("LINE_COUNT", p.line_count);
    s->SetValue("TOTAL", domain::format_euros(p.total_cents));
    s->SetIntValue("ANOMALY_COUNT", p.anomaly_count);
    if (!p.not_billed.empty()) {
        auto* nb = s->AddSectionDictionary("HAS_NOT_BILLED");
        for (const auto& [reason, count] : p.not_billed) {
            auto* row = nb->AddSectionDictionary("NOT_BILLED");
            row->SetValue("REASON", domain::reason_label_fr(reason));
            row->SetIntValue("COUNT", count);
        }
    }
    if (p.invoice_count == 0)
        s->ShowSection("NOTHING");
    else
        s->ShowSection("CAN_ISSUE");
    std::size_t shown = 0;
    for (const auto& pf : p.families) {
        if (++shown > max_families_shown) {
            s->SetValueAndShowSection(
                "MORE_TEXT",
                "Et " + std::to_string(p.families.size() - max_families_shown) +
                    " autres familles, facturées de la même façon (le détail de chaque facture "
                    "est consultable après l'émission).",
                "MORE");
            break;
        }
        auto* f = s->AddSectionDictionary("FAMILY");
        f->SetIntValue("FAMILY_ID", pf.family.id);
        f->SetValue("FAMILY_NAME", pf.family.name);
        f->SetIntValue("FAMILY_NUMBER", pf.family.number);
        f->SetValue("FAMILY_TOTAL", pf.draft.total_cents > 0
                                        ? domain::format_euros(pf.draft.total_cents)
                                        : std::string("rien à facturer"));
        for (const auto& a : pf.draft.anomalies)
            f->SetValueAndShowSection("ANOMALY_TEXT", anomaly_fr(a), "ANOMALY");
        if (pf.draft.lines.empty())
            continue;
        std::vector<domain::InvoiceLineView> lines;
        lines.reserve(pf.draft.lines.size());
        for (const auto& l : pf.draft.lines)
            lines.push_back({l.child_name, l.activity_name, l.day, l.unit_cents, l.unit_cents,
                             l.billing == domain::Billing::Penalty});
        add_grouped(*f->AddSectionDictionary("HAS_LINES"), "LINE", lines);
    }
}

void add_runs(app::Context& ctx, ctemplate::TemplateDictionary& d)
{
    const auto runs = db::recent_runs(ctx.db(), ctx.commune.id, 20);
    if (runs.empty()) {
        d.ShowSection("NO_RUN");
        return;
    }
    auto* table = d.AddSectionDictionary("HAS_RUNS");
    for (const auto& r : runs) {
        auto* row = table->AddSectionDictionary("RUN");
        if (const auto t = domain::parse_sql_datetime(r.created_at))
            row->SetValue("RUN_AT", domain::format_datetime_fr(
                                        domain::paris_from_epoch(domain::utc_epoch(*t))));
        row->SetValue("RUN_REGIE", r.regie_name);
        row->SetValue("RUN_MONTH", r.month);
        row->SetValue("RUN_INVOICES_URL", "/gestion/factures?mois=" + r.month);
        row->SetValue("RUN_STATUS", r.status == "done"     ? "Terminée"
                                    : r.status == "failed" ? "Interrompue"
                                                           : "En cours");
        row->SetIntValue("RUN_COUNT", r.invoice_count);
        row->SetValue("RUN_NUMBERS", r.invoice_count == 0 ? std::string("—")
                                                          : r.first_number + " à " + r.last_number);
        row->SetValue("RUN_TOTAL", domain::format_euros(r.total_cents));
    }
}

// The régie and month of a query or form: nullopt when absent, 400 when malformed, 404 for
// a régie that is not the commune's.
std::optional<std::pair<db::Regie, domain::MonthRange>>
regie_and_month(app::Context& ctx, std::optional<std::string_view> regie_text,
                std::optional<std::string_view> month_text)
{
    if (!regie_text || !month_text || regie_text->empty() || month_text->empty())
        return std::nullopt;
    const auto id = http::parse_id(*regie_text);
    const auto month = domain::parse_month(*month_text);
    if (!id || !month)
        throw http::Error(400, "Choisissez une régie et un mois au format AAAA-MM.");
    auto regie = db::load_regie(ctx.db(), ctx.commune.id, *id);
    if (!regie)
        throw http::Error(404);
    return std::pair{std::move(*regie), *month};
}

db::InvoiceRow invoice_or_404(app::Context& ctx)
{
    auto inv = db::load_invoice(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!inv)
        throw http::Error(404);
    return std::move(*inv);
}

// The counter-payment form as the agent filled it, with what was wrong.
struct CounterForm {
    std::string amount;
    std::string means = "cheque";
    std::string date; // "YYYY-MM-DD", today by default
    std::string reference;
    std::string comment;
    Errors errors;
};

void add_payments(app::Context& ctx, ctemplate::TemplateDictionary& d, const db::InvoiceRow& inv,
                  const CounterForm& counter)
{
    const auto payments = db::invoice_payments(ctx.db(), ctx.commune.id, inv.id);
    const auto shown = ctx.req.query().get("recu");
    for (const auto& p : payments)
        if (shown && *shown == p.receipt_number)
            d.SetValueAndShowSection("RECORDED_RECEIPT", p.receipt_number, "RECORDED");
    if (!payments.empty()) {
        auto* section = d.AddSectionDictionary("HAS_PAYMENTS");
        for (const auto& p : payments) {
            auto* row = section->AddSectionDictionary("PAYMENT");
            row->SetValue("PAYMENT_DATE", billing::paid_text(p));
            row->SetValue("PAYMENT_MEANS", billing::means_text(p));
            row->SetValue("PAYMENT_AMOUNT", domain::format_euros(p.amount_cents));
            row->SetValue("PAYMENT_RECEIPT", p.receipt_number);
            row->SetValue("PAYMENT_RECEIPT_URL",
                          "/gestion/paiements/" + std::to_string(p.id) + "/recu");
        }
    }
    if (inv.status != "a_payer" || inv.due_cents() <= 0)
        return;
    auto* form = d.AddSectionDictionary("CAN_PAY");
    form->SetValue("PAY_URL", invoice_url(inv.id) + "/paiements");
    form->SetValue("PAY_AMOUNT", counter.amount.empty() && counter.errors.empty()
                                     ? billing::csv_amount(inv.due_cents())
                                     : counter.amount);
    form->SetValue("PAY_DATE",
                   counter.date.empty() ? domain::iso_date(paris_today()) : counter.date);
    form->SetValue("PAY_REFERENCE", counter.reference);
    form->SetValue("PAY_COMMENT", counter.comment);
    for (const auto& m : billing::counter_means) {
        auto* row = form->AddSectionDictionary("MEANS");
        row->SetValue("MEANS_VALUE", m.value);
        row->SetValue("MEANS_LABEL", m.label);
        if (counter.means == m.value)
            row->ShowSection("MEANS_SELECTED");
    }
    for (const auto& [field, message] : counter.errors) {
        auto* e = form->AddSectionDictionary("PAY_ERROR");
        e->SetValue("FIELD", field);
        e->SetValue("MESSAGE", message);
    }
    if (!counter.errors.empty())
        form->ShowSection("PAY_HAS_ERRORS");
}

http::Response render_invoice(app::Context& ctx, const db::InvoiceRow& inv, const Errors& errors,
                              const std::string& amount, const std::string& reason, int status,
                              const CounterForm& counter = {})
{
    view::Page page("gestion/invoice.tpl", "Facture " + inv.number);
    auto& d = page.dict();
    d.SetValue("NUMBER", inv.number);
    d.SetValue("REGIE", inv.regie_name);
    d.SetValue("FAMILY", inv.family_name);
    d.SetIntValue("FAMILY_NUMBER", inv.family_number);
    d.SetValue("FAMILY_ADDRESS", inv.family_address);
    if (const auto m = domain::parse_month(inv.month))
        d.SetValue("MONTH", domain::month_label_fr(m->year, m->month));
    d.SetValue("ISSUED", web::date_fr(inv.issued_on));
    d.SetValue("DUE_ON", web::date_fr(inv.due_on));
    d.SetValue("TOTAL", domain::format_euros(inv.total_cents));
    d.SetValue("PAID", domain::format_euros(inv.paid_cents));
    d.SetValue("CREDITS", domain::format_euros(inv.credited_cents));
    d.SetValue("DUE", domain::format_euros(inv.due_cents()));
    d.SetValue("STATUS", status_fr(inv.status));
    const auto& query = ctx.req.query();
    if (query.get("transmise") == "1")
        d.ShowSection("TRANSMITTED");

    const auto lines = db::invoice_lines(ctx.db(), ctx.commune.id, inv.id);
    std::vector<domain::InvoiceLineView> views;
    for (const auto& l : lines)
        views.push_back({l.child_name, l.activity_name,
                         domain::parse_iso_date(l.day).value_or(domain::Date{}), l.unit_cents,
                         l.amount_cents, l.pricing == "penalty"});
    add_grouped(d, "GROUP", views);
    const auto credits = db::credit_notes(ctx.db(), ctx.commune.id, inv.id);
    const auto shown = query.get("avoir");
    for (const auto& c : credits)
        if (shown && *shown == c.number)
            d.SetValueAndShowSection("CREDIT_NUMBER", c.number, "CREDITED");
    if (!credits.empty()) {
        auto* section = d.AddSectionDictionary("HAS_CREDITS");
        for (const auto& c : credits) {
            auto* row = section->AddSectionDictionary("CREDIT");
            row->SetValue("CREDIT_NUMBER", c.number);
            row->SetValue("CREDIT_DATE", web::date_fr(c.issued_on));
            row->SetValue("CREDIT_AMOUNT", domain::format_euros(c.amount_cents));
            row->SetValue("CREDIT_REASON", c.reason);
        }
    }
    if (inv.status != "annulee" && inv.due_cents() > 0) {
        auto* form = d.AddSectionDictionary("CAN_CREDIT");
        form->SetValue("CREDIT_URL", invoice_url(inv.id) + "/avoir");
        form->SetValue("MONTANT", amount);
        form->SetValue("MOTIF", reason);
        for (const auto& l : lines) {
            auto* row = form->AddSectionDictionary("LINE");
            row->SetIntValue("LINE_ID", l.id);
            row->SetValue("LINE_DAY", web::date_fr(l.day));
            row->SetValue("LINE_CHILD", l.child_name);
            row->SetValue("LINE_ACTIVITY", l.activity_name);
            row->SetValue("LINE_AMOUNT", domain::format_euros(l.amount_cents));
            if (l.credited_cents >= l.amount_cents)
                row->ShowSection("LINE_DONE");
        }
        for (const auto& [field, message] : errors) {
            auto* e = form->AddSectionDictionary("ERROR");
            e->SetValue("FIELD", field);
            e->SetValue("MESSAGE", message);
        }
        if (!errors.empty())
            form->ShowSection("HAS_ERRORS");
    }
    if (inv.status == "a_payer")
        d.SetValueAndShowSection("TRANSMIT_URL", invoice_url(inv.id) + "/transmettre",
                                 "CAN_TRANSMIT");
    add_payments(ctx, d, inv, counter);
    return page.render(ctx.layout(), status);
}

} // namespace

http::Response billing_page(app::Context& ctx)
{
    const auto& query = ctx.req.query();
    const auto chosen = regie_and_month(ctx, query.get("regie"), query.get("mois"));
    view::Page page("gestion/billing_run.tpl", "Facturation");
    auto& d = page.dict();
    const auto regies = db::list_regies(ctx.db(), ctx.commune.id);
    if (regies.empty())
        d.ShowSection("NO_REGIE");
    else
        add_regie_choices(*d.AddSectionDictionary("HAS_REGIES"), regies,
                          chosen ? chosen->first.id : 0);
    const auto today = paris_today();
    d.SetValue("MOIS",
               chosen ? std::string(*query.get("mois")) : domain::iso_date(today).substr(0, 7));
    if (const auto run = query.get("execution")) {
        const auto id = http::parse_id(*run);
        for (const auto& r : db::recent_runs(ctx.db(), ctx.commune.id, 50))
            if (id && r.id == *id)
                d.SetValueAndShowSection(
                    "ISSUED_TEXT",
                    r.invoice_count == 0
                        ? std::string("Aucune facture émise : rien de nouveau à facturer.")
                        : std::to_string(r.invoice_count) + " facture(s) émise(s), numéros " +
                              r.first_number + " à " + r.last_number + ", total " +
                              domain::format_euros(r.total_cents) + ".",
                    "ISSUED");
    }
    if (chosen) {
        const auto preview = billing::preview_run(ctx.db(), ctx.commune.id, ctx.commune.name,
                                                  chosen->first, chosen->second, today);
        add_preview(d, chosen->first, preview, std::string(*query.get("mois")));
    }
    add_runs(ctx, d);
    return page.render(ctx.layout());
}

http::Response billing_issue(app::Context& ctx)
{
    const auto& form = ctx.req.form();
    const auto chosen = regie_and_month(ctx, form.get("regie"), form.get("mois"));
    if (!chosen)
        throw http::Error(400, "Choisissez une régie et un mois au format AAAA-MM.");
    const auto& [regie, month] = *chosen;
    const auto result = billing::issue_run(ctx.db(), ctx.commune.id, ctx.commune.name, regie, month,
                                           paris_today(), ctx.agent->id);
    const auto month_text = domain::iso_date(month.first).substr(0, 7);
    db::journal(ctx.db(), ctx.commune.id, "agent", ctx.agent->id, "Émission de factures", "regie",
                regie.id,
                regie.name + ", " + month_text + " : " + std::to_string(result.issued.count) +
                    " facture(s)" +
                    (result.issued.count
                         ? ", " + result.issued.first_number + " à " + result.issued.last_number
                         : std::string()));
    return http::see_other("/gestion/facturation?regie=" + std::to_string(regie.id) +
                           "&mois=" + month_text + "&execution=" + std::to_string(result.run_id));
}

http::Response invoices_list(app::Context& ctx)
{
    const auto& query = ctx.req.query();
    db::InvoiceFilter filter;
    const auto regie_text = query.get("regie").value_or("");
    const auto month_text = query.get("mois").value_or("");
    const auto family_text = query.get("famille").value_or("");
    if (!regie_text.empty()) {
        const auto id = http::parse_id(regie_text);
        if (!id)
            throw http::Error(400);
        filter.regie_id = *id;
    }
    if (!month_text.empty()) {
        if (!domain::parse_month(month_text))
            throw http::Error(400, "Le mois s'écrit AAAA-MM, par exemple 2026-11.");
        filter.month = std::string(month_text);
    }
    if (!family_text.empty()) {
        const auto number = http::parse_id(family_text);
        if (!number)
            throw http::Error(400, "Le numéro de famille est un nombre entier.");
        filter.family_number = *number;
    }
    view::Page page("gestion/invoices.tpl", "Factures");
    auto& d = page.dict();
    add_regie_choices(d, db::list_regies(ctx.db(), ctx.commune.id), filter.regie_id);
    d.SetValue("MOIS", std::string(month_text));
    d.SetValue("FAMILLE", std::string(family_text));
    const auto export_month =
        month_text.empty() ? *domain::parse_month(domain::iso_date(paris_today()).substr(0, 7))
                           : *domain::parse_month(month_text);
    d.SetValue("EXPORT_DU", domain::iso_date(export_month.first));
    d.SetValue("EXPORT_AU", domain::iso_date(export_month.last));
    d.SetValue("PAYMENTS_EXPORT_URL",
               "/gestion/exports/paiements.csv?regie=" +
                   (filter.regie_id ? std::to_string(filter.regie_id) : std::string()) +
                   "&du=" + domain::iso_date(export_month.first) +
                   "&au=" + domain::iso_date(export_month.last));
    const auto invoices = db::list_invoices(ctx.db(), ctx.commune.id, filter);
    d.SetIntValue("COUNT", static_cast<long>(invoices.size()));
    if (invoices.empty())
        d.ShowSection("NO_INVOICE");
    auto* table = invoices.empty() ? nullptr : d.AddSectionDictionary("HAS_INVOICES");
    for (const auto& inv : invoices) {
        auto* row = table->AddSectionDictionary("INVOICE");
        row->SetValue("URL", invoice_url(inv.id));
        row->SetValue("NUMBER", inv.number);
        row->SetValue("ISSUED", web::date_fr(inv.issued_on));
        row->SetValue("DUE_ON", web::date_fr(inv.due_on));
        row->SetValue("REGIE", inv.regie_name);
        row->SetValue("FAMILY", inv.family_name);
        row->SetValue("MONTH", inv.month);
        row->SetValue("TOTAL", domain::format_euros(inv.total_cents));
        row->SetValue("DUE", domain::format_euros(inv.due_cents()));
        row->SetValue("STATUS", status_fr(inv.status));
    }
    return page.render(ctx.layout());
}

http::Response invoice_page(app::Context& ctx)
{
    return render_invoice(ctx, invoice_or_404(ctx), {}, "", "", 200);
}

http::Response invoice_credit(app::Context& ctx)
{
    const auto invoice = invoice_or_404(ctx);
    const auto& form = ctx.req.form();
    billing::CreditRequest request;
    request.invoice_id = invoice.id;
    request.agent_id = ctx.agent->id;
    request.today = paris_today();
    Errors errors;
    for (const auto text : form.all("lignes")) {
        const auto id = http::parse_id(text);
        if (!id)
            throw http::Error(400);
        request.line_ids.push_back(*id);
    }
    const auto amount = web::text_field(form, "montant", 30, false);
    if (!amount.value.empty()) {
        request.amount_cents = amount.ok() ? domain::parse_euros(amount.value) : std::nullopt;
        if (!request.amount_cents)
            errors.emplace_back("avoir-montant", "Le montant s'écrit en euros, par exemple 12,50.");
        else if (!request.line_ids.empty())
            errors.emplace_back("avoir-montant",
                                "Cochez des jours ou indiquez un montant, pas les deux.");
    }
    const auto reason = web::multiline_field(form, "motif", 1000);
    if (!reason.ok())
        errors.emplace_back("avoir-motif",
                            "Indiquez le motif de l'avoir (1 000 caractères au plus).");
    if (!errors.empty())
        return render_invoice(ctx, invoice, errors, amount.value, reason.value, 400);
    request.reason = reason.value;
    const auto result = billing::issue_credit_note(ctx.db(), ctx.commune.id, request);
    if (!result.found)
        throw http::Error(404);
    if (!result.refusal.empty())
        return render_invoice(ctx, invoice, {{"avoir-lignes", result.refusal}}, amount.value,
                              reason.value, 409);
    db::journal(ctx.db(), ctx.commune.id, "agent", ctx.agent->id, "Avoir", "invoice", invoice.id,
                invoice.number + " : avoir " + result.number + " de " +
                    domain::format_euros(result.amount_cents) + " (" + request.reason + ")");
    return http::see_other(invoice_url(invoice.id) + "?avoir=" + result.number);
}

http::Response invoice_counter_payment(app::Context& ctx)
{
    const auto invoice = invoice_or_404(ctx);
    const auto& form = ctx.req.form();
    CounterForm counter;
    billing::CounterPayment request;
    request.commune_id = ctx.commune.id;
    request.invoice_id = invoice.id;
    request.agent_id = ctx.agent->id;
    request.now_epoch = static_cast<std::int64_t>(std::time(nullptr));
    request.today = domain::paris_from_epoch(request.now_epoch).date;

    const auto amount = web::text_field(form, "montant", 30);
    counter.amount = amount.value;
    domain::Cents cents = 0;
    if (amount.ok())
        cents = domain::parse_euros(amount.value).value_or(0);
    if (cents <= 0)
        counter.errors.emplace_back("paiement-montant",
                                    "Indiquez le montant reçu en euros, par exemple 12,50.");
    const auto means = web::text_field(form, "mode", 30);
    counter.means = means.value;
    if (!billing::is_counter_means(means.value))
        counter.errors.emplace_back("paiement-mode", "Choisissez un mode de paiement de la liste.");
    const auto date = web::text_field(form, "date", 10, false);
    counter.date = date.value;
    const auto received =
        date.value.empty() ? std::optional(request.today) : domain::parse_iso_date(date.value);
    if (!date.ok() || !received)
        counter.errors.emplace_back("paiement-date",
                                    "La date de réception s'écrit AAAA-MM-JJ, par exemple "
                                    "2026-11-30.");
    else if (request.today < *received)
        counter.errors.emplace_back("paiement-date",
                                    "La date de réception ne peut pas être dans le futur.");
    else if (domain::days_from_civil(request.today) - domain::days_from_civil(*received) > 366)
        counter.errors.emplace_back("paiement-date",
                                    "La date de réception remonte à plus d'un an.");
    const auto reference = web::text_field(form, "reference", 20, false);
    counter.reference = reference.value;
    if (!reference.ok())
        counter.errors.emplace_back("paiement-reference",
                                    "La référence (numéro de chèque…) tient en 20 caractères.");
    const auto comment = web::multiline_field(form, "commentaire", 500, false);
    counter.comment = comment.value;
    if (!comment.ok())
        counter.errors.emplace_back("paiement-commentaire",
                                    "Le commentaire tient en 500 caractères.");
    if (!counter.errors.empty())
        return render_invoice(ctx, invoice, {}, "", "", 400, counter);

    request.means = means.value;
    request.amount_cents = cents;
    request.received_on = received.value_or(request.today);
    request.reference = reference.value;
    request.comment = comment.value;
    const auto result = billing::record_counter_payment(ctx.db(), request);
    using Status = billing::CounterResult::Status;
    if (result.status == Status::NotFound)
        throw http::Error(404);
    if (result.status == Status::Refused) {
        counter.errors.emplace_back("paiement-montant", result.reason);
        const auto current = invoice_or_404(ctx);
        return render_invoice(ctx, current, {}, "", "", 409, counter);
    }
    return http::see_other(invoice_url(invoice.id) + "?recu=" + result.receipt_number);
}

http::Response payment_receipt_agent(app::Context& ctx)
{
    const auto p = db::commune_payment(ctx.db(), ctx.commune.id, ctx.path_id("id"));
    if (!p)
        throw http::Error(404);
    std::string name;
    for (const char c : "recu-" + p->receipt_number + ".pdf")
        name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
    http::Response res;
    res.content_type = "application/pdf";
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_header("Cache-Control", "private, no-store");
    res.body = pdf::render_receipt(billing::receipt_document(*p, ctx.commune.name));
    return res;
}

http::Response invoice_transmit(app::Context& ctx)
{
    const auto invoice = invoice_or_404(ctx);
    db::Transaction tx(ctx.db());
    if (!db::mark_invoice_transmitted(ctx.db(), ctx.commune.id, invoice.id))
        throw http::Error(409, "Seule une facture à payer peut être transmise au Trésor public.");
    db::journal(ctx.db(), ctx.commune.id, "agent", ctx.agent->id, "Transmission au Trésor public",
                "invoice", invoice.id, invoice.number);
    tx.commit();
    return http::see_other(invoice_url(invoice.id) + "?transmise=1");
}

} // namespace backoffice
