#include "web/booking_context.h"

#include "app/commune_data.h"
#include "app/family_data.h"
#include "db/family_file.h"
#include "domain/booking_rules.h"
#include "domain/identity.h"
#include "web/account_mail.h"
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
    // The logged-in family's file, from memory while it does not change.
    const auto data = app::family_data(ctx);
    const auto file =
        file_status(family, app::commune_data(ctx)->file_settings, data->documents, data->requests);
    for (const auto label : file.household.missing)
        pre.missing_elements.emplace_back(label);
    if (const auto it = file.members.find(child_id); it != file.members.end())
        for (const auto label : it->second.missing)
            pre.missing_elements.emplace_back(label);
    for (const auto& r : app::current_rules(ctx)) {
        pre.services_with_rules.insert(r.service);
        if (!r.accepted_at.empty())
            pre.rules_accepted.insert(r.service);
    }
    return pre;
}

void tell_promoted(app::Context& ctx, const booking::Promotion& promoted,
                   const db::Activity& activity, const std::string& day)
{
    const auto family = db::load_family(ctx.db(), ctx.commune.id, promoted.booking.family_id);
    const auto date = domain::parse_sql_datetime(day + " 00:00:00");
    if (!family || !date)
        return;
    std::string first_name;
    for (const auto& m : family->members)
        if (m.id == promoted.booking.child_id)
            first_name = m.first_name;
    const auto what =
        activity.name + " le " + domain::format_long_date_fr(date->date) + " pour " + first_name;
    const auto path = "/famille/planning?enfant=" + std::to_string(promoted.booking.child_id) +
                      "&mois=" + day.substr(0, 7);
    const auto before = promoted.confirm_before
                            ? domain::format_instant_long_fr(*promoted.confirm_before)
                            : std::string();
    for (const auto& account : db::linked_accounts(ctx.db(), ctx.commune.id, family->id))
        if (account.confirmed)
            mail_place_freed(ctx, account.email, what, path, before);
}

} // namespace web
