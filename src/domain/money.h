// Money is an integer number of cents everywhere (SPEC §6); this is how it is shown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace domain
{

using Cents = std::int64_t;

// French display of an amount, as Intl.NumberFormat("fr-FR", EUR) writes it:
// "1 234,50 €" with U+202F (narrow no-break space) between thousands and U+00A0
// (no-break space) before the sign; "-12,00 €" for negative amounts; "0,00 €".
std::string format_euros(Cents cents);

// The same without the currency sign, for table cells and CSV: "1 234,50".
std::string format_amount(Cents cents);

// An amount typed by an agent: "12", "12,5", "12,50", "1 234,50", "12.50" (optionally
// followed by "€"); at most two decimals, at most 10 000 000,00 €, not negative unless
// `allow_negative`. Anything else is nullopt.
std::optional<Cents> parse_euros(std::string_view text, bool allow_negative = false);

} // namespace domain
