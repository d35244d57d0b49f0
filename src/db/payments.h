// Online payments: the parent's view of the family's invoices, PayFiP operations (one per
// idOp), payments (one per paid idOp) and their receipt numbers. Every query is scoped by
// commune, and by family where a parent asks.
#pragma once

#include "db/communes.h"
#include "db/connection.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db
{

using Cents = std::int64_t;

// An invoice as the family's billing page and the payment service see it.
struct FamilyInvoice {
    std::int64_t id = 0;
    std::int64_t regie_id = 0;
    std::string number;
    std::string nature;    // the activity billed, or "Facture" for several
    std::string issued_on; // "YYYY-MM-DD"
    std::string due_on;
    Cents total_cents = 0;
    Cents paid_cents = 0;
    Cents credited_cents = 0;
    std::string status; // a_payer, payee, transmise, annulee
    std::string regie_name;
    std::string payfip_numcli; // "" when the régie takes no online payment
    Cents due_cents() const { return total_cents - paid_cents - credited_cents; }
};

// Newest first (issue date, then number).
std::vector<FamilyInvoice> family_invoices(Connection& conn, std::int64_t commune_id,
                                           std::int64_t family_id, int offset, int limit);
// The Espace facturation's history in one statement: one page of the family's invoices
// (newest first, as family_invoices) with the count of all of them and the balance (as
// family_balance). A page past the last has no invoice, and count and balance 0.
struct FamilyInvoicePage {
    int count = 0;
    Cents balance = 0;
    std::vector<FamilyInvoice> invoices;
};
FamilyInvoicePage family_invoice_page(Connection& conn, std::int64_t commune_id,
                                      std::int64_t family_id, int offset, int limit);
// What the family still owes: invoices to pay or sent to the Trésor public.
Cents family_balance(Connection& conn, std::int64_t commune_id, std::int64_t family_id);
// The family's invoice, locked FOR UPDATE when `lock` (in the caller's transaction).
std::optional<FamilyInvoice> load_family_invoice(Connection& conn, std::int64_t commune_id,
                                                 std::int64_t family_id, std::int64_t invoice_id,
                                                 bool lock);

enum class OperationStatus { Pending, Paid, Refused, Abandoned, Error };
const char* to_string(OperationStatus status);

struct PaymentOperation {
    std::int64_t id = 0;
    std::int64_t commune_id = 0;
    std::string idop;
    std::int64_t invoice_id = 0;
    std::int64_t family_id = 0;
    std::int64_t account_id = 0;
    std::string numcli;
    int exer = 0;
    std::string refdet;
    Cents amount_cents = 0;
    std::string email;
    OperationStatus status = OperationStatus::Pending;
    std::string created_at; // UTC "YYYY-MM-DD HH:MM:SS"
    std::string invoice_number;
};

// The pending operation of the invoice that has not expired yet, if any.
std::optional<PaymentOperation> live_operation(Connection& conn, std::int64_t invoice_id);
// The invoice's operations still pending after their lifetime (a notification lost or late),
// oldest first: their idOps.
std::vector<std::string> expired_pending_operations(Connection& conn, std::int64_t invoice_id);
// Inserts a pending operation created now, expiring in `lifetime_seconds`.
std::int64_t insert_operation(Connection& conn, const PaymentOperation& op, int lifetime_seconds);
std::optional<PaymentOperation> find_operation(Connection& conn, std::int64_t commune_id,
                                               const std::string& idop, bool lock = false);
// The family's operation (404 otherwise).
std::optional<PaymentOperation> family_operation(Connection& conn, std::int64_t commune_id,
                                                 std::int64_t family_id, const std::string& idop);
// Notes an answer that settles nothing (P5, transport error).
void note_check(Connection& conn, std::int64_t operation_id, const std::string& detail);

struct OperationResult {
    OperationStatus status = OperationStatus::Pending;
    char resultrans = 0;
    std::string numauto;
    std::string dattrans;
    std::string heurtrans;
    std::optional<Cents> reported_cents;
    std::string detail;
};
// Only a pending operation is settled; false when it was not pending any more.
bool settle_operation(Connection& conn, std::int64_t operation_id, const OperationResult& r);

struct PendingOperation {
    std::int64_t commune_id = 0;
    std::string idop;
};
// Operations still pending, created between `max_age` and `min_age` seconds ago, oldest first.
std::vector<PendingOperation> pending_operations(Connection& conn, int min_age_seconds,
                                                 int max_age_seconds, int limit);

struct NewPayment {
    std::int64_t invoice_id = 0;
    std::int64_t family_id = 0;
    std::int64_t regie_id = 0;
    std::int64_t operation_id = 0;
    std::string idop;
    std::string means = "carte";
    Cents amount_cents = 0;
    std::string numauto;
    std::string paid_at; // UTC "YYYY-MM-DD HH:MM:SS"
};
// In the caller's transaction: the payment with the next receipt number of the commune and
// year (gapless: the sequence row is locked), then the invoice's paid amount and status.
// Returns the payment id, or 0 when this idOp already has its payment (duplicate key).
std::int64_t insert_payment(Connection& conn, std::int64_t commune_id, const NewPayment& p);
void mark_receipt_mailed(Connection& conn, std::int64_t payment_id);

struct PaymentRow {
    std::int64_t id = 0;
    std::int64_t invoice_id = 0;
    std::string invoice_number;
    std::string regie_name;
    std::string means;
    Cents amount_cents = 0;
    std::string numauto;
    std::string idop;
    std::string paid_at; // UTC
    std::string receipt_number;
    // Snapshot texts of the invoice, for the receipt.
    std::string family_name;
    std::string family_address;
    std::string regie_address;
    std::string payfip_numcli;
    std::string commune_name;
};
std::vector<PaymentRow> family_payments(Connection& conn, std::int64_t commune_id,
                                        std::int64_t family_id, int limit);
std::optional<PaymentRow> family_payment(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id, std::int64_t payment_id);
std::optional<PaymentRow> payment_by_idop(Connection& conn, std::int64_t commune_id,
                                          const std::string& idop);
// The payments of an invoice of the commune, oldest first (the agent's invoice page).
std::vector<PaymentRow> invoice_payments(Connection& conn, std::int64_t commune_id,
                                         std::int64_t invoice_id);
// A payment of the commune, whatever the family (the agent's link to its receipt).
std::optional<PaymentRow> commune_payment(Connection& conn, std::int64_t commune_id,
                                          std::int64_t payment_id);

// ---- online payments in the back office -------------------------------------------------

// The régie's payments (online through PayFiP: card or debit; or at the counter: cash,
// cheque…) and the online operations that did not end in a payment, for the régisseurs' list.
struct OnlinePaymentFilter {
    std::int64_t regie_id = 0; // 0: every régie of the commune
    std::string from_utc;      // "YYYY-MM-DD HH:MM:SS", included
    std::string until_utc;     // excluded
    std::string means;         // "" or a payment.means: carte, prelevement, especes, cheque…
    std::string state;         // "", or an operation status: paid, pending, refused…
    int limit = 1000;
};

struct OnlinePaymentRow {
    std::string state; // paid, pending, refused, abandoned, error
    std::string at;    // UTC "YYYY-MM-DD HH:MM:SS": paid at, or operation opened at
    std::int64_t regie_id = 0;
    std::string regie_name;
    std::int64_t family_id = 0;
    std::string family_name;
    int family_number = 0;
    std::int64_t invoice_id = 0;
    std::string invoice_number;
    Cents amount_cents = 0;
    std::string means; // carte, prelevement, or "" when not known (pending, abandoned)
    std::string idop;  // "" for a payment without operation (the demo's history)
    std::string refdet;
    std::string numauto;
    std::string receipt_number; // of a payment
};

// Newest first; payments dated by paid_at, other operations by their opening.
std::vector<OnlinePaymentRow> online_payments(Connection& conn, std::int64_t commune_id,
                                              const OnlinePaymentFilter& filter);

struct OnlinePaymentTotals {
    int count = 0;
    Cents cents = 0;
};
// The payments (state paid) the filter selects, however many rows the list shows.
OnlinePaymentTotals online_payment_totals(Connection& conn, std::int64_t commune_id,
                                          const OnlinePaymentFilter& filter);

std::optional<Commune> load_commune(Connection& conn, std::int64_t commune_id);

// ---- demo history (app/demo_billing) ---------------------------------------------------

struct HistoricInvoice {
    std::int64_t regie_id = 0;
    std::int64_t family_id = 0;
    std::string number;
    int seq_year = 0;
    int seq_value = 0;
    std::string issued_on; // "YYYY-MM-DD"
    std::string due_on;
    Cents total_cents = 0;
    Cents paid_cents = 0;
    std::string status;
    std::string family_name;
    std::string family_address;
    int family_number = 0;
    std::string regie_name;
    std::string regie_address;
    std::string regie_office;
    std::string payfip_numcli;
    std::string commune_name;
    std::string activity_name; // one manual line with this label
    std::string child_name;
};
struct FamilySnapshot {
    std::int64_t id = 0;
    int number = 0;
    std::string name;
    std::string address; // lines joined by "\n"
};
std::optional<FamilySnapshot> family_by_name(Connection& conn, std::int64_t commune_id,
                                             const std::string& name);
std::optional<std::int64_t> regie_id_by_name(Connection& conn, std::int64_t commune_id,
                                             const std::string& name);
bool invoice_number_taken(Connection& conn, std::int64_t regie_id, const std::string& number);
// The invoice and its one line; a paid one gets its payment row (means "carte").
std::int64_t insert_historic_invoice(Connection& conn, std::int64_t commune_id,
                                     const HistoricInvoice& inv);

} // namespace db
