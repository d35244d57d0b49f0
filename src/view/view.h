// ctemplate wrapper: every template is loaded (and checked) at start, then each page is its
// content template included into layout.tpl.
#pragma once

#include "http/response.h"

#include <ctemplate/template.h>

#include <memory>
#include <string>

namespace view {

// Loads every *.tpl under dir; throws std::runtime_error naming the first broken one.
// Freezes the cache afterwards (templates are read-only and shared by threads). Also sets
// STATIC_VERSION from the static/ folder beside `dir` (see view/static_version.h).
void load_templates(const std::string& dir);

// What the layout needs to know about the request.
struct Layout {
    std::string commune_name = "Portail Famille";
    std::string csrf;          // token for the logout form
    std::string user_name;     // empty when anonymous
    bool administrator = false; // agent with the administrateur role
    bool billing = false;       // agent with the régisseur or administrateur role
    enum class Area { Public, Parent, Agent } area = Area::Public;
};

class Page {
public:
    // `content_template` is relative to the template dir ("home.tpl").
    Page(std::string content_template, std::string title);
    ctemplate::TemplateDictionary& dict() { return *content_; }
    // Expands the layout; an expansion failure is a 500 (thrown as std::runtime_error).
    http::Response render(const Layout& layout, int status = 200);

private:
    std::string title_;
    std::unique_ptr<ctemplate::TemplateDictionary> root_;
    ctemplate::TemplateDictionary* content_;
};

// The French error page for status (400, 403, 404, 405, 409, 413, 415, 429, 500, 503),
// with an optional French detail line.
http::Response error_page(const Layout& layout, int status, const std::string& detail = {});

// Expands a template outside the layout (mail bodies); throws on failure.
std::string expand(const std::string& template_name, const ctemplate::TemplateDictionary& dict);

// "Accueil — Caumont-sur-Durance" style page title helper for tests and pages.
std::string page_title(const std::string& title, const std::string& commune_name);

} // namespace view
