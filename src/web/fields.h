// Declarative forms shared by parent and agent pages: each field's name (the product's French
// field names), label, input kind and rules; reading a submitted form into values and French
// error messages; filling the shared field markup (templates/partials/fields.tpl).
#pragma once

#include "http/form.h"

#include <ctemplate/template.h>

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>

namespace web
{

// How a field's text is checked once trimmed and bounded.
enum class Check {
    Text,      // one line
    Multiline, // a textarea
    PostalCode,
    Phone,
    Email,
    Quotient,  // integer 0..999999
    BirthDate, // a real date, not in the future
    Date,      // a real date
    Choice,    // one of `options` (a select)
    YesNo,     // "oui" / "non" radio buttons; "" when not answered
    Checkbox,  // "1" when checked, "" otherwise
};

struct Option {
    const char* value;
    const char* label;
};

struct FieldSpec {
    const char* name;
    const char* label;
    const char* type; // input type for one-line fields: text, tel, email, date
    std::size_t max_chars;
    bool required;
    Check check;
    const char* hint;
    std::span<const Option> options = {};
};

// Submitted (or current) values of one form and the French message of each wrong field.
struct FormData {
    std::map<std::string, std::string> values;
    std::map<std::string, std::string> errors;
    bool ok() const { return errors.empty(); }
    std::string get(const std::string& name) const;
};

// The form a page re-shows with its errors (400), by its id on the page.
struct FailedForm {
    std::string form_id;
    FormData data;
};

std::size_t utf8_length(std::string_view s);
bool valid_phone(std::string_view s);

void read_field(const http::Params& form, const FieldSpec& spec, FormData& data);
FormData read_form(const http::Params& form, std::span<const FieldSpec> specs);

// An include FIELDS (partials/fields.tpl) in `dict` with one FIELD per spec: ids prefixed by
// form_id, values, hints and errors tied to their input by aria-describedby.
void add_fields(ctemplate::TemplateDictionary& dict, const std::string& form_id,
                std::span<const FieldSpec> specs, const FormData& data);
// ERROR_LINK sections: links to the wrong fields of a form, listed at its top.
void add_error_links(ctemplate::TemplateDictionary& summary, const std::string& form_id,
                     std::span<const FieldSpec> specs, const FormData& data);

// Yes/no values as stored (nullopt: not answered) and as submitted ("oui"/"non"/"").
std::string yes_no_value(const std::optional<bool>& v);
std::optional<bool> yes_no_of(const std::string& value);
// "Oui", "Non", "Non renseigné".
std::string yes_no_label(const std::optional<bool>& v);

// "14/03/2017" for "2017-03-14"; the text itself when it is not a date.
std::string date_fr(const std::string& iso);

} // namespace web
