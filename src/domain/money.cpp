#include "domain/money.h"

#include <cstdlib>

namespace domain
{

namespace
{

constexpr std::string_view narrow_nbsp = "\u202F";
constexpr std::string_view nbsp = "\u00A0";
constexpr Cents max_cents = 1'000'000'000; // 10 000 000,00 €

} // namespace

std::string format_amount(Cents cents)
{
    const bool negative = cents < 0;
    // Magnitude as unsigned so that INT64_MIN does not overflow.
    const std::uint64_t magnitude =
        negative ? std::uint64_t(0) - static_cast<std::uint64_t>(cents) : std::uint64_t(cents);
    const std::string units = std::to_string(magnitude / 100);
    const unsigned rest = static_cast<unsigned>(magnitude % 100);

    std::string out;
    if (negative)
        out += '-';
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (i > 0 && (units.size() - i) % 3 == 0)
            out += narrow_nbsp;
        out += units[i];
    }
    out += ',';
    out += char('0' + rest / 10);
    out += char('0' + rest % 10);
    return out;
}

std::string format_euros(Cents cents)
{
    std::string out = format_amount(cents);
    out += nbsp;
    out += "€";
    return out;
}

std::optional<Cents> parse_euros(std::string_view text, bool allow_negative)
{
    // Strip surrounding spaces and a trailing euro sign.
    auto trim = [](std::string_view& s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
            s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
            s.remove_suffix(1);
    };
    trim(text);
    if (text.size() >= 3 && text.substr(text.size() - 3) == "€") {
        text.remove_suffix(3);
        trim(text);
        if (text.size() >= 2 && text.substr(text.size() - 2) == nbsp)
            text.remove_suffix(2);
        trim(text);
    }
    bool negative = false;
    if (!text.empty() && text.front() == '-') {
        if (!allow_negative)
            return std::nullopt;
        negative = true;
        text.remove_prefix(1);
    }
    Cents units = 0;
    int digits = 0;
    int decimals = -1; // -1: no separator seen yet
    Cents fraction = 0;
    // Thousands separators only between groups of three digits ("1 234", not "12 5").
    int groups = 0; // separators seen
    int group = 0;  // digits since the last one
    const auto group_ends = [&] { return groups == 0 ? group <= 3 : group == 3; };
    const auto thousands = [&] {
        if (!group_ends())
            return false;
        ++groups;
        group = 0;
        return true;
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            if (decimals < 0)
                ++group;
            if (decimals >= 0) {
                if (++decimals > 2)
                    return std::nullopt;
                fraction = fraction * 10 + (c - '0');
            } else {
                if (++digits > 8)
                    return std::nullopt;
                units = units * 10 + (c - '0');
            }
            ++i;
        } else if ((c == ',' || c == '.') && decimals < 0 && digits > 0) {
            if (groups > 0 && group != 3)
                return std::nullopt;
            decimals = 0;
            ++i;
        } else if (decimals < 0 && digits > 0 && c == ' ' && thousands()) {
            ++i;
        } else if (decimals < 0 && digits > 0 && text.substr(i, 2) == nbsp && thousands()) {
            i += 2;
        } else if (decimals < 0 && digits > 0 && text.substr(i, 3) == narrow_nbsp && thousands()) {
            i += 3;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || decimals == 0 || (decimals < 0 && groups > 0 && group != 3))
        return std::nullopt;
    if (decimals == 1)
        fraction *= 10;
    const Cents total = units * 100 + fraction;
    if (total > max_cents)
        return std::nullopt;
    return negative ? -total : total;
}

} // namespace domain
