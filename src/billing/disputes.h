// Contesting an invoice line (SPEC §9): a parent flags a line of the family's invoice with a
// comment (one open dispute per line), an agent grants it — a credit note cancels the line —
// or refuses it with an answer. An open dispute does not block payment.
#pragma once

#include "db/connection.h"
#include "db/disputes.h"
#include "domain/money.h"
#include "domain/time.h"

#include <cstdint>
#include <functional>
#include <string>

namespace billing
{

struct ContestRequest {
    std::int64_t commune_id = 0;
    std::int64_t family_id = 0;
    std::int64_t account_id = 0;
    std::int64_t invoice_id = 0;
    std::int64_t line_id = 0;
    std::string comment; // checked by the caller: not empty, at most 1000 characters
};

enum class ContestOutcome { Created, NotFound, AlreadyOpen };

// With the line locked: NotFound unless the line is on the family's invoice, AlreadyOpen when
// the line has an open dispute.
ContestOutcome contest_line(db::Connection& conn, const ContestRequest& request);

struct DecideRequest {
    std::int64_t commune_id = 0;
    std::int64_t dispute_id = 0;
    bool grant = false;
    std::string answer; // required by the caller to refuse
    std::int64_t agent_id = 0;
    domain::Date today; // Paris, the credit note's date
};

struct DecideResult {
    enum class Status { Done, NotFound, AlreadyDecided, CreditRefused } status = Status::NotFound;
    std::string refusal;       // French, when CreditRefused
    std::string credit_number; // when granted
    domain::Cents credit_cents = 0;
    db::DisputeRow dispute; // as before the decision
};

// What the caller records with a decision (journal, mail to the family), in its transaction.
using OnDecided = std::function<void(const DecideResult&)>;

// One transaction, retried on deadlock: the dispute is claimed by a conditional update (of
// two agents deciding at once, one wins); refused, it is answered; granted, the credit note
// cancelling what is left of the line is issued in the same transaction
// (billing::issue_credit_note_in) and linked to the dispute. Then `on_decided` runs, and all
// commits together: a granted dispute always has exactly one credit note. When the credit
// note is refused (CreditRefused) or anything throws, nothing is written: the dispute stays
// open and the credit-note sequence does not move.
DecideResult decide_dispute(db::Connection& conn, const DecideRequest& request,
                            const OnDecided& on_decided = {});

} // namespace billing
