#include "app/storage_guard.h"

#include "app/log.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include <sys/statvfs.h>

namespace app
{

bool storage_low(const Config& config)
{
    if (config.db_volume.empty())
        return false;
    static std::atomic<std::int64_t> checked_at_ms{-1'000'000};
    static std::atomic<bool> low{false};
    const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now().time_since_epoch())
                                 .count();
    auto last = checked_at_ms.load();
    if (now - last >= 1000 && checked_at_ms.compare_exchange_strong(last, now)) {
        struct statvfs s {
        };
        if (::statvfs(config.db_volume.c_str(), &s) == 0) {
            const auto free_bytes = static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
            const auto minimum = std::uint64_t{config.db_volume_min_free_mb} * 1024 * 1024;
            const bool now_low = free_bytes < minimum;
            const bool was_low = low.exchange(now_low);
            if (now_low && !was_low)
                log::error("database volume " + config.db_volume + " has " +
                           std::to_string(free_bytes / (1024 * 1024)) +
                           " MiB free, under the minimum of " +
                           std::to_string(config.db_volume_min_free_mb) +
                           " MiB: writes are refused (503) until room is made");
            else if (!now_low && was_low)
                log::info("database volume " + config.db_volume +
                          " has room again: writes accepted");
        } else {
            log::warn("statvfs of db-volume " + config.db_volume + " failed");
        }
    }
    return low.load();
}

} // namespace app
