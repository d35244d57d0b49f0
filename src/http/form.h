// Ordered multi-valued parameters, from a query string or an urlencoded body.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

class Params {
public:
    void add(std::string name, std::string value);
    // First value of name, if any.
    std::optional<std::string_view> get(std::string_view name) const;
    // Every value of a repeated field, in order.
    std::vector<std::string_view> all(std::string_view name) const;
    bool has(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
    bool empty() const { return items_.empty(); }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

// "a=1&b=2&b=3". Empty pieces ("a=1&&b=2") are skipped; a piece without '=' is a name with an
// empty value. Returns nullopt when an escape is malformed or a name/value is not valid UTF-8.
std::optional<Params> parse_urlencoded(std::string_view body);

} // namespace http
