// What a complete family file is: the catalogue of elements a commune can make mandatory,
// its defaults, and which of them a member's file still lacks. Pure logic.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace domain
{

enum class FileScope { Family, Guardian, Child };

struct Requirement {
    std::string_view key; // "child.doctor", stored in the commune's setting
    FileScope scope;
    std::string_view
        label; // French, as parents read it in "Des éléments importants sont manquants"
    bool by_default;
};

// Every element a commune can make mandatory, in display order.
std::span<const Requirement> requirement_catalogue();
const Requirement* find_requirement(std::string_view key);

// The commune's setting (comma-separated keys; NULL means the defaults); unknown keys are
// dropped so a removed element never blocks a family.
std::set<std::string> required_from_setting(const std::optional<std::string>& stored);
std::string setting_from_required(const std::set<std::string>& keys);

struct MissingElements {
    std::vector<std::string_view> missing; // labels of required elements not provided
    std::vector<std::string_view> pending; // provided, waiting for an agent's decision
    bool complete() const { return missing.empty(); }
};

// For one member (or the family itself) of `scope`: the required elements of that scope
// that are neither in `provided` nor in `awaiting` (given but not yet validated).
MissingElements missing_elements(const std::set<std::string>& required, FileScope scope,
                                 const std::set<std::string>& provided,
                                 const std::set<std::string>& awaiting);

} // namespace domain
