// The invoice and payment receipt a family downloads (SPEC §4.9, §4.10), drawn as A4 PDF with
// cairo and pango. Inputs are plain values read from the stored invoice or payment, so the
// same document always gives the same bytes: no clock, no locale, one explicit font.
#pragma once

#include "domain/money.h"
#include "domain/time.h"

#include <string>
#include <vector>

namespace pdf
{

// A name above a postal address, as printed on an envelope.
struct Addressee {
    std::string name;
    std::vector<std::string> address_lines;
};

// The issuer of invoices and receipts (Émetteur).
struct Regie {
    std::string name;
    std::vector<std::string> address_lines;
    std::string payfip_numcli; // empty when the régie has no PayFiP account
};

struct InvoiceLine {
    domain::Date date;
    std::string activity;
    std::string child;
    int quantity = 1;
    domain::Cents unit_price_cents = 0;
    domain::Cents amount_cents = 0;
    std::string note; // e.g. "annulation tardive"; empty when none
};

// How the family may pay; both ways may be offered at once.
struct PaymentInstructions {
    bool payable_online = false;
    std::string portal_url;    // where "Payer en ligne" is found
    std::string office_text;   // the régie's office address and hours; empty when none
    std::string payfip_refdet; // the invoice reference given to PayFiP
};

struct InvoiceDocument {
    Addressee commune;
    Regie regie;
    Addressee family;
    std::string number;             // "RS-2026-000123"
    std::string nature = "Facture"; // shown upper-cased as the title
    std::string period_label;       // "Décembre 2026"
    domain::Date issue_date;        // also the PDF creation date
    domain::Date due_date;
    std::vector<InvoiceLine> lines;
    domain::Cents total_cents = 0;
    domain::Cents paid_cents = 0;
    domain::Cents credit_notes_cents = 0;
    domain::Cents amount_due_cents = 0;
    PaymentInstructions payment;
};

struct ReceiptDocument {
    Addressee commune;
    Regie regie;
    Addressee family;
    std::string receipt_number;
    std::string invoice_number;
    domain::Date issue_date; // also the PDF creation date
    domain::Cents amount_paid_cents = 0;
    std::string paid_at;       // Paris time, as shown: "15/12/2026 à 18h30"
    std::string payment_means; // "Carte bancaire (PayFiP)"
    std::string numauto;       // the bank's authorisation number
    std::string id_op;         // the PayFiP operation id
};

// The invoice as PDF bytes: A4, paginated with the table header repeated on every page and the
// totals and payment instructions on the last one. Text that is not valid UTF-8 throws
// std::invalid_argument; a cairo or pango failure throws std::runtime_error. Safe to call
// from several threads at once.
std::string render_invoice(const InvoiceDocument& invoice);

// The payment receipt as PDF bytes, one A4 page; errors as render_invoice.
std::string render_receipt(const ReceiptDocument& receipt);

} // namespace pdf
