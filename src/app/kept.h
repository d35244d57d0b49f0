// What a worker process keeps in memory from the database — a commune's settings and months,
// a family's file, bills, months and account, the commune of a host name — shared by its
// threads: a map from a key to the value read. The caller says whether a value kept is still
// current (its revision against the one read with the session, its age), and reads it again
// when it is not. Past a bound the map starts again empty: a bound on memory cheaper than any
// LRU, which costs one read per value kept again.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

namespace app
{

template <class Key, class Value, class Map = std::unordered_map<Key, std::shared_ptr<const Value>>>
class Kept
{
public:
    // The value kept under `key` when there is one and `current(value)` holds; otherwise null.
    template <class Current>
    std::shared_ptr<const Value> find(const Key& key, Current&& current) const
    {
        std::shared_lock lock(mutex_);
        const auto it = map_.find(key);
        if (it != map_.end() && current(*it->second))
            return it->second;
        return nullptr;
    }

    // Keeps `value` under `key`, in place of the one there; when `bound` values are kept
    // already, forgets them all first (and frees them once the other threads may read again).
    void keep(const Key& key, std::shared_ptr<const Value> value, std::size_t bound)
    {
        Map forgotten;
        std::unique_lock lock(mutex_);
        if (map_.size() >= bound)
            forgotten.swap(map_);
        map_.insert_or_assign(key, std::move(value));
        lock.unlock();
    }

private:
    mutable std::shared_mutex mutex_;
    Map map_;
};

} // namespace app
