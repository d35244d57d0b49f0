// Rules for a new password (SPEC §4.2), following ANSSI and NIST SP 800-63B: a minimum
// length and a list of common passwords, no composition rules (they push people towards
// "Password1!" and do not make guessing harder).
#pragma once

#include <cstddef>
#include <string_view>

namespace domain
{

enum class PasswordVerdict { Ok, TooShort, TooLong, Common, Mismatch };

// Counted in Unicode code points, so "éééééééééééé" is 12 characters like the parent sees it.
inline constexpr std::size_t min_password_length = 12;
// In bytes: bounds the work of the password hash, whatever the alphabet.
inline constexpr std::size_t max_password_bytes = 256;

// Verdict on a password typed twice on the account or reset form. Checked in this order:
// Mismatch, TooLong, TooShort, Common. Invalid UTF-8 is not refused (the hash takes bytes)
// and its length is then counted in bytes.
PasswordVerdict check_new_password(std::string_view password, std::string_view confirmation);

// The sentence shown under the password field; "" for Ok.
const char* password_verdict_message(PasswordVerdict verdict);

// True when the ASCII-lower-cased password is in src/domain/common_passwords.txt (compiled
// into the binary by scripts/gen-common-passwords). Thread-safe; the index is built once.
bool is_common_password(std::string_view password);

} // namespace domain
