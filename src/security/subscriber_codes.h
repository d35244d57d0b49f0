// Drawing a new code abonné from OpenSSL's random generator.
#pragma once

#include <string>

namespace security {

// A fresh code "PREFIX-NNNNN-XXXXXXXX" for the family; "" when the prefix or the number is
// not a valid one (the caller refuses). Throws when the random generator fails.
std::string draw_subscriber_code(const std::string& prefix, int family_number);

} // namespace security
