// Allocation of places after a registration window (SPEC §9): children are ranked by the
// published priority rules, then by a lot that anyone can recompute from the published seed;
// the first ones get the places, the next ones the waiting list. Pure logic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domain
{

struct Applicant {
    std::int64_t child_id = 0;
    std::int64_t family_id = 0;
    bool resident = false;
    bool sibling_applies = false; // a brother or sister asks for the same day
};

// Points of the published rules: residents 2, siblings 1.
int priority_points(const Applicant& a);
// The lot of a child for an occurrence: the first 8 bytes of SHA-256("seed:occurrence:child")
// read big-endian; smaller draws first. `sha256` is injected to keep this file pure.
std::uint64_t lot_number(const std::string& seed, std::int64_t occurrence_id, std::int64_t child_id,
                         std::string (*sha256)(const std::string& bytes));

struct Ranked {
    Applicant applicant;
    int points = 0;
    std::uint64_t lot = 0;
};
// Sorted by points (more first), then lot (smaller first), then child id.
std::vector<Ranked> rank(const std::vector<Applicant>& applicants, const std::string& seed,
                         std::int64_t occurrence_id,
                         std::string (*sha256)(const std::string& bytes));

std::string priority_rules_fr(); // the published rules, in French

} // namespace domain
