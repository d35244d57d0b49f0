#include "app/commune_cache.h"

#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace app {

namespace {
struct Entry {
    std::shared_ptr<const db::Commune> commune;
    std::chrono::steady_clock::time_point expires;
};

std::shared_mutex cache_mutex;
std::unordered_map<std::string, Entry> cache;
constexpr std::size_t max_entries = 10000; // unknown hosts cannot grow it without bound
} // namespace

std::shared_ptr<const db::Commune> commune_for_host(db::Connection& conn, const std::string& host)
{
    const auto now = std::chrono::steady_clock::now();
    {
        std::shared_lock lock(cache_mutex);
        const auto it = cache.find(host);
        if (it != cache.end() && it->second.expires > now)
            return it->second.commune;
    }
    std::shared_ptr<const db::Commune> found;
    if (!host.empty())
        if (auto c = db::find_commune_by_host(conn, host))
            found = std::make_shared<const db::Commune>(std::move(*c));
    const auto ttl = found ? std::chrono::seconds(30) : std::chrono::seconds(5);
    std::unique_lock lock(cache_mutex);
    if (cache.size() >= max_entries)
        cache.clear();
    cache[host] = Entry{found, now + ttl};
    return found;
}

} // namespace app
