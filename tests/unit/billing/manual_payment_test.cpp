// Payments at the régie's counter (billing/manual_payment): what an invoice refuses; how the
// receipt and the lists write the means (billing/receipt); and the amounts of the CSV exports
// (billing/exports).
#include "billing/exports.h"
#include "billing/manual_payment.h"
#include "billing/receipt.h"

#include <boost/test/unit_test.hpp>

#include <string>

namespace
{

// 50,00 € to pay, 20,00 € already paid, 5,00 € credited: 25,00 € due.
db::InvoiceRow invoice()
{
    db::InvoiceRow i;
    i.id = 7;
    i.number = "FAC-2026-000007";
    i.total_cents = 5000;
    i.paid_cents = 2000;
    i.credited_cents = 500;
    i.status = "a_payer";
    return i;
}

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(manual_payment)

BOOST_AUTO_TEST_CASE(counter_payment_up_to_what_is_due_is_accepted)
{
    BOOST_TEST(billing::counter_refusal(invoice(), 1, false).empty());
    BOOST_TEST(billing::counter_refusal(invoice(), 2500, false).empty());
}

BOOST_AUTO_TEST_CASE(counter_payment_above_what_is_due_is_refused_with_the_amounts)
{
    const auto reason = billing::counter_refusal(invoice(), 2501, false);
    BOOST_TEST(has(reason, "dépasse le reste à payer"));
    BOOST_TEST(has(reason, "25,01"));
    BOOST_TEST(has(reason, "25,00"));
}

BOOST_AUTO_TEST_CASE(counter_payment_refused_on_a_paid_cancelled_or_transmitted_invoice)
{
    auto paid = invoice();
    paid.paid_cents = 4500;
    BOOST_TEST(has(billing::counter_refusal(paid, 100, false), "déjà payée"));
    paid.status = "payee";
    BOOST_TEST(has(billing::counter_refusal(paid, 100, false), "déjà payée"));
    auto cancelled = invoice();
    cancelled.status = "annulee";
    BOOST_TEST(has(billing::counter_refusal(cancelled, 100, false), "annulée"));
    auto transmitted = invoice();
    transmitted.status = "transmise";
    BOOST_TEST(has(billing::counter_refusal(transmitted, 100, false), "Trésor public"));
}

BOOST_AUTO_TEST_CASE(counter_payment_refused_while_paying_online_or_without_an_amount)
{
    BOOST_TEST(has(billing::counter_refusal(invoice(), 100, true), "paiement en ligne"));
    BOOST_TEST(!billing::counter_refusal(invoice(), 0, false).empty());
    BOOST_TEST(!billing::counter_refusal(invoice(), -100, false).empty());
}

BOOST_AUTO_TEST_CASE(counter_means_are_the_five_of_the_regie_and_not_card)
{
    for (const char* means : {"especes", "cheque", "cesu", "cheque_vacances", "virement"})
        BOOST_TEST(billing::is_counter_means(means), means);
    for (const char* means : {"carte", "prelevement", "", "CHEQUE", "cheque "})
        BOOST_TEST(!billing::is_counter_means(means), means);
}

BOOST_AUTO_TEST_CASE(receipt_means_show_the_cheque_number_and_payfip)
{
    db::PaymentRow p;
    p.means = "cheque";
    p.numauto = "1234567";
    BOOST_TEST(billing::means_text(p) == "Chèque n° 1234567");
    p.means = "virement";
    p.numauto = "VIR-42";
    BOOST_TEST(billing::means_text(p) == "Virement, référence VIR-42");
    p.means = "especes";
    p.numauto.clear();
    BOOST_TEST(billing::means_text(p) == "Espèces");
    p.means = "carte";
    p.numauto = "A1B2C3";
    p.idop = "0123456789abcdef";
    BOOST_TEST(billing::means_text(p) == "Carte bancaire (PayFiP)");
}

BOOST_AUTO_TEST_CASE(receipt_of_a_counter_payment_has_its_day_and_no_authorisation_number)
{
    db::PaymentRow p;
    p.means = "cheque";
    p.numauto = "1234567";
    p.paid_at = "2026-11-29 23:30:00"; // 00:30 on the 30th in Paris
    p.amount_cents = 2000;
    p.receipt_number = "R2026-000042";
    const auto doc = billing::receipt_document(p, "Caumont-sur-Durance");
    BOOST_TEST(doc.paid_at == "30/11/2026");
    BOOST_TEST(doc.numauto.empty());
    BOOST_TEST(doc.payment_means == "Chèque n° 1234567");
    BOOST_TEST(doc.commune.name == "Caumont-sur-Durance");
    p.means = "carte";
    p.numauto = "A1B2C3";
    const auto online = billing::receipt_document(p, "Caumont-sur-Durance");
    BOOST_TEST(online.numauto == "A1B2C3");
    BOOST_TEST(online.paid_at == "30/11/2026 à 0h30");
}

BOOST_AUTO_TEST_CASE(csv_amounts_use_a_decimal_comma_without_thousands_separator)
{
    BOOST_TEST(billing::csv_amount(0) == "0,00");
    BOOST_TEST(billing::csv_amount(5) == "0,05");
    BOOST_TEST(billing::csv_amount(123456) == "1234,56");
    BOOST_TEST(billing::csv_amount(-1200) == "-12,00");
}

BOOST_AUTO_TEST_CASE(payments_csv_writes_paris_days_and_hours)
{
    db::PaymentExportRow r;
    r.paid_at = "2026-07-14 22:15:00"; // summer time: 00:15 on the 15th in Paris
    r.receipt_number = "R2026-000001";
    r.regie_name = "Régie; test";
    r.family_number = 12;
    r.family_name = "FICTIF";
    r.invoice_number = "FAC-1";
    r.means = "cheque_vacances";
    r.amount_cents = 123456;
    const auto csv = billing::payments_csv({r});
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF"
                         "Date;Heure;",
                         0) == 0);
    BOOST_TEST(has(csv, "\r\n2026-07-15;00:15;R2026-000001;\"Régie; test\";12;FICTIF;FAC-1;"
                        "Chèques vacances;1234,56;;\r\n"));
}

BOOST_AUTO_TEST_SUITE_END()
