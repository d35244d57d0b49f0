#include "domain/password_policy.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace domain
{

namespace detail
{
// Defined in the source that scripts/gen-common-passwords generates from
// src/domain/common_passwords.txt.
extern const char* const common_passwords[];
extern const std::size_t common_passwords_count;
} // namespace detail

namespace
{

// Number of code points of well-formed UTF-8 (no overlongs, surrogates or values above
// U+10FFFF), nullopt otherwise.
std::optional<std::size_t> utf8_length(std::string_view text)
{
    std::size_t count = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto lead = static_cast<unsigned char>(text[pos]);
        std::size_t length = 1;
        unsigned char low = 0x80; // bounds of the second byte, narrower after E0, ED, F0, F4
        unsigned char high = 0xBF;
        if (lead < 0x80) {
            length = 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return std::nullopt;
        }
        if (text.size() - pos < length) {
            return std::nullopt;
        }
        for (std::size_t i = 1; i < length; ++i) {
            const auto next = static_cast<unsigned char>(text[pos + i]);
            const unsigned char lo = i == 1 ? low : 0x80;
            const unsigned char hi = i == 1 ? high : 0xBF;
            if (next < lo || next > hi) {
                return std::nullopt;
            }
        }
        pos += length;
        ++count;
    }
    return count;
}

// Sorted once on first use; C++ guarantees a thread-safe initialisation of the static.
const std::vector<std::string_view>& common_password_index()
{
    static const std::vector<std::string_view> index = [] {
        std::vector<std::string_view> v(detail::common_passwords,
                                        detail::common_passwords + detail::common_passwords_count);
        std::sort(v.begin(), v.end());
        return v;
    }();
    return index;
}

} // namespace

bool is_common_password(std::string_view password)
{
    // No entry is longer than this, and refusing early keeps the copy below bounded.
    if (password.size() > max_password_bytes) {
        return false;
    }
    std::string lower(password);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    const auto& index = common_password_index();
    return std::binary_search(index.begin(), index.end(), std::string_view(lower));
}

PasswordVerdict check_new_password(std::string_view password, std::string_view confirmation)
{
    if (password != confirmation) {
        return PasswordVerdict::Mismatch;
    }
    if (password.size() > max_password_bytes) {
        return PasswordVerdict::TooLong;
    }
    const std::size_t length = utf8_length(password).value_or(password.size());
    if (length < min_password_length) {
        return PasswordVerdict::TooShort;
    }
    if (is_common_password(password)) {
        return PasswordVerdict::Common;
    }
    return PasswordVerdict::Ok;
}

const char* password_verdict_message(PasswordVerdict verdict)
{
    switch (verdict) {
    case PasswordVerdict::Ok:
        return "";
    case PasswordVerdict::TooShort:
        return "Le mot de passe doit contenir au moins 12 caractères.";
    case PasswordVerdict::TooLong:
        return "Le mot de passe est trop long : 256 caractères au maximum (un peu moins avec des "
               "lettres accentuées).";
    case PasswordVerdict::Common:
        return "Ce mot de passe est trop courant : choisissez-en un autre, par exemple une phrase "
               "de plusieurs mots.";
    case PasswordVerdict::Mismatch:
        return "Les deux mots de passe ne sont pas identiques.";
    }
    // Only reachable with a value cast from outside the enumeration.
    return "Ce mot de passe ne peut pas être utilisé.";
}

} // namespace domain
