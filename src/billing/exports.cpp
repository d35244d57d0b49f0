#include "billing/exports.h"

#include "billing/receipt.h"
#include "domain/time.h"
#include "export/csv.h"

#include <cstdio>

namespace billing
{

std::string csv_amount(domain::Cents cents)
{
    const bool negative = cents < 0;
    const auto magnitude =
        negative ? -static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
    char text[40];
    std::snprintf(text, sizeof text, "%s%llu,%02llu", negative ? "-" : "", magnitude / 100,
                  magnitude % 100);
    return text;
}

const char* invoice_status_fr(const std::string& status)
{
    if (status == "payee")
        return "Payée";
    if (status == "transmise")
        return "Transmise au Trésor public";
    if (status == "annulee")
        return "Annulée";
    return "À payer";
}

std::string invoices_csv(const std::vector<db::InvoiceExportRow>& rows)
{
    archive::CsvWriter csv;
    csv.row({"Numéro", "Date", "Échéance", "Mois facturé", "Régie", "N° famille", "Famille",
             "Montant", "Payé", "Avoirs", "Reste à payer", "Statut"});
    for (const auto& r : rows)
        csv.row({r.number, r.issued_on, r.due_on, r.month, r.regie_name,
                 std::to_string(r.family_number), r.family_name, csv_amount(r.total_cents),
                 csv_amount(r.paid_cents), csv_amount(r.credited_cents),
                 csv_amount(r.total_cents - r.paid_cents - r.credited_cents),
                 invoice_status_fr(r.status)});
    return csv.str();
}

std::string payments_csv(const std::vector<db::PaymentExportRow>& rows)
{
    archive::CsvWriter csv;
    csv.row({"Date", "Heure", "Reçu", "Régie", "N° famille", "Famille", "Facture",
             "Mode de paiement", "Montant", "Référence", "idOp"});
    for (const auto& r : rows) {
        std::string day = r.paid_at;
        std::string time;
        if (const auto utc = domain::parse_sql_datetime(r.paid_at)) {
            const auto paris = domain::paris_from_epoch(domain::utc_epoch(*utc));
            char t[40];
            std::snprintf(t, sizeof t, "%02d:%02d", paris.hour, paris.minute);
            day = domain::iso_date(paris.date);
            time = t;
        }
        csv.row({day, time, r.receipt_number, r.regie_name, std::to_string(r.family_number),
                 r.family_name, r.invoice_number, means_label(r.means), csv_amount(r.amount_cents),
                 r.reference, r.idop});
    }
    return csv.str();
}

} // namespace billing
