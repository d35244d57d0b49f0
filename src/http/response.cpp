#include "http/response.h"

#include "http/error.h"

#include <stdexcept>

namespace http {

const char* reason_phrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
    }
}

void Response::set_header(std::string name, std::string value)
{
    // A CR or LF would let a value start a header of its own (response splitting).
    if (value.find_first_of("\r\n") != std::string::npos ||
        name.find_first_of("\r\n: ") != std::string::npos)
        throw std::invalid_argument("header with a line break: " + name);
    for (auto& [k, v] : headers)
        if (k == name) {
            v = std::move(value);
            return;
        }
    headers.emplace_back(std::move(name), std::move(value));
}

bool Response::has_header(std::string_view name) const
{
    for (const auto& [k, v] : headers)
        if (k == name)
            return true;
    return false;
}

std::string Response::head() const
{
    std::string out;
    out.reserve(512);
    out += "Status: ";
    out += std::to_string(status);
    out += ' ';
    out += reason_phrase(status);
    out += "\r\n";
    if (!content_type.empty()) {
        out += "Content-Type: ";
        out += content_type;
        out += "\r\n";
    }
    for (const auto& [k, v] : headers) {
        out += k;
        out += ": ";
        out += v;
        out += "\r\n";
    }
    for (const auto& c : cookies) {
        out += "Set-Cookie: ";
        out += c.header_value();
        out += "\r\n";
    }
    out += "Content-Length: ";
    out += std::to_string(body.size());
    out += "\r\n\r\n";
    return out;
}

std::string Response::serialize() const
{
    return head() + body;
}

Response see_other(std::string location)
{
    Response r;
    r.status = 303;
    r.content_type.clear();
    r.set_header("Location", std::move(location));
    return r;
}

Response text(int status, std::string body)
{
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response json(int status, std::string body)
{
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = std::move(body);
    return r;
}

} // namespace http
