// Monthly invoicing of a régie (SPEC §5, §6): a read-only preview of what a run would bill,
// the run itself (one invoice per family, numbered without gaps), and credit notes.
#pragma once

#include "db/billing.h"
#include "domain/billing.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace billing
{

// Facts of earlier months not invoiced yet (an attendance recorded late) go into the next
// run, looking back this many months.
constexpr int lookback_months = 12;

// The family's pricing facts: its quotient, and resident when it lives in the commune.
domain::FamilyPricing family_pricing(const db::BillingFamily& family,
                                     const std::string& commune_name);

struct PreviewFamily {
    db::BillingFamily family;
    domain::DraftInvoice draft;
};

struct Preview {
    domain::MonthRange month;
    domain::Date first_day;  // the facts looked at: first_day..last_day
    domain::Date last_day;   // the month's last day, or yesterday when the month is not over
    bool month_open = false; // the month is not over: days from today on are not billed yet
    std::vector<PreviewFamily> families; // with lines or anomalies, by family name
    int invoice_count = 0;               // families whose total is above zero
    int line_count = 0;
    domain::Cents total_cents = 0;
    int anomaly_count = 0;
    std::map<domain::BillingReason, int> not_billed; // facts of the month
};

// What a run of `month` would issue today (Paris date), without writing anything.
Preview preview_run(db::Connection& conn, std::int64_t commune_id, const std::string& commune_name,
                    const db::Regie& regie, const domain::MonthRange& month, domain::Date today);

struct IssueResult {
    std::int64_t run_id = 0;
    db::IssuedRange issued;
    domain::Cents total_cents = 0;
};

// Issues the run: the régie's runs are serialised by a named lock, facts are read again
// under it, families are written in transactions of a few hundred (each takes its numbers
// from the locked sequence), retried on deadlock. Facts already invoiced are not read, so a
// second run issues nothing; families whose total is zero get no invoice. Each transaction
// also publishes its invoices: published_at set and a "Nouvelle facture" mail queued for
// every confirmed account of the family.
IssueResult issue_run(db::Connection& conn, std::int64_t commune_id,
                      const std::string& commune_name, const db::Regie& regie,
                      const domain::MonthRange& month, domain::Date today, std::int64_t agent_id);

struct CreditRequest {
    std::int64_t invoice_id = 0;
    std::optional<domain::Cents> amount_cents; // a plain amount, or
    std::vector<std::int64_t> line_ids;        // the lines cancelled (their remaining amount)
    std::string reason;
    std::int64_t agent_id = 0;
    domain::Date today;
};

struct CreditResult {
    bool found = false;  // false: no such invoice in the commune (404)
    std::string refusal; // French, when the credit note is refused (409)
    std::int64_t id = 0; // the credit note's row
    std::string number;  // the credit note's number
    domain::Cents amount_cents = 0;
    bool issued() const { return found && refusal.empty() && id != 0; }
};

// In the caller's open transaction `tx`, which commits or rolls back everything together:
// locks the invoice FOR UPDATE, checks the request against what is still due, then takes the
// next number of the régie's credit-note sequence (its row locked until the caller's
// transaction ends, so a rollback gives the number back and the sequence stays gapless) and
// writes the credit note. A refused request writes nothing. The lines' credited amounts are
// plain reads of the transaction's snapshot: the caller makes no non-locking read before this
// call, or holds the invoice's lock already, so that snapshot includes every earlier credit.
CreditResult issue_credit_note_in(db::Transaction& tx, db::Connection& conn,
                                  std::int64_t commune_id, const CreditRequest& request);

// The same in a transaction of its own, committed when the credit note is issued; retried on
// deadlock.
CreditResult issue_credit_note(db::Connection& conn, std::int64_t commune_id,
                               const CreditRequest& request);

} // namespace billing
