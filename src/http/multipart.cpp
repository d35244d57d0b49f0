#include "http/multipart.h"

#include "http/parse.h"

#include <utility>

namespace http
{

namespace
{

constexpr std::size_t max_parts = 1000;
constexpr std::size_t max_header_lines = 100;
constexpr std::size_t max_boundary_length = 70; // RFC 2046 section 5.1.1

// ASCII only: std::tolower is locale-dependent and UB on negative chars.
char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool is_ows(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trim_ows(std::string_view s)
{
    while (!s.empty() && is_ows(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_ows(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

// RFC 2046 bchars. Restricting the alphabet also keeps CR, LF and quotes out of the delimiter.
bool is_bchar(char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        return true;
    }
    switch (c) {
    case '\'':
    case '(':
    case ')':
    case '+':
    case '_':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
    case ' ':
        return true;
    default:
        return false;
    }
}

bool is_valid_boundary(std::string_view b)
{
    if (b.empty() || b.size() > max_boundary_length || b.back() == ' ') {
        return false;
    }
    for (char c : b) {
        if (!is_bchar(c)) {
            return false;
        }
    }
    return true;
}

struct HeaderValue {
    std::string_view type;
    std::vector<std::pair<std::string_view, std::string_view>> params;

    // nullopt when absent; callers have already refused duplicates.
    std::optional<std::string_view> param(std::string_view name) const
    {
        for (const auto& [n, v] : params) {
            if (iequals(n, name)) {
                return v;
            }
        }
        return std::nullopt;
    }
};

// `type; a=b; c="d;e"`. Quoted strings take no backslash escapes: browsers percent-encode '"'
// in names, and old IE sends raw Windows paths ("C:\dir\f.txt") whose backslashes must survive
// so the path can be stripped. Duplicated parameters are refused, since which of the two a
// proxy or a WAF looked at is anyone's guess.
std::optional<HeaderValue> parse_header_value(std::string_view text)
{
    HeaderValue out;
    std::size_t semi = text.find(';');
    out.type = trim_ows(text.substr(0, semi));
    if (semi == std::string_view::npos) {
        return out;
    }
    std::string_view rest = text.substr(semi + 1);
    while (true) {
        rest = trim_ows(rest);
        if (rest.empty()) {
            break;
        }
        if (rest.front() == ';') {
            rest.remove_prefix(1);
            continue;
        }
        std::size_t eq = rest.find('=');
        std::size_t next_semi = rest.find(';');
        if (eq == std::string_view::npos ||
            (next_semi != std::string_view::npos && next_semi < eq)) {
            return std::nullopt;
        }
        std::string_view name = trim_ows(rest.substr(0, eq));
        if (name.empty()) {
            return std::nullopt;
        }
        rest = trim_ows(rest.substr(eq + 1));
        std::string_view value;
        if (!rest.empty() && rest.front() == '"') {
            std::size_t close = rest.find('"', 1);
            if (close == std::string_view::npos) {
                return std::nullopt;
            }
            value = rest.substr(1, close - 1);
            rest = trim_ows(rest.substr(close + 1));
            if (!rest.empty() && rest.front() != ';') {
                return std::nullopt;
            }
        } else {
            std::size_t end = rest.find(';');
            value = trim_ows(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
        }
        if (out.param(name)) {
            return std::nullopt;
        }
        out.params.emplace_back(name, value);
    }
    return out;
}

// The filename is display-only, but "../../etc/passwd" or "C:\Users\x\cv.pdf" should still
// not reach a page or a log looking like a path.
std::string_view last_path_component(std::string_view filename)
{
    std::size_t sep = filename.find_last_of("/\\");
    return sep == std::string_view::npos ? filename : filename.substr(sep + 1);
}

bool is_clean_text(std::string_view s)
{
    return is_valid_utf8(s) && s.find('\0') == std::string_view::npos;
}

// One body part, from just after its boundary line's CRLF to just before the next delimiter.
bool parse_part(std::string_view part, MultipartBody& out)
{
    std::optional<std::string_view> disposition;
    std::optional<std::string_view> content_type;
    std::size_t lines = 0;
    while (true) {
        std::size_t eol = part.find("\r\n");
        if (eol == std::string_view::npos) {
            return false;
        }
        std::string_view line = part.substr(0, eol);
        part.remove_prefix(eol + 2);
        if (line.empty()) {
            break;
        }
        if (++lines > max_header_lines) {
            return false;
        }
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            return false;
        }
        std::string_view name = line.substr(0, colon);
        std::string_view value = trim_ows(line.substr(colon + 1));
        if (iequals(name, "content-disposition")) {
            if (disposition) {
                return false;
            }
            disposition = value;
        } else if (iequals(name, "content-type")) {
            if (content_type) {
                return false;
            }
            content_type = value;
        }
    }
    std::string_view content = part;

    if (!disposition) {
        return false;
    }
    auto parsed = parse_header_value(*disposition);
    if (!parsed || !iequals(parsed->type, "form-data")) {
        return false;
    }
    auto name = parsed->param("name");
    if (!name || !is_clean_text(*name)) {
        return false;
    }
    auto filename = parsed->param("filename");
    if (!filename) {
        if (!is_valid_utf8(content)) {
            return false;
        }
        out.fields.add(std::string(*name), std::string(content));
        return true;
    }
    // What browsers send for a file input left empty.
    if (filename->empty() && content.empty()) {
        return true;
    }
    std::string_view base = last_path_component(*filename);
    if (!is_clean_text(base)) {
        return false;
    }
    out.files.push_back(UploadedFile{std::string(*name), std::string(base),
                                     std::string(content_type.value_or(std::string_view{})),
                                     std::string(content)});
    return true;
}

} // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type)
{
    auto parsed = parse_header_value(content_type);
    if (!parsed || !iequals(parsed->type, "multipart/form-data")) {
        return std::nullopt;
    }
    auto boundary = parsed->param("boundary");
    if (!boundary || !is_valid_boundary(*boundary)) {
        return std::nullopt;
    }
    return std::string(*boundary);
}

std::optional<MultipartBody> parse_multipart(std::string_view body, std::string_view boundary)
{
    // An empty boundary would make every "\r\n--" a delimiter.
    if (!is_valid_boundary(boundary)) {
        return std::nullopt;
    }
    const std::string dash_boundary = "--" + std::string(boundary);
    const std::string delimiter = "\r\n" + dash_boundary;

    std::size_t pos = 0;
    if (body.substr(0, dash_boundary.size()) == dash_boundary) {
        pos = dash_boundary.size();
    } else {
        std::size_t first = body.find(delimiter);
        if (first == std::string_view::npos) {
            return std::nullopt;
        }
        pos = first + delimiter.size();
    }

    MultipartBody out;
    std::size_t parts = 0;
    while (true) {
        // pos is just past a delimiter. RFC 2046 matches a delimiter on the boundary alone, so
        // "--boundaryXYZ" is a delimiter followed by junk, not content: refuse it.
        std::string_view after = body.substr(pos);
        if (after.substr(0, 2) == "--") {
            return out;
        }
        std::size_t padding = 0;
        while (padding < after.size() && is_ows(after[padding])) {
            ++padding;
        }
        if (after.substr(padding, 2) != "\r\n") {
            return std::nullopt;
        }
        pos += padding + 2;
        if (++parts > max_parts) {
            return std::nullopt;
        }
        std::size_t next = body.find(delimiter, pos);
        if (next == std::string_view::npos) {
            return std::nullopt;
        }
        if (!parse_part(body.substr(pos, next - pos), out)) {
            return std::nullopt;
        }
        pos = next + delimiter.size();
    }
}

} // namespace http
