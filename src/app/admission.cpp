#include "app/admission.h"

#include <chrono>

namespace app
{

std::optional<std::int64_t> queued_for_ms(std::string_view queued_at, std::int64_t now_ms)
{
    // "<seconds>.<3 digits>"; seconds of a plausible date, not a 64-bit overflow.
    const auto dot = queued_at.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 12 || queued_at.size() != dot + 4)
        return std::nullopt;
    std::int64_t ms = 0;
    for (std::size_t i = 0; i < queued_at.size(); ++i) {
        if (i == dot)
            continue;
        const char c = queued_at[i];
        if (c < '0' || c > '9')
            return std::nullopt;
        ms = ms * 10 + (c - '0');
    }
    if (ms >= now_ms)
        return 0;
    if (now_ms - ms > longest_plausible_wait_ms)
        return std::nullopt;
    return now_ms - ms;
}

std::int64_t now_epoch_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace app
