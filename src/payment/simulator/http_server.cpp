#include "payment/simulator/http_server.h"

#include "app/log.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace payment::sim
{

namespace
{

std::string lower(std::string s)
{
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s)
{
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos)
        return {};
    const auto b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

bool send_all(int fd, const std::string& data)
{
    std::size_t sent = 0;
    while (sent < data.size()) {
        const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

std::string serialise(const Response& r)
{
    std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + status_text(r.status) + "\r\n";
    out += "Content-Type: " + r.content_type + "\r\n";
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    out += "Connection: close\r\n";
    for (const auto& [name, value] : r.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += r.body;
    return out;
}

Response plain(int status, std::string body)
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

// Reads one request; on failure sets `error` to the status to answer (0: just close).
bool read_request(int fd, Request& req, int& error)
{
    std::string data;
    char buf[4096];
    std::size_t header_end = std::string::npos;
    while (header_end == std::string::npos) {
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = data.empty() ? 0 : 400;
            return false;
        }
        data.append(buf, static_cast<std::size_t>(n));
        header_end = data.find("\r\n\r\n");
        if (header_end == std::string::npos && data.size() > max_header_bytes) {
            error = 431;
            return false;
        }
    }
    if (header_end > max_header_bytes) {
        error = 431;
        return false;
    }
    const auto line_end = data.find("\r\n");
    const std::string line = data.substr(0, line_end);
    const auto sp1 = line.find(' ');
    const auto sp2 = line.find(' ', sp1 == std::string::npos ? sp1 : sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos ||
        !line.substr(sp2 + 1).starts_with("HTTP/1.")) {
        error = 400;
        return false;
    }
    req.method = line.substr(0, sp1);
    const auto target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    if (target.empty() || target.front() != '/') {
        error = 400;
        return false;
    }
    const auto q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    std::size_t pos = line_end + 2;
    while (pos < header_end) {
        const auto end = data.find("\r\n", pos);
        const auto h = data.substr(pos, end - pos);
        const auto colon = h.find(':');
        if (colon == std::string::npos || colon == 0) {
            error = 400;
            return false;
        }
        req.headers[lower(h.substr(0, colon))] = trim(h.substr(colon + 1));
        pos = end + 2;
    }
    if (req.headers.count("transfer-encoding")) {
        error = 501;
        return false;
    }
    std::size_t length = 0;
    if (const auto it = req.headers.find("content-length"); it != req.headers.end()) {
        const auto& v = it->second;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), length);
        if (v.empty() || ec != std::errc{} || end != v.data() + v.size()) {
            error = 400;
            return false;
        }
        if (length > max_body_bytes) {
            error = 413;
            return false;
        }
    }
    req.body = data.substr(header_end + 4);
    while (req.body.size() < length) {
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = 400;
            return false;
        }
        req.body.append(buf, static_cast<std::size_t>(n));
    }
    if (req.body.size() > length)
        req.body.resize(length);
    return true;
}

} // namespace

std::string Request::header(const std::string& name) const
{
    const auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

const char* status_text(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 303:
        return "See Other";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

Server::Server(const std::string& address, int port, Handler handler) : handler_(std::move(handler))
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (port <= 0 || port > 65535 || ::inet_pton(AF_INET, address.c_str(), &addr.sin_addr) != 1)
        throw std::runtime_error("invalid listen address " + address + ":" + std::to_string(port));
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0)
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    const int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 128) != 0) {
        const std::string why = std::strerror(errno);
        ::close(listen_fd_);
        throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " +
                                 why);
    }
}

Server::~Server()
{
    if (listen_fd_ >= 0)
        ::close(listen_fd_);
}

void Server::run(const std::atomic<bool>& stop)
{
    while (!stop) {
        pollfd p{listen_fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, 200);
        if (ready <= 0)
            continue;
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            continue;
        if (active_ >= max_connections) {
            send_all(fd, serialise(plain(503, "busy\n")));
            ::close(fd);
            continue;
        }
        ++active_;
        std::thread([this, fd] {
            serve_connection(fd);
            ::close(fd);
            --active_;
        }).detach();
    }
    for (int i = 0; i < 100 && active_ > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

void Server::serve_connection(int fd)
{
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    const auto start = std::chrono::steady_clock::now();
    Request req;
    int error = 0;
    Response res;
    if (!read_request(fd, req, error)) {
        if (error == 0)
            return;
        res = plain(error, std::string(status_text(error)) + "\n");
    } else {
        try {
            res = handler_(req);
        } catch (const std::exception& e) {
            app::log::error(std::string("payfip-sim: ") + e.what());
            res = plain(500, "internal error\n");
        }
    }
    send_all(fd, serialise(res));
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    app::log::info("payfip-sim " + (req.method.empty() ? std::string("-") : req.method) + " " +
                   (req.path.empty() ? std::string("-") : req.path) + " " +
                   std::to_string(res.status) + " " + std::to_string(ms) + "ms");
}

} // namespace payment::sim
