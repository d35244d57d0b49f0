// Fault-injection points for the integration tests (issue 8), compiled in test builds only:
// the ASan build defines PORTAIL_TEST_HOOKS. `db::test_hook("name")` kills the process with
// SIGKILL, as a crash or an OOM kill would, when the file $PORTAIL_HOOKS/name exists (the test
// stack sets PORTAIL_HOOKS to its hooks/ folder); `db::test_conflict("name")` throws the
// server's 1213 (a deadlock, or Galera's certification conflict) instead, as often as it is
// reached while the file exists; `db::test_conflict_once("name")` throws it once, the thread
// that removes the file. In a release build all are empty functions: no file is looked at,
// nothing can be triggered.
#pragma once

#ifdef PORTAIL_TEST_HOOKS
#include <cppconn/exception.h>

#include <csignal>
#include <cstdlib>
#include <string>

#include <unistd.h>
#endif

namespace db
{

#ifdef PORTAIL_TEST_HOOKS
inline std::string test_hook_path(const char* name)
{
    static const char* const dir = std::getenv("PORTAIL_HOOKS");
    if (dir == nullptr || *dir == '\0')
        return {};
    return std::string(dir) + "/" + name;
}
inline bool test_hook_armed(const char* name)
{
    const auto path = test_hook_path(name);
    return !path.empty() && ::access(path.c_str(), F_OK) == 0;
}
inline sql::SQLException test_deadlock(const char* name)
{
    return sql::SQLException(std::string("Deadlock found when trying to get lock (test hook ") +
                                 name + ")",
                             "40001", 1213);
}
inline void test_hook(const char* name)
{
    if (test_hook_armed(name))
        ::raise(SIGKILL);
}
inline void test_conflict(const char* name)
{
    if (test_hook_armed(name))
        throw test_deadlock(name);
}
inline void test_conflict_once(const char* name)
{
    const auto path = test_hook_path(name);
    if (!path.empty() && ::unlink(path.c_str()) == 0)
        throw test_deadlock(name);
}
#else
inline void test_hook(const char*) {}
inline void test_conflict(const char*) {}
inline void test_conflict_once(const char*) {}
#endif

} // namespace db
