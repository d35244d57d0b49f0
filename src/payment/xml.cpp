#include "payment/xml.h"

#include "http/parse.h"

#include <charconv>
#include <cstdint>

namespace payment::xml
{

namespace
{

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool is_name_start(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || u >= 0x80;
}

bool is_name_char(char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool is_xml_char(std::uint32_t cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

void append_utf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

struct ParseError {
    std::string what;
};

class Parser
{
public:
    explicit Parser(std::string_view doc) : doc_(doc) {}

    Element document()
    {
        if (starts_with("\xEF\xBB\xBF"))
            pos_ += 3;
        misc();
        if (!starts_with("<") || pos_ + 1 >= doc_.size() || !is_name_start(doc_[pos_ + 1]))
            fail("no root element");
        Element root = element(1);
        misc();
        if (pos_ != doc_.size())
            fail("content after the root element");
        return root;
    }

private:
    [[noreturn]] void fail(const std::string& what)
    {
        throw ParseError{what + " at offset " + std::to_string(pos_)};
    }

    bool starts_with(std::string_view s) const { return doc_.substr(pos_).starts_with(s); }

    void skip_spaces()
    {
        while (pos_ < doc_.size() && is_space(doc_[pos_]))
            ++pos_;
    }

    // Skips up to and including `end`.
    void skip_past(std::string_view end, const char* what)
    {
        const auto at = doc_.find(end, pos_);
        if (at == std::string_view::npos)
            fail(std::string("unterminated ") + what);
        pos_ = at + end.size();
    }

    // Whitespace, comments and processing instructions (the XML declaration included).
    void misc()
    {
        while (true) {
            skip_spaces();
            if (starts_with("<!--")) {
                skip_past("-->", "comment");
            } else if (starts_with("<?")) {
                skip_past("?>", "processing instruction");
            } else if (starts_with("<!")) {
                fail("DOCTYPE and declarations are not accepted");
            } else {
                return;
            }
        }
    }

    std::string name()
    {
        const auto start = pos_;
        if (pos_ >= doc_.size() || !is_name_start(doc_[pos_]))
            fail("name expected");
        while (pos_ < doc_.size() && is_name_char(doc_[pos_]))
            ++pos_;
        return std::string(doc_.substr(start, pos_ - start));
    }

    // Decodes `raw` (text or attribute value) into `out`.
    void decode(std::string_view raw, std::string& out)
    {
        std::size_t i = 0;
        while (i < raw.size()) {
            const auto amp = raw.find('&', i);
            out.append(raw.substr(i, amp == std::string_view::npos ? raw.npos : amp - i));
            if (amp == std::string_view::npos)
                return;
            const auto semi = raw.find(';', amp);
            if (semi == std::string_view::npos || semi - amp > 12)
                fail("malformed entity reference");
            const auto ref = raw.substr(amp + 1, semi - amp - 1);
            if (ref == "lt")
                out += '<';
            else if (ref == "gt")
                out += '>';
            else if (ref == "amp")
                out += '&';
            else if (ref == "quot")
                out += '"';
            else if (ref == "apos")
                out += '\'';
            else if (ref.size() >= 2 && ref[0] == '#')
                out_char_ref(ref.substr(1), out);
            else
                fail("unknown entity");
            i = semi + 1;
        }
    }

    void out_char_ref(std::string_view digits, std::string& out)
    {
        int base = 10;
        if (digits[0] == 'x') {
            base = 16;
            digits.remove_prefix(1);
        }
        std::uint32_t cp = 0;
        const auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), cp, base);
        if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size() ||
            !is_xml_char(cp))
            fail("invalid character reference");
        append_utf8(out, cp);
    }

    void attributes(Element& e)
    {
        while (true) {
            const auto before = pos_;
            skip_spaces();
            if (pos_ >= doc_.size())
                fail("unterminated tag");
            if (doc_[pos_] == '>' || doc_[pos_] == '/')
                return;
            if (pos_ == before)
                fail("space expected before an attribute");
            auto attr = name();
            skip_spaces();
            if (pos_ >= doc_.size() || doc_[pos_] != '=')
                fail("'=' expected");
            ++pos_;
            skip_spaces();
            if (pos_ >= doc_.size() || (doc_[pos_] != '"' && doc_[pos_] != '\''))
                fail("quoted attribute value expected");
            const char quote = doc_[pos_++];
            const auto close = doc_.find(quote, pos_);
            if (close == std::string_view::npos)
                fail("unterminated attribute value");
            const auto raw = doc_.substr(pos_, close - pos_);
            if (raw.find('<') != std::string_view::npos)
                fail("'<' in attribute value");
            for (const auto& [n, v] : e.attributes)
                if (n == attr)
                    fail("duplicate attribute");
            std::string value;
            decode(raw, value);
            e.attributes.emplace_back(std::move(attr), std::move(value));
            pos_ = close + 1;
        }
    }

    Element element(std::size_t depth)
    {
        if (depth > max_depth)
            fail("too deeply nested");
        ++pos_; // '<'
        Element e;
        e.qname = name();
        const auto colon = e.qname.rfind(':');
        e.name = colon == std::string::npos ? e.qname : e.qname.substr(colon + 1);
        if (e.name.empty())
            fail("empty local name");
        attributes(e);
        if (doc_[pos_] == '/') {
            if (!starts_with("/>"))
                fail("'/>' expected");
            pos_ += 2;
            return e;
        }
        ++pos_; // '>'
        content(e, depth);
        return e;
    }

    void content(Element& e, std::size_t depth)
    {
        while (true) {
            const auto lt = doc_.find('<', pos_);
            if (lt == std::string_view::npos)
                fail("unterminated element " + e.qname);
            if (lt > pos_) {
                const auto raw = doc_.substr(pos_, lt - pos_);
                if (raw.find("]]>") != std::string_view::npos)
                    fail("']]>' in text");
                decode(raw, e.text);
                pos_ = lt;
            }
            if (starts_with("</")) {
                pos_ += 2;
                if (name() != e.qname)
                    fail("mismatched end tag for " + e.qname);
                skip_spaces();
                if (pos_ >= doc_.size() || doc_[pos_] != '>')
                    fail("'>' expected");
                ++pos_;
                return;
            }
            if (starts_with("<!--")) {
                skip_past("-->", "comment");
            } else if (starts_with("<![CDATA[")) {
                pos_ += 9;
                const auto end = doc_.find("]]>", pos_);
                if (end == std::string_view::npos)
                    fail("unterminated CDATA section");
                e.text.append(doc_.substr(pos_, end - pos_));
                pos_ = end + 3;
            } else if (starts_with("<!")) {
                fail("declaration inside an element");
            } else if (starts_with("<?")) {
                skip_past("?>", "processing instruction");
            } else {
                e.children.push_back(element(depth + 1));
            }
        }
    }

    std::string_view doc_;
    std::size_t pos_ = 0;
};

} // namespace

const Element* Element::child(std::string_view local_name) const
{
    for (const auto& c : children)
        if (c.name == local_name)
            return &c;
    return nullptr;
}

const Element* Element::find(std::string_view local_name) const
{
    if (name == local_name)
        return this;
    for (const auto& c : children)
        if (const auto* found = c.find(local_name))
            return found;
    return nullptr;
}

std::optional<Element> parse(std::string_view document, std::string* error)
{
    if (document.size() > max_document) {
        if (error)
            *error = "document too large";
        return std::nullopt;
    }
    if (!http::is_valid_utf8(document)) {
        if (error)
            *error = "document is not valid UTF-8";
        return std::nullopt;
    }
    try {
        return Parser(document).document();
    } catch (const ParseError& e) {
        if (error)
            *error = e.what;
        return std::nullopt;
    }
}

std::string escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace payment::xml
