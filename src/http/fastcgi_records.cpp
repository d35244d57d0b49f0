#include "http/fastcgi_records.h"

#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace http
{

namespace
{

constexpr unsigned char fcgi_version_1 = 1;
constexpr unsigned char fcgi_end_request = 3;
constexpr unsigned char fcgi_stdout = 6;
constexpr unsigned char fcgi_request_complete = 0;

} // namespace

FastcgiRecords::FastcgiRecords(int request_id, std::string_view head, std::string_view body)
    : request_id_(request_id)
{
    const std::size_t content = head.size() + body.size();
    const std::size_t records = (content + max_content - 1) / max_content;
    headers_.reserve(records + 2);
    pieces_.reserve(records * 3 + 3);
    std::size_t head_at = 0;
    std::size_t body_at = 0;
    for (std::size_t left = content; left > 0;) {
        const std::size_t n = left < max_content ? left : max_content;
        add_header(fcgi_stdout, n);
        std::size_t room = n;
        if (head_at < head.size()) {
            const std::size_t take = std::min(room, head.size() - head_at);
            add(head.data() + head_at, take);
            head_at += take;
            room -= take;
        }
        if (room > 0) {
            add(body.data() + body_at, room);
            body_at += room;
        }
        left -= n;
    }
    add_header(fcgi_stdout, 0);
    add_header(fcgi_end_request, end_body_.size());
    end_body_[4] = fcgi_request_complete; // application status 0 in bytes 0-3, reserved 5-7
    add(end_body_.data(), end_body_.size());
}

std::size_t FastcgiRecords::size() const
{
    std::size_t total = 0;
    for (const auto& p : pieces_)
        total += p.iov_len;
    return total;
}

void FastcgiRecords::add_header(unsigned char type, std::size_t content_length)
{
    headers_.push_back({fcgi_version_1, type, static_cast<unsigned char>(request_id_ >> 8),
                        static_cast<unsigned char>(request_id_ & 0xff),
                        static_cast<unsigned char>(content_length >> 8),
                        static_cast<unsigned char>(content_length & 0xff), 0, 0});
    add(headers_.back().data(), headers_.back().size());
}

void FastcgiRecords::add(const void* data, std::size_t n)
{
    pieces_.push_back({const_cast<void*>(data), n});
}

bool write_pieces(int fd, std::vector<iovec> pieces)
{
    std::size_t first = 0;
    while (first < pieces.size()) {
        const std::size_t count = std::min<std::size_t>(pieces.size() - first, IOV_MAX);
        const ssize_t written = ::writev(fd, pieces.data() + first, static_cast<int>(count));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        auto left = static_cast<std::size_t>(written);
        while (first < pieces.size() && left >= pieces[first].iov_len) {
            left -= pieces[first].iov_len;
            ++first;
        }
        if (left > 0) {
            pieces[first].iov_base = static_cast<char*>(pieces[first].iov_base) + left;
            pieces[first].iov_len -= left;
        }
    }
    return true;
}

} // namespace http
