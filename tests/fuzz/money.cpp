// Amounts typed by agents and shown everywhere (domain::parse_euros, format_amount,
// format_euros). Input: the text to parse; its first 8 bytes are also an amount to format.
#include "fuzz_check.h"

#include "domain/money.h"

#include <cstring>

namespace
{

constexpr domain::Cents max_cents = 1'000'000'000; // 10 000 000,00 €, as documented

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = fuzz::as_text(data, size);

    // Negative amounts only when allowed; otherwise both readings agree. Whatever is read is
    // within bounds and is read back from its own display, with or without the sign.
    const auto positive = domain::parse_euros(text, false);
    const auto any = domain::parse_euros(text, true);
    if (positive)
        FUZZ_CHECK(*positive >= 0 && any == positive);
    if (any) {
        FUZZ_CHECK(*any >= -max_cents && *any <= max_cents);
        FUZZ_CHECK(domain::parse_euros(domain::format_amount(*any), true) == any);
        FUZZ_CHECK(domain::parse_euros(domain::format_euros(*any), true) == any);
    }

    // Any int64 is displayed (INT64_MIN included); within bounds the display reads back.
    domain::Cents cents = 0;
    if (size >= sizeof cents) {
        std::memcpy(&cents, data, sizeof cents);
        const auto shown = domain::format_euros(cents);
        const auto back = domain::parse_euros(shown, true);
        if (cents >= -max_cents && cents <= max_cents)
            FUZZ_CHECK(back == cents);
        else
            FUZZ_CHECK(!back);
    }
    return 0;
}
