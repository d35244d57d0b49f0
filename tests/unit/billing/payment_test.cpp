// The pure helpers of online payment (billing/payment): when "Payer en ligne" is offered, the
// status a family reads in its history, and the invoice number as a PayFiP refdet. "Today" is
// the Paris date, as the pages compute it from the clock: an invoice stays payable online
// until midnight in Paris on its due date, whatever the UTC date.
#include "billing/payment.h"
#include "domain/billing.h"
#include "domain/time.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace
{

// 9,80 € due on 2026-03-10 to a régie taking online payments.
db::FamilyInvoice invoice()
{
    db::FamilyInvoice i;
    i.id = 1;
    i.number = "FAC-2026-000123";
    i.issued_on = "2026-02-08";
    i.due_on = "2026-03-10";
    i.total_cents = 980;
    i.status = "a_payer";
    i.regie_name = "MAIRIE DE CAUMONT SUR DURANCE";
    i.payfip_numcli = "012345";
    return i;
}

// The Paris date at a UTC instant, "YYYY-MM-DD".
std::string paris_today_at(int year, int month, int day, int hour, int minute, int second)
{
    const auto epoch = domain::utc_epoch({{year, month, day}, hour, minute, second});
    return domain::iso_date(domain::paris_from_epoch(epoch).date);
}

} // namespace

BOOST_AUTO_TEST_SUITE(billing_payment)

BOOST_AUTO_TEST_CASE(payable_online_until_and_on_the_due_date_not_after)
{
    const auto i = invoice();
    BOOST_TEST(billing::payable_online(i, "2026-02-08"));
    BOOST_TEST(billing::payable_online(i, "2026-03-09"));
    BOOST_TEST(billing::payable_online(i, "2026-03-10"));
    BOOST_TEST(!billing::payable_online(i, "2026-03-11"));
    BOOST_TEST(!billing::payable_online(i, "2027-01-01"));
    BOOST_TEST(billing::status_label(i, "2026-03-10") == "Payer en ligne");
    BOOST_TEST(billing::status_label(i, "2026-03-11") == "Plus payable en ligne");
}

BOOST_AUTO_TEST_CASE(due_date_ends_at_midnight_in_paris_in_winter)
{
    // Winter: Paris is UTC+1. 22:59:59 UTC on the due date is 23:59:59 in Paris: still
    // payable; 23:00 UTC, still the 10th in UTC, is already the 11th in Paris: no more.
    const auto i = invoice();
    const auto last_second = paris_today_at(2026, 3, 10, 22, 59, 59);
    const auto midnight = paris_today_at(2026, 3, 10, 23, 0, 0);
    BOOST_TEST(last_second == "2026-03-10");
    BOOST_TEST(midnight == "2026-03-11");
    BOOST_TEST(billing::payable_online(i, last_second));
    BOOST_TEST(!billing::payable_online(i, midnight));
    BOOST_TEST(billing::status_label(i, midnight) == "Plus payable en ligne");
    // Before midnight UTC of the day before, Paris is already on the due date: payable.
    BOOST_TEST(billing::payable_online(i, paris_today_at(2026, 3, 9, 23, 30, 0)));
}

BOOST_AUTO_TEST_CASE(due_date_ends_at_midnight_in_paris_in_summer)
{
    // Summer: Paris is UTC+2, so the due date ends at 22:00 UTC.
    auto i = invoice();
    i.due_on = "2026-07-10";
    BOOST_TEST(billing::payable_online(i, paris_today_at(2026, 7, 10, 21, 59, 59)));
    BOOST_TEST(!billing::payable_online(i, paris_today_at(2026, 7, 10, 22, 0, 0)));
    // The night the clocks go back (25 October 2026): the due date ends at 23:00 UTC.
    i.due_on = "2026-10-25";
    BOOST_TEST(billing::payable_online(i, paris_today_at(2026, 10, 25, 22, 59, 59)));
    BOOST_TEST(!billing::payable_online(i, paris_today_at(2026, 10, 25, 23, 0, 0)));
    // The night they go forward (29 March 2026): the 29th begins at 23:00 UTC on the 28th and
    // ends at 22:00 UTC.
    i.due_on = "2026-03-28";
    BOOST_TEST(!billing::payable_online(i, paris_today_at(2026, 3, 28, 23, 0, 0)));
    i.due_on = "2026-03-29";
    BOOST_TEST(billing::payable_online(i, paris_today_at(2026, 3, 29, 21, 59, 59)));
    BOOST_TEST(!billing::payable_online(i, paris_today_at(2026, 3, 29, 22, 0, 0)));
}

BOOST_AUTO_TEST_CASE(not_payable_online_without_a_payfip_client_number)
{
    auto i = invoice();
    for (const auto* numcli : {"", "12345", "1234567", "01234A"}) {
        i.payfip_numcli = numcli;
        BOOST_TEST(!billing::payable_online(i, "2026-03-01"), numcli);
        BOOST_TEST(billing::status_label(i, "2026-03-01") == "Plus payable en ligne", numcli);
    }
}

BOOST_AUTO_TEST_CASE(transmitted_invoices_are_no_longer_payable_online)
{
    auto i = invoice();
    i.status = "transmise";
    BOOST_TEST(!billing::payable_online(i, "2026-03-01"));
    BOOST_TEST(billing::status_label(i, "2026-03-01") == "Plus payable en ligne");
}

BOOST_AUTO_TEST_CASE(nothing_left_to_pay_reads_payee)
{
    auto i = invoice();
    i.status = "payee";
    i.paid_cents = 980;
    BOOST_TEST(!billing::payable_online(i, "2026-03-01"));
    BOOST_TEST(billing::status_label(i, "2026-03-01") == "Payée");
    // Paid and credited up to the total while still marked à payer: nothing is due.
    i.status = "a_payer";
    i.paid_cents = 500;
    i.credited_cents = 480;
    BOOST_TEST(!billing::payable_online(i, "2026-03-01"));
    BOOST_TEST(billing::status_label(i, "2026-03-01") == "Payée");
    // Past its due date, a paid invoice still reads Payée.
    BOOST_TEST(billing::status_label(i, "2026-04-01") == "Payée");
    // One cent left: payable again.
    i.credited_cents = 479;
    BOOST_TEST(billing::payable_online(i, "2026-03-01"));
    BOOST_TEST(billing::status_label(i, "2026-03-01") == "Payer en ligne");
}

BOOST_AUTO_TEST_CASE(cancelled_invoices_read_annulee)
{
    auto i = invoice();
    i.status = "annulee";
    i.credited_cents = 980;
    BOOST_TEST(!billing::payable_online(i, "2026-03-01"));
    BOOST_TEST(billing::status_label(i, "2026-03-01") == "Annulée");
    BOOST_TEST(billing::status_label(i, "2026-04-01") == "Annulée");
}

BOOST_AUTO_TEST_CASE(refdet_keeps_letters_and_digits_up_to_thirty)
{
    BOOST_TEST(billing::refdet_of("FAC-2026-000123") == "FAC2026000123");
    BOOST_TEST(billing::refdet_of("RS 2026/000001") == "RS2026000001");
    BOOST_TEST(billing::refdet_of("T-12-3") == "T123");
    BOOST_TEST(billing::refdet_of("") == "");
    BOOST_TEST(billing::refdet_of("---") == "");
    // Accented letters are not in PayFiP's alphabet: dropped, not transliterated.
    BOOST_TEST(billing::refdet_of("ÉTÉ-2026-1") == "T20261");
    const std::string long_number = "ABCDEFGHIJKL-2026-0000000000000000000042";
    const auto refdet = billing::refdet_of(long_number);
    BOOST_TEST(refdet.size() == 30u);
    BOOST_TEST(refdet == "ABCDEFGHIJKL202600000000000000");
    // What it makes is always a valid refdet (or empty).
    BOOST_TEST(payment::valid_refdet(billing::refdet_of("FAC-2026-000123")));
    BOOST_TEST(payment::valid_refdet(refdet));
}

BOOST_AUTO_TEST_SUITE_END()
