#include "view/view.h"

#include "view/static_version.h"

#include <filesystem>
#include <stdexcept>

namespace view
{

namespace
{
constexpr std::size_t body_reserve = 16 * 1024;

// Mail bodies keep their blank lines (paragraphs of the plain-text part).
ctemplate::Strip strip_mode(const std::string& name)
{
    return name.rfind("mail/", 0) == 0 ? ctemplate::DO_NOT_STRIP : ctemplate::STRIP_BLANK_LINES;
}
} // namespace

void load_templates(const std::string& dir)
{
    namespace fs = std::filesystem;
    if (!fs::is_directory(dir))
        throw std::runtime_error("template folder not found: " + dir);
    ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir);
    int count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".tpl")
            continue;
        const auto name = fs::relative(entry.path(), dir).string();
        if (!ctemplate::LoadTemplate(name, strip_mode(name)))
            throw std::runtime_error("broken template: " + name);
        ++count;
    }
    if (count == 0)
        throw std::runtime_error("no template found in " + dir);
    ctemplate::mutable_default_template_cache()->Freeze();
    // static/ is installed beside templates/ (the repository, /usr/share/portail).
    set_static_version(((fs::path(dir) / "..").lexically_normal() / "static").string());
}

Page::Page(std::string content_template, std::string title)
    : title_(std::move(title)), root_(std::make_unique<ctemplate::TemplateDictionary>("layout"))
{
    content_ = root_->AddIncludeDictionary("CONTENT");
    content_->SetFilename(content_template);
}

std::string page_title(const std::string& title, const std::string& commune_name)
{
    return title + " — Portail Famille de " + commune_name;
}

http::Response Page::render(const Layout& layout, int status)
{
    auto& d = *root_;
    d.SetValue("TITLE", page_title(title_, layout.commune_name));
    d.SetValue("COMMUNE_NAME", layout.commune_name);
    d.SetValue("CSRF", layout.csrf);
    // Include dictionaries do not see the layout's values: give the page what it shares.
    content_->SetValue("COMMUNE_NAME", layout.commune_name);
    content_->SetValue("CSRF", layout.csrf);
    switch (layout.area) {
    case Layout::Area::Parent:
        d.ShowSection("NAV_PARENT");
        break;
    case Layout::Area::Agent:
        d.ShowSection("NAV_AGENT");
        if (layout.billing)
            d.ShowSection("NAV_BILLING");
        if (layout.administrator)
            d.ShowSection("NAV_ADMIN");
        break;
    case Layout::Area::Public:
        d.ShowSection("NAV_PUBLIC");
        break;
    }
    if (!layout.user_name.empty()) {
        auto* user = d.AddSectionDictionary("USER");
        user->SetValue("USER_NAME", layout.user_name);
        user->SetValue("CSRF", layout.csrf);
        user->SetValue("LOGOUT_URL", layout.area == Layout::Area::Agent ? "/gestion/deconnexion"
                                                                        : "/deconnexion");
    }
    http::Response r;
    r.status = status;
    // Most pages fit (the Espace facturation is about 12 KiB, the planning month 50): the
    // expansion appends piece by piece, and would otherwise grow the string a dozen times.
    r.body.reserve(body_reserve);
    if (!ctemplate::ExpandTemplate("layout.tpl", ctemplate::STRIP_BLANK_LINES, root_.get(),
                                   &r.body))
        throw std::runtime_error("template expansion failed: layout.tpl");
    return r;
}

std::string expand(const std::string& template_name, const ctemplate::TemplateDictionary& dict)
{
    std::string out;
    if (!ctemplate::ExpandTemplate(template_name, strip_mode(template_name), &dict, &out))
        throw std::runtime_error("template expansion failed: " + template_name);
    return out;
}

namespace
{
struct ErrorText {
    const char* title;
    const char* message;
};

ErrorText error_text(int status)
{
    switch (status) {
    case 400:
        return {"Demande incorrecte",
                "Les informations envoyées sont incomplètes ou mal formées. Vérifiez-les et "
                "réessayez."};
    case 403:
        return {"Accès refusé",
                "Vous n'avez pas accès à cette page, ou le formulaire a expiré. Rechargez la "
                "page et réessayez."};
    case 404:
        return {"Page introuvable", "La page demandée n'existe pas ou n'est plus disponible."};
    case 405:
        return {"Action non autorisée", "Cette adresse ne permet pas cette action."};
    case 409:
        return {"Action impossible", "Cette action n'est pas possible en l'état."};
    case 413:
        return {"Envoi trop volumineux",
                "Les données ou le fichier envoyés dépassent la taille autorisée."};
    case 415:
        return {"Format non pris en charge", "Le format des données envoyées n'est pas accepté."};
    case 429:
        return {"Trop de tentatives",
                "Vous avez fait trop de tentatives en peu de temps. Patientez quelques minutes "
                "avant de réessayer."};
    case 503:
        return {"Service momentanément indisponible",
                "Le portail est momentanément indisponible. Réessayez dans quelques instants."};
    default:
        return {"Erreur du serveur",
                "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez plus "
                "tard."};
    }
}
} // namespace

http::Response error_page(const Layout& layout, int status, const std::string& detail)
{
    const auto text = error_text(status);
    Page page("errors/error.tpl", text.title);
    page.dict().SetValue("ERROR_TITLE", text.title);
    page.dict().SetValue("ERROR_MESSAGE", text.message);
    page.dict().SetIntValue("STATUS", status);
    if (!detail.empty())
        page.dict().SetValueAndShowSection("DETAIL", detail, "HAS_DETAIL");
    return page.render(layout, status);
}

} // namespace view
