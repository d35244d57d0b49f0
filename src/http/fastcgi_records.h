// The FastCGI records of a whole response (FastCGI 1.0 §3.3, §5.3, §6): the worker writes them
// itself in one writev instead of libfcgi's 8 KiB records, one write each (a planning month
// was five writes, each a TCP send on loopback that wakes Nginx; docs/PERFORMANCE.md).
#pragma once

#include <sys/uio.h>

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace http
{

class FastcgiRecords
{
public:
    // STDOUT records carrying `head` then `body` (at most 65,535 bytes each, no padding, which
    // §3.3 allows), the empty STDOUT record that ends the stream, then END_REQUEST with
    // application status 0 and FCGI_REQUEST_COMPLETE. The pieces point into `head` and `body`,
    // which must outlive this object; nothing of them is copied.
    FastcgiRecords(int request_id, std::string_view head, std::string_view body);
    FastcgiRecords(const FastcgiRecords&) = delete;
    FastcgiRecords& operator=(const FastcgiRecords&) = delete;

    const std::vector<iovec>& pieces() const { return pieces_; }
    std::size_t size() const; // bytes of all the pieces

    static constexpr std::size_t max_content = 65535;

private:
    using Header = std::array<unsigned char, 8>;
    void add_header(unsigned char type, std::size_t content_length);
    void add(const void* data, std::size_t n);

    int request_id_;
    std::vector<Header> headers_; // reserved up front: the pieces point into it
    std::array<unsigned char, 8> end_body_{};
    std::vector<iovec> pieces_;
};

// Writes every piece to `fd` (a blocking socket), resuming after partial writes and EINTR.
// False when the peer is gone (EPIPE, ECONNRESET…): the answer is lost, nothing else to do.
bool write_pieces(int fd, std::vector<iovec> pieces);

} // namespace http
