#include "pdf/invoice_pdf.h"

#include "../temp_dir.h"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <regex>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

namespace
{

struct CommandResult {
    int status = -1;
    std::string output;
};

CommandResult run(const std::string& command)
{
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        result.output.append(buffer, n);
    const int raw = pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return result;
}

// French amounts hold U+202F and U+00A0; pdftotext may keep them or write plain spaces.
std::string normalise_spaces(std::string text)
{
    for (const std::string special : {"\u202F", "\u00A0"}) {
        for (auto at = text.find(special); at != std::string::npos; at = text.find(special, at))
            text.replace(at, special.size(), " ");
    }
    return text;
}

// The PDF's text as `pdftotext -layout` reads it, pages separated by form feeds.
std::string pdf_text(const std::string& pdf)
{
    const unit::TempDir dir;
    const std::string path = dir.write("document.pdf", pdf);
    const CommandResult result = run("pdftotext -layout -enc UTF-8 '" + path + "' - 2>&1");
    BOOST_TEST_REQUIRE(result.status == 0, "pdftotext failed: " << result.output);
    return normalise_spaces(result.output);
}

std::string pdf_info(const std::string& pdf)
{
    const unit::TempDir dir;
    const std::string path = dir.write("document.pdf", pdf);
    const CommandResult result = run("pdfinfo -isodates -enc UTF-8 '" + path + "' 2>&1");
    BOOST_TEST_REQUIRE(result.status == 0, "pdfinfo failed: " << result.output);
    return result.output;
}

int page_count(const std::string& pdf)
{
    std::smatch match;
    const std::string info = pdf_info(pdf);
    BOOST_TEST_REQUIRE(std::regex_search(info, match, std::regex(R"(Pages:\s+(\d+))")));
    return std::stoi(match[1]);
}

std::vector<std::string> split_pages(const std::string& text)
{
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (auto at = text.find('\f'); at != std::string::npos; at = text.find('\f', start)) {
        pages.push_back(text.substr(start, at - start));
        start = at + 1;
    }
    if (text.find_first_not_of(" \n", start) != std::string::npos)
        pages.push_back(text.substr(start));
    return pages;
}

std::size_t occurrences(const std::string& text, const std::string& word)
{
    std::size_t count = 0;
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
        ++count;
    return count;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

bool is_pdf(const std::string& bytes)
{
    if (!bytes.starts_with("%PDF-"))
        return false;
    std::string tail = bytes;
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r'))
        tail.pop_back();
    return tail.ends_with("%%EOF");
}

const char* const children[] = {"Élodie", "Mathéo", "Zoé"};

pdf::InvoiceDocument sample_invoice(int line_count = 4)
{
    pdf::InvoiceDocument invoice;
    invoice.commune = {"Mairie de Caumont-sur-Durance",
                       {"Place du Marché", "84510 Caumont-sur-Durance"}};
    invoice.regie = {
        "Service Jeunesse", {"2 rue de l'Église", "84510 Caumont-sur-Durance"}, "012345"};
    invoice.family = {"FICTIF Rolf", {"12 chemin des Écoliers", "84510 Caumont-sur-Durance"}};
    invoice.number = "RS-2026-000123";
    invoice.period_label = "Décembre 2026";
    invoice.issue_date = {2026, 12, 1};
    invoice.due_date = {2026, 12, 15};
    for (int i = 0; i < line_count; ++i) {
        pdf::InvoiceLine line;
        line.date = {2026, 12, 1 + i % 28};
        line.activity = i % 2 == 0 ? "Restauration scolaire" : "Accueil périscolaire du soir";
        line.child = children[i % 3];
        line.quantity = 1 + i % 2;
        line.unit_price_cents = 355;
        line.amount_cents = 355 * line.quantity;
        if (i == 1)
            line.note = "annulation tardive";
        invoice.lines.push_back(line);
    }
    invoice.total_cents = 123450;
    invoice.paid_cents = 0;
    invoice.credit_notes_cents = 0;
    invoice.amount_due_cents = 123450;
    invoice.payment = {true, "https://famille.example.fr",
                       "Mairie, du lundi au vendredi de 8h30 à 12h", "RS2026000123"};
    return invoice;
}

pdf::ReceiptDocument sample_receipt()
{
    const pdf::InvoiceDocument invoice = sample_invoice();
    pdf::ReceiptDocument receipt;
    receipt.commune = invoice.commune;
    receipt.regie = invoice.regie;
    receipt.family = invoice.family;
    receipt.receipt_number = "RC-2026-000045";
    receipt.invoice_number = invoice.number;
    receipt.issue_date = {2026, 12, 10};
    receipt.amount_paid_cents = 113095;
    receipt.paid_at = "10/12/2026 à 18h30";
    receipt.payment_means = "Carte bancaire (PayFiP)";
    receipt.numauto = "A1B2C3";
    receipt.id_op = "f3a9c0de1234";
    return receipt;
}

} // namespace

BOOST_AUTO_TEST_SUITE(pdf_invoice)

BOOST_AUTO_TEST_CASE(invoice_is_a_pdf_document)
{
    const std::string bytes = pdf::render_invoice(sample_invoice());
    BOOST_TEST(is_pdf(bytes));
    BOOST_TEST(page_count(bytes) == 1);
}

BOOST_AUTO_TEST_CASE(same_invoice_gives_same_bytes_in_any_thread)
{
    const pdf::InvoiceDocument invoice = sample_invoice(70);
    const std::string first = pdf::render_invoice(invoice);
    std::string other_thread;
    std::thread worker([&] { other_thread = pdf::render_invoice(invoice); });
    worker.join();
    BOOST_TEST((pdf::render_invoice(invoice) == first));
    BOOST_TEST((other_thread == first));
}

BOOST_AUTO_TEST_CASE(different_number_gives_different_bytes)
{
    pdf::InvoiceDocument invoice = sample_invoice();
    const std::string first = pdf::render_invoice(invoice);
    invoice.number = "RS-2026-000124";
    BOOST_TEST((pdf::render_invoice(invoice) != first));
}

BOOST_AUTO_TEST_CASE(metadata_is_fixed_by_the_document)
{
    const std::string info = pdf_info(pdf::render_invoice(sample_invoice()));
    BOOST_TEST(contains(info, "Facture RS-2026-000123"), info);
    BOOST_TEST(contains(info, "Service Jeunesse"), info);
    BOOST_TEST(contains(info, "Portail Famille"), info);
    // Midnight in Paris on the issue date, never the time of rendering.
    BOOST_TEST(contains(info, "CreationDate:    2026-12-01T00:00:00+01"), info);
    BOOST_TEST(contains(info, "ModDate:         2026-12-01T00:00:00+01"), info);

    pdf::ReceiptDocument receipt = sample_receipt();
    receipt.issue_date = {2026, 7, 14};
    const std::string summer = pdf_info(pdf::render_receipt(receipt));
    BOOST_TEST(contains(summer, "CreationDate:    2026-07-14T00:00:00+02"), summer);
}

BOOST_AUTO_TEST_CASE(invoice_shows_number_total_due_date_and_accents)
{
    const std::string text = pdf_text(pdf::render_invoice(sample_invoice()));
    for (const char* expected :
         {"FACTURE", "RS-2026-000123", "1 234,50 €", "Élodie", "Mathéo", "Zoé", "Décembre 2026",
          "Caumont-sur-Durance", "Activité", "Prix unitaire", "15/12/2026",
          "À payer avant le mardi 15 décembre 2026", "Payer en ligne", "https://famille.example.fr",
          "RS2026000123", "annulation tardive", "3,55", "7,10", "Page 1/1"}) {
        BOOST_TEST(contains(text, expected), "missing \"" << expected << "\" in:\n" << text);
    }
}

BOOST_AUTO_TEST_CASE(settled_invoice_asks_for_no_payment)
{
    pdf::InvoiceDocument invoice = sample_invoice();
    invoice.paid_cents = 123450;
    invoice.amount_due_cents = 0;
    const std::string text = pdf_text(pdf::render_invoice(invoice));
    BOOST_TEST(contains(text, "Déjà réglé"), text);
    BOOST_TEST(contains(text, "aucun paiement n'est attendu"), text);
    BOOST_TEST(!contains(text, "À payer avant"), text);
    BOOST_TEST(!contains(text, "Payer en ligne"), text);
}

BOOST_AUTO_TEST_CASE(long_invoice_spans_pages_with_the_table_header_on_each)
{
    const pdf::InvoiceDocument invoice = sample_invoice(70);
    const std::string bytes = pdf::render_invoice(invoice);
    const int pages = page_count(bytes);
    BOOST_TEST_REQUIRE(pages >= 2);

    const std::string text = pdf_text(bytes);
    const std::vector<std::string> page_texts = split_pages(text);
    BOOST_TEST_REQUIRE(page_texts.size() == static_cast<std::size_t>(pages));
    for (int p = 0; p < pages; ++p) {
        const std::string& page = page_texts[static_cast<std::size_t>(p)];
        const std::string number = "Page " + std::to_string(p + 1) + "/" + std::to_string(pages);
        BOOST_TEST(contains(page, number), "page " << p + 1 << ":\n" << page);
        if (contains(page, "Élodie"))
            BOOST_TEST(contains(page, "Prix unitaire"), "page " << p + 1 << ":\n" << page);
        const bool last = p + 1 == pages;
        BOOST_TEST(contains(page, "Reste à payer") == last, "page " << p + 1 << ":\n" << page);
    }
    // Every line is printed once: each child appears as often as it has lines.
    for (std::size_t c = 0; c < std::size(children); ++c) {
        std::size_t lines = 0;
        for (const pdf::InvoiceLine& line : invoice.lines)
            lines += line.child == children[c] ? 1 : 0;
        BOOST_TEST(occurrences(text, children[c]) == lines, children[c]);
    }
}

BOOST_AUTO_TEST_CASE(totals_land_on_the_last_page_whatever_the_line_count)
{
    // Covers page breaks falling before, inside and after the closing block: the totals are
    // always on the last page, under at least one line of the table.
    for (int lines = 20; lines <= 75; ++lines) {
        const std::vector<std::string> pages =
            split_pages(pdf_text(pdf::render_invoice(sample_invoice(lines))));
        BOOST_TEST_REQUIRE(!pages.empty());
        const std::string& last = pages.back();
        const std::string last_number =
            "Page " + std::to_string(pages.size()) + "/" + std::to_string(pages.size());
        BOOST_TEST(contains(last, "Reste à payer"), lines << " lines");
        BOOST_TEST(contains(last, "RS2026000123"), lines << " lines");
        BOOST_TEST(contains(last, last_number), lines << " lines");
        BOOST_TEST(contains(last, "Prix unitaire"), lines << " lines");
        BOOST_TEST((contains(last, "Élodie") || contains(last, "Mathéo") || contains(last, "Zoé")),
                   lines << " lines");
        for (std::size_t p = 0; p + 1 < pages.size(); ++p)
            BOOST_TEST(!contains(pages[p], "Reste à payer"), lines << " lines, page " << p + 1);
    }
}

BOOST_AUTO_TEST_CASE(long_texts_stay_inside_the_margins)
{
    pdf::InvoiceDocument invoice = sample_invoice(3);
    std::string long_name;
    for (int i = 0; i < 30; ++i)
        long_name += "Stage multisports découverte ";
    invoice.lines[0].activity = long_name;
    invoice.lines[1].child = "Marie-Éléonore-Charlotte-Apolline de La Tour-Saint-Ygest";
    invoice.commune.name = "Commune nouvelle de " + long_name;
    invoice.family.address_lines.push_back(long_name);

    const unit::TempDir dir;
    const std::string path = dir.write("long.pdf", pdf::render_invoice(invoice));
    const CommandResult result = run("pdftotext -bbox '" + path + "' - 2>&1");
    BOOST_TEST_REQUIRE(result.status == 0, result.output);
    const std::regex word(R"re(<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)")re");
    std::size_t words = 0;
    for (auto it = std::sregex_iterator(result.output.begin(), result.output.end(), word);
         it != std::sregex_iterator(); ++it) {
        ++words;
        const double x_min = std::stod((*it)[1]);
        const double x_max = std::stod((*it)[2]);
        BOOST_TEST(x_min >= 39.0, "word starts at " << x_min);
        BOOST_TEST(x_max <= 595.276 - 39.0, "word ends at " << x_max);
    }
    BOOST_TEST(words > 50u);
    // Long names are cut with an ellipsis rather than printed in full.
    BOOST_TEST(contains(result.output, "…"));
    BOOST_TEST(occurrences(result.output, "multisports") < 30u * 3u);
}

BOOST_AUTO_TEST_CASE(invoice_without_lines_says_so)
{
    pdf::InvoiceDocument invoice = sample_invoice(0);
    invoice.total_cents = 0;
    invoice.amount_due_cents = 0;
    const std::string text = pdf_text(pdf::render_invoice(invoice));
    BOOST_TEST(contains(text, "Aucune prestation sur la période."), text);
}

BOOST_AUTO_TEST_CASE(text_that_is_not_utf8_is_refused)
{
    pdf::InvoiceDocument invoice = sample_invoice();
    invoice.lines[0].activity = "Cantine \xE9t\xE9";
    BOOST_CHECK_THROW(pdf::render_invoice(invoice), std::invalid_argument);

    pdf::ReceiptDocument receipt = sample_receipt();
    receipt.regie.name = "R\xC3";
    BOOST_CHECK_THROW(pdf::render_receipt(receipt), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(receipt_shows_the_payment)
{
    const std::string bytes = pdf::render_receipt(sample_receipt());
    BOOST_TEST(is_pdf(bytes));
    BOOST_TEST(page_count(bytes) == 1);
    BOOST_TEST((pdf::render_receipt(sample_receipt()) == bytes));

    const std::string text = pdf_text(bytes);
    for (const char* expected :
         {"REÇU DE PAIEMENT", "RC-2026-000045", "RS-2026-000123", "1 130,95 €",
          "10/12/2026 à 18h30", "Carte bancaire (PayFiP)", "A1B2C3", "f3a9c0de1234", "FICTIF Rolf",
          "Service Jeunesse", "Page 1/1"}) {
        BOOST_TEST(contains(text, expected), "missing \"" << expected << "\" in:\n" << text);
    }
}

BOOST_AUTO_TEST_CASE(receipt_depends_on_its_content)
{
    pdf::ReceiptDocument receipt = sample_receipt();
    const std::string first = pdf::render_receipt(receipt);
    receipt.numauto = "A1B2C4";
    BOOST_TEST((pdf::render_receipt(receipt) != first));
}

BOOST_AUTO_TEST_SUITE_END()
