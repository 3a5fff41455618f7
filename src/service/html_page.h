// The pieces every self-contained HTML document Chorus writes shares (the datasheet, the
// quality report): strict escaping of text and attribute values, and the page's head with
// inline CSS. Nothing here loads anything: no script, no external font, image or style sheet.
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

namespace chorus::service {

// Text escaped for an HTML element or a double- or single-quoted attribute value.
std::string HtmlEscape(std::string_view text);

// `value` with `decimals` decimals ("%.*f"), for figures in pages and charts.
std::string FixedDecimals(double value, int decimals);

// "<!doctype html>..." through "<body>": the title escaped, the shared style sheet plus
// `extra_css` (trusted: written by Chorus, never from data).
std::string HtmlPageStart(std::string_view title, std::string_view extra_css = "");

// Closes what HtmlPageStart opened.
inline constexpr const char* kHtmlPageEnd = "</body></html>\n";

}  // namespace chorus::service
