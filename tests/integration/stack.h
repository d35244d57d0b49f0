// The real stack for integration tests: MariaDB, SMTP sink, PayFiP simulator, workers and
// Nginx started by scripts/stack in a temp folder on free ports, seeded with the demo commune
// and a second commune, and stopped at the end even when tests fail.
#pragma once

#include "domain/time.h"

#include <functional>
#include <map>
#include <string>

namespace itest
{

struct Stack {
    std::string dir;
    std::string root; // the repository
    int http_port = 0;
    int sim_port = 0; // the PayFiP simulator
    std::string mode; // release or asan
    std::map<std::string, std::string> env;

    static Stack& get();
    std::string url(const std::string& path) const;
    // http://127.0.0.1:<sim_port><path>: the PayFiP simulator.
    std::string sim_url(const std::string& path) const;
    // Runs `scripts/stack <command> <dir>`; returns the exit code.
    int control(const std::string& command) const;
    // Runs the portail binary with arguments (and --config of the stack); returns exit code,
    // stdout in `output`.
    int portail(const std::string& args, std::string* output = nullptr) const;
    // Runs SQL as root on the stack's database; returns stdout.
    std::string sql(const std::string& statement) const;
    int worker_pid() const;
    // The second worker process (`scripts/stack worker2-start`), 0 when none was started.
    int worker2_pid() const;
};

// A second, throwaway stack next to the suite's (folder `<suite's folder>-<suffix>`, free
// ports, the demo commune with the same administrator password), for a test that needs other
// settings: `env` goes before `scripts/stack up` ("INFLIGHT=24 THREADS=2"); `before_up` runs
// on the empty folder first (the disk-full test mounts a tmpfs in it). Stopped, `after_down`
// called and the folder removed by stop() or the destructor, whatever happens; the
// constructor throws, after cleaning up, when the stack cannot start.
struct ExtraStack {
    using Hook = std::function<void(const std::string& dir)>;
    ExtraStack(const std::string& suffix, const std::string& env = {}, Hook before_up = {},
               Hook after_down = {});
    ~ExtraStack();
    ExtraStack(const ExtraStack&) = delete;
    ExtraStack& operator=(const ExtraStack&) = delete;
    void stop();
    Stack stack; // its folder, port, control(), portail(), sql(), worker_pid()

private:
    Hook after_down_;
    bool stopped_ = false;
};

// Password of the demo administrator and of the second commune's agent.
inline const char* admin_email = "admin@caumont-sur-durance.fr";
inline const char* admin_password = "motdepasse-admin-demo";
inline const char* other_host = "autreville.test";
inline const char* other_agent_email = "agent@autreville.test";

// Whether the process is gone (or a zombie not yet reaped).
bool process_gone(int pid);

// Runs a shell command, returns exit status; output captured when `output` is not null.
int run(const std::string& command, std::string* output = nullptr);

// Today in Europe/Paris, the date every rule a parent sees uses (the machine's clock is UTC:
// from 22:00 or 23:00 UTC, Paris is already on the next day).
domain::Date paris_today();
// "YYYY-MM-DD".
std::string iso(domain::Date day);
// The Paris date `days` after today (before it when negative), "YYYY-MM-DD".
std::string paris_date_after(int days);

} // namespace itest
