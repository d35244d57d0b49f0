#include "domain/billing.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <vector>

using namespace domain;

namespace
{

// Canteen grid from 2026-09-01: 0–500 2,00 €, 501–1000 3,00 €, 1001+ 4,50 €; penalty 6,00 €
// in the top band only. From 2027-01-01 the first band costs 2,20 €.
std::vector<TariffRow> canteen()
{
    const Date sept{2026, 9, 1};
    const Date jan{2027, 1, 1};
    return {
        {sept, 0, 500, Audience::All, false, 200, std::nullopt},
        {sept, 501, 1000, Audience::All, false, 300, 500},
        {sept, 1001, std::nullopt, Audience::All, false, 450, 600},
        {jan, 0, 500, Audience::All, false, 220, std::nullopt},
        {jan, 501, 1000, Audience::All, false, 300, 500},
        {jan, 1001, std::nullopt, Audience::All, false, 450, 600},
    };
}

FamilyPricing qf(int quotient)
{
    return {quotient, std::nullopt, true};
}

BillingFact booking(BookingState s, AttendanceState a = AttendanceState::None)
{
    BillingFact f;
    f.booking = s;
    f.attendance = a;
    return f;
}

} // namespace

BOOST_AUTO_TEST_SUITE(billing)

BOOST_AUTO_TEST_CASE(tariff_follows_the_quotient_band_edges)
{
    const auto rows = canteen();
    const Date day{2026, 11, 10};
    BOOST_TEST(select_tariff(rows, day, qf(0)).unit_cents == 200);
    BOOST_TEST(select_tariff(rows, day, qf(500)).unit_cents == 200);
    BOOST_TEST(select_tariff(rows, day, qf(501)).unit_cents == 300);
    BOOST_TEST(select_tariff(rows, day, qf(1000)).unit_cents == 300);
    BOOST_TEST(select_tariff(rows, day, qf(1001)).unit_cents == 450);
    BOOST_TEST(select_tariff(rows, day, qf(99999)).unit_cents == 450);
    BOOST_TEST((select_tariff(rows, day, qf(700)).problem == TariffProblem::None));
}

BOOST_AUTO_TEST_CASE(tariff_follows_valid_from)
{
    const auto rows = canteen();
    BOOST_TEST((select_tariff(rows, {2026, 8, 31}, qf(300)).problem == TariffProblem::NoTariff));
    BOOST_TEST(select_tariff(rows, {2026, 9, 1}, qf(300)).unit_cents == 200);
    BOOST_TEST(select_tariff(rows, {2026, 12, 31}, qf(300)).unit_cents == 200);
    BOOST_TEST(select_tariff(rows, {2027, 1, 1}, qf(300)).unit_cents == 220);
    BOOST_TEST(select_tariff(rows, {2027, 6, 30}, qf(300)).unit_cents == 220);
}

BOOST_AUTO_TEST_CASE(missing_or_expired_quotient_pays_the_highest_band)
{
    const auto rows = canteen();
    const Date day{2026, 11, 10};
    const auto none = select_tariff(rows, day, FamilyPricing{});
    BOOST_TEST((none.problem == TariffProblem::QuotientMissing));
    BOOST_TEST(none.unit_cents == 450);

    FamilyPricing expiring{300, Date{2026, 11, 9}, true};
    BOOST_TEST(select_tariff(rows, {2026, 11, 9}, expiring).unit_cents == 200);
    const auto expired = select_tariff(rows, {2026, 11, 10}, expiring);
    BOOST_TEST((expired.problem == TariffProblem::QuotientMissing));
    BOOST_TEST(expired.unit_cents == 450);

    // A row marked for families without quotient wins over the highest band.
    auto marked = rows;
    marked[1].without_quotient = true;
    BOOST_TEST(select_tariff(marked, day, FamilyPricing{}).unit_cents == 300);
}

BOOST_AUTO_TEST_CASE(residents_and_non_residents)
{
    const Date from{2026, 9, 1};
    const std::vector<TariffRow> rows = {
        {from, 0, std::nullopt, Audience::Resident, false, 300, std::nullopt},
        {from, 0, std::nullopt, Audience::NonResident, false, 550, std::nullopt},
    };
    const Date day{2026, 10, 1};
    BOOST_TEST(select_tariff(rows, day, {400, std::nullopt, true}).unit_cents == 300);
    BOOST_TEST(select_tariff(rows, day, {400, std::nullopt, false}).unit_cents == 550);
    // Rows for everybody serve an audience without rows of its own.
    const std::vector<TariffRow> shared = {
        {from, 0, std::nullopt, Audience::All, false, 400, std::nullopt},
        {from, 0, std::nullopt, Audience::NonResident, false, 650, std::nullopt},
    };
    BOOST_TEST(select_tariff(shared, day, {400, std::nullopt, true}).unit_cents == 400);
    BOOST_TEST(select_tariff(shared, day, {400, std::nullopt, false}).unit_cents == 650);
}

BOOST_AUTO_TEST_CASE(a_gap_between_bands_is_no_tariff)
{
    const Date from{2026, 9, 1};
    const std::vector<TariffRow> rows = {
        {from, 0, 500, Audience::All, false, 200, std::nullopt},
        {from, 700, std::nullopt, Audience::All, false, 400, std::nullopt},
    };
    BOOST_TEST((select_tariff(rows, {2026, 9, 2}, qf(600)).problem == TariffProblem::NoTariff));
    BOOST_TEST((select_tariff({}, {2026, 9, 2}, qf(600)).problem == TariffProblem::NoTariff));
}

BOOST_AUTO_TEST_CASE(each_fact_is_billed_or_not_as_the_rules_say)
{
    using B = Billing;
    using S = BookingState;
    using A = AttendanceState;
    BOOST_TEST((decide_billing(booking(S::Booked)).billing == B::Normal));
    BOOST_TEST((decide_billing(booking(S::Booked, A::Present)).billing == B::Normal));
    BOOST_TEST((decide_billing(booking(S::Booked, A::Absent)).billing == B::Normal));
    const auto excused = decide_billing(booking(S::Booked, A::Excused));
    BOOST_TEST((excused.billing == B::NotBilled));
    BOOST_TEST((excused.reason == BillingReason::Excused));

    auto closed = booking(S::Booked, A::Present);
    closed.closed = true;
    BOOST_TEST((decide_billing(closed).reason == BillingReason::Closed));

    auto in_time = booking(S::Cancelled);
    BOOST_TEST((decide_billing(in_time).reason == BillingReason::CancelledInTime));
    auto late = booking(S::Cancelled);
    late.late_cancel = true;
    BOOST_TEST((decide_billing(late).billing == B::Normal));
    BOOST_TEST((decide_billing(late).reason == BillingReason::LateCancellation));
    late.place_taken = true;
    BOOST_TEST((decide_billing(late).billing == B::NotBilled));
    BOOST_TEST((decide_billing(late).reason == BillingReason::PlaceTaken));
    auto late_sick = booking(S::Cancelled, A::Excused);
    late_sick.late_cancel = true;
    BOOST_TEST((decide_billing(late_sick).billing == B::NotBilled));

    for (const auto s : {S::Waiting, S::Requested, S::Refused})
        BOOST_TEST((decide_billing(booking(s)).billing == B::NotBilled));

    BillingFact walk_in;
    walk_in.kind = FactKind::Attendance;
    walk_in.attendance = A::Present;
    walk_in.without_booking = true;
    BOOST_TEST((decide_billing(walk_in).billing == B::Penalty));
    walk_in.closed = true;
    BOOST_TEST((decide_billing(walk_in).billing == B::NotBilled));
    walk_in.closed = false;
    walk_in.attendance = A::Absent;
    BOOST_TEST((decide_billing(walk_in).billing == B::NotBilled));

    // A cancelled booking whose child came anyway is billed once, through the attendance.
    auto came = booking(S::Cancelled, A::Present);
    came.late_cancel = true;
    came.without_booking = true;
    BOOST_TEST((decide_billing(came).reason == BillingReason::CountedAsAttendance));
}

BOOST_AUTO_TEST_CASE(penalty_price_falls_back_to_the_unit_price)
{
    TariffChoice with{TariffProblem::None, 300, 600};
    TariffChoice without{TariffProblem::None, 300, std::nullopt};
    BOOST_TEST(billed_unit(Billing::Penalty, with) == 600);
    BOOST_TEST(billed_unit(Billing::Penalty, without) == 300);
    BOOST_TEST(billed_unit(Billing::Normal, with) == 300);
}

BOOST_AUTO_TEST_CASE(a_month_becomes_one_draft_per_family)
{
    const std::map<std::int64_t, std::vector<TariffRow>> tariffs = {{10, canteen()}};
    const std::map<std::int64_t, FamilyPricing> families = {{1, qf(300)}, {2, FamilyPricing{}}};
    auto fact = [](std::int64_t source, std::int64_t family, std::int64_t activity, int day,
                   BillingFact f) {
        FactRow r;
        r.kind = f.kind;
        r.source_id = source;
        r.family_id = family;
        r.child_id = family * 100;
        r.child_name = "Enfant " + std::to_string(family);
        r.activity_id = activity;
        r.activity_name = activity == 10 ? "Cantine" : "Sans tarif";
        r.day = {2026, 11, day};
        r.fact = f;
        return r;
    };
    BillingFact walk_in;
    walk_in.kind = FactKind::Attendance;
    walk_in.attendance = AttendanceState::Present;
    walk_in.without_booking = true;
    auto late = booking(BookingState::Cancelled);
    late.late_cancel = true;
    const std::vector<FactRow> facts = {
        fact(1, 1, 10, 3, booking(BookingState::Booked)),
        fact(2, 1, 10, 2, booking(BookingState::Booked, AttendanceState::Excused)),
        fact(3, 1, 10, 5, late),
        fact(4, 2, 10, 3, booking(BookingState::Booked)),
        fact(77, 2, 10, 4, walk_in),
        fact(5, 2, 11, 3, booking(BookingState::Booked)),
    };
    const auto run = draft_invoices(facts, families, tariffs);
    BOOST_REQUIRE_EQUAL(run.invoices.size(), 2u);
    const auto& first = run.invoices[0];
    BOOST_TEST(first.family_id == 1);
    BOOST_TEST(first.lines.size() == 2u);
    BOOST_TEST(first.total_cents == 400);
    BOOST_TEST(first.anomalies.empty());
    BOOST_TEST(run.not_billed.at(BillingReason::Excused) == 1);

    const auto& second = run.invoices[1];
    BOOST_TEST(second.lines.size() == 2u);
    BOOST_TEST(second.total_cents == 450 + 600); // no quotient: top band, penalty 6,00 €
    BOOST_REQUIRE_EQUAL(second.anomalies.size(), 2u);
    BOOST_TEST((second.anomalies[0].problem == TariffProblem::QuotientMissing));
    BOOST_TEST(second.anomalies[0].days == 2);
    BOOST_TEST((second.anomalies[1].problem == TariffProblem::NoTariff));
    BOOST_TEST(second.anomalies[1].activity_name == "Sans tarif");
}

BOOST_AUTO_TEST_CASE(lines_group_by_child_activity_and_price)
{
    const std::vector<InvoiceLineView> lines = {
        {"Léa", "Cantine", {2026, 11, 6}, 300, 300, false},
        {"Léa", "Cantine", {2026, 11, 3}, 300, 300, false},
        {"Léa", "Cantine", {2026, 11, 4}, 600, 600, true},
        {"Hugo", "Cantine", {2026, 11, 3}, 300, 300, false},
    };
    const auto groups = group_lines(lines);
    BOOST_REQUIRE_EQUAL(groups.size(), 3u);
    BOOST_TEST(groups[0].quantity == 2);
    BOOST_TEST(groups[0].amount_cents == 600);
    BOOST_TEST(days_fr(groups[0].days) == "03/11, 06/11");
    BOOST_TEST(groups[1].penalty);
    BOOST_TEST(groups[2].child_name == "Hugo");
}

BOOST_AUTO_TEST_CASE(numbers_and_due_dates)
{
    BOOST_TEST(format_invoice_number("FAC", 2026, 123) == "FAC-2026-000123");
    BOOST_TEST(format_invoice_number("SJ-F", 2027, 1) == "SJ-F-2027-000001");
    BOOST_TEST(format_invoice_number("FAC", 2026, 1234567) == "FAC-2026-1234567");
    BOOST_TEST(valid_number_prefix("FAC"));
    BOOST_TEST(valid_number_prefix("SJ-2"));
    BOOST_TEST(!valid_number_prefix(""));
    BOOST_TEST(!valid_number_prefix("fac"));
    BOOST_TEST(!valid_number_prefix("-FAC"));
    BOOST_TEST(!valid_number_prefix("FAC "));
    BOOST_TEST(!valid_number_prefix("ABCDEFGHIJKLM"));
    BOOST_TEST((due_date({2026, 12, 15}, 30) == Date{2027, 1, 14}));
    BOOST_TEST((due_date({2027, 2, 1}, 0) == Date{2027, 2, 1}));
}

BOOST_AUTO_TEST_CASE(months_and_dates_parse_strictly)
{
    const auto m = parse_month("2027-02");
    BOOST_REQUIRE(m.has_value());
    BOOST_TEST((m->last == Date{2027, 2, 28}));
    BOOST_TEST((parse_month("2028-02")->last == Date{2028, 2, 29}));
    BOOST_TEST(!parse_month("2027-13"));
    BOOST_TEST(!parse_month("2027-1"));
    BOOST_TEST(!parse_month("2027-+1"));
    BOOST_TEST(!parse_month(""));
    BOOST_TEST(month_label_fr(2026, 11) == "novembre 2026");
    BOOST_TEST((parse_iso_date("2026-02-28") == Date{2026, 2, 28}));
    BOOST_TEST(!parse_iso_date("2026-02-30"));
}

BOOST_AUTO_TEST_SUITE_END()
