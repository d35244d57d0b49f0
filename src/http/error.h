// The one exception type that carries an HTTP status out of a handler.
#pragma once

#include <stdexcept>
#include <string>

namespace http {

// Thrown by handlers and parsers; the dispatcher turns it into the French error page
// for `status`, with `detail` (French, shown to the user) when not empty.
class Error : public std::runtime_error {
public:
    explicit Error(int status, std::string detail = {}, int retry_after = 0)
        : std::runtime_error("http " + std::to_string(status)), status_(status),
          detail_(std::move(detail)), retry_after_(retry_after)
    {
    }
    int status() const { return status_; }
    const std::string& detail() const { return detail_; }
    // Seconds for a Retry-After header (429, 503); 0 for none.
    int retry_after() const { return retry_after_; }

private:
    int status_;
    std::string detail_;
    int retry_after_;
};

// Reason phrase for the Status line ("404 Not Found").
const char* reason_phrase(int status);

} // namespace http
