#include "client.h"

#include "stack.h"

#include <curl/curl.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace itest
{

namespace
{
std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user)
{
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user)
{
    auto* reply = static_cast<Reply*>(user);
    std::string line(data, size * n);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' '))
            value.erase(0, 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n'))
            value.pop_back();
        reply->headers.emplace(name, value);
    }
    return size * n;
}
} // namespace

std::string Reply::header(const std::string& name) const
{
    const auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

std::vector<std::string> Reply::all(const std::string& name) const
{
    std::vector<std::string> out;
    const auto [a, b] = headers.equal_range(name);
    for (auto it = a; it != b; ++it)
        out.push_back(it->second);
    return out;
}

Client::Client() : curl_(curl_easy_init())
{
    if (!curl_)
        throw std::runtime_error("curl_easy_init failed");
    curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");
    curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 30L);
}

Client::~Client()
{
    curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Reply Client::perform(const std::string& method, const std::string& path,
                      const std::string* content_type, const std::string* body)
{
    auto* c = static_cast<CURL*>(curl_);
    Reply reply;
    const auto url =
        port ? "http://127.0.0.1:" + std::to_string(port) + path : Stack::get().url(path);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &reply);
    curl_easy_setopt(c, CURLOPT_INTERFACE,
                     source_address.empty() ? nullptr : source_address.c_str());
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Host: " + host).c_str());
    for (const auto& h : extra_headers)
        headers = curl_slist_append(headers, h.c_str());
    if (content_type)
        headers = curl_slist_append(headers, ("Content-Type: " + *content_type).c_str());
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (method == "POST") {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    const auto rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK)
        throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

Reply Client::get(const std::string& path)
{
    return perform("GET", path, nullptr, nullptr);
}

Reply Client::post_form(const std::string& path,
                        const std::vector<std::pair<std::string, std::string>>& fields)
{
    const std::string type = "application/x-www-form-urlencoded";
    const auto body = form_encode(fields);
    return perform("POST", path, &type, &body);
}

Reply Client::post_raw(const std::string& path, const std::string& content_type,
                       const std::string& body)
{
    return perform("POST", path, &content_type, &body);
}

std::string Client::csrf_from(const std::string& path)
{
    return input_value(get(path).body, "csrf");
}

std::string Client::cookie(const std::string& name) const
{
    curl_slist* cookies = nullptr;
    curl_easy_getinfo(static_cast<CURL*>(curl_), CURLINFO_COOKIELIST, &cookies);
    std::string value;
    for (auto* c = cookies; c; c = c->next) {
        // Netscape format: domain, flag, path, secure, expiry, name, value (tab separated).
        std::string line = c->data;
        std::vector<std::string> parts;
        std::size_t start = 0, tab;
        while ((tab = line.find('\t', start)) != std::string::npos) {
            parts.push_back(line.substr(start, tab - start));
            start = tab + 1;
        }
        parts.push_back(line.substr(start));
        if (parts.size() >= 7 && parts[5] == name)
            value = parts[6];
    }
    curl_slist_free_all(cookies);
    return value;
}

Reply Client::agent_login(const std::string& email, const std::string& password)
{
    const auto token = csrf_from("/gestion/connexion");
    return post_form("/gestion/connexion",
                     {{"csrf", token}, {"email", email}, {"mot_de_passe", password}});
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::string out;
    CURL* c = curl_easy_init();
    for (const auto& [k, v] : fields) {
        if (!out.empty())
            out += '&';
        char* ek = curl_easy_escape(c, k.data(), static_cast<int>(k.size()));
        char* ev = curl_easy_escape(c, v.data(), static_cast<int>(v.size()));
        out += ek;
        out += '=';
        out += ev;
        curl_free(ek);
        curl_free(ev);
    }
    curl_easy_cleanup(c);
    return out;
}

std::string unique_name(const std::string& base)
{
    // A counter started from the clock: every name of the run differs from every other (the
    // clock read at each call repeats its six letters every 309 ms: two names of a run could
    // be the same), and most likely from those of an earlier run on a kept stack.
    static std::atomic<unsigned long long> next{static_cast<unsigned long long>(
        std::chrono::steady_clock::now().time_since_epoch().count())};
    auto n = next++;
    std::string suffix;
    for (int i = 0; i < 6; ++i, n /= 26)
        suffix += static_cast<char>('a' + n % 26);
    return base + suffix;
}

std::string input_value(const std::string& html, const std::string& name)
{
    const auto at = html.find("name=\"" + name + "\"");
    if (at == std::string::npos)
        return {};
    const auto value = html.find("value=\"", at);
    const auto tag_end = html.find('>', at);
    if (value == std::string::npos || value > tag_end)
        return {};
    const auto end = html.find('"', value + 7);
    return html.substr(value + 7, end - value - 7);
}

} // namespace itest
