#include "security/password.h"

#include "security/tokens.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <stdexcept>

namespace security {

namespace {

std::mutex gate_mutex;
std::condition_variable gate_cv;
unsigned gate_limit = 2;
unsigned gate_used = 0;
unsigned gate_waiting = 0;
unsigned gate_max_waiting = 1u << 30;

class HashSlot {
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
    unsigned char salt[16];
    if (RAND_bytes(salt, sizeof salt) != 1)
        throw std::runtime_error("RAND_bytes failed");
    const std::size_t hash_len = 32;
    const std::size_t encoded_len = argon2_encodedlen(params.t_cost, params.m_cost_kib,
                                                      params.parallelism, sizeof salt, hash_len,
                                                      Argon2_id);
    std::string encoded(encoded_len, '\0');
    HashSlot slot;
    const int rc = argon2id_hash_encoded(params.t_cost, params.m_cost_kib, params.parallelism,
                                         password.data(), password.size(), salt, sizeof salt,
                                         hash_len, encoded.data(), encoded.size());
    if (rc != ARGON2_OK)
        throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool verify_password(std::string_view password, const std::string& phc)
{
    if (phc.rfind("$argon2id$", 0) != 0)
        return false;
    HashSlot slot;
    return argon2id_verify(phc.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool needs_rehash(const std::string& phc, const Argon2Params& params)
{
    unsigned m = 0, t = 0, p = 0;
    if (std::sscanf(phc.c_str(), "$argon2id$v=19$m=%u,t=%u,p=%u$", &m, &t, &p) != 3)
        return true;
    return m < params.m_cost_kib || t < params.t_cost || p < params.parallelism;
}

void verify_dummy(std::string_view password) { (void)verify_password(password, dummy_hash()); }

} // namespace security
