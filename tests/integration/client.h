// A small HTTP client over libcurl for the integration tests: keeps cookies, never follows
// redirects, lets tests set Host, Origin and raw bodies.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace itest
{

struct Reply {
    long status = 0;
    std::string body;
    std::multimap<std::string, std::string> headers; // names lower-cased
    std::string header(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
};

class Client
{
public:
    Client();
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Host header to send (a commune's host name); default "localhost".
    std::string host = "localhost";
    // Extra headers for every request ("Origin: …").
    std::vector<std::string> extra_headers;
    // Loopback address to connect from ("127.0.0.7"): the client address the portal sees, for
    // the tests of per-address throttles. Empty: the system's choice (127.0.0.1).
    std::string source_address;
    // Port of the Nginx to talk to; 0: the stack's.
    int port = 0;

    Reply get(const std::string& path);
    Reply post_form(const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& fields);
    Reply post_raw(const std::string& path, const std::string& content_type,
                   const std::string& body);
    // The CSRF token of the first form on the page at `path`.
    std::string csrf_from(const std::string& path);
    // Cookie value from the jar, "" if absent.
    std::string cookie(const std::string& name) const;
    // Logs in an agent through /gestion/connexion; returns the reply of the POST.
    Reply agent_login(const std::string& email, const std::string& password);

private:
    Reply perform(const std::string& method, const std::string& path,
                  const std::string* content_type, const std::string* body);
    void* curl_;
};

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// `base` followed by six letters unique to this run (names, not emails: letters only).
std::string unique_name(const std::string& base);
// Extracts value="…" of the input named `name` from HTML ("" if absent).
std::string input_value(const std::string& html, const std::string& name);

} // namespace itest
