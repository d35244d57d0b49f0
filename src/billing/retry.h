// Retrying a whole transaction that lost a deadlock or a lock wait: the attempt opens its own
// db::Transaction, so a failed try has rolled back everything before the next one starts.
#pragma once

#include "db/connection.h"

namespace billing
{

constexpr int max_tries = 3;

template <class F> auto with_retry(F attempt)
{
    for (int tries = 1;; ++tries) {
        try {
            return attempt();
        } catch (const sql::SQLException& e) {
            if (!db::is_retryable(e) || tries == max_tries)
                throw;
        }
    }
}

} // namespace billing
