// The strict XML reader of the payment services (payment::xml::parse, escape).
#include "fuzz_check.h"

#include "payment/xml.h"

#include <string>

namespace
{

using payment::xml::Element;

// The tree written back: text first, then children. Text is one concatenated string per
// element, so this is the canonical form of what parse() keeps.
void write(const Element& e, std::string& out)
{
    out += '<' + e.qname;
    for (const auto& [name, value] : e.attributes)
        out += ' ' + name + "=\"" + payment::xml::escape(value) + '"';
    out += '>';
    out += payment::xml::escape(e.text);
    for (const auto& c : e.children)
        write(c, out);
    out += "</" + e.qname + '>';
}

bool same(const Element& a, const Element& b)
{
    if (a.name != b.name || a.qname != b.qname || a.attributes != b.attributes ||
        a.text != b.text || a.children.size() != b.children.size())
        return false;
    for (std::size_t i = 0; i < a.children.size(); ++i)
        if (!same(a.children[i], b.children[i]))
            return false;
    return true;
}

// Names, depth and lookups hold everywhere in the tree.
void check(const Element& e, std::size_t depth)
{
    FUZZ_CHECK(depth <= payment::xml::max_depth);
    FUZZ_CHECK(!e.name.empty() && e.qname.ends_with(e.name));
    FUZZ_CHECK(e.name.find(':') == std::string::npos);
    FUZZ_CHECK(e.find(e.name) == &e);
    for (const auto& c : e.children) {
        const auto* first = e.child(c.name);
        FUZZ_CHECK(first && first->name == c.name && first <= &c);
        check(c, depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto document = fuzz::as_text(data, size);
    std::string error;
    const auto root = payment::xml::parse(document, &error);
    if (!root) {
        FUZZ_CHECK(!error.empty());
        return 0;
    }
    check(*root, 1);
    // Accepted documents are valid UTF-8 and so is everything read from them.
    std::string again;
    write(*root, again);
    if (again.size() > payment::xml::max_document)
        return 0;
    const auto reparsed = payment::xml::parse(again, &error);
    FUZZ_CHECK(reparsed);
    FUZZ_CHECK(same(*root, *reparsed));
    return 0;
}
