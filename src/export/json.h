// A small streaming JSON writer for the family data export (RGPD): valid UTF-8 JSON,
// indented by 2 spaces, whatever the bytes it is given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace json
{

// Writes one JSON document. Every call checks where it stands, so commas and nesting
// are right for any sequence of calls, and a misuse throws std::logic_error: a value
// without a key inside an object, a key outside an object or twice in a row, a closing
// call that does not match, anything after the document is complete.
class Writer
{
public:
    Writer& begin_object();
    Writer& end_object();
    Writer& begin_array();
    Writer& end_array();
    // The name of the next member; only inside an object.
    Writer& key(std::string_view k);
    // A string, escaped as escape() does.
    Writer& value(std::string_view s);
    // A string, or null when `s` is a null pointer.
    Writer& value(const char* s);
    Writer& value(std::int64_t n);
    Writer& value(int n);
    Writer& value(bool b);
    Writer& null();

    // key + value shortcuts
    template <class T> Writer& field(std::string_view k, const T& v)
    {
        key(k);
        return value(v);
    }
    Writer& field_null(std::string_view k);

    // The document; throws std::logic_error while it is incomplete (no value yet, a
    // container still open, a key waiting for its value).
    std::string str() const;

private:
    struct Level {
        bool object = false;
        bool has_members = false;
        bool key_pending = false; // inside an object: key() written, value expected
    };

    // Where a value goes: checks it is allowed, writes the separator and indentation.
    void before_value();
    // Writes a complete scalar (already JSON text) where a value goes.
    void scalar(std::string_view text);
    void open(char bracket, bool object);
    void close(char bracket, bool object);
    void newline_and_indent(std::size_t depth);

    std::string out_;
    std::vector<Level> levels_;
    bool complete_ = false; // the top-level value is written
};

// `s` as a quoted JSON string literal. Escapes '"', '\\', the control characters below
// 0x20 (\b \f \n \r \t in short form, the others as \u00XX), U+2028 and U+2029 (line
// breaks to JavaScript), and '<', '>', '&' (so the text is safe inside HTML <script>).
// Each maximal ill-formed UTF-8 subsequence becomes U+FFFD, as Unicode recommends.
std::string escape(std::string_view s);

} // namespace json
