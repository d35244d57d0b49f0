// Régies, tariff grids, the facts a monthly run bills, invoices, their lines and credit
// notes; every query scoped by commune.
#pragma once

#include "db/connection.h"
#include "db/families.h"
#include "domain/billing.h"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace db
{

// ---- régies ------------------------------------------------------------------------------

struct Regie {
    std::int64_t id = 0;
    std::string name;
    std::string address;
    std::string payfip_numcli; // "" when the régie takes no online payment
    std::string invoice_prefix;
    std::string credit_prefix;
    int payment_days = 30;
    std::string office_text; // where and when to pay at the régie
};

std::vector<Regie> list_regies(Connection& conn, std::int64_t commune_id);
std::optional<Regie> load_regie(Connection& conn, std::int64_t commune_id, std::int64_t id);
// Both throw DuplicateRegie when the name or the invoice prefix is taken in the commune.
std::int64_t create_regie(Connection& conn, std::int64_t commune_id, const Regie& r);
void update_regie(Connection& conn, std::int64_t commune_id, const Regie& r);

class DuplicateRegie : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct ActivityRegie {
    std::int64_t activity_id = 0;
    std::string activity_name;
    std::int64_t regie_id = 0; // 0: none
};
std::vector<ActivityRegie> activity_regies(Connection& conn, std::int64_t commune_id);
// False when the activity is not the commune's.
bool set_activity_regie(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                        std::int64_t regie_id);

// ---- tariffs -----------------------------------------------------------------------------

struct Tariff {
    std::int64_t id = 0;
    std::int64_t activity_id = 0;
    domain::TariffRow row;
};

// By valid_from (newest first), audience, qf_min.
std::vector<Tariff> list_tariffs(Connection& conn, std::int64_t commune_id,
                                 std::int64_t activity_id);
// Throws DuplicateTariff when the grid already has this band.
std::int64_t add_tariff(Connection& conn, std::int64_t commune_id, const Tariff& t);
bool delete_tariff(Connection& conn, std::int64_t commune_id, std::int64_t activity_id,
                   std::int64_t tariff_id);

class DuplicateTariff : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// An activity's tariff rows, by activity id.
using ActivityTariffs = std::map<std::int64_t, std::vector<domain::TariffRow>>;

// Every row of every activity billed by the régie, by activity id.
ActivityTariffs regie_tariffs(Connection& conn, std::int64_t commune_id, std::int64_t regie_id);
// The same for every régie of the commune at once, by régie id (one statement).
std::map<std::int64_t, ActivityTariffs> commune_tariffs(Connection& conn, std::int64_t commune_id);

// ---- what a run bills --------------------------------------------------------------------

// The facts of the régie's activities between two days not yet on any invoice, in one query.
std::vector<domain::FactRow> uninvoiced_facts(Connection& conn, std::int64_t commune_id,
                                              std::int64_t regie_id, domain::Date first,
                                              domain::Date last);

// The same, of one family (the month's running estimate on its page).
std::vector<domain::FactRow> uninvoiced_family_facts(Connection& conn, std::int64_t commune_id,
                                                     std::int64_t regie_id, std::int64_t family_id,
                                                     domain::Date first, domain::Date last);
// The same for every régie at once (FactRow::regie_id tells which): one statement.
std::vector<domain::FactRow> uninvoiced_family_facts(Connection& conn, std::int64_t commune_id,
                                                     std::int64_t family_id, domain::Date first,
                                                     domain::Date last);

struct BillingFamily {
    std::int64_t id = 0;
    int number = 0;
    std::string name;
    std::string address; // lines joined by "\n"
    std::string city;
    domain::FamilyPricing pricing; // resident left true: the service decides
};
// The commune's families, by id.
std::map<std::int64_t, BillingFamily> billing_families(Connection& conn, std::int64_t commune_id);
std::optional<BillingFamily> billing_family(Connection& conn, std::int64_t commune_id,
                                            std::int64_t family_id);
// The same from a family already read (the worker's copy of the logged-in family).
BillingFamily billing_family_of(const Family& family);

// The family's billing revision (sql/010_billing_revisions.sql): raised by any change of its
// bookings, attendance, invoices or invoice lines; 0 before the first.
std::uint64_t family_billing_revision(Connection& conn, std::int64_t family_id);

// A session-wide lock (GET_LOCK) that serialises the runs of one régie across
// transactions; released by the destructor or when the connection dies.
class RegieRunLock
{
public:
    RegieRunLock(Connection& conn, std::int64_t regie_id); // throws when not had in 60 s
    ~RegieRunLock();
    RegieRunLock(const RegieRunLock&) = delete;
    RegieRunLock& operator=(const RegieRunLock&) = delete;

private:
    Connection& conn_;
    std::string name_;
};

// ---- invoices ----------------------------------------------------------------------------

struct NewInvoice {
    std::int64_t family_id = 0;
    std::string family_name;
    std::string family_address;
    int family_number = 0;
    domain::Cents total_cents = 0;
    const std::vector<domain::DraftLine>* lines = nullptr;
};

struct IssueHeader {
    std::int64_t run_id = 0;
    std::string month; // "YYYY-MM"
    domain::Date issued_on;
    domain::Date due_on;
    std::string commune_name;
};

struct IssuedRange {
    int count = 0;
    std::string first_number;
    std::string last_number;
    int lines = 0;
};

// In the caller's transaction: numbers taken from the régie's sequence of the issue year
// (locked FOR UPDATE, so concurrent issuers wait and no number is skipped or reused),
// invoices and their lines inserted in multi-row statements. A fact already invoiced makes
// the insert fail with a duplicate key: the caller rolls back.
IssuedRange insert_invoices(Connection& conn, std::int64_t commune_id, const Regie& regie,
                            const IssueHeader& header, std::span<const NewInvoice> invoices);

std::int64_t start_run(Connection& conn, std::int64_t commune_id, std::int64_t regie_id,
                       const std::string& month, std::int64_t agent_id);
void finish_run(Connection& conn, std::int64_t commune_id, std::int64_t run_id, bool ok,
                const IssuedRange& issued, domain::Cents total_cents);

struct InvoiceRow {
    std::int64_t id = 0;
    std::int64_t regie_id = 0;
    std::int64_t family_id = 0;
    std::string number;
    std::string month;
    std::string issued_on; // "YYYY-MM-DD"
    std::string due_on;
    domain::Cents total_cents = 0;
    domain::Cents paid_cents = 0;
    domain::Cents credited_cents = 0;
    std::string status; // a_payer, payee, transmise, annulee
    std::string family_name;
    std::string family_address;
    int family_number = 0;
    std::string regie_name;
    std::string regie_address;
    std::string regie_office;
    std::string payfip_numcli;
    std::string commune_name;
    domain::Cents due_cents() const { return total_cents - paid_cents - credited_cents; }
};

struct InvoiceFilter {
    std::int64_t regie_id = 0;      // 0: any
    std::string month;              // "" : any
    std::int64_t family_number = 0; // the family's number (famille n°); 0: any
    int limit = 500;
};
std::vector<InvoiceRow> list_invoices(Connection& conn, std::int64_t commune_id,
                                      const InvoiceFilter& filter);
std::optional<InvoiceRow> load_invoice(Connection& conn, std::int64_t commune_id, std::int64_t id);

struct InvoiceLine {
    std::int64_t id = 0;
    std::string source_kind;
    std::string day; // "YYYY-MM-DD" or ""
    std::string activity_name;
    std::string child_name;
    int quantity = 1;
    domain::Cents unit_cents = 0;
    domain::Cents amount_cents = 0;
    std::string pricing; // normal, penalty, manual
    std::string label;
    domain::Cents credited_cents = 0; // by credit notes naming this line
};
std::vector<InvoiceLine> invoice_lines(Connection& conn, std::int64_t commune_id,
                                       std::int64_t invoice_id);

struct CreditNoteRow {
    std::int64_t id = 0;
    std::string number;
    std::string issued_on;
    domain::Cents amount_cents = 0;
    std::string reason;
};
std::vector<CreditNoteRow> credit_notes(Connection& conn, std::int64_t commune_id,
                                        std::int64_t invoice_id);

struct NewCreditNote {
    std::int64_t invoice_id = 0;
    domain::Cents amount_cents = 0;
    std::string reason;
    std::vector<std::pair<std::int64_t, domain::Cents>> lines; // invoice line, amount
    domain::Date issued_on;
    std::int64_t agent_id = 0;
};
struct InsertedCreditNote {
    std::int64_t id = 0;
    std::string number;
};
// In the caller's transaction, the invoice locked FOR UPDATE by lock_invoice first: the next
// number of the régie's credit sequence for the year of issue (row locked until the caller's
// transaction ends), the credit note, its lines, and the invoice's credited amount and status.
InsertedCreditNote insert_credit_note(Connection& conn, std::int64_t commune_id, const Regie& regie,
                                      const NewCreditNote& note);
std::optional<InvoiceRow> lock_invoice(Connection& conn, std::int64_t commune_id, std::int64_t id);
// Only an invoice still à payer becomes transmise; false otherwise.
bool mark_invoice_transmitted(Connection& conn, std::int64_t commune_id, std::int64_t id);

struct RunRow {
    std::int64_t id = 0;
    std::string regie_name;
    std::string month;
    std::string status;
    int invoice_count = 0;
    int line_count = 0;
    domain::Cents total_cents = 0;
    std::string first_number;
    std::string last_number;
    std::string created_at; // UTC "YYYY-MM-DD HH:MM:SS"
};
std::vector<RunRow> recent_runs(Connection& conn, std::int64_t commune_id, int limit);

} // namespace db
