#include "domain/allocation.h"

#include <algorithm>

namespace domain
{

int priority_points(const Applicant& a)
{
    return (a.resident ? 2 : 0) + (a.sibling_applies ? 1 : 0);
}

std::uint64_t lot_number(const std::string& seed, std::int64_t occurrence_id, std::int64_t child_id,
                         std::string (*sha256)(const std::string& bytes))
{
    const auto digest =
        sha256(seed + ":" + std::to_string(occurrence_id) + ":" + std::to_string(child_id));
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < 8 && i < digest.size(); ++i)
        n = (n << 8) | static_cast<unsigned char>(digest[i]);
    return n;
}

std::vector<Ranked> rank(const std::vector<Applicant>& applicants, const std::string& seed,
                         std::int64_t occurrence_id,
                         std::string (*sha256)(const std::string& bytes))
{
    std::vector<Ranked> out;
    out.reserve(applicants.size());
    for (const auto& a : applicants)
        out.push_back({a, priority_points(a), lot_number(seed, occurrence_id, a.child_id, sha256)});
    std::sort(out.begin(), out.end(), [](const Ranked& x, const Ranked& y) {
        if (x.points != y.points)
            return x.points > y.points;
        if (x.lot != y.lot)
            return x.lot < y.lot;
        return x.applicant.child_id < y.applicant.child_id;
    });
    return out;
}

std::string priority_rules_fr()
{
    return "Les places sont attribuées dans l'ordre des points de priorité : 2 points pour une "
           "famille résidant dans la commune, 1 point quand un frère ou une sœur demande le même "
           "jour. À égalité, un tirage au sort départage les enfants ; il est calculé à partir "
           "d'une graine publiée après l'attribution, et chacun peut le vérifier.";
}

} // namespace domain
