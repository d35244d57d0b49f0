// multipart/form-data bodies (RFC 7578), parsed fully in memory (bodies are bounded upstream).
#pragma once

#include "http/form.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace http {

struct UploadedFile {
    std::string field;        // form field name
    std::string filename;     // as sent by the browser, never trusted for anything but display
    std::string content_type; // as sent, never trusted
    std::string data;
};

struct MultipartBody {
    Params fields;                    // parts without a filename
    std::vector<UploadedFile> files;  // parts with a filename (possibly empty file)
};

// Extracts the boundary parameter from a Content-Type header value
// ("multipart/form-data; boundary=xyz", quoted or not). nullopt if absent or invalid
// (RFC 2046: 1..70 chars).
std::optional<std::string> multipart_boundary(std::string_view content_type);

// nullopt on any malformation: missing final boundary, part without Content-Disposition
// form-data name, header block without blank line, invalid UTF-8 in a text field, more than
// 1000 parts.
std::optional<MultipartBody> parse_multipart(std::string_view body, std::string_view boundary);

} // namespace http
