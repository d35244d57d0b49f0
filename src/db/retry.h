// Retrying a whole transaction that lost a deadlock, a lock wait or a Galera certification
// conflict (two nodes writing the same row: 1213 at commit). The attempt opens its own
// db::Transaction, so a failed try has rolled back everything before the next one starts;
// a short random pause growing with the tries keeps competing writers from colliding in
// step. Bounded: the last failure goes up (a 500).
#pragma once

#include "db/connection.h"

#include <chrono>
#include <random>
#include <thread>

namespace db
{

template <class F> auto with_retry(F attempt, int max_tries = 3)
{
    for (int tries = 1;; ++tries) {
        try {
            return attempt();
        } catch (const sql::SQLException& e) {
            if (!is_retryable(e) || tries == max_tries)
                throw;
        }
        thread_local std::minstd_rand random{std::random_device{}()};
        std::uniform_int_distribution<int> pause_ms(1, 4 * tries);
        std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(random)));
    }
}

} // namespace db
