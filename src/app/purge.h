// `portail purge-families`: deletes the personal data of families archived longer than their
// commune's retention period (RGPD storage limitation). Meant for a monthly cron.
#pragma once

namespace app
{

// argv[0] is the subcommand name; `--dry-run` lists without deleting. Returns the exit code:
// 0, or 1 when a family could not be purged (the others still are).
int run_purge_families(int argc, const char* const argv[]);

} // namespace app
