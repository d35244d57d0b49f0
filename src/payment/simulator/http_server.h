// A small HTTP/1.1 server for the PayFiP simulator: POSIX sockets, one thread per connection
// (bounded), one request per connection (`Connection: close`), bounded header and body sizes.
// Not for production: the simulator only runs in the dev stack and the tests.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace payment::sim
{

struct Request {
    std::string method;
    std::string path;                           // without the query
    std::string query;                          // after '?', undecoded
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;

    std::string header(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

using Handler = std::function<Response(const Request&)>;

constexpr std::size_t max_header_bytes = 16 * 1024;
constexpr std::size_t max_body_bytes = 256 * 1024;
constexpr int max_connections = 64;

class Server
{
public:
    // Binds and listens at once; throws std::runtime_error when it cannot.
    Server(const std::string& address, int port, Handler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Serves until `stop` becomes true, then waits (up to a few seconds) for the connections
    // in progress.
    void run(const std::atomic<bool>& stop);

private:
    void serve_connection(int fd);

    int listen_fd_ = -1;
    Handler handler_;
    std::atomic<int> active_{0};
};

const char* status_text(int status);

} // namespace payment::sim
