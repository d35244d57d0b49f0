#include "mailbox.h"

#include "stack.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace itest {

namespace {

std::string header(const std::string& message, const std::string& name)
{
    std::istringstream in(message);
    std::string line, value;
    bool in_header = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            break;
        if (in_header && (line[0] == ' ' || line[0] == '\t')) {
            value += line;
            continue;
        }
        if (in_header)
            return value;
        if (line.compare(0, name.size() + 1, name + ":") == 0) {
            in_header = true;
            value = line.substr(name.size() + 1);
            while (!value.empty() && value.front() == ' ')
                value.erase(0, 1);
        }
    }
    return value;
}

std::string qp_decode(const std::string& s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '=') {
            if (s[i] != '\r')
                out += s[i];
            continue;
        }
        if (i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) { // soft break
            i += s[i + 1] == '\r' ? 2 : 1;
            continue;
        }
        if (i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

std::string text_part(const std::string& message)
{
    const auto start = message.find("Content-Type: text/plain");
    if (start == std::string::npos)
        return {};
    auto body = message.find("\n\n", start);
    if (body == std::string::npos)
        body = message.find("\r\n\r\n", start);
    if (body == std::string::npos)
        return {};
    const auto end = message.find("\n--", body);
    return qp_decode(message.substr(body + 2, end == std::string::npos ? std::string::npos
                                                                        : end - body - 2));
}

} // namespace

std::vector<Mail> mails_to(const std::string& recipient)
{
    std::vector<Mail> out;
    const auto dir = Stack::get().dir + "/mail/new";
    if (!std::filesystem::exists(dir))
        return out;
    std::vector<std::filesystem::directory_entry> files(
        std::filesystem::directory_iterator(dir), {});
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return a.last_write_time() < b.last_write_time();
    });
    for (const auto& f : files) {
        std::ifstream in(f.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const auto message = ss.str();
        if (header(message, "To") != recipient)
            continue;
        out.push_back({f.path().string(), recipient, header(message, "Subject"),
                       text_part(message)});
    }
    return out;
}

std::vector<Mail> wait_for_mails(const std::string& recipient, std::size_t count, int seconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    for (;;) {
        auto mails = mails_to(recipient);
        if (mails.size() >= count || std::chrono::steady_clock::now() > deadline)
            return mails;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

std::string link_in(const Mail& mail, const std::string& fragment)
{
    std::size_t pos = 0;
    while ((pos = mail.text.find("http", pos)) != std::string::npos) {
        auto end = mail.text.find_first_of(" \n\r\t", pos);
        const auto url = mail.text.substr(pos, end == std::string::npos ? std::string::npos
                                                                          : end - pos);
        if (url.find(fragment) != std::string::npos)
            return url;
        pos += 4;
    }
    return {};
}

std::string path_of(const std::string& url)
{
    const auto scheme = url.find("://");
    if (scheme == std::string::npos)
        return url;
    const auto slash = url.find('/', scheme + 3);
    return slash == std::string::npos ? "/" : url.substr(slash);
}

std::string unique_email(const std::string& tag)
{
    static std::atomic<int> counter{0};
    return tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
           "@example.org";
}

} // namespace itest
