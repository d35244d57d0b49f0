#include "web/fields.h"

#include "domain/identity.h"
#include "domain/time.h"
#include "http/parse.h"
#include "web/form_input.h"

#include <ctime>

namespace web
{

namespace
{

constexpr std::int64_t max_family_quotient = 999999;

bool only_chars(std::string_view s, std::string_view allowed_punctuation)
{
    for (const char c : s) {
        const bool alnum =
            (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!alnum && allowed_punctuation.find(c) == std::string_view::npos)
            return false;
    }
    return true;
}

domain::Date today_in_paris()
{
    return domain::paris_from_epoch(static_cast<std::int64_t>(std::time(nullptr))).date;
}

// The message for a value that passed the generic checks but not its own rule, or "".
std::string check_value(const FieldSpec& spec, std::string& value)
{
    const std::string label = spec.label;
    switch (spec.check) {
    case Check::Text:
    case Check::Multiline:
    case Check::Checkbox:
    case Check::Choice:
    case Check::YesNo:
        return {};
    case Check::PostalCode:
        return only_chars(value, " -") ? ""
                                       : "Le code postal ne contient que des chiffres, des "
                                         "lettres, des espaces ou des tirets.";
    case Check::Phone:
        return valid_phone(value) ? ""
                                  : "Le numéro de téléphone ne contient que des chiffres, des "
                                    "espaces et les signes + . - ( ), par exemple 04 90 12 34 56.";
    case Check::Email:
        value = domain::normalize_email(value);
        return domain::plausible_email(value)
                   ? ""
                   : "Cette adresse email n'est pas valide (exemple : nom@exemple.fr).";
    case Check::Quotient: {
        const auto n = http::parse_int(value);
        return n && *n >= 0 && *n <= max_family_quotient
                   ? ""
                   : "Le quotient familial est un nombre entier positif ou nul, sans espace ni "
                     "virgule, par exemple 850.";
    }
    case Check::BirthDate:
    case Check::Date: {
        const auto d = http::parse_date(value);
        if (!d)
            return "Le champ « " + label +
                   " » doit être une date réelle au format AAAA-MM-JJ, par exemple 2018-05-04.";
        if (spec.check == Check::BirthDate &&
            domain::Date{d->year, d->month, d->day} > today_in_paris())
            return "La date de naissance ne peut pas être dans le futur.";
        return {};
    }
    }
    return {};
}

bool is_option(const FieldSpec& spec, const std::string& value)
{
    for (const auto& o : spec.options)
        if (value == o.value)
            return true;
    return false;
}

} // namespace

std::string FormData::get(const std::string& name) const
{
    const auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
}

std::size_t utf8_length(std::string_view s)
{
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

bool valid_phone(std::string_view s)
{
    int digits = 0;
    for (const char c : s) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (std::string_view(" +.-()").find(c) == std::string_view::npos)
            return false;
    }
    return digits >= 4;
}

void read_field(const http::Params& form, const FieldSpec& spec, FormData& data)
{
    const std::string label = spec.label;
    if (spec.check == Check::Checkbox) {
        data.values[spec.name] = form.get(spec.name).value_or("").empty() ? "" : "1";
        return;
    }
    if (spec.check == Check::Choice || spec.check == Check::YesNo) {
        const auto raw = std::string(form.get(spec.name).value_or(""));
        const bool valid = spec.check == Check::YesNo ? raw == "oui" || raw == "non" || raw.empty()
                                                      : is_option(spec, raw);
        if (!valid || (spec.required && raw.empty()))
            data.errors[spec.name] = "Choisissez une réponse pour « " + label + " ».";
        else
            data.values[spec.name] = raw;
        return;
    }
    // Bytes first (cheap, before anything else), then characters: the limits are the
    // columns' VARCHAR lengths, counted in characters.
    auto field = spec.check == Check::Multiline
                     ? multiline_field(form, spec.name, spec.max_chars * 4, spec.required)
                     : text_field(form, spec.name, spec.max_chars * 4, spec.required);
    if (field.ok() && utf8_length(field.value) > spec.max_chars)
        field = Field{{}, FieldProblem::TooLong};
    switch (field.problem) {
    case FieldProblem::Missing:
        data.errors[spec.name] = "Le champ « " + label + " » est obligatoire.";
        return;
    case FieldProblem::TooLong:
        data.errors[spec.name] = "Le champ « " + label + " » ne doit pas dépasser " +
                                 std::to_string(spec.max_chars) + " caractères.";
        return;
    case FieldProblem::Invalid:
        data.errors[spec.name] = "Le champ « " + label +
                                 " » contient des caractères non autorisés (caractères de "
                                 "contrôle, retour à la ligne).";
        return;
    case FieldProblem::None:
        break;
    }
    auto value = field.value;
    if (!value.empty())
        if (auto message = check_value(spec, value); !message.empty())
            data.errors[spec.name] = message;
    data.values[spec.name] = value;
}

FormData read_form(const http::Params& form, std::span<const FieldSpec> specs)
{
    FormData data;
    for (const auto& spec : specs)
        read_field(form, spec, data);
    return data;
}

void add_fields(ctemplate::TemplateDictionary& dict, const std::string& form_id,
                std::span<const FieldSpec> specs, const FormData& data)
{
    auto* include = dict.AddIncludeDictionary("FIELDS");
    include->SetFilename("partials/fields.tpl");
    for (const auto& spec : specs) {
        auto* f = include->AddSectionDictionary("FIELD");
        const std::string id = form_id + "-" + spec.name;
        f->SetValue("FIELD_ID", id);
        f->SetValue("FIELD_NAME", spec.name);
        f->SetValue("FIELD_LABEL", spec.label);
        std::string described;
        if (spec.required)
            f->ShowSection("FIELD_REQUIRED");
        if (*spec.hint) {
            f->SetValueAndShowSection("HINT_TEXT", spec.hint, "FIELD_HINT");
            described = id + "-aide";
        }
        if (const auto e = data.errors.find(spec.name); e != data.errors.end()) {
            f->SetValueAndShowSection("ERROR_TEXT", e->second, "FIELD_ERROR");
            described += (described.empty() ? "" : " ") + id + "-erreur";
        }
        if (!described.empty())
            f->SetValueAndShowSection("DESCRIBED_BY", described, "FIELD_DESCRIBED");
        const auto value = data.get(spec.name);
        switch (spec.check) {
        case Check::Choice: {
            auto* select = f->AddSectionDictionary("FIELD_SELECT");
            for (const auto& option : spec.options) {
                auto* o = select->AddSectionDictionary("OPTION");
                o->SetValue("OPTION_VALUE", option.value);
                o->SetValue("OPTION_LABEL", option.label);
                if (value == option.value)
                    o->ShowSection("OPTION_SELECTED");
            }
            break;
        }
        case Check::YesNo: {
            auto* radios = f->AddSectionDictionary("FIELD_YES_NO");
            if (value == "oui")
                radios->ShowSection("YES_CHECKED");
            if (value == "non")
                radios->ShowSection("NO_CHECKED");
            break;
        }
        case Check::Checkbox:
            if (value == "1")
                f->AddSectionDictionary("FIELD_CHECKBOX")->ShowSection("CHECKED");
            else
                f->ShowSection("FIELD_CHECKBOX");
            break;
        case Check::Multiline:
            f->AddSectionDictionary("FIELD_TEXTAREA")->SetValue("TEXTAREA_VALUE", value);
            break;
        default: {
            auto* input = f->AddSectionDictionary("FIELD_INPUT");
            input->SetValue("INPUT_TYPE", spec.type);
            input->SetValue("INPUT_VALUE", value);
            if (spec.check == Check::Quotient)
                input->ShowSection("NUMERIC");
            input->SetValue("AUTOCOMPLETE", spec.check == Check::Phone   ? "tel"
                                            : spec.check == Check::Email ? "email"
                                                                         : "off");
            break;
        }
        }
    }
}

void add_error_links(ctemplate::TemplateDictionary& summary, const std::string& form_id,
                     std::span<const FieldSpec> specs, const FormData& data)
{
    for (const auto& spec : specs)
        if (const auto e = data.errors.find(spec.name); e != data.errors.end()) {
            auto* link = summary.AddSectionDictionary("ERROR_LINK");
            // Radio groups are reached through their first button.
            const bool radios = spec.check == Check::YesNo;
            link->SetValue("LINK_TARGET", "#" + form_id + "-" + spec.name + (radios ? "-oui" : ""));
            link->SetValue("LINK_TEXT", e->second);
        }
}

std::string yes_no_value(const std::optional<bool>& v)
{
    return v ? (*v ? "oui" : "non") : "";
}

std::optional<bool> yes_no_of(const std::string& value)
{
    if (value == "oui")
        return true;
    if (value == "non")
        return false;
    return std::nullopt;
}

std::string yes_no_label(const std::optional<bool>& v)
{
    return v ? (*v ? "Oui" : "Non") : "Non renseigné";
}

std::string date_fr(const std::string& iso)
{
    const auto d = http::parse_date(iso);
    return d ? domain::format_date_fr(domain::Date{d->year, d->month, d->day}) : iso;
}

} // namespace web
