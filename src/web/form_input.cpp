#include "web/form_input.h"

namespace web
{

namespace
{
bool has_control_characters(std::string_view s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7f)
            return true;
        // U+0080..U+009F: C1 controls.
        if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9f)
            return true;
        // U+2028/U+2029 line separators; U+202A..U+202E and U+2066..U+2069: bidirectional
        // overrides and isolates.
        if (c == 0xe2 && i + 2 < s.size()) {
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            const auto c2 = static_cast<unsigned char>(s[i + 2]);
            if (c1 == 0x80 && (c2 == 0xa8 || c2 == 0xa9))
                return true;
            if (c1 == 0x80 && c2 >= 0xaa && c2 <= 0xae)
                return true;
            if (c1 == 0x81 && c2 >= 0xa6 && c2 <= 0xa9)
                return true;
        }
    }
    return false;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}
} // namespace

Field text_field(const http::Params& form, std::string_view name, std::size_t max_bytes,
                 bool required)
{
    Field f;
    const auto raw = form.get(name);
    if (raw && raw->size() > max_bytes) {
        f.problem = FieldProblem::TooLong;
        return f;
    }
    const auto value = trim(raw.value_or(""));
    if (value.empty()) {
        if (required)
            f.problem = FieldProblem::Missing;
        return f;
    }
    if (has_control_characters(value)) {
        f.problem = FieldProblem::Invalid;
        return f;
    }
    f.value = std::string(value);
    return f;
}

Field multiline_field(const http::Params& form, std::string_view name, std::size_t max_bytes,
                      bool required)
{
    Field f;
    const auto raw = form.get(name);
    if (raw && raw->size() > max_bytes) {
        f.problem = FieldProblem::TooLong;
        return f;
    }
    std::string text;
    for (const char c : raw.value_or(""))
        if (c != '\r')
            text += c;
    // Each line is checked like a one-line field.
    std::string_view rest = text;
    while (true) {
        const auto nl = rest.find('\n');
        if (has_control_characters(rest.substr(0, nl))) {
            f.problem = FieldProblem::Invalid;
            return f;
        }
        if (nl == std::string_view::npos)
            break;
        rest.remove_prefix(nl + 1);
    }
    const auto first = text.find_first_not_of(" \t\n");
    if (first == std::string::npos) {
        if (required)
            f.problem = FieldProblem::Missing;
        return f;
    }
    const auto last = text.find_last_not_of(" \t\n");
    f.value = text.substr(first, last - first + 1);
    return f;
}

Field secret_field(const http::Params& form, std::string_view name, std::size_t max_bytes)
{
    Field f;
    const auto raw = form.get(name).value_or("");
    if (raw.size() > max_bytes)
        f.problem = FieldProblem::TooLong;
    else if (raw.empty())
        f.problem = FieldProblem::Missing;
    else if (raw.find('\0') != std::string_view::npos)
        f.problem = FieldProblem::Invalid;
    else
        f.value = std::string(raw);
    return f;
}

void show_field_error(ctemplate::TemplateDictionary& dict, const std::string& name,
                      const std::string& message)
{
    dict.AddSectionDictionary(name + "_ERROR")->SetValue("MESSAGE", message);
    dict.ShowSection("HAS_ERRORS");
}

} // namespace web
