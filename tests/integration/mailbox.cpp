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

int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

std::string qp_decode(const std::string& qp)
{
    std::string out;
    for (std::size_t i = 0; i < qp.size(); ++i) {
        if (qp[i] == '=' && i + 1 < qp.size() && qp[i + 1] == '\n') { // soft break
            ++i;
        } else if (qp[i] == '=' && i + 2 < qp.size() && hex_digit(qp[i + 1]) >= 0 &&
                   hex_digit(qp[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(qp[i + 1]) * 16 + hex_digit(qp[i + 2]));
            i += 2;
        } else {
            out += qp[i];
        }
    }
    return out;
}

std::string lf_only(const std::string& s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
        if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n'))
            out += s[i];
    return out;
}

} // namespace

std::string mail_part(const std::string& message, const std::string& type)
{
    const auto mail = lf_only(message);
    const auto head_end = mail.find("\n\n");
    const auto head = mail.substr(0, head_end);
    const auto key = head.find("boundary=\"");
    if (key == std::string::npos)
        return {};
    const auto from = key + 10;
    const auto delimiter = "\n--" + head.substr(from, head.find('"', from) - from);
    // The parts lie between delimiter lines, whatever else their lines hold ("--" included:
    // a quoted-printable line may well start with two dashes of a link's token).
    for (auto part = mail.find(delimiter); part != std::string::npos;) {
        const auto next = mail.find(delimiter, part + delimiter.size());
        if (next == std::string::npos)
            break;
        const auto body = mail.find("\n\n", part + delimiter.size());
        if (body < next &&
            mail.substr(part, body - part).find("\nContent-Type: " + type) != std::string::npos)
            return qp_decode(mail.substr(body + 2, next - body - 2));
        part = next;
    }
    return {};
}

std::string text_part(const std::string& message)
{
    return mail_part(message, "text/plain");
}

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
