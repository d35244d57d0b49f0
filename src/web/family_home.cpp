#include "web/family_home.h"

#include "app/commune_data.h"
#include "app/family_data.h"
#include "db/families.h"
#include "db/family_file.h"
#include "http/error.h"
#include "web/member_file.h"

namespace web
{

http::Response family_home(app::Context& ctx)
{
    const auto data = app::family_data(ctx); // from memory while the file does not change
    const auto* family = &data->family;
    view::Page page("famille/espace.tpl", "Espace famille");
    auto& d = page.dict();
    d.SetValue("FAMILY_NAME", family->name);
    if (ctx.req.query().get("bienvenue") == "1")
        d.ShowSection("WELCOME");

    // Alerts first (SPEC §4.5): what the family still has to do or wait for.
    int alerts = 0;
    const auto file = file_status(*family, app::commune_data(ctx)->file_settings, data->documents,
                                  data->requests);
    if (file.missing_count > 0) {
        d.SetIntValue("MISSING_COUNT", file.missing_count);
        d.ShowSection(file.missing_count == 1 ? "MISSING_ONE" : "MISSING_MANY");
        ++alerts;
    }
    int pending = 0;
    for (const auto& r : data->requests)
        if (r.status == db::Decision::Pending)
            ++pending;
        else if (r.status == db::Decision::Refused && alerts < 10) {
            // The latest refusals stay visible with their reason.
            auto* refused = d.AddSectionDictionary("REFUSED");
            refused->SetValue("WHAT", std::string(db::change_kind_label(r.kind)) +
                                          (r.member_name.empty() ? "" : " — " + r.member_name));
            refused->SetValue("COMMENT", r.comment.empty() ? "sans commentaire" : r.comment);
            refused->SetValue("URL", r.member_id ? "/famille/membres/" + std::to_string(r.member_id)
                                                 : "/famille/foyer");
            ++alerts;
            break;
        }
    if (pending > 0) {
        d.SetIntValue("PENDING_COUNT", pending);
        d.ShowSection("PENDING");
        ++alerts;
    }
    for (const auto& rules : app::current_rules(ctx))
        if (rules.accepted_at.empty()) {
            auto* row = d.AddSectionDictionary("RULES_TO_ACCEPT");
            row->SetValue("SERVICE", rules.service);
            ++alerts;
        }
    if (alerts == 0)
        d.ShowSection("NO_ALERT");
    return page.render(ctx.layout());
}

} // namespace web
