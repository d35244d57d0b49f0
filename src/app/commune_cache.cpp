#include "app/commune_cache.h"

#include "app/kept.h"

#include <chrono>
#include <string>

namespace app {

namespace {
struct Entry {
    std::shared_ptr<const db::Commune> commune;
    std::chrono::steady_clock::time_point expires;
};

Kept<std::string, Entry> cache;            // by host name
constexpr std::size_t max_entries = 10000; // unknown hosts cannot grow it without bound
} // namespace

std::shared_ptr<const db::Commune> commune_for_host(db::Connection& conn, const std::string& host)
{
    const auto now = std::chrono::steady_clock::now();
    if (const auto kept = cache.find(host, [&](const Entry& e) { return e.expires > now; }))
        return kept->commune;
    std::shared_ptr<const db::Commune> found;
    if (!host.empty())
        if (auto c = db::find_commune_by_host(conn, host))
            found = std::make_shared<const db::Commune>(std::move(*c));
    const auto ttl = found ? std::chrono::seconds(30) : std::chrono::seconds(5);
    cache.keep(host, std::make_shared<const Entry>(Entry{found, now + ttl}), max_entries);
    return found;
}

} // namespace app
