// One FastCGI request, with everything copied out of libfcgi's buffers.
#pragma once

#include "http/form.h"
#include "http/multipart.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace http {

struct Limits {
    std::size_t max_body = 12 * 1024 * 1024;  // multipart (uploads)
    std::size_t max_form = 256 * 1024;        // urlencoded
};

class Request {
public:
    // Builds from CGI variables ("REQUEST_METHOD", "HTTP_HOST", …). Throws http::Error(400)
    // on a malformed query string.
    static Request from_env(const std::map<std::string, std::string>& env);

    const std::string& method() const { return method_; }
    const std::string& path() const { return path_; }
    const std::string& query_string() const { return query_string_; }
    const Params& query() const { return query_; }
    const Params& form() const { return form_; }
    const std::vector<UploadedFile>& files() const { return files_; }
    const std::string& request_id() const { return request_id_; }

    // CGI variable, "" when absent.
    std::string_view env(std::string_view name) const;
    // Lower-cased host name without port.
    const std::string& host() const { return host_; }
    bool is_https() const;
    // "http://localhost:8080", from the scheme and the Host header.
    std::string origin() const;
    std::optional<std::string_view> cookie(std::string_view name) const;
    std::optional<std::size_t> content_length() const;

    // Parses `body` by Content-Type. Throws http::Error 400 (malformed), 413 (too large for
    // its type), 415 (unexpected type).
    void set_body(std::string_view body, const Limits& limits);

private:
    std::map<std::string, std::string, std::less<>> env_;
    std::map<std::string, std::string, std::less<>> cookies_;
    std::string method_, path_, query_string_, host_, request_id_;
    Params query_, form_;
    std::vector<UploadedFile> files_;
};

} // namespace http
