#include "security/password.h"

#include "security/tokens.h"

#include <sodium.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <stdexcept>

namespace security
{

namespace
{

std::mutex gate_mutex;
std::condition_variable gate_cv;
unsigned gate_limit = 2;
unsigned gate_used = 0;
unsigned gate_waiting = 0;
unsigned gate_max_waiting = 1u << 30;

class HashSlot
{
public:
    HashSlot()
    {
        std::unique_lock lock(gate_mutex);
        // Past the waiting bound, refuse at once: threads stuck here could not serve the
        // other pages (a login burst would make the whole portal slow).
        if (gate_used >= gate_limit && gate_waiting >= gate_max_waiting)
            throw HashesBusy();
        ++gate_waiting;
        gate_cv.wait(lock, [] { return gate_used < gate_limit; });
        --gate_waiting;
        ++gate_used;
    }
    ~HashSlot()
    {
        {
            std::lock_guard lock(gate_mutex);
            --gate_used;
        }
        gate_cv.notify_one();
    }
    HashSlot(const HashSlot&) = delete;
    HashSlot& operator=(const HashSlot&) = delete;
};

// libsodium picks its fastest argon2 code for this CPU (AVX2, SSSE3) at initialisation
// (init_sodium, security/tokens.h).

const std::string& dummy_hash()
{
    static const std::string hash = hash_password("portail-dummy-password-for-timing");
    return hash;
}

} // namespace

void set_max_concurrent_hashes(unsigned n)
{
    std::lock_guard lock(gate_mutex);
    gate_limit = n == 0 ? 1 : n;
}

void set_max_waiting_hashes(unsigned n)
{
    std::lock_guard lock(gate_mutex);
    gate_max_waiting = n;
}

std::string hash_password(std::string_view password, const Argon2Params& params)
{
    init_sodium();
    // The PHC string, salt (16 random bytes) and hash (32 bytes) are those of libargon2.
    char encoded[crypto_pwhash_argon2id_STRBYTES];
    HashSlot slot;
    if (crypto_pwhash_argon2id_str(encoded, password.data(), password.size(), params.t_cost,
                                   std::size_t{params.m_cost_kib} * 1024) != 0)
        throw std::runtime_error("argon2id: out of memory or parameters out of range");
    return encoded;
}

bool verify_password(std::string_view password, const std::string& phc)
{
    // crypto_pwhash_str_verify would also accept argon2i: only argon2id is ours.
    if (phc.rfind("$argon2id$", 0) != 0)
        return false;
    init_sodium();
    HashSlot slot;
    return crypto_pwhash_argon2id_str_verify(phc.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(const std::string& phc, const Argon2Params& params)
{
    unsigned m = 0, t = 0, p = 0;
    if (std::sscanf(phc.c_str(), "$argon2id$v=19$m=%u,t=%u,p=%u$", &m, &t, &p) != 3)
        return true;
    return m < params.m_cost_kib || t < params.t_cost;
}

void verify_dummy(std::string_view password)
{
    (void)verify_password(password, dummy_hash());
}

} // namespace security
