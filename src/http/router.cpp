#include "http/router.h"

namespace http {

const char* access_name(Access access)
{
    switch (access) {
    case Access::Public: return "public";
    case Access::Parent: return "parent";
    case Access::Agent: return "agent";
    case Access::Regisseur: return "regisseur";
    case Access::Administrateur: return "administrateur";
    }
    return "?";
}

namespace {
std::vector<std::string_view> split_path(std::string_view path)
{
    std::vector<std::string_view> out;
    std::size_t start = 1; // paths begin with '/'
    if (path.empty() || path.front() != '/')
        return out;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == std::string_view::npos ? path.size() : slash;
        out.push_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return out;
}
} // namespace

PathPattern::PathPattern(std::string_view pattern)
{
    for (auto s : split_path(pattern))
        segments_.emplace_back(s);
}

bool PathPattern::match(std::string_view path, PathParams& params) const
{
    if (path.empty() || path.front() != '/')
        return false;
    const auto parts = split_path(path);
    if (parts.size() != segments_.size())
        return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& seg = segments_[i];
        if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
            if (parts[i].empty())
                return false;
            params.emplace_back(seg.substr(1, seg.size() - 2), std::string(parts[i]));
        } else if (seg != parts[i]) {
            return false;
        }
    }
    return true;
}

} // namespace http
