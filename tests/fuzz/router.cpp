// The route table matcher (http::Router, http::PathPattern).
// Input: lines "METHOD pattern" (a route table, at most 64), then a last line "METHOD path".
#include "fuzz_check.h"

#include "http/router.h"

#include <string>
#include <vector>

namespace
{

constexpr std::size_t max_routes = 64;

// The segments after the leading '/', written independently of the router's own splitter.
std::vector<std::string> segments(std::string_view path)
{
    std::vector<std::string> out(1);
    for (std::size_t i = 1; i < path.size(); ++i) {
        if (path[i] == '/')
            out.emplace_back();
        else
            out.back() += path[i];
    }
    return out;
}

bool is_param(const std::string& segment)
{
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Whether `path` fits `pattern` segment by segment, and the parameters it gives.
bool fits(std::string_view pattern, std::string_view path, http::PathParams& params)
{
    params.clear();
    if (pattern.empty() || pattern.front() != '/' || path.empty() || path.front() != '/')
        return false;
    const auto want = segments(pattern);
    const auto got = segments(path);
    if (want.size() != got.size())
        return false;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (is_param(want[i])) {
            if (got[i].empty())
                return false;
            params.emplace_back(want[i].substr(1, want[i].size() - 2), got[i]);
        } else if (want[i] != got[i]) {
            return false;
        }
    }
    return true;
}

bool method_fits(std::string_view route_method, std::string_view method)
{
    return route_method == method || (method == "HEAD" && route_method == "GET");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto in = fuzz::as_text(data, size);
    std::vector<std::string_view> lines;
    while (!in.empty() && lines.size() <= max_routes)
        lines.push_back(fuzz::take_line(in));
    if (lines.empty())
        return 0;
    const auto request = lines.back();
    lines.pop_back();

    http::Router<int> router;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto space = lines[i].find(' ');
        if (space == std::string_view::npos)
            continue;
        router.add({std::string(lines[i].substr(0, space)), std::string(lines[i].substr(space + 1)),
                    static_cast<int>(i)});
    }
    const auto space = request.find(' ');
    const auto method = request.substr(0, space);
    const auto path = space == std::string_view::npos ? std::string_view{} : request.substr(space + 1);

    const auto m = router.match(method, path);
    const auto& routes = router.routes();
    http::PathParams params;
    if (m.route) {
        // The route returned fits the path and the method, gives exactly the path's values for
        // its parameters, and is the first route that does.
        FUZZ_CHECK(method_fits(m.route->method, method));
        FUZZ_CHECK(fits(m.route->pattern, path, params));
        FUZZ_CHECK(params == m.params);
        for (const auto& [name, value] : m.params)
            FUZZ_CHECK(!name.empty() && !value.empty() && value.find('/') == std::string::npos);
        for (const auto* r = routes.data(); r != m.route; ++r)
            FUZZ_CHECK(!(method_fits(r->method, method) && fits(r->pattern, path, params)));
    } else {
        // Nothing fits both; "path known" (→ 405) exactly when some route fits the path alone.
        FUZZ_CHECK(m.params.empty());
        bool known = false;
        for (const auto& r : routes) {
            const bool path_fits = fits(r.pattern, path, params);
            FUZZ_CHECK(!(path_fits && method_fits(r.method, method)));
            known = known || path_fits;
        }
        FUZZ_CHECK(m.path_known == known);
    }
    return 0;
}
