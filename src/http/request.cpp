#include "http/request.h"

#include "http/cookies.h"
#include "http/error.h"
#include "http/parse.h"

#include <atomic>
#include <cctype>
#include <charconv>

namespace http {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// What follows the host in a Host header: nothing, or ':' and an optional decimal port.
bool valid_port_suffix(std::string_view rest)
{
    if (rest.empty())
        return true;
    if (rest.front() != ':' || rest.size() > 6)
        return false;
    for (char c : rest.substr(1))
        if (c < '0' || c > '9')
            return false;
    return true;
}

// Host header → host name without port, lower case; "" when malformed.
std::string host_name(std::string_view host)
{
    if (host.empty() || host.size() > 255)
        return {};
    std::string_view name;
    if (host.front() == '[') { // IPv6 literal
        const auto end = host.find(']');
        if (end == std::string_view::npos || end < 2)
            return {};
        name = host.substr(0, end + 1);
        for (char c : name.substr(1, end - 1))
            if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'))
                return {};
    } else {
        name = host.substr(0, host.find(':'));
        for (char c : name)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'))
                return {};
    }
    if (!valid_port_suffix(host.substr(name.size())))
        return {};
    return lower(name);
}

std::string media_type(std::string_view content_type)
{
    const auto semi = content_type.find(';');
    auto type = content_type.substr(0, semi);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
        type.remove_suffix(1);
    return lower(type);
}

std::atomic<unsigned long> request_counter{0};

} // namespace

Request Request::from_env(const std::map<std::string, std::string>& env)
{
    Request r;
    r.env_.insert(env.begin(), env.end());
    r.method_ = std::string(r.env("REQUEST_METHOD"));
    // Nginx decodes and normalises DOCUMENT_URI; REQUEST_URI is the raw fallback.
    std::string_view path = r.env("DOCUMENT_URI");
    if (path.empty()) {
        path = r.env("REQUEST_URI");
        path = path.substr(0, path.find('?'));
    }
    r.path_ = path.empty() ? "/" : std::string(path);
    r.query_string_ = std::string(r.env("QUERY_STRING"));
    r.host_ = host_name(r.env("HTTP_HOST"));
    r.request_id_ = std::string(r.env("REQUEST_ID"));
    if (r.request_id_.empty() || r.request_id_.size() > 64)
        r.request_id_ = "w" + std::to_string(++request_counter);
    if (auto q = parse_urlencoded(r.query_string_))
        r.query_ = std::move(*q);
    else
        throw Error(400, "L'adresse demandée contient des paramètres mal formés.");
    for (auto& [k, v] : parse_cookie_header(r.env("HTTP_COOKIE")))
        r.cookies_.emplace(k, v);
    return r;
}

std::string_view Request::env(std::string_view name) const
{
    const auto it = env_.find(name);
    return it == env_.end() ? std::string_view{} : std::string_view(it->second);
}

bool Request::is_https() const
{
    const auto https = env("HTTPS");
    return https == "on" || https == "1" || env("REQUEST_SCHEME") == "https";
}

std::string Request::origin() const
{
    return std::string(is_https() ? "https://" : "http://") + lower(env("HTTP_HOST"));
}

std::optional<std::string_view> Request::cookie(std::string_view name) const
{
    const auto it = cookies_.find(name);
    if (it == cookies_.end())
        return std::nullopt;
    return std::string_view(it->second);
}

std::optional<std::size_t> Request::content_length() const
{
    const auto text = env("CONTENT_LENGTH");
    if (text.empty())
        return std::nullopt;
    std::size_t n = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || p != text.data() + text.size())
        throw Error(400, "La longueur de la requête est invalide.");
    return n;
}

void Request::set_body(std::string_view body, const Limits& limits)
{
    const auto content_type = env("CONTENT_TYPE");
    const auto type = media_type(content_type);
    if (body.empty() && type.empty())
        return;
    if (type == "application/x-www-form-urlencoded") {
        if (body.size() > limits.max_form)
            throw Error(413);
        auto parsed = parse_urlencoded(body);
        if (!parsed)
            throw Error(400, "Le formulaire envoyé est mal formé.");
        form_ = std::move(*parsed);
    } else if (type == "multipart/form-data") {
        if (body.size() > limits.max_body)
            throw Error(413);
        const auto boundary = multipart_boundary(content_type);
        if (!boundary)
            throw Error(400, "Le formulaire envoyé est mal formé.");
        auto parsed = parse_multipart(body, *boundary);
        if (!parsed)
            throw Error(400, "Le formulaire envoyé est mal formé.");
        form_ = std::move(parsed->fields);
        files_ = std::move(parsed->files);
    } else {
        throw Error(415);
    }
}

} // namespace http
