#include "view/static_version.h"

#include "security/tokens.h"

#include <ctemplate/template.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace view
{

namespace
{
std::string g_static_version;

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
} // namespace

std::string compute_static_version(const std::string& static_dir)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(static_dir, ec))
        return {};
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(static_dir))
        if (entry.is_regular_file())
            files.push_back(fs::relative(entry.path(), static_dir));
    if (files.empty())
        return {};
    std::sort(files.begin(), files.end());
    std::string all;
    for (const auto& file : files) {
        // Name and size before the content: moving bytes between files changes the version.
        const auto content = read_file(fs::path(static_dir) / file);
        all += file.generic_string();
        all += '\0';
        all += std::to_string(content.size());
        all += '\0';
        all += content;
    }
    return security::to_hex(security::sha256(all)).substr(0, 12);
}

void set_static_version(const std::string& static_dir)
{
    auto version = compute_static_version(static_dir);
    if (version.empty()) {
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        version =
            "t" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count());
    }
    g_static_version = version;
    ctemplate::TemplateDictionary::SetGlobalValue("STATIC_VERSION", g_static_version);
}

const std::string& static_version()
{
    return g_static_version;
}

} // namespace view
