#include "web/booking_context.h"

#include "db/family_file.h"
#include "domain/identity.h"
#include "web/member_file.h"

namespace web
{

booking::Child booking_child(const app::Context& ctx, const db::Family& family,
                             const db::Member& child)
{
    booking::Child c;
    c.id = child.id;
    c.family_id = family.id;
    c.first_name = child.first_name;
    c.birth_date = child.birth_date;
    c.class_name = child.class_name;
    c.resident = domain::normalize_name(family.city) == domain::normalize_name(ctx.commune.name);
    return c;
}

booking::Prerequisites booking_prerequisites(app::Context& ctx, const db::Family& family,
                                             std::int64_t child_id)
{
    booking::Prerequisites pre;
    const auto file = file_status(ctx.db(), ctx.commune.id, family);
    for (const auto label : file.household.missing)
        pre.missing_elements.emplace_back(label);
    if (const auto it = file.members.find(child_id); it != file.members.end())
        for (const auto label : it->second.missing)
            pre.missing_elements.emplace_back(label);
    for (const auto& r : db::current_rules(ctx.db(), ctx.commune.id, family.id)) {
        pre.services_with_rules.insert(r.service);
        if (!r.accepted_at.empty())
            pre.rules_accepted.insert(r.service);
    }
    return pre;
}

} // namespace web
