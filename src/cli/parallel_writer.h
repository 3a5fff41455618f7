// WriteInOrder: formats rows on several threads and writes them in row order.
//
// Formatting numbers is most of the cost of writing hundreds of thousands of result rows
// (printf-style %.6g is ~100 ns a number), so rows are cut into blocks that threads format into
// their own buffers, and the buffers are written in order: the output is byte for byte what one
// thread would write. At most `threads` blocks are held at a time, so memory stays bounded.
// Thread-safety: `format` is called concurrently on disjoint row ranges; it must only read
// shared state.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

namespace chorus::cli {

// Appends rows [first, last) to `text`.
using FormatRows = std::function<void(size_t first, size_t last, std::string& text)>;

// Writes rows [0, rows) through `format`; `threads` 0 means one per core.
void WriteInOrder(std::ostream& out, size_t rows, unsigned threads, const FormatRows& format);

}  // namespace chorus::cli
