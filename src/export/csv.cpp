#include "export/csv.h"

namespace archive
{

std::string csv_cell(std::string_view value)
{
    std::string cell;
    if (!value.empty() &&
        std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
        cell = "'";
    cell += value;
    if (cell.find_first_of(";\"\r\n") == std::string::npos)
        return cell;
    std::string quoted = "\"";
    for (const char c : cell) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

CsvWriter::CsvWriter() : out_("\xEF\xBB\xBF") {}

void CsvWriter::row(const std::vector<std::string>& cells)
{
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out_ += ';';
        out_ += csv_cell(cells[i]);
    }
    out_ += "\r\n";
}

} // namespace archive
