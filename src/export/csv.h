// CSV for spreadsheets used in French town halls: ';' separated, CRLF, UTF-8 with a BOM (so
// Excel reads accents), fields quoted when needed, and cells that a spreadsheet would run as
// a formula (starting with = + - @ or a tab/CR) prefixed with an apostrophe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace archive
{

class CsvWriter
{
public:
    CsvWriter();
    void row(const std::vector<std::string>& cells);
    const std::string& str() const { return out_; }

private:
    std::string out_;
};

std::string csv_cell(std::string_view value);

} // namespace archive
