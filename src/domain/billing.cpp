#include "domain/billing.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <tuple>

namespace domain
{

const char* audience_text(Audience a)
{
    switch (a) {
    case Audience::Resident:
        return "resident";
    case Audience::NonResident:
        return "non_resident";
    case Audience::All:
        break;
    }
    return "all";
}

std::optional<Audience> parse_audience(std::string_view text)
{
    if (text == "all")
        return Audience::All;
    if (text == "resident")
        return Audience::Resident;
    if (text == "non_resident")
        return Audience::NonResident;
    return std::nullopt;
}

const char* audience_label_fr(Audience a)
{
    switch (a) {
    case Audience::Resident:
        return "Résidents";
    case Audience::NonResident:
        return "Non-résidents";
    case Audience::All:
        break;
    }
    return "Tous";
}

std::optional<int> quotient_at(const FamilyPricing& family, Date day)
{
    if (!family.quotient)
        return std::nullopt;
    if (family.quotient_valid_until && day > *family.quotient_valid_until)
        return std::nullopt;
    return family.quotient;
}

TariffChoice select_tariff(std::span<const TariffRow> rows, Date day, const FamilyPricing& family)
{
    TariffChoice choice;
    choice.problem = TariffProblem::NoTariff;
    std::optional<Date> grid;
    for (const auto& r : rows)
        if (r.valid_from <= day && (!grid || r.valid_from > *grid))
            grid = r.valid_from;
    if (!grid)
        return choice;
    const auto own = family.resident ? Audience::Resident : Audience::NonResident;
    std::vector<const TariffRow*> band_rows;
    for (const auto& r : rows)
        if (r.valid_from == *grid && r.audience == own)
            band_rows.push_back(&r);
    if (band_rows.empty())
        for (const auto& r : rows)
            if (r.valid_from == *grid && r.audience == Audience::All)
                band_rows.push_back(&r);
    if (band_rows.empty())
        return choice;
    const TariffRow* chosen = nullptr;
    const auto quotient = quotient_at(family, day);
    if (quotient) {
        for (const auto* r : band_rows)
            if (r->qf_min <= *quotient && (!r->qf_max || *quotient <= *r->qf_max))
                if (!chosen || r->qf_min > chosen->qf_min)
                    chosen = r;
    } else {
        for (const auto* r : band_rows)
            if (r->without_quotient)
                chosen = r;
        if (!chosen)
            for (const auto* r : band_rows)
                if (!chosen || r->qf_min > chosen->qf_min)
                    chosen = r;
    }
    if (!chosen)
        return choice;
    choice.problem = quotient ? TariffProblem::None : TariffProblem::QuotientMissing;
    choice.unit_cents = chosen->unit_cents;
    choice.penalty_cents = chosen->penalty_cents;
    return choice;
}

std::optional<BookingState> parse_booking_state(std::string_view s)
{
    if (s.empty())
        return BookingState::None;
    if (s == "booked")
        return BookingState::Booked;
    if (s == "waiting")
        return BookingState::Waiting;
    if (s == "requested")
        return BookingState::Requested;
    if (s == "refused")
        return BookingState::Refused;
    if (s == "cancelled")
        return BookingState::Cancelled;
    return std::nullopt;
}

std::optional<AttendanceState> parse_attendance_state(std::string_view s)
{
    if (s.empty())
        return AttendanceState::None;
    if (s == "present")
        return AttendanceState::Present;
    if (s == "absent")
        return AttendanceState::Absent;
    if (s == "excused")
        return AttendanceState::Excused;
    return std::nullopt;
}

BillingDecision decide_billing(const BillingFact& f)
{
    using B = Billing;
    using R = BillingReason;
    if (f.closed)
        return {B::NotBilled, R::Closed};
    if (f.attendance == AttendanceState::Excused)
        return {B::NotBilled, R::Excused};
    if (f.kind == FactKind::Attendance) {
        if (f.attendance == AttendanceState::Present)
            return {B::Penalty, R::WithoutBooking};
        return {B::NotBilled, R::AbsentWithoutBooking};
    }
    // A booking whose child was recorded as present without booking is billed once, as
    // that attendance.
    if (f.without_booking)
        return {B::NotBilled, R::CountedAsAttendance};
    switch (f.booking) {
    case BookingState::Booked:
        return {B::Normal, R::Kept};
    case BookingState::Cancelled:
        if (!f.late_cancel)
            return {B::NotBilled, R::CancelledInTime};
        if (f.place_taken)
            return {B::NotBilled, R::PlaceTaken};
        return {B::Normal, R::LateCancellation};
    case BookingState::None:
    case BookingState::Waiting:
    case BookingState::Requested:
    case BookingState::Refused:
        break;
    }
    return {B::NotBilled, R::NotBooked};
}

const char* reason_label_fr(BillingReason reason)
{
    switch (reason) {
    case BillingReason::Kept:
        return "Réservation";
    case BillingReason::LateCancellation:
        return "Annulation hors délai";
    case BillingReason::WithoutBooking:
        return "Présence sans réservation";
    case BillingReason::Excused:
        return "Absence excusée";
    case BillingReason::Closed:
        return "Fermeture";
    case BillingReason::CancelledInTime:
        return "Annulation dans les délais";
    case BillingReason::PlaceTaken:
        return "Annulation hors délai, place reprise";
    case BillingReason::NotBooked:
        return "Liste d'attente ou demande non retenue";
    case BillingReason::AbsentWithoutBooking:
        return "Absence sans réservation";
    case BillingReason::CountedAsAttendance:
        return "Comptée comme présence sans réservation";
    }
    return "";
}

Cents billed_unit(Billing billing, const TariffChoice& tariff)
{
    if (billing == Billing::Penalty && tariff.penalty_cents)
        return *tariff.penalty_cents;
    return tariff.unit_cents;
}

DraftRun draft_invoices(std::span<const FactRow> facts,
                        const std::map<std::int64_t, FamilyPricing>& families,
                        const std::map<std::int64_t, std::vector<TariffRow>>& tariffs)
{
    DraftRun run;
    std::map<std::int64_t, DraftInvoice> drafts;
    // (family, activity, problem) -> index in the draft's anomalies
    std::map<std::tuple<std::int64_t, std::int64_t, int>, std::size_t> anomaly_at;
    const std::vector<TariffRow> no_rows;
    const FamilyPricing no_family{};
    for (const auto& row : facts) {
        const auto decision = decide_billing(row.fact);
        if (decision.billing == Billing::NotBilled) {
            ++run.not_billed[decision.reason];
            continue;
        }
        const auto fam = families.find(row.family_id);
        const auto& pricing = fam == families.end() ? no_family : fam->second;
        const auto grid = tariffs.find(row.activity_id);
        const auto choice =
            select_tariff(grid == tariffs.end() ? no_rows : grid->second, row.day, pricing);
        auto& draft = drafts[row.family_id];
        draft.family_id = row.family_id;
        if (choice.problem != TariffProblem::None) {
            const auto key =
                std::make_tuple(row.family_id, row.activity_id, static_cast<int>(choice.problem));
            auto it = anomaly_at.find(key);
            if (it == anomaly_at.end()) {
                it = anomaly_at.emplace(key, draft.anomalies.size()).first;
                draft.anomalies.push_back(
                    {choice.problem, row.activity_id, row.activity_name, 0, row.day});
            }
            auto& a = draft.anomalies[it->second];
            ++a.days;
            a.first_day = std::min(a.first_day, row.day);
        }
        if (choice.problem == TariffProblem::NoTariff)
            continue;
        DraftLine line;
        line.kind = row.kind;
        line.source_id = row.source_id;
        line.child_id = row.child_id;
        line.child_name = row.child_name;
        line.activity_id = row.activity_id;
        line.activity_name = row.activity_name;
        line.day = row.day;
        line.billing = decision.billing;
        line.reason = decision.reason;
        line.unit_cents = billed_unit(decision.billing, choice);
        draft.total_cents += line.unit_cents;
        draft.lines.push_back(std::move(line));
    }
    run.invoices.reserve(drafts.size());
    for (auto& [id, draft] : drafts) {
        std::stable_sort(draft.lines.begin(), draft.lines.end(),
                         [](const DraftLine& a, const DraftLine& b) {
                             return std::tie(a.child_name, a.child_id, a.activity_name, a.day) <
                                    std::tie(b.child_name, b.child_id, b.activity_name, b.day);
                         });
        run.invoices.push_back(std::move(draft));
    }
    return run;
}

std::vector<GroupedLine> group_lines(std::span<const InvoiceLineView> lines)
{
    std::vector<GroupedLine> out;
    for (const auto& l : lines) {
        auto it = std::find_if(out.begin(), out.end(), [&](const GroupedLine& g) {
            return g.child_name == l.child_name && g.activity_name == l.activity_name &&
                   g.unit_cents == l.unit_cents && g.penalty == l.penalty;
        });
        if (it == out.end()) {
            out.push_back({l.child_name, l.activity_name, l.unit_cents, l.penalty, 0, 0, {}});
            it = out.end() - 1;
        }
        ++it->quantity;
        it->amount_cents += l.amount_cents;
        it->days.push_back(l.day);
    }
    for (auto& g : out)
        std::sort(g.days.begin(), g.days.end());
    return out;
}

std::string days_fr(std::span<const Date> days)
{
    std::string out;
    char buf[16];
    for (const auto& d : days) {
        std::snprintf(buf, sizeof buf, "%02d/%02d", d.day % 100, d.month % 100);
        out += (out.empty() ? "" : ", ") + std::string(buf);
    }
    return out;
}

bool valid_number_prefix(std::string_view prefix)
{
    if (prefix.empty() || prefix.size() > 12 || prefix.front() == '-' || prefix.back() == '-')
        return false;
    return std::all_of(prefix.begin(), prefix.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

std::string format_invoice_number(std::string_view prefix, int year, std::int64_t sequence)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "-%04d-%06lld", year, static_cast<long long>(sequence));
    return std::string(prefix) + buf;
}

Date due_date(Date issued_on, int payment_days)
{
    return add_days(issued_on, payment_days);
}

namespace
{

std::optional<int> digits(std::string_view s)
{
    int v = 0;
    if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size())
        return std::nullopt;
    return v;
}

} // namespace

std::optional<MonthRange> parse_month(std::string_view text)
{
    if (text.size() != 7 || text[4] != '-')
        return std::nullopt;
    const auto y = digits(text.substr(0, 4));
    const auto m = digits(text.substr(5, 2));
    if (!y || !m || *y < 2000 || *y > 2999 || *m < 1 || *m > 12)
        return std::nullopt;
    return MonthRange{*y, *m, Date{*y, *m, 1}, Date{*y, *m, days_in_month(*y, *m)}};
}

std::string month_label_fr(int year, int month)
{
    return std::string(month_name_fr(month)) + " " + std::to_string(year);
}

std::optional<Date> parse_iso_date(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    const auto y = digits(text.substr(0, 4));
    const auto m = digits(text.substr(5, 2));
    const auto d = digits(text.substr(8, 2));
    if (!y || !m || !d)
        return std::nullopt;
    const Date date{*y, *m, *d};
    if (!is_valid_date(date))
        return std::nullopt;
    return date;
}

} // namespace domain
