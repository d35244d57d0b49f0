// The workers' fault-injection hooks (src/db/test_hooks.h), armed by a file in the test
// stack's hooks/ folder.
#pragma once

#include "stack.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace itest
{

// Arms a test hook of the workers for the life of the object (a hook that fires once removes
// the file itself).
struct Hook {
    std::filesystem::path file;
    explicit Hook(const std::string& name) : file(Stack::get().dir + "/hooks/" + name)
    {
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file) << "armed\n";
    }
    ~Hook() { std::filesystem::remove(file); }
    bool armed() const { return std::filesystem::exists(file); }
    Hook(const Hook&) = delete;
    Hook& operator=(const Hook&) = delete;
};

// The hooks are compiled in test builds only (the ASan workers); a release worker has none.
inline boost::test_tools::assertion_result workers_have_hooks(boost::unit_test::test_unit_id)
{
    boost::test_tools::assertion_result r(Stack::get().mode == "asan");
    r.message() << "the test hooks exist in the ASan build only";
    return r;
}

} // namespace itest
