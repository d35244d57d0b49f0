// A small, strict XML reader and writer for the SOAP exchanges of the payment services: no
// DTD, no external or custom entities (only the five predefined ones and numeric references),
// bounded depth. Elements are looked up by local name, whatever their namespace prefix.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace payment::xml
{

struct Element {
    std::string name;                                            // local name, without prefix
    std::string qname;                                           // as written, "ns2:idOp"
    std::vector<std::pair<std::string, std::string>> attributes; // qualified names, decoded
    std::string text; // the element's own character data, decoded and concatenated
    std::vector<Element> children;

    // First direct child with this local name, or nullptr.
    const Element* child(std::string_view local_name) const;
    // First element with this local name in document order (this one included), or nullptr.
    const Element* find(std::string_view local_name) const;
};

constexpr std::size_t max_depth = 32;
constexpr std::size_t max_document = 1024 * 1024;

// Parses a whole document (UTF-8); nullopt with `error` set when it is malformed, too large,
// too deep, or declares a DOCTYPE or an unknown entity.
std::optional<Element> parse(std::string_view document, std::string* error = nullptr);

// Escapes & < > " ' for text and attribute values.
std::string escape(std::string_view text);

} // namespace payment::xml
