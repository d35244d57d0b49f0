#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <sys/wait.h>

namespace itest
{

namespace
{
Stack* current = nullptr;

std::string shell_quote(const std::string& s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}
} // namespace

int run(const std::string& command, std::string* output)
{
    FILE* p = ::popen(command.c_str(), "r");
    if (!p)
        return -1;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        if (output)
            output->append(buf, n);
    const int status = ::pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Stack& Stack::get()
{
    if (!current)
        throw std::runtime_error("the stack fixture is not running");
    return *current;
}

std::string Stack::url(const std::string& path) const
{
    return "http://127.0.0.1:" + std::to_string(http_port) + path;
}

std::string Stack::sim_url(const std::string& path) const
{
    return "http://127.0.0.1:" + std::to_string(sim_port) + path;
}

int Stack::control(const std::string& command) const
{
    return run(shell_quote(root + "/scripts/stack") + " " + command + " " + shell_quote(dir) +
               " >> " + shell_quote(dir + "/log/control.log") + " 2>&1");
}

int Stack::portail(const std::string& args, std::string* output) const
{
    return run(shell_quote(root + "/build/" + mode + "/portail") + " " + args + " --config " +
                   shell_quote(dir + "/portail.conf") + " 2>&1",
               output);
}

std::string Stack::sql(const std::string& statement) const
{
    std::string out;
    run("mariadb --no-defaults -N -B --socket=" + shell_quote(dir + "/mysql.sock") +
            " -uroot portail -e " + shell_quote(statement) + " 2>&1",
        &out);
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

int Stack::worker_pid() const
{
    std::ifstream in(dir + "/portail.pid");
    int pid = 0;
    in >> pid;
    return pid;
}

int Stack::worker2_pid() const
{
    std::ifstream in(dir + "/portail2.pid");
    int pid = 0;
    in >> pid;
    return pid;
}

namespace
{
// Starts the stack of `s.dir` (scripts/stack up, free ports, `env` before it), reads its ports
// and seeds the demo commune; throws with the logs' tail when it cannot.
void start_stack(Stack& s, const std::string& env)
{
    const auto up =
        run("PORTS=auto MODE=" + s.mode + " " + env + " " + shell_quote(s.root + "/scripts/stack") +
            " up " + shell_quote(s.dir) + " 2>&1");
    if (up != 0) {
        std::string log;
        run("tail -n 30 " + shell_quote(s.dir) + "/log/*.log", &log);
        throw std::runtime_error("scripts/stack up failed:\n" + log);
    }
    std::ifstream in(s.dir + "/stack.env");
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq != std::string::npos)
            s.env[line.substr(0, eq)] = line.substr(eq + 1);
    }
    s.http_port = std::stoi(s.env.at("HTTP_PORT"));
    const auto& sim = s.env["SIM_PORT"];
    std::from_chars(sim.data(), sim.data() + sim.size(), s.sim_port);
    std::ofstream(s.dir + "/admin-password") << admin_password << "\n";
    std::string out;
    if (s.portail("seed-demo --admin-password-file " + shell_quote(s.dir + "/admin-password") +
                      " --codes-file " + shell_quote(s.dir + "/demo-codes.txt"),
                  &out) != 0)
        throw std::runtime_error("seed-demo failed: " + out);
}
} // namespace

// Global fixture: one stack for the whole test binary.
struct StackFixture {
    Stack stack;
    StackFixture()
    {
        const char* root = std::getenv("PORTAIL_ROOT");
        stack.root = root ? root : std::filesystem::current_path().string();
        const char* mode = std::getenv("STACK_MODE");
        stack.mode = mode ? mode : "release";
        char tmpl[] = "/tmp/portail-itest-XXXXXX";
        if (!::mkdtemp(tmpl))
            throw std::runtime_error("mkdtemp failed");
        stack.dir = tmpl;
        start_stack(stack, "AUTH_RATE=2000r/s THREADS=6");
        current = &stack;
        std::string out;
        if (stack.portail("create-commune --slug autreville --name Autreville --host " +
                              std::string(other_host) + " --if-missing",
                          &out) != 0)
            throw std::runtime_error("create-commune failed: " + out);
        if (stack.portail("create-agent --commune autreville --email " +
                              std::string(other_agent_email) +
                              " --name 'Agent Autreville' --role administrateur --if-missing"
                              " --password-file " +
                              shell_quote(stack.dir + "/admin-password"),
                          &out) != 0)
            throw std::runtime_error("create-agent failed: " + out);
    }
    ~StackFixture()
    {
        current = nullptr;
        stack.control("down");
        if (!std::getenv("KEEP_STACK"))
            std::filesystem::remove_all(stack.dir);
    }
};

BOOST_TEST_GLOBAL_FIXTURE(StackFixture);

domain::Date paris_today()
{
    return domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
}

std::string iso(domain::Date day)
{
    return domain::iso_date(day);
}

std::string paris_date_after(int days)
{
    return iso(domain::add_days(paris_today(), days));
}

ExtraStack::ExtraStack(const std::string& suffix, const std::string& env, Hook before_up,
                       Hook after_down)
    : after_down_(std::move(after_down))
{
    const auto& main = Stack::get();
    stack.root = main.root;
    stack.mode = main.mode;
    stack.dir = main.dir + "-" + suffix;
    // A constructor that throws gets no destructor call: clean up here then.
    try {
        std::filesystem::create_directories(stack.dir);
        if (before_up)
            before_up(stack.dir);
        start_stack(stack, env);
    } catch (...) {
        stop();
        throw;
    }
}

void ExtraStack::stop()
{
    if (stopped_)
        return;
    stopped_ = true;
    stack.control("down");
    if (std::getenv("KEEP_STACK")) // its logs are in dir/log
        run("cp -r " + shell_quote(stack.dir + "/log") + " " + shell_quote(stack.dir + "-log"));
    if (after_down_)
        after_down_(stack.dir);
    std::error_code ignored;
    std::filesystem::remove_all(stack.dir, ignored);
}

ExtraStack::~ExtraStack()
{
    stop();
}

namespace
{

// The state letter of /proc/…/stat ('X' when it cannot be read): "pid (name) S …", the name
// may hold spaces and parentheses, the state follows the last ')'.
char task_state(const std::filesystem::path& stat_file)
{
    std::ifstream in(stat_file);
    std::string stat;
    if (!std::getline(in, stat))
        return 'X';
    const auto close = stat.rfind(')');
    return close == std::string::npos || close + 2 >= stat.size() ? 'X' : stat[close + 2];
}

} // namespace

bool process_gone(int pid)
{
    // Every thread, not the leader alone: a killed worker's main thread turns zombie while
    // its other threads still exit, and they share its files, its listening socket among
    // them: until the last one is gone, the kernel still queues connections to the worker,
    // and resets them after (Nginx's 502).
    const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator(tasks, ec)) {
        const char state = task_state(task.path() / "stat");
        if (state != 'X' && state != 'Z')
            return false;
    }
    return true;
}

} // namespace itest
