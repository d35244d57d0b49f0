// `portail seed-bench`: the benchmark dataset, in the demo commune (caumont, made by
// `portail seed-demo`): N families "BENCH-00001"… with a confirmed parent account each
// (bench-00001@example.org…, all with the same password), 1.5 children per family on average
// with a school year of canteen bookings, a "Vacances bench" holiday week for the opening rush
// (its bookings emptied on every run), and a fresh login session per parent account whose
// tokens go to a file for the load scripts, and a history of 26 invoices per family (the
// /facturation page's bench). Bulk inserts in big transactions: minutes at most
// for 10,000 families. Run again, it adds only the missing families.
#pragma once

namespace app
{

// argv[0] is the subcommand name. Returns the process exit code.
int run_seed_bench(int argc, const char* const argv[]);
// `portail bench-invoicing`: the monthly invoicing run of the demo commune's canteen régie
// (by default last month), timed; prints "invoicing-run INVOICES LINES SECONDS".
int run_bench_invoicing(int argc, const char* const argv[]);

} // namespace app
