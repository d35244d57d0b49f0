#include "billing/receipt.h"

#include "domain/time.h"

#include <vector>

namespace billing
{

namespace
{

std::optional<domain::LocalDateTime> paris_time(const std::string& utc)
{
    const auto t = domain::parse_sql_datetime(utc);
    if (!t)
        return std::nullopt;
    return domain::paris_from_epoch(domain::utc_epoch(*t));
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::string line;
    for (const char c : text + "\n") {
        if (c != '\n') {
            if (c != '\r')
                line += c;
            continue;
        }
        if (!line.empty())
            out.push_back(line);
        line.clear();
    }
    return out;
}

} // namespace

const char* means_label(std::string_view means)
{
    if (means == "carte")
        return "Carte bancaire";
    if (means == "prelevement")
        return "Prélèvement";
    if (means == "especes")
        return "Espèces";
    if (means == "cheque")
        return "Chèque";
    if (means == "cesu")
        return "CESU";
    if (means == "cheque_vacances")
        return "Chèques vacances";
    if (means == "virement")
        return "Virement";
    return "";
}

bool manual_means(std::string_view means)
{
    return means != "carte" && means != "prelevement";
}

std::string means_text(const db::PaymentRow& p)
{
    std::string text = means_label(p.means);
    if (!manual_means(p.means))
        return p.idop.empty() ? text : text + " (PayFiP)";
    if (p.numauto.empty())
        return text;
    return text + (p.means == "cheque" ? " n° " : ", référence ") + p.numauto;
}

std::string paid_text(const db::PaymentRow& p)
{
    const auto at = paris_time(p.paid_at);
    if (!at)
        return p.paid_at;
    return manual_means(p.means) ? domain::format_date_fr(at->date)
                                 : domain::format_datetime_fr(*at);
}

pdf::ReceiptDocument receipt_document(const db::PaymentRow& p, const std::string& commune_name)
{
    pdf::ReceiptDocument doc;
    doc.commune.name = p.commune_name.empty() ? commune_name : p.commune_name;
    doc.regie.name = p.regie_name;
    doc.regie.address_lines = lines_of(p.regie_address);
    doc.regie.payfip_numcli = p.payfip_numcli;
    doc.family.name = p.family_name;
    doc.family.address_lines = lines_of(p.family_address);
    doc.receipt_number = p.receipt_number;
    doc.invoice_number = p.invoice_number;
    doc.issue_date = paris_time(p.paid_at).value_or(domain::LocalDateTime{}).date;
    doc.amount_paid_cents = p.amount_cents;
    doc.paid_at = paid_text(p);
    doc.payment_means = means_text(p);
    // At the counter the reference is part of the means; there is no authorisation number.
    if (!manual_means(p.means))
        doc.numauto = p.numauto;
    doc.id_op = p.idop;
    return doc;
}

} // namespace billing
