#include "security/subscriber_codes.h"

#include "domain/subscriber_code.h"

#include <openssl/rand.h>

#include <stdexcept>

namespace security {

std::string draw_subscriber_code(const std::string& prefix, int family_number)
{
    // make_subscriber_code rejects biased bytes; 32 bytes run short with probability < 1e-30,
    // so a few draws are plenty.
    for (int i = 0; i < 3; ++i) {
        std::string bytes(domain::subscriber_code_random_bytes, '\0');
        if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                       static_cast<int>(bytes.size())) != 1)
            throw std::runtime_error("RAND_bytes failed");
        auto code = domain::make_subscriber_code(prefix, family_number, bytes);
        if (!code.empty())
            return code;
    }
    return {};
}

} // namespace security
