// multipart/form-data (http::multipart_boundary, http::parse_multipart).
// Input: the Content-Type header value, '\n', then the body.
#include "fuzz_check.h"

#include "http/multipart.h"
#include "http/parse.h"

#include <string>

namespace
{

bool clean(std::string_view s)
{
    return http::is_valid_utf8(s) && s.find('\0') == std::string_view::npos;
}

// The parsed body written back as a browser would. nullopt when a name or file name holds a
// '"', which a quoted-string without escapes cannot carry.
std::optional<std::string> write_back(const http::MultipartBody& body, std::string_view boundary)
{
    const std::string dash = "--" + std::string(boundary);
    std::string out;
    for (const auto& [name, value] : body.fields.items()) {
        if (name.find('"') != std::string::npos)
            return std::nullopt;
        out += dash + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value +
               "\r\n";
    }
    for (const auto& f : body.files) {
        if (f.field.find('"') != std::string::npos || f.filename.find('"') != std::string::npos)
            return std::nullopt;
        // An empty file name with an empty file is an input left empty, and is dropped: a path
        // that strips to the same name keeps it.
        const std::string filename = f.filename.empty() ? "dir/" : f.filename;
        out += dash + "\r\nContent-Disposition: form-data; name=\"" + f.field + "\"; filename=\"" +
               filename + "\"\r\n";
        if (!f.content_type.empty())
            out += "Content-Type: " + f.content_type + "\r\n";
        out += "\r\n" + f.data + "\r\n";
    }
    out += dash + "--\r\n";
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto in = fuzz::as_text(data, size);
    const auto content_type = fuzz::take_line(in);
    const auto body = in;

    // A boundary from the header is 1..70 characters, none of which can end a header line or a
    // quoted string. Without one, the header line itself is tried as the boundary.
    const auto from_header = http::multipart_boundary(content_type);
    if (from_header) {
        FUZZ_CHECK(!from_header->empty() && from_header->size() <= 70);
        FUZZ_CHECK(from_header->find_first_of("\r\n\"\0;", 0, 5) == std::string::npos);
    }
    const std::string boundary = from_header ? *from_header : std::string(content_type);
    const auto parsed = http::parse_multipart(body, boundary);
    if (!parsed)
        return 0;

    const std::string delimiter = "\r\n--" + boundary;
    FUZZ_CHECK(parsed->fields.items().size() + parsed->files.size() <= 1000);
    for (const auto& [name, value] : parsed->fields.items()) {
        FUZZ_CHECK(clean(name) && http::is_valid_utf8(value));
        FUZZ_CHECK(value.find(delimiter) == std::string::npos);
    }
    for (const auto& f : parsed->files) {
        FUZZ_CHECK(clean(f.field) && clean(f.filename));
        FUZZ_CHECK(f.filename.find_first_of("/\\") == std::string::npos);
        FUZZ_CHECK(f.data.find(delimiter) == std::string::npos);
        FUZZ_CHECK(f.content_type.find("\r\n") == std::string::npos);
    }

    // Written back, the body reads back to the same fields and files, in the same order.
    if (const auto again = write_back(*parsed, boundary)) {
        const auto reparsed = http::parse_multipart(*again, boundary);
        FUZZ_CHECK(reparsed);
        FUZZ_CHECK(reparsed->fields.items() == parsed->fields.items());
        FUZZ_CHECK(reparsed->files.size() == parsed->files.size());
        for (std::size_t i = 0; i < parsed->files.size(); ++i) {
            const auto& a = parsed->files[i];
            const auto& b = reparsed->files[i];
            FUZZ_CHECK(a.field == b.field && a.filename == b.filename &&
                       a.content_type == b.content_type && a.data == b.data);
        }
    }
    return 0;
}
