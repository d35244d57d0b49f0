// Payments a régisseur records at the régie's counter (cash, cheque, CESU, chèques vacances,
// transfer): a payment row with its receipt number, like an online payment, in one
// transaction with the invoice locked; partial payments are allowed, never more than what is
// still due.
#pragma once

#include "db/billing.h"
#include "db/connection.h"
#include "domain/money.h"
#include "domain/time.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace billing
{

struct CounterMeans {
    const char* value; // stored in payment.means and posted by the form
    const char* label; // French
};

inline constexpr CounterMeans counter_means[] = {
    {"cheque", "Chèque"},     {"especes", "Espèces"},
    {"cesu", "CESU"},         {"cheque_vacances", "Chèques vacances"},
    {"virement", "Virement"},
};

bool is_counter_means(std::string_view value);

// Why the invoice cannot take this payment now (French, for a 409), "" when it can.
// `online_pending`: an online payment of the invoice is in progress at PayFiP.
std::string counter_refusal(const db::InvoiceRow& invoice, domain::Cents amount_cents,
                            bool online_pending);

struct CounterPayment {
    std::int64_t commune_id = 0;
    std::int64_t invoice_id = 0;
    std::int64_t agent_id = 0;
    std::string means;
    domain::Cents amount_cents = 0;
    domain::Date received_on; // Paris
    std::string reference;    // cheque number…, at most 20 bytes
    std::string comment;
    domain::Date today; // Paris
    std::int64_t now_epoch = 0;
};

struct CounterResult {
    enum class Status { Recorded, NotFound, Refused } status = Status::NotFound;
    std::string reason; // French, when Refused
    std::int64_t payment_id = 0;
    std::string receipt_number;
};

// With the invoice row locked: refuses what counter_refusal refuses, else inserts the payment
// (dated now when received today, else at noon Paris of that day), updates the invoice's
// paid amount and status, and journals the agent's action, all in one transaction.
CounterResult record_counter_payment(db::Connection& conn, const CounterPayment& payment);

} // namespace billing
