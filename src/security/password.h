// Password hashing with argon2id (libsodium: its AVX2 code hashes 1.3 to 2 times faster than
// libargon2's portable build), PHC strings, and a bound on concurrent hashes.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace security
{

// OWASP's password storage cheat sheet lists five argon2id settings of equal strength, from
// 46 MiB with one pass to 7 MiB with five. We take the last, 7 MiB with five passes: two
// logins hashing at once stay within the worker's memory bound on shared hosting (2 x 7 MiB;
// 2 x 19 with the first settings, 2 x 9 with 9 MiB x 4 until 2026-11-30), and the smaller
// block fits the CPU caches better, so a login costs less time too (16.6 ms against 22.2 for
// 9 MiB x 4 here, docs/PERFORMANCE.md). Hashes stored with other settings verify, and are
// rehashed at the next login when they use fewer passes or less memory than these
// (docs/SECURITY.md §2).
struct Argon2Params {
    unsigned t_cost = 5;
    unsigned m_cost_kib = 7 * 1024;
    // Parallelism is always 1 (libsodium); stored hashes with p > 1 still verify.
};

// Limits how many hashes run at once so a login burst cannot starve the worker threads.
// Call once at start; default is 2.
void set_max_concurrent_hashes(unsigned n);
// How many requests may wait for a hash slot; beyond, hashing throws HashesBusy at once.
void set_max_waiting_hashes(unsigned n);

// Too many logins at once: the request ends with a 503 "réessayez dans quelques secondes".
class HashesBusy : public std::runtime_error
{
public:
    HashesBusy() : std::runtime_error("too many password hashes waiting") {}
};

// PHC string "$argon2id$v=19$m=7168,t=5,p=1$salt$hash".
std::string hash_password(std::string_view password, const Argon2Params& params = {});
bool verify_password(std::string_view password, const std::string& phc);
// True when the stored hash uses less time or memory than `params` (rehash at next login).
bool needs_rehash(const std::string& phc, const Argon2Params& params = {});
// Burns the time of one verification; used when the account does not exist so that
// unknown emails and wrong passwords take comparable time.
void verify_dummy(std::string_view password);

} // namespace security
