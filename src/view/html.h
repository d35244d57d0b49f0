// Building HTML by hand where a ctemplate dictionary per element costs more than the page
// itself (the planning's calendar: a few hundred values). The escaping is ctemplate's
// html_escape, the one its auto-escape applies to the templates' text and quoted attributes:
// the same characters in, the same markup out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace view
{

// Appends `text` escaped for HTML text or a quoted attribute value: & < > " ' as entities,
// and \t \n \v \f \r as a space (as ctemplate's html_escape does).
void append_escaped(std::string& out, std::string_view text);

// Appends the decimal digits of n.
void append_int(std::string& out, std::int64_t n);

} // namespace view
