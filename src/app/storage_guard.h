// Read-only mode while the database's disk runs low (SPEC §7). MariaDB 10.11 aborts when
// InnoDB runs out of space in the middle of a statement ("Out of disk space in rollback"), so
// the workers stop sending writes before that happens: when the database's volume is on this
// host (`db-volume`) and its free space falls under `db-volume-min-free-mb`, every request
// that may write gets a French 503 with Retry-After, and pages keep being read. Checked with
// statvfs at most once a second, shared by the threads.
#pragma once

#include "app/config.h"

namespace app
{

// True while the volume has less free space than the configured minimum; always false
// without `db-volume`. Logs when the state changes.
bool storage_low(const Config& config);

} // namespace app
