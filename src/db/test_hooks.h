// Fault-injection points for the integration tests (issue 8), compiled in test builds only:
// the ASan build defines PORTAIL_TEST_HOOKS. `db::test_hook("name")` kills the process with
// SIGKILL, as a crash or an OOM kill would, when the file $PORTAIL_HOOKS/name exists (the test
// stack sets PORTAIL_HOOKS to its hooks/ folder); `db::test_conflict("name")` throws the
// server's 1213 (a deadlock, or Galera's certification conflict) instead, as often as it is
// reached while the file exists. In a release build both are empty functions: no file is looked
// at, nothing can be triggered.
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
inline bool test_hook_armed(const char* name)
{
    static const char* const dir = std::getenv("PORTAIL_HOOKS");
    if (dir == nullptr || *dir == '\0')
        return false;
    const std::string path = std::string(dir) + "/" + name;
    return ::access(path.c_str(), F_OK) == 0;
}
inline void test_hook(const char* name)
{
    if (test_hook_armed(name))
        ::raise(SIGKILL);
}
inline void test_conflict(const char* name)
{
    if (test_hook_armed(name))
        throw sql::SQLException(std::string("Deadlock found when trying to get lock (test hook ") +
                                    name + ")",
                                "40001", 1213);
}
#else
inline void test_hook(const char*) {}
inline void test_conflict(const char*) {}
#endif

} // namespace db
