// Reading text fields of a submitted form: trimmed, bounded, free of control characters.
#pragma once

#include "http/form.h"

#include <ctemplate/template.h>

#include <optional>
#include <string>
#include <string_view>

namespace web
{

enum class FieldProblem { None, Missing, TooLong, Invalid };

struct Field {
    std::string value;
    FieldProblem problem = FieldProblem::None;
    bool ok() const { return problem == FieldProblem::None; }
};

// Field `name`: trimmed; Missing when absent or empty and `required`; TooLong above
// `max_bytes`; Invalid with control characters (NUL, newlines, RTL overrides…).
Field text_field(const http::Params& form, std::string_view name, std::size_t max_bytes,
                 bool required = true);
// Like text_field, for a textarea: line breaks are allowed (CR LF becomes LF), other
// control characters are not.
Field multiline_field(const http::Params& form, std::string_view name, std::size_t max_bytes,
                      bool required = true);
// Password fields are not trimmed, only bounded and checked for NUL.
Field secret_field(const http::Params& form, std::string_view name, std::size_t max_bytes = 1024);

// Shows section NAME_ERROR with MESSAGE, for a field's error text tied by aria-describedby.
void show_field_error(ctemplate::TemplateDictionary& dict, const std::string& name,
                      const std::string& message);

} // namespace web
