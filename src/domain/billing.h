// Billing rules (SPEC §6): which tariff applies to a family on a day, whether a booking or an
// attendance is billed and at which price, how a month's facts become one draft invoice per
// family, how invoice lines are grouped for reading, and invoice numbers and due dates.
#pragma once

#include "domain/money.h"
#include "domain/time.h"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace domain
{

// ---- tariffs -----------------------------------------------------------------------------

enum class Audience { All, Resident, NonResident };

// "all", "resident", "non_resident" (as stored) and back; nullopt for anything else.
const char* audience_text(Audience a);
std::optional<Audience> parse_audience(std::string_view text);
// "Tous", "Résidents", "Non-résidents".
const char* audience_label_fr(Audience a);

// One row of an activity's grid: a quotient band [qf_min, qf_max] (no upper bound when
// qf_max is empty) for an audience, from valid_from until the next grid.
struct TariffRow {
    Date valid_from;
    int qf_min = 0;
    std::optional<int> qf_max;
    Audience audience = Audience::All;
    bool without_quotient = false; // the price of families without a valid quotient
    Cents unit_cents = 0;
    std::optional<Cents> penalty_cents; // attendance without booking
};

struct FamilyPricing {
    std::optional<int> quotient;
    std::optional<Date> quotient_valid_until; // empty: no end
    bool resident = true;
};

// The family's quotient on `day`, or nothing when absent or expired by then.
std::optional<int> quotient_at(const FamilyPricing& family, Date day);

enum class TariffProblem {
    None,
    NoTariff,        // no grid valid on that day, or no band for the family: not billed
    QuotientMissing, // no valid quotient: billed at the no-quotient price (highest band)
};

struct TariffChoice {
    TariffProblem problem = TariffProblem::None;
    Cents unit_cents = 0;               // meaningful unless NoTariff
    std::optional<Cents> penalty_cents; // idem
};

// The grid of the activity valid on `day` (greatest valid_from <= day); in it the rows of
// the family's audience (its own audience first, "all" otherwise); among them the band
// holding the family's quotient on that day. Without a quotient: the row marked
// without_quotient, else the band with the highest qf_min, flagged QuotientMissing.
TariffChoice select_tariff(std::span<const TariffRow> activity_rows, Date day,
                           const FamilyPricing& family);

// ---- what is billed ----------------------------------------------------------------------

enum class FactKind { Booking, Attendance };
enum class BookingState { None, Booked, Waiting, Requested, Refused, Cancelled };
enum class AttendanceState { None, Present, Absent, Excused };

std::optional<BookingState> parse_booking_state(std::string_view stored); // "" -> None
std::optional<AttendanceState> parse_attendance_state(std::string_view stored);

// A booking of a child on a day (with the attendance recorded for it, if any), or an
// attendance recorded without a booking.
struct BillingFact {
    FactKind kind = FactKind::Booking;
    BookingState booking = BookingState::None;
    bool late_cancel = false;
    bool place_taken = false;
    AttendanceState attendance = AttendanceState::None;
    bool without_booking = false; // the attendance row says the child came without booking
    bool closed = false;          // the commune closed the activity that day
};

enum class Billing { Normal, Penalty, NotBilled };

enum class BillingReason {
    Kept,                 // booked (present, absent or not marked): billed
    LateCancellation,     // cancelled past the deadline, place not taken: billed
    WithoutBooking,       // came without booking: billed at the penalty price
    Excused,              // excused absence
    Closed,               // the commune closed that day
    CancelledInTime,      // cancelled before the deadline
    PlaceTaken,           // cancelled late but a wait-listed child took the place
    NotBooked,            // waiting list, request, refused
    AbsentWithoutBooking, // an attendance row without booking but not present
    CountedAsAttendance,  // a cancelled booking whose child came: billed as attendance
};

struct BillingDecision {
    Billing billing = Billing::NotBilled;
    BillingReason reason = BillingReason::NotBooked;
};

BillingDecision decide_billing(const BillingFact& fact);
// "Absence excusée", "Fermeture", … for previews and counters.
const char* reason_label_fr(BillingReason reason);

// The unit price of a billed fact: the penalty price when set for Penalty, the normal
// price otherwise.
Cents billed_unit(Billing billing, const TariffChoice& tariff);

// ---- a month's draft invoices ------------------------------------------------------------

struct FactRow {
    FactKind kind = FactKind::Booking;
    std::int64_t source_id = 0; // booking id, or occurrence id for an attendance
    std::int64_t family_id = 0;
    std::int64_t child_id = 0;
    std::string child_name;
    std::int64_t activity_id = 0;
    std::string activity_name;
    Date day;
    BillingFact fact;
    std::int64_t regie_id = 0; // the activity's régie
};

struct DraftLine {
    FactKind kind = FactKind::Booking;
    std::int64_t source_id = 0;
    std::int64_t child_id = 0;
    std::string child_name;
    std::int64_t activity_id = 0;
    std::string activity_name;
    Date day;
    Cents unit_cents = 0;
    Billing billing = Billing::Normal;
    BillingReason reason = BillingReason::Kept;
};

struct Anomaly {
    TariffProblem problem = TariffProblem::None;
    std::int64_t activity_id = 0;
    std::string activity_name;
    int days = 0;
    Date first_day;
};

struct DraftInvoice {
    std::int64_t family_id = 0;
    std::vector<DraftLine> lines; // by child, activity, day
    Cents total_cents = 0;
    std::vector<Anomaly> anomalies; // per activity and problem
};

struct DraftRun {
    std::vector<DraftInvoice> invoices; // families with lines or anomalies, by family id
    std::map<BillingReason, int> not_billed;
};

// Facts -> one draft per family. Facts without a tariff are left out of the lines (they
// stay unbilled, so a later run bills them once the tariff exists) and reported.
DraftRun draft_invoices(std::span<const FactRow> facts,
                        const std::map<std::int64_t, FamilyPricing>& families,
                        const std::map<std::int64_t, std::vector<TariffRow>>& tariffs);

// ---- reading an invoice ------------------------------------------------------------------

struct InvoiceLineView {
    std::string child_name;
    std::string activity_name;
    Date day;
    Cents unit_cents = 0;
    Cents amount_cents = 0;
    bool penalty = false;
};

// Lines of one child, activity, unit price and pricing, with their days.
struct GroupedLine {
    std::string child_name;
    std::string activity_name;
    Cents unit_cents = 0;
    bool penalty = false;
    int quantity = 0;
    Cents amount_cents = 0;
    std::vector<Date> days; // sorted
};

// Groups in first-seen order of (child, activity, unit price, penalty).
std::vector<GroupedLine> group_lines(std::span<const InvoiceLineView> lines);
// "03/11, 04/11, 06/11" (day/month, the year is the invoice's).
std::string days_fr(std::span<const Date> days);

// ---- numbers and dates -------------------------------------------------------------------

// A prefix of 1 to 12 capital letters, digits or '-', not starting or ending with '-'.
bool valid_number_prefix(std::string_view prefix);
// "FAC-2026-000123" for ("FAC", 2026, 123); at least six digits.
std::string format_invoice_number(std::string_view prefix, int year, std::int64_t sequence);
Date due_date(Date issued_on, int payment_days);

// A month "YYYY-MM": its first and last day; nullopt for anything else.
struct MonthRange {
    int year = 0;
    int month = 0;
    Date first;
    Date last;
};
std::optional<MonthRange> parse_month(std::string_view text);
// "novembre 2026".
std::string month_label_fr(int year, int month);

// "2026-11-29" -> Date (its reverse, iso_date, is in time.h).
std::optional<Date> parse_iso_date(std::string_view text);

} // namespace domain
