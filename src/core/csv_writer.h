// CSV output: RFC 4180 quoting, plus neutralising of spreadsheet formulas.
//
// A field a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is
// prefixed with a single quote unless it is a plain number, so an item named
// "=HYPERLINK(...)" in a report cannot execute when the CSV is opened (OWASP CSV injection).
// Thread-safety: stateless functions.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace chorus {

// One field, quoted when it holds the delimiter, a quote, CR or LF.
std::string CsvField(std::string_view value, char delimiter = ',');

// One record with its line end ("\n").
std::string CsvRecord(std::initializer_list<std::string_view> fields, char delimiter = ',');

// The same, appended to `out`: for writers of many rows, which reuse one buffer instead of
// allocating a string per field.
void AppendCsvField(std::string& out, std::string_view value, char delimiter = ',');
void AppendCsvRecord(std::string& out, std::initializer_list<std::string_view> fields,
                     char delimiter = ',');

}  // namespace chorus
