#include "export/json.h"

#include <stdexcept>

namespace json
{

namespace
{

constexpr std::string_view replacement_character = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::size_t indent_width = 2;

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when the bytes there
// are ill-formed; then `ill_formed_length` is the maximal subpart to replace (at least 1).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i, std::size_t& ill_formed_length)
{
    const auto c = static_cast<unsigned char>(s[i]);
    ill_formed_length = 1;
    if (c < 0x80) {
        return 1;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // range of the second byte, narrower after some leads to
    unsigned char high = 0xBF; // exclude overlong forms, surrogates and > U+10FFFF
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        low = c == 0xE0 ? 0xA0 : 0x80;
        high = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        low = c == 0xF0 ? 0x90 : 0x80;
        high = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= s.size()) {
            ill_formed_length = k;
            return 0;
        }
        const auto b = static_cast<unsigned char>(s[i + k]);
        const bool ok = k == 1 ? (b >= low && b <= high) : (b >= 0x80 && b <= 0xBF);
        if (!ok) {
            ill_formed_length = k;
            return 0;
        }
    }
    return length;
}

// The escape of an ASCII character that cannot appear as is, "" when it can.
std::string_view ascii_escape(unsigned char c)
{
    static constexpr std::string_view control_escapes[0x20] = {
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
    if (c < 0x20) {
        return control_escapes[c];
    }
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '<':
        return "\\u003c";
    case '>':
        return "\\u003e";
    case '&':
        return "\\u0026";
    default:
        return {};
    }
}

} // namespace

std::string escape(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t ill_formed_length = 0;
        const std::size_t length = utf8_sequence_length(s, i, ill_formed_length);
        if (length == 0) {
            out += replacement_character;
            i += ill_formed_length;
            continue;
        }
        if (length == 1) {
            const std::string_view escaped = ascii_escape(static_cast<unsigned char>(s[i]));
            if (escaped.empty()) {
                out += s[i];
            } else {
                out += escaped;
            }
        } else {
            const std::string_view sequence = s.substr(i, length);
            if (sequence == "\xE2\x80\xA8") {
                out += "\\u2028";
            } else if (sequence == "\xE2\x80\xA9") {
                out += "\\u2029";
            } else {
                out += sequence;
            }
        }
        i += length;
    }
    out += '"';
    return out;
}

void Writer::newline_and_indent(std::size_t depth)
{
    out_ += '\n';
    out_.append(depth * indent_width, ' ');
}

void Writer::before_value()
{
    if (complete_) {
        throw std::logic_error("json: value after the end of the document");
    }
    if (levels_.empty()) {
        return;
    }
    Level& level = levels_.back();
    if (level.object) {
        if (!level.key_pending) {
            throw std::logic_error("json: value without a key inside an object");
        }
        level.key_pending = false; // key() already wrote the separator
        return;
    }
    if (level.has_members) {
        out_ += ',';
    }
    level.has_members = true;
    newline_and_indent(levels_.size());
}

void Writer::scalar(std::string_view text)
{
    before_value();
    out_ += text;
    complete_ = levels_.empty();
}

void Writer::open(char bracket, bool object)
{
    before_value();
    out_ += bracket;
    levels_.push_back(Level{object, false, false});
}

void Writer::close(char bracket, bool object)
{
    if (levels_.empty() || levels_.back().object != object) {
        throw std::logic_error(object ? "json: end_object() without a matching begin_object()"
                                      : "json: end_array() without a matching begin_array()");
    }
    if (levels_.back().key_pending) {
        throw std::logic_error("json: end_object() after a key without its value");
    }
    const bool had_members = levels_.back().has_members;
    levels_.pop_back();
    if (had_members) {
        newline_and_indent(levels_.size());
    }
    out_ += bracket;
    if (levels_.empty()) {
        complete_ = true;
    }
}

Writer& Writer::begin_object()
{
    open('{', true);
    return *this;
}

Writer& Writer::end_object()
{
    close('}', true);
    return *this;
}

Writer& Writer::begin_array()
{
    open('[', false);
    return *this;
}

Writer& Writer::end_array()
{
    close(']', false);
    return *this;
}

Writer& Writer::key(std::string_view k)
{
    if (levels_.empty() || !levels_.back().object) {
        throw std::logic_error("json: key() outside an object");
    }
    Level& level = levels_.back();
    if (level.key_pending) {
        throw std::logic_error("json: key() twice without a value");
    }
    if (level.has_members) {
        out_ += ',';
    }
    level.has_members = true;
    level.key_pending = true;
    newline_and_indent(levels_.size());
    out_ += escape(k);
    out_ += ": ";
    return *this;
}

Writer& Writer::value(std::string_view s)
{
    scalar(escape(s));
    return *this;
}

Writer& Writer::value(const char* s)
{
    if (s == nullptr) {
        return null();
    }
    return value(std::string_view(s));
}

Writer& Writer::value(std::int64_t n)
{
    scalar(std::to_string(n));
    return *this;
}

Writer& Writer::value(int n)
{
    return value(static_cast<std::int64_t>(n));
}

Writer& Writer::value(bool b)
{
    scalar(b ? "true" : "false");
    return *this;
}

Writer& Writer::null()
{
    scalar("null");
    return *this;
}

Writer& Writer::field_null(std::string_view k)
{
    key(k);
    return null();
}

std::string Writer::str() const
{
    if (!complete_) {
        throw std::logic_error("json: document incomplete (no value or unclosed container)");
    }
    return out_;
}

} // namespace json
