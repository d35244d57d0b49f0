// Fault-injection points for the integration tests (issue 8), compiled in test builds only:
// the ASan build defines PORTAIL_TEST_HOOKS. `db::test_hook("name")` kills the process with
// SIGKILL, as a crash or an OOM kill would, when the file $PORTAIL_HOOKS/name exists (the test
// stack sets PORTAIL_HOOKS to its hooks/ folder). In a release build it is an empty function:
// no file is looked at, nothing can be triggered.
#pragma once

#ifdef PORTAIL_TEST_HOOKS
#include <csignal>
#include <cstdlib>
#include <string>

#include <unistd.h>
#endif

namespace db
{

#ifdef PORTAIL_TEST_HOOKS
inline void test_hook(const char* name)
{
    static const char* const dir = std::getenv("PORTAIL_HOOKS");
    if (dir == nullptr || *dir == '\0')
        return;
    const std::string path = std::string(dir) + "/" + name;
    if (::access(path.c_str(), F_OK) == 0)
        ::raise(SIGKILL);
}
#else
inline void test_hook(const char*) {}
#endif

} // namespace db
