#include "billing/invoicing.h"

#include "db/invoice_publication.h"
#include "db/payments.h"
#include "db/retry.h"
#include "domain/identity.h"
#include "domain/money.h"
#include "domain/time.h"
#include "mail/outbox_batch.h"
#include "view/view.h"

#include <algorithm>
#include <set>
#include <span>
#include <tuple>

namespace billing
{

namespace
{

// Families per issuing transaction: small enough to keep locks short, large enough for
// multi-row inserts to pay.
constexpr std::size_t families_per_transaction = 400;

domain::Date months_before(domain::Date first_of_month, int months)
{
    int index = first_of_month.year * 12 + (first_of_month.month - 1) - months;
    return {index / 12, index % 12 + 1, 1};
}

// In the chunk's issuing transaction: one "Nouvelle facture" mail per confirmed account of
// each family just invoiced, and the invoices marked published, in a few statements.
void publish_chunk(db::Connection& conn, const db::Commune& commune, const db::Regie& regie,
                   std::int64_t run_id, std::span<const db::NewInvoice> chunk)
{
    std::vector<std::int64_t> families;
    families.reserve(chunk.size());
    for (const auto& inv : chunk)
        families.push_back(inv.family_id);
    const auto recipients = db::unpublished_invoice_recipients(conn, commune.id, run_id, families);
    std::vector<mail::Message> messages;
    messages.reserve(recipients.size());
    const auto from_name = "Portail Famille de " + commune.name;
    for (const auto& r : recipients) {
        ctemplate::TemplateDictionary dict("mail");
        dict.SetValue("COMMUNE_NAME", commune.name);
        dict.SetValue("NUMBER", r.number);
        dict.SetValue("REGIE", regie.name);
        const auto amount = domain::format_euros(r.total_cents);
        dict.SetValue("AMOUNT", amount);
        const auto due = domain::parse_iso_date(r.due_on);
        dict.SetValue("DUE", due ? domain::format_date_fr(*due) : r.due_on);
        dict.SetValue("LINK", commune.base_url + "/facturation");
        mail::Message m;
        m.to = r.email;
        m.subject = "Nouvelle facture " + r.number + " de " + amount + " — " + from_name;
        m.text = view::expand("mail/facture.txt.tpl", dict);
        m.html = view::expand("mail/facture.html.tpl", dict);
        messages.push_back(std::move(m));
    }
    mail::enqueue_batch(conn, commune.id, commune.mail_from, from_name, messages);
    db::mark_invoices_published(conn, commune.id, run_id, families);
}

Preview compute(db::Connection& conn, std::int64_t commune_id, const std::string& commune_name,
                const db::Regie& regie, const domain::MonthRange& month, domain::Date today)
{
    Preview p;
    p.month = month;
    p.first_day = months_before(month.first, lookback_months);
    const auto yesterday = domain::add_days(today, -1);
    p.month_open = month.last > yesterday;
    p.last_day = std::min(month.last, yesterday);
    if (p.last_day < p.first_day)
        return p;
    auto facts = db::uninvoiced_facts(conn, commune_id, regie.id, p.first_day, p.last_day);
    // Facts of earlier months count only when billed (late ones): the not-billed counters
    // describe the month.
    std::erase_if(facts, [&](const domain::FactRow& f) {
        return f.day < month.first &&
               domain::decide_billing(f.fact).billing == domain::Billing::NotBilled;
    });
    auto families = db::billing_families(conn, commune_id);
    std::map<std::int64_t, domain::FamilyPricing> pricing;
    for (auto& [id, f] : families) {
        f.pricing = family_pricing(f, commune_name);
        pricing.emplace(id, f.pricing);
    }
    auto run =
        domain::draft_invoices(facts, pricing, db::regie_tariffs(conn, commune_id, regie.id));
    p.not_billed = std::move(run.not_billed);
    for (auto& draft : run.invoices) {
        PreviewFamily pf;
        if (const auto it = families.find(draft.family_id); it != families.end())
            pf.family = it->second;
        pf.family.id = draft.family_id;
        if (draft.total_cents > 0) {
            ++p.invoice_count;
            p.line_count += static_cast<int>(draft.lines.size());
            p.total_cents += draft.total_cents;
        }
        p.anomaly_count += static_cast<int>(draft.anomalies.size());
        pf.draft = std::move(draft);
        p.families.push_back(std::move(pf));
    }
    std::stable_sort(
        p.families.begin(), p.families.end(), [](const PreviewFamily& a, const PreviewFamily& b) {
            return std::tie(a.family.name, a.family.id) < std::tie(b.family.name, b.family.id);
        });
    return p;
}

} // namespace

domain::FamilyPricing family_pricing(const db::BillingFamily& family,
                                     const std::string& commune_name)
{
    auto pricing = family.pricing;
    pricing.resident = domain::normalize_name(family.city) == domain::normalize_name(commune_name);
    return pricing;
}

Preview preview_run(db::Connection& conn, std::int64_t commune_id, const std::string& commune_name,
                    const db::Regie& regie, const domain::MonthRange& month, domain::Date today)
{
    return compute(conn, commune_id, commune_name, regie, month, today);
}

IssueResult issue_run(db::Connection& conn, std::int64_t commune_id,
                      const std::string& commune_name, const db::Regie& regie,
                      const domain::MonthRange& month, domain::Date today, std::int64_t agent_id)
{
    db::RegieRunLock lock(conn, regie.id);
    const auto commune = db::load_commune(conn, commune_id);
    if (!commune)
        throw std::runtime_error("invoicing run: unknown commune " + std::to_string(commune_id));
    IssueResult result;
    result.run_id = db::start_run(conn, commune_id, regie.id,
                                  domain::iso_date(month.first).substr(0, 7), agent_id);
    try {
        const auto preview = compute(conn, commune_id, commune_name, regie, month, today);
        std::vector<db::NewInvoice> invoices;
        for (const auto& pf : preview.families) {
            if (pf.draft.total_cents <= 0)
                continue;
            invoices.push_back({pf.family.id, pf.family.name, pf.family.address, pf.family.number,
                                pf.draft.total_cents, &pf.draft.lines});
        }
        db::IssueHeader header;
        header.run_id = result.run_id;
        header.month = domain::iso_date(month.first).substr(0, 7);
        header.issued_on = today;
        header.due_on = domain::due_date(today, regie.payment_days);
        header.commune_name = commune_name;
        for (std::size_t start = 0; start < invoices.size(); start += families_per_transaction) {
            const auto n = std::min(families_per_transaction, invoices.size() - start);
            const std::span<const db::NewInvoice> chunk(invoices.data() + start, n);
            const auto issued = db::with_retry([&] {
                db::Transaction tx(conn);
                auto range = db::insert_invoices(conn, commune_id, regie, header, chunk);
                publish_chunk(conn, *commune, regie, result.run_id, chunk);
                tx.commit();
                return range;
            });
            if (result.issued.count == 0)
                result.issued.first_number = issued.first_number;
            result.issued.last_number = issued.last_number;
            result.issued.count += issued.count;
            result.issued.lines += issued.lines;
            for (const auto& inv : chunk)
                result.total_cents += inv.total_cents;
        }
    } catch (...) {
        try {
            db::finish_run(conn, commune_id, result.run_id, false, result.issued,
                           result.total_cents);
        } catch (...) {
            // The run row stays "running"; the invoices committed so far are consistent.
        }
        throw;
    }
    db::finish_run(conn, commune_id, result.run_id, true, result.issued, result.total_cents);
    return result;
}

CreditResult issue_credit_note_in(db::Transaction& /*open*/, db::Connection& conn,
                                  std::int64_t commune_id, const CreditRequest& request)
{
    CreditResult result;
    const auto invoice = db::lock_invoice(conn, commune_id, request.invoice_id);
    if (!invoice)
        return result;
    result.found = true;
    const auto regie = db::load_regie(conn, commune_id, invoice->regie_id);
    if (!regie) {
        result.refusal = "La régie de cette facture est introuvable.";
        return result;
    }
    const auto due = invoice->due_cents();
    if (invoice->status == "annulee" || due <= 0) {
        result.refusal = "Cette facture n'a plus rien à payer : aucun avoir n'est possible.";
        return result;
    }
    db::NewCreditNote note;
    note.invoice_id = invoice->id;
    note.reason = request.reason;
    note.issued_on = request.today;
    note.agent_id = request.agent_id;
    if (!request.line_ids.empty()) {
        const auto lines = db::invoice_lines(conn, commune_id, invoice->id);
        const std::set<std::int64_t> wanted(request.line_ids.begin(), request.line_ids.end());
        for (const auto& l : lines) {
            if (!wanted.count(l.id))
                continue;
            const auto left = l.amount_cents - l.credited_cents;
            if (left <= 0) {
                result.refusal = "La ligne du " + l.day + " (" + l.child_name + ", " +
                                 l.activity_name + ") est déjà annulée par un avoir.";
                return result;
            }
            note.lines.emplace_back(l.id, left);
            note.amount_cents += left;
        }
        if (note.lines.size() != wanted.size()) {
            result.refusal = "Une des lignes choisies n'appartient pas à cette facture.";
            return result;
        }
    } else {
        note.amount_cents = request.amount_cents.value_or(due);
    }
    if (note.amount_cents <= 0) {
        result.refusal = "Le montant d'un avoir doit être supérieur à zéro.";
        return result;
    }
    if (note.amount_cents > due) {
        result.refusal = "L'avoir (" + domain::format_euros(note.amount_cents) +
                         ") dépasse ce qui reste à payer sur la facture (" +
                         domain::format_euros(due) + ").";
        return result;
    }
    const auto inserted = db::insert_credit_note(conn, commune_id, *regie, note);
    result.id = inserted.id;
    result.number = inserted.number;
    result.amount_cents = note.amount_cents;
    return result;
}

CreditResult issue_credit_note(db::Connection& conn, std::int64_t commune_id,
                               const CreditRequest& request)
{
    return db::with_retry([&] {
        db::Transaction tx(conn);
        auto result = issue_credit_note_in(tx, conn, commune_id, request);
        if (result.issued())
            tx.commit();
        return result;
    });
}

} // namespace billing
