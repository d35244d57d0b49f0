// The code abonné printed on the letter an agent gives a family (SPEC §4.1):
// PREFIX-NNNNN-XXXXXXXX, e.g. "BLENFANCE-27026-K7QH3MZP". The prefix names the commune,
// NNNNN is the family number and XXXXXXXX the secret part, drawn from an alphabet
// without the characters people confuse when copying from paper (0 O 1 I L).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace domain
{

// 31 symbols, so a secret part carries 8 × log2(31) ≈ 39.6 bits.
inline constexpr std::string_view subscriber_code_alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t subscriber_code_secret_length = 8;
inline constexpr int subscriber_code_max_family_number = 99999;
// Random bytes to pass to make_subscriber_code: bytes >= 248 are rejected to keep the
// draw unbiased (248 = 8 × 31), and 32 bytes run short with a probability below 10^-30.
inline constexpr std::size_t subscriber_code_random_bytes = 32;

// A fresh code. prefix: 2..20 characters among A-Z and 0-9 (the commune's setting,
// taken as is, never upper-cased here); family_number: 1..99999, written on 5 digits;
// random_bytes: output of a CSPRNG, read in order, each byte b < 248 giving the symbol
// alphabet[b % 31] and larger bytes skipped. Returns "" when the prefix or the number
// is out of range or when the bytes run out before 8 symbols (the caller draws again).
std::string make_subscriber_code(std::string_view prefix, int family_number,
                                 std::string_view random_bytes);

// The canonical form of a code a parent typed: surrounding whitespace ignored, letters
// upper-cased; nullopt unless it then matches PREFIX-NNNNN-XXXXXXXX exactly. A 0, O, 1,
// I or L in the secret part is refused, not guessed: it can only be a typing mistake.
std::optional<std::string> canonical_subscriber_code(std::string_view typed);

// The family number of a canonical code, nullopt when the text is not a canonical code.
std::optional<int> subscriber_code_family_number(std::string_view canonical);

// The commune prefix of a canonical code, nullopt when the text is not a canonical code.
// The view points into the argument.
std::optional<std::string_view> subscriber_code_prefix(std::string_view canonical);

} // namespace domain
