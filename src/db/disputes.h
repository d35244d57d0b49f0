// Disputes of invoice lines (SPEC §9): a parent contests a line of the family's invoice, an
// agent grants (a credit note follows) or refuses with an answer. Every query is scoped by
// commune, and by family where a parent asks.
#pragma once

#include "db/connection.h"
#include "domain/money.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace db
{

struct DisputeRow {
    std::int64_t id = 0;
    std::int64_t family_id = 0;
    std::string family_name; // as on the invoice
    int family_number = 0;
    std::int64_t invoice_id = 0;
    std::string invoice_number;
    std::int64_t regie_id = 0;
    std::int64_t line_id = 0;
    std::string line_day; // "YYYY-MM-DD" or ""
    std::string line_activity;
    std::string line_child;
    std::string line_label;
    domain::Cents line_amount_cents = 0;
    std::string comment;
    std::string created_at; // UTC "YYYY-MM-DD HH:MM:SS"
    std::string status;     // open, granted, refused
    std::string answer;
    std::string answered_at;        // UTC, "" while open
    std::string credit_note_number; // "" unless granted
};

// In the caller's transaction: locks the line FOR UPDATE when it is on this family's
// invoice; false otherwise (404).
bool lock_family_line(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                      std::int64_t invoice_id, std::int64_t line_id);
bool has_open_dispute(Connection& conn, std::int64_t commune_id, std::int64_t line_id);
std::int64_t insert_dispute(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                            std::int64_t line_id, const std::string& comment,
                            std::int64_t account_id);

// The family's disputes of one invoice, oldest first.
std::vector<DisputeRow> invoice_disputes(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id, std::int64_t invoice_id);
// The commune's disputes: open ones first (oldest first), then the answered ones (latest
// answer first); only those of the invoice `invoice_number` unless it is empty; at most
// `limit`.
std::vector<DisputeRow> list_disputes(Connection& conn, std::int64_t commune_id,
                                      const std::string& invoice_number, int limit);
// The commune's disputes of one invoice (agent side).
std::vector<DisputeRow> disputes_of_invoice(Connection& conn, std::int64_t commune_id,
                                            std::int64_t invoice_id);
// With `lock`, in the caller's transaction: the dispute, its line and its invoice locked FOR
// UPDATE (a locking read, so the transaction's snapshot is taken only later, with them held).
std::optional<DisputeRow> load_dispute(Connection& conn, std::int64_t commune_id, std::int64_t id,
                                       bool lock = false);

// Answers an open dispute (status granted or refused); false when it is not open any more,
// so two agents deciding at once cannot both win.
bool answer_dispute(Connection& conn, std::int64_t commune_id, std::int64_t id,
                    const std::string& status, const std::string& answer, std::int64_t agent_id);
// In the transaction that granted it: links the dispute to its credit note; false when the
// dispute is not granted or already has one.
bool link_credit_note(Connection& conn, std::int64_t commune_id, std::int64_t id,
                      std::int64_t credit_note_id);

} // namespace db
