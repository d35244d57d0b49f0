// Password hashing with argon2id, PHC strings, and a bound on concurrent hashes.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace security {

struct Argon2Params {
    unsigned t_cost = 2;
    unsigned m_cost_kib = 19 * 1024;
    unsigned parallelism = 1;
};

// Limits how many hashes run at once so a login burst cannot starve the worker threads.
// Call once at start; default is 2.
void set_max_concurrent_hashes(unsigned n);
// How many requests may wait for a hash slot; beyond, hashing throws HashesBusy at once.
void set_max_waiting_hashes(unsigned n);

// Too many logins at once: the request ends with a 503 "réessayez dans quelques secondes".
class HashesBusy : public std::runtime_error {
public:
    HashesBusy() : std::runtime_error("too many password hashes waiting") {}
};

// PHC string "$argon2id$v=19$m=19456,t=2,p=1$salt$hash".
std::string hash_password(std::string_view password, const Argon2Params& params = {});
bool verify_password(std::string_view password, const std::string& phc);
// True when the stored hash uses weaker parameters than `params` (rehash at next login).
bool needs_rehash(const std::string& phc, const Argon2Params& params = {});
// Burns the time of one verification; used when the account does not exist so that
// unknown emails and wrong passwords take comparable time.
void verify_dummy(std::string_view password);

} // namespace security
