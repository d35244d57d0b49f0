// A fresh folder under the system temp dir for a test, removed with its content.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace unit {

class TempDir {
public:
    TempDir()
    {
        auto templ = (std::filesystem::temp_directory_path() / "portail-unit-XXXXXX").string();
        if (!mkdtemp(templ.data()))
            throw std::runtime_error("mkdtemp failed");
        path_ = templ;
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // Writes `content` to `name` in the folder, returns its path.
    std::string write(const std::string& name, const std::string& content = "SELECT 1;\n") const
    {
        std::ofstream(path_ / name, std::ios::binary) << content;
        return (path_ / name).string();
    }
    std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

} // namespace unit
