// Route tables: method + full literal path with `{name}` segments, and who may call it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

// Who may call a route; checked centrally by the dispatcher, never by hand in handlers.
enum class Access {
    Public,         // anyone
    Parent,         // a logged-in parent of this commune
    Agent,          // any agent of this commune
    Regisseur,      // agent with role régisseur or administrateur
    Administrateur, // agent with role administrateur
};

const char* access_name(Access access);

using PathParams = std::vector<std::pair<std::string, std::string>>;

template <class Handler> struct Route {
    std::string method; // "GET" or "POST"
    std::string pattern;
    Handler handler;
    Access access = Access::Public;
    bool csrf = true; // POST only; false for server-to-server endpoints
};

// Splits "/a/{id}/b" into segments once; matching is by segment, a `{x}` segment matches any
// one non-empty segment.
class PathPattern {
public:
    explicit PathPattern(std::string_view pattern);
    bool match(std::string_view path, PathParams& params) const;

private:
    std::vector<std::string> segments_;
};

template <class Handler> class Router {
public:
    struct Match {
        const Route<Handler>* route = nullptr;
        PathParams params;
        bool path_known = false; // some route has this path with another method (→ 405)
    };

    void add(Route<Handler> route)
    {
        patterns_.emplace_back(route.pattern);
        routes_.push_back(std::move(route));
    }

    Match match(std::string_view method, std::string_view path) const
    {
        Match m;
        for (std::size_t i = 0; i < routes_.size(); ++i) {
            PathParams params;
            if (!patterns_[i].match(path, params))
                continue;
            const bool same_method =
                routes_[i].method == method || (method == "HEAD" && routes_[i].method == "GET");
            if (same_method) {
                m.route = &routes_[i];
                m.params = std::move(params);
                return m;
            }
            m.path_known = true;
        }
        return m;
    }

    const std::vector<Route<Handler>>& routes() const { return routes_; }

private:
    std::vector<Route<Handler>> routes_;
    std::vector<PathPattern> patterns_;
};

} // namespace http
