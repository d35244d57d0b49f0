// What a handler answers; serialised as a FastCGI (CGI) response.
#pragma once

#include "http/cookies.h"

#include <string>
#include <utility>
#include <vector>

namespace http {

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<SetCookie> cookies;
    std::string body;

    void set_header(std::string name, std::string value);
    bool has_header(std::string_view name) const;
    // CGI header block, up to and including the blank line ("Status: 303 See Other\r\n
    // Location: …\r\n\r\n").
    std::string head() const;
    // head() + body.
    std::string serialize() const;
};

// POST-redirect-GET; `location` is a path of this site.
Response see_other(std::string location);
Response text(int status, std::string body);
Response json(int status, std::string body);

} // namespace http
