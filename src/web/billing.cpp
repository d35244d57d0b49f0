#include "web/billing.h"

#include "app/family_billing.h"
#include "billing/estimate.h"
#include "billing/payment.h"
#include "db/billing.h"
#include "db/payments.h"
#include "domain/money.h"
#include "domain/time.h"
#include "http/error.h"
#include "http/parse.h"
#include "pdf/invoice_pdf.h"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace web
{

namespace
{

using app::invoices_per_page;

domain::Date date_of(const std::string& iso)
{
    const auto t = domain::parse_sql_datetime(iso + " 00:00:00");
    return t ? t->date : domain::Date{};
}

std::string date_fr(const std::string& iso)
{
    return iso.empty() ? std::string() : domain::format_date_fr(date_of(iso));
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::string line;
    for (const char c : text + "\n") {
        if (c != '\n') {
            line += c;
            continue;
        }
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty())
            out.push_back(line);
        line.clear();
    }
    return out;
}

// "Janvier 2022" for "2022-01".
std::string period_label(const std::string& month)
{
    const auto d = date_of(month + "-01");
    std::string name = domain::month_name_fr(d.month);
    if (!name.empty())
        name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name + " " + std::to_string(d.year);
}

int requested_page(const app::Context& ctx)
{
    const auto text = ctx.req.query().get("page");
    if (!text)
        return 1;
    const auto n = http::parse_int(*text);
    if (!n || *n < 1 || *n > 100000)
        throw http::Error(400, "Le numéro de page doit être un nombre entier à partir de 1.");
    return static_cast<int>(*n);
}

void fill_pagination(ctemplate::TemplateDictionary& d, int page, int pages)
{
    if (pages <= 1)
        return;
    auto* nav = d.AddSectionDictionary("PAGINATION");
    if (page > 1)
        nav->AddSectionDictionary("PREVIOUS")->SetIntValue("N", page - 1);
    for (int n = 1; n <= pages; ++n) {
        auto* link = nav->AddSectionDictionary("PAGE_LINK");
        link->SetIntValue("N", n);
        link->ShowSection(n == page ? "CURRENT" : "OTHER");
    }
    if (page < pages)
        nav->AddSectionDictionary("NEXT")->SetIntValue("N", page + 1);
}

// "1er novembre" for the 1st, "29 novembre" otherwise.
std::string day_month_fr(domain::Date d)
{
    return (d.day == 1 ? std::string("1er") : std::to_string(d.day)) + " " +
           domain::month_name_fr(d.month);
}

// The month's running estimate (SPEC §9) at the top of the page.
void fill_estimate(const billing::Estimate& e, ctemplate::TemplateDictionary& d)
{
    auto* section = d.AddSectionDictionary("ESTIMATE");
    section->SetValue("ESTIMATE_TOTAL", domain::format_euros(e.total_cents));
    // "du 1er au 29 novembre"; "du 1er novembre" on the 1st.
    const auto period = e.first_day == e.last_day ? "du " + day_month_fr(e.last_day)
                                                  : "du " + std::to_string(e.first_day.day) +
                                                        (e.first_day.day == 1 ? "er" : "") +
                                                        " au " + day_month_fr(e.last_day);
    section->SetValue("ESTIMATE_PERIOD", period);
    if (e.unpriced)
        section->ShowSection("ESTIMATE_UNPRICED");
    if (e.parts.empty())
        return;
    auto* list = section->AddSectionDictionary("ESTIMATE_PARTS");
    for (const auto& part : e.parts) {
        auto* row = list->AddSectionDictionary("ESTIMATE_PART");
        row->SetValue("PART_REGIE", part.regie_name);
        row->SetValue("PART_CHILD", part.child_name);
        row->SetIntValue("PART_DAYS", part.days);
        row->SetValue("PART_AMOUNT", domain::format_euros(part.cents));
    }
}

} // namespace

std::string paris_today()
{
    return domain::iso_date(
        domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date);
}

http::Response pdf_download(const std::string& file_name, std::string pdf)
{
    std::string safe;
    for (const char c : file_name)
        safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
    http::Response r;
    r.content_type = "application/pdf";
    r.set_header("Content-Disposition", "attachment; filename=\"" + safe + "\"");
    r.set_header("Cache-Control", "private, no-store");
    r.body = std::move(pdf);
    return r;
}

http::Response billing_page(app::Context& ctx)
{
    const int page = requested_page(ctx);
    const auto today = domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
    // From the worker's memory while the family's bills do not change (app/family_billing.h).
    const auto billing = app::family_billing(ctx, today);
    const int count = billing.count;
    const int pages = std::max(1, (count + invoices_per_page - 1) / invoices_per_page);
    if (page > pages)
        throw http::Error(400, "Cette page de l'historique n'existe pas : il y a " +
                                   std::to_string(pages) + " page(s).");
    // Only the first page is kept in memory: the others are read (one statement).
    const auto later_page =
        page == 1 ? std::vector<db::FamilyInvoice>()
                  : db::family_invoices(ctx.db(), ctx.commune.id, ctx.family_id(),
                                        (page - 1) * invoices_per_page, invoices_per_page);
    const auto& invoices = page == 1 ? billing.first_page : later_page;
    view::Page view("famille/facturation.tpl", "Espace facturation");
    auto& d = view.dict();
    d.SetValue("BALANCE", domain::format_euros(billing.balance));
    d.SetIntValue("COUNT", count);
    d.SetIntValue("PAGE", page);
    d.SetIntValue("PAGES", pages);
    fill_estimate(billing.estimate, d);
    const auto layout = ctx.layout();
    if (count == 0) {
        d.ShowSection("NO_INVOICE");
        return view.render(layout);
    }
    auto* list = d.AddSectionDictionary("HAS_INVOICES");
    const auto today_iso = domain::iso_date(today);
    for (const auto& inv : invoices) {
        auto* row = list->AddSectionDictionary("INVOICE");
        row->SetIntValue("ID", inv.id);
        row->SetValue("DATE", date_fr(inv.issued_on));
        row->SetValue("NATURE", inv.nature);
        row->SetValue("NUMBER", inv.number);
        row->SetValue("DUE", date_fr(inv.due_on));
        row->SetValue("REGIE", inv.regie_name);
        row->SetValue("AMOUNT", domain::format_euros(inv.total_cents));
        const auto label = billing::status_label(inv, today_iso);
        if (label == "Payer en ligne") {
            auto* form = row->AddSectionDictionary("PAYABLE");
            form->SetValue("CSRF", layout.csrf);
            form->SetValue("DUE_AMOUNT", domain::format_euros(inv.due_cents()));
        } else if (label == "Payée") {
            row->ShowSection("PAID");
        } else {
            row->SetValueAndShowSection("LABEL", label, "CLOSED");
        }
    }
    fill_pagination(*list, page, pages);
    return view.render(layout);
}

http::Response invoice_pdf(app::Context& ctx)
{
    const auto id = ctx.path_id("id");
    const auto inv = db::load_invoice(ctx.db(), ctx.commune.id, id);
    if (!inv || inv->family_id != ctx.family_id())
        throw http::Error(404);
    pdf::InvoiceDocument doc;
    doc.commune.name = inv->commune_name.empty() ? ctx.commune.name : inv->commune_name;
    doc.regie.name = inv->regie_name;
    doc.regie.address_lines = lines_of(inv->regie_address);
    doc.regie.payfip_numcli = inv->payfip_numcli;
    doc.family.name = inv->family_name;
    doc.family.address_lines = lines_of(inv->family_address);
    doc.number = inv->number;
    doc.period_label = period_label(inv->month);
    doc.issue_date = date_of(inv->issued_on);
    doc.due_date = date_of(inv->due_on);
    for (const auto& l : db::invoice_lines(ctx.db(), ctx.commune.id, id)) {
        pdf::InvoiceLine line;
        line.date = l.day.empty() ? doc.issue_date : date_of(l.day);
        line.activity = l.activity_name.empty() ? l.label : l.activity_name;
        line.child = l.child_name;
        line.quantity = l.quantity;
        line.unit_price_cents = l.unit_cents;
        line.amount_cents = l.amount_cents;
        if (l.pricing == "penalty")
            line.note = "présence sans réservation";
        doc.lines.push_back(std::move(line));
    }
    doc.total_cents = inv->total_cents;
    doc.paid_cents = inv->paid_cents;
    doc.credit_notes_cents = inv->credited_cents;
    doc.amount_due_cents = std::max<domain::Cents>(inv->due_cents(), 0);
    doc.payment.payable_online = payment::valid_numcli(inv->payfip_numcli);
    doc.payment.portal_url = ctx.commune.base_url + "/facturation";
    doc.payment.office_text = inv->regie_office;
    doc.payment.payfip_refdet = billing::refdet_of(inv->number);
    return pdf_download("facture-" + inv->number + ".pdf", pdf::render_invoice(doc));
}

http::Response invoice_pay(app::Context& ctx)
{
    billing::StartRequest r;
    r.commune_id = ctx.commune.id;
    r.family_id = ctx.family_id();
    r.account_id = ctx.parent->id;
    r.invoice_id = ctx.path_id("id");
    r.email = ctx.parent->email;
    r.base_url = ctx.commune.base_url;
    r.saisie = ctx.services.config.payfip_saisie.front();
    r.today = paris_today();
    r.request_id = ctx.req.request_id();
    payment::PayfipProvider provider(ctx.services.config.payfip_url);
    const auto started = billing::start_payment(ctx.db(), provider, r);
    using S = billing::StartResult::Status;
    switch (started.status) {
    case S::NotFound:
        throw http::Error(404);
    case S::NotPayable:
        throw http::Error(409, started.reason);
    case S::Unavailable:
        throw http::Error(503, started.reason, 60);
    case S::Redirect:
        break;
    }
    auto r303 = http::see_other(started.url);
    return r303;
}

} // namespace web
