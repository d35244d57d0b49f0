#include "http/form.h"

#include "http/parse.h"

namespace http
{

void Params::add(std::string name, std::string value)
{
    items_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Params::get(std::string_view name) const
{
    for (const auto& [n, v] : items_) {
        if (n == name) {
            return std::string_view(v);
        }
    }
    return std::nullopt;
}

std::vector<std::string_view> Params::all(std::string_view name) const
{
    std::vector<std::string_view> out;
    for (const auto& [n, v] : items_) {
        if (n == name) {
            out.emplace_back(v);
        }
    }
    return out;
}

bool Params::has(std::string_view name) const
{
    return get(name).has_value();
}

std::optional<Params> parse_urlencoded(std::string_view body)
{
    Params params;
    while (true) {
        std::size_t amp = body.find('&');
        std::string_view piece = body.substr(0, amp);
        if (!piece.empty()) {
            std::size_t eq = piece.find('=');
            std::string_view raw_name = piece.substr(0, eq);
            std::string_view raw_value =
                eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
            auto name = url_decode(raw_name, true);
            auto value = url_decode(raw_value, true);
            if (!name || !value || !is_valid_utf8(*name) || !is_valid_utf8(*value)) {
                return std::nullopt;
            }
            // A NUL in a name would let "role%00x" shadow "role" in any C-string consumer;
            // values are left to the callers, who know whether binary content makes sense.
            if (name->find('\0') != std::string::npos) {
                return std::nullopt;
            }
            params.add(std::move(*name), std::move(*value));
        }
        if (amp == std::string_view::npos) {
            break;
        }
        body.remove_prefix(amp + 1);
    }
    return params;
}

} // namespace http
