// Random tokens (OpenSSL), digests (libsodium) and constant-time comparison.
#pragma once

#include <string>
#include <string_view>

namespace security {

// libsodium's sodium_init(), once: before any of its functions (it picks the CPU's fastest
// code). Thread-safe; throws if libsodium cannot start.
void init_sodium();

// 256-bit random token, base64url without padding (43 chars). Throws on RNG failure.
std::string random_token();
// n random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);
// SHA-256 digest as 32 raw bytes.
std::string sha256(std::string_view data);
// HMAC-SHA256(key, data) as base64url without padding.
std::string hmac_sha256_b64(std::string_view key, std::string_view data);
std::string to_hex(std::string_view bytes);
std::string base64url(std::string_view bytes);
bool constant_time_equal(std::string_view a, std::string_view b);

} // namespace security
