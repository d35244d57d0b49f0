#include "export/csv.h"

#include <boost/test/unit_test.hpp>

using archive::csv_cell;

BOOST_AUTO_TEST_SUITE(archive_csv)

BOOST_AUTO_TEST_CASE(plain_cells_stay_as_they_are)
{
    BOOST_TEST(csv_cell("Léa") == "Léa");
    BOOST_TEST(csv_cell("") == "");
}

BOOST_AUTO_TEST_CASE(separators_quotes_and_line_breaks_are_quoted)
{
    BOOST_TEST(csv_cell("a;b") == "\"a;b\"");
    BOOST_TEST(csv_cell("dit \"non\"") == "\"dit \"\"non\"\"\"");
    BOOST_TEST(csv_cell("a\nb") == "\"a\nb\"");
}

BOOST_AUTO_TEST_CASE(formulas_are_neutralised)
{
    BOOST_TEST(csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    BOOST_TEST(csv_cell("+33") == "'+33");
    BOOST_TEST(csv_cell("-1") == "'-1");
    BOOST_TEST(csv_cell("@SUM") == "'@SUM");
}

BOOST_AUTO_TEST_CASE(a_document_starts_with_a_bom_and_ends_lines_with_crlf)
{
    archive::CsvWriter w;
    w.row({"Date", "Enfant"});
    w.row({"2026-12-03", "Léa"});
    BOOST_TEST(w.str() == "\xEF\xBB\xBF"
                          "Date;Enfant\r\n2026-12-03;Léa\r\n");
}

BOOST_AUTO_TEST_SUITE_END()
