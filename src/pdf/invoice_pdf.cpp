#include "pdf/invoice_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace pdf
{
namespace
{

// A4 in PostScript points, the unit of a cairo PDF surface.
constexpr double page_width = 595.276;
constexpr double page_height = 841.89;
constexpr double margin = 40.0;
constexpr double content_width = page_width - 2 * margin;
constexpr double right_edge = page_width - margin;
constexpr double footer_rule_y = page_height - margin - 14.0;
constexpr double body_bottom = footer_rule_y - 10.0;
constexpr double cell_padding = 4.0;
constexpr const char* font_family = "DejaVu Sans";

struct Color {
    double r = 0, g = 0, b = 0;
};
constexpr Color black{0.10, 0.10, 0.10};
constexpr Color muted{0.38, 0.38, 0.38};
constexpr Color accent{0.08, 0.26, 0.48};
constexpr Color white{1, 1, 1};
constexpr Color header_fill{0.90, 0.93, 0.97};
constexpr Color rule{0.78, 0.78, 0.78};

enum class Align { left, right, center };

struct TextStyle {
    double size = 9.0;
    bool bold = false;
    bool italic = false;
    Align align = Align::left;
    int max_lines = 0; // 0: wrap freely; n: at most n lines, cut with "…"
    Color color = black;
};

struct SurfaceDeleter {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct FontOptionsDeleter {
    void operator()(cairo_font_options_t* options) const { cairo_font_options_destroy(options); }
};
struct FontDescriptionDeleter {
    void operator()(PangoFontDescription* desc) const { pango_font_description_free(desc); }
};
struct GObjectDeleter {
    void operator()(gpointer object) const { g_object_unref(object); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using FontOptionsPtr = std::unique_ptr<cairo_font_options_t, FontOptionsDeleter>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;
using PangoContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using FontPtr = std::unique_ptr<PangoFont, GObjectDeleter>;

struct Metadata {
    std::string title;
    std::string author;
    std::string subject;
    domain::Date date;
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length)
{
    try {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    } catch (...) {
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

void check_cairo(cairo_status_t status, const char* what)
{
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("pdf: ") + what + ": " +
                                 cairo_status_to_string(status));
}

// The date as cairo wants its metadata (ISO 8601), midnight Paris time: a fixed date keeps
// cairo from stamping the current time, so equal documents give equal bytes.
std::string metadata_date(domain::Date date)
{
    const bool summer =
        domain::paris_summer_time(domain::epoch_from_paris(domain::LocalDateTime{date, 0, 0, 0}));
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT00:00:00%s", date.year, date.month,
                  date.day, summer ? "+02:00" : "+01:00");
    return buffer;
}

// Table cells are one paragraph: a stray newline or tab becomes a space.
std::string flatten(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20)
            c = ' ';
    }
    return out;
}

std::string upper(std::string_view text)
{
    if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr))
        throw std::invalid_argument("pdf: text is not valid UTF-8");
    gchar* raw = g_utf8_strup(text.data(), static_cast<gssize>(text.size()));
    if (!raw)
        throw std::runtime_error("pdf: g_utf8_strup failed");
    std::string out(raw);
    g_free(raw);
    return out;
}

// One PDF document being drawn. Pango uses this thread's default font map: since pango
// 1.32.6 the default font map is per thread, so workers drawing at once share no pango
// state, and each thread keeps its font cache across documents instead of reloading the
// fonts for every PDF (which pango_cairo_font_map_new() per call would do).
class Canvas
{
public:
    explicit Canvas(const Metadata& metadata)
    {
        surface_.reset(
            cairo_pdf_surface_create_for_stream(append_to_string, &out_, page_width, page_height));
        check_cairo(cairo_surface_status(surface_.get()), "cannot create the PDF surface");
        set_metadata(metadata);
        cr_.reset(cairo_create(surface_.get()));
        check_cairo(cairo_status(cr_.get()), "cannot create the cairo context");
        init_pango();
    }
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    // Draws `text` in a box `width` wide whose top left corner is (x, y); returns its height.
    double text(double x, double y, double width, std::string_view text, const TextStyle& style)
    {
        const LayoutPtr layout = make_layout(width, text, style);
        cairo_set_source_rgb(cr_.get(), style.color.r, style.color.g, style.color.b);
        cairo_move_to(cr_.get(), x, y);
        pango_cairo_show_layout(cr_.get(), layout.get());
        return height(layout.get());
    }

    // The height text() would take, drawing nothing.
    double measure(double width, std::string_view text, const TextStyle& style)
    {
        return height(make_layout(width, text, style).get());
    }

    void fill_rect(double x, double y, double width, double height, Color color)
    {
        cairo_set_source_rgb(cr_.get(), color.r, color.g, color.b);
        cairo_rectangle(cr_.get(), x, y, width, height);
        cairo_fill(cr_.get());
    }

    void stroke_rect(double x, double y, double width, double height, Color color)
    {
        cairo_set_source_rgb(cr_.get(), color.r, color.g, color.b);
        cairo_set_line_width(cr_.get(), 0.6);
        cairo_rectangle(cr_.get(), x, y, width, height);
        cairo_stroke(cr_.get());
    }

    void hline(double x1, double x2, double y, Color color, double line_width = 0.5)
    {
        cairo_set_source_rgb(cr_.get(), color.r, color.g, color.b);
        cairo_set_line_width(cr_.get(), line_width);
        cairo_move_to(cr_.get(), x1, y);
        cairo_line_to(cr_.get(), x2, y);
        cairo_stroke(cr_.get());
    }

    void next_page()
    {
        cairo_show_page(cr_.get());
        check_cairo(cairo_status(cr_.get()), "cannot start a new page");
    }

    // Ends the document and returns its bytes; the canvas is spent.
    std::string finish()
    {
        cairo_show_page(cr_.get());
        check_cairo(cairo_status(cr_.get()), "drawing failed");
        cr_.reset();
        cairo_surface_finish(surface_.get());
        check_cairo(cairo_surface_status(surface_.get()), "cannot write the PDF");
        surface_.reset();
        return std::move(out_);
    }

private:
    void set_metadata(const Metadata& metadata)
    {
        const std::string date = metadata_date(metadata.date);
        for (const std::string* text : {&metadata.title, &metadata.author, &metadata.subject}) {
            if (!g_utf8_validate(text->data(), static_cast<gssize>(text->size()), nullptr))
                throw std::invalid_argument("pdf: text is not valid UTF-8");
        }
        cairo_surface_t* surface = surface_.get();
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
                                       metadata.subject.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Portail Famille");
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
        check_cairo(cairo_surface_status(surface), "cannot set the PDF metadata");
    }

    void init_pango()
    {
        PangoFontMap* font_map = pango_cairo_font_map_get_default(); // owned by pango
        if (!font_map)
            throw std::runtime_error("pdf: pango has no font map");
        pango_.reset(pango_font_map_create_context(font_map));
        if (!pango_)
            throw std::runtime_error("pdf: cannot create a pango context");
        PangoContext* context = pango_.get();
        pango_cairo_update_context(cr_.get(), context);
        // Sizes are in points and so is the PDF surface; pango's default would be 96 dpi.
        pango_cairo_context_set_resolution(context, 72.0);
        // No hinting: glyph positions then depend on the font alone, not on a screen setting.
        const FontOptionsPtr options(cairo_font_options_create());
        check_cairo(cairo_font_options_status(options.get()), "cannot create font options");
        cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(context, options.get());
        pango_context_set_round_glyph_positions(context, FALSE);
        // Fixed language: line breaking and font fallback must not follow the process locale.
        pango_context_set_language(context, pango_language_from_string("fr-fr"));
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR);

        font_.reset(pango_font_description_new());
        if (!font_)
            throw std::runtime_error("pdf: cannot create a font description");
        pango_font_description_set_family(font_.get(), font_family);
        pango_font_description_set_size(font_.get(), 10 * PANGO_SCALE);
        const FontPtr font(pango_font_map_load_font(font_map, context, font_.get()));
        if (!font)
            throw std::runtime_error(std::string("pdf: no font found for ") + font_family);
        const FontDescriptionPtr found(pango_font_describe(font.get()));
        const char* family = found ? pango_font_description_get_family(found.get()) : nullptr;
        if (!family || g_ascii_strcasecmp(family, font_family) != 0)
            throw std::runtime_error(std::string("pdf: font ") + font_family +
                                     " is not installed (fonts-dejavu-core)");
    }

    LayoutPtr make_layout(double width, std::string_view text, const TextStyle& style)
    {
        if (text.size() > INT_MAX / 2)
            throw std::invalid_argument("pdf: text too long");
        if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr))
            throw std::invalid_argument("pdf: text is not valid UTF-8");
        LayoutPtr layout(pango_layout_new(pango_.get()));
        if (!layout)
            throw std::runtime_error("pdf: cannot create a pango layout");
        PangoLayout* l = layout.get();
        pango_font_description_set_size(font_.get(),
                                        static_cast<gint>(std::lround(style.size * PANGO_SCALE)));
        pango_font_description_set_weight(font_.get(),
                                          style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(font_.get(),
                                         style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(l, font_.get());
        pango_layout_set_width(l, static_cast<int>(std::floor(width * PANGO_SCALE)));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l, style.align == Align::right    ? PANGO_ALIGN_RIGHT
                                      : style.align == Align::center ? PANGO_ALIGN_CENTER
                                                                     : PANGO_ALIGN_LEFT);
        if (style.max_lines > 0)
            shorten(l, flatten(text), style.max_lines);
        else
            pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
        return layout;
    }

    // Sets the longest prefix of `text` that fits in `max_lines` lines, "…" marking the cut.
    // Pango's own ellipsis would keep the hidden text in the PDF's text layer, where copying
    // or searching would find words the reader cannot see.
    static void shorten(PangoLayout* layout, const std::string& text, int max_lines)
    {
        auto fits = [&](const std::string& candidate) {
            pango_layout_set_text(layout, candidate.data(), static_cast<int>(candidate.size()));
            return pango_layout_get_line_count(layout) <= max_lines;
        };
        if (fits(text))
            return;
        std::vector<std::size_t> cuts{0}; // byte offsets of character boundaries
        for (const char* p = text.data(); p < text.data() + text.size(); p = g_utf8_next_char(p))
            cuts.push_back(static_cast<std::size_t>(g_utf8_next_char(p) - text.data()));
        auto cut = [&](std::size_t chars) {
            std::string prefix = text.substr(0, cuts[chars]);
            while (!prefix.empty() && prefix.back() == ' ')
                prefix.pop_back();
            return prefix + "…";
        };
        std::size_t low = 0;
        std::size_t high = cuts.size() - 1;
        while (low < high) {
            const std::size_t middle = (low + high + 1) / 2;
            if (fits(cut(middle)))
                low = middle;
            else
                high = middle - 1;
        }
        fits(cut(low));
    }

    static double height(PangoLayout* layout)
    {
        int height = 0;
        pango_layout_get_size(layout, nullptr, &height);
        return static_cast<double>(height) / PANGO_SCALE;
    }

    std::string out_; // first member: the surface writes into it until it is destroyed
    SurfacePtr surface_;
    CairoPtr cr_;
    PangoContextPtr pango_;
    FontDescriptionPtr font_;
};

// Commune and régie on the left, the title block on the right; returns the bottom.
double draw_letterhead(Canvas& canvas, const Addressee& commune, const Regie& regie,
                       const std::vector<std::pair<std::string, TextStyle>>& title_block)
{
    constexpr double left_width = 270.0;
    double y = margin;
    y += canvas.text(margin, y, left_width, commune.name,
                     {.size = 13, .bold = true, .max_lines = 2, .color = accent});
    for (const std::string& line : commune.address_lines)
        y += canvas.text(margin, y, left_width, line, {.size = 9, .max_lines = 2, .color = muted});
    y += 8;
    y += canvas.text(margin, y, left_width, regie.name, {.size = 10, .bold = true, .max_lines = 2});
    for (const std::string& line : regie.address_lines)
        y += canvas.text(margin, y, left_width, line, {.size = 9, .max_lines = 2, .color = muted});

    constexpr double right_width = 230.0;
    double right_y = margin;
    for (const auto& [text, style] : title_block)
        right_y += canvas.text(right_edge - right_width, right_y, right_width, text, style);
    return std::max(y, right_y);
}

// The family's postal address, placed for a window envelope; returns the bottom.
double draw_addressee(Canvas& canvas, const Addressee& family, double top)
{
    constexpr double width = 230.0;
    const double x = right_edge - width;
    double y = std::max(top + 18, 150.0);
    y += canvas.text(x, y, width, family.name, {.size = 11, .bold = true, .max_lines = 2});
    for (const std::string& line : family.address_lines)
        y += canvas.text(x, y, width, line, {.size = 10, .max_lines = 2});
    return y;
}

void draw_footer(Canvas& canvas, const std::string& left, int page, int pages)
{
    canvas.hline(margin, right_edge, footer_rule_y, rule);
    const TextStyle style{.size = 7.5, .max_lines = 1, .color = muted};
    canvas.text(margin, footer_rule_y + 4, content_width - 80, left, style);
    TextStyle right = style;
    right.align = Align::right;
    canvas.text(right_edge - 80, footer_rule_y + 4, 80,
                "Page " + std::to_string(page) + "/" + std::to_string(pages), right);
}

// ----- invoice table -----

struct Column {
    const char* title;
    double width;
    Align align;
};

constexpr Column columns[] = {
    {"Date", 60, Align::left}, {"Activité", 0, Align::left},        {"Enfant", 95, Align::left},
    {"Qté", 30, Align::right}, {"Prix unitaire", 70, Align::right}, {"Montant", 70, Align::right},
};
constexpr std::size_t column_count = std::size(columns);

double column_width(std::size_t index)
{
    if (columns[index].width > 0)
        return columns[index].width;
    double others = 0;
    for (const Column& column : columns)
        others += column.width;
    return content_width - others;
}

double column_x(std::size_t index)
{
    double x = margin;
    for (std::size_t i = 0; i < index; ++i)
        x += column_width(i);
    return x;
}

constexpr TextStyle cell_style{.size = 8.5, .max_lines = 1};
constexpr TextStyle activity_style{.size = 8.5, .max_lines = 2};
constexpr TextStyle note_style{.size = 7.5, .italic = true, .max_lines = 1, .color = muted};
constexpr TextStyle head_style{.size = 8, .bold = true, .max_lines = 2, .color = accent};

TextStyle aligned(TextStyle style, Align align)
{
    style.align = align;
    return style;
}

std::vector<std::string> cells_of(const InvoiceLine& line)
{
    return {domain::format_date_fr(line.date),
            line.activity,
            line.child,
            std::to_string(line.quantity),
            domain::format_amount(line.unit_price_cents),
            domain::format_amount(line.amount_cents)};
}

double table_header(Canvas& canvas, double y, bool draw)
{
    double height = 0;
    for (std::size_t i = 0; i < column_count; ++i)
        height =
            std::max(height, canvas.measure(column_width(i) - 2 * cell_padding, columns[i].title,
                                            aligned(head_style, columns[i].align)));
    height += 2 * cell_padding;
    if (!draw)
        return height;
    canvas.fill_rect(margin, y, content_width, height, header_fill);
    for (std::size_t i = 0; i < column_count; ++i)
        canvas.text(column_x(i) + cell_padding, y + cell_padding,
                    column_width(i) - 2 * cell_padding, columns[i].title,
                    aligned(head_style, columns[i].align));
    canvas.hline(margin, right_edge, y + height, accent, 0.8);
    return height;
}

double table_row(Canvas& canvas, const InvoiceLine& line, double y, bool draw)
{
    const std::vector<std::string> cells = cells_of(line);
    double height = 0;
    for (std::size_t i = 0; i < column_count; ++i) {
        const double width = column_width(i) - 2 * cell_padding;
        const double x = column_x(i) + cell_padding;
        const TextStyle style = aligned(i == 1 ? activity_style : cell_style, columns[i].align);
        double cell = draw ? canvas.text(x, y + cell_padding, width, cells[i], style)
                           : canvas.measure(width, cells[i], style);
        if (i == 1 && !line.note.empty()) {
            cell += draw ? canvas.text(x, y + cell_padding + cell, width, line.note, note_style)
                         : canvas.measure(width, line.note, note_style);
        }
        height = std::max(height, cell);
    }
    height += 2 * cell_padding;
    if (draw)
        canvas.hline(margin, right_edge, y + height, rule, 0.4);
    return height;
}

double empty_table_row(Canvas& canvas, double y, bool draw)
{
    const std::string text = "Aucune prestation sur la période.";
    const TextStyle style{.size = 8.5, .italic = true, .color = muted};
    if (draw)
        return canvas.text(margin + cell_padding, y + cell_padding, content_width, text, style) +
               2 * cell_padding;
    return canvas.measure(content_width, text, style) + 2 * cell_padding;
}

// ----- invoice closing block: totals, due date, how to pay -----

double totals_box(Canvas& canvas, const InvoiceDocument& invoice, double y, bool draw)
{
    constexpr double width = 250.0;
    constexpr double row_height = 17.0;
    const double x = right_edge - width;
    std::vector<std::pair<std::string, domain::Cents>> rows{
        {"Total des prestations", invoice.total_cents}};
    if (invoice.credit_notes_cents != 0)
        rows.emplace_back("Avoirs", -invoice.credit_notes_cents);
    if (invoice.paid_cents != 0)
        rows.emplace_back("Déjà réglé", -invoice.paid_cents);
    const double height = row_height * static_cast<double>(rows.size() + 1);
    if (!draw)
        return height;

    const TextStyle label{.size = 9, .max_lines = 1};
    const TextStyle amount{.size = 9, .align = Align::right, .max_lines = 1};
    double row_y = y;
    for (const auto& [text, cents] : rows) {
        canvas.text(x + 6, row_y + 3.5, 140, text, label);
        canvas.text(x + 146, row_y + 3.5, width - 152, domain::format_euros(cents), amount);
        row_y += row_height;
        canvas.hline(x, right_edge, row_y, rule, 0.4);
    }
    canvas.fill_rect(x, row_y, width, row_height, accent);
    canvas.text(x + 6, row_y + 3, 140, "Reste à payer",
                {.size = 10, .bold = true, .max_lines = 1, .color = white});
    canvas.text(x + 146, row_y + 3, width - 152, domain::format_euros(invoice.amount_due_cents),
                {.size = 10, .bold = true, .align = Align::right, .max_lines = 1, .color = white});
    canvas.stroke_rect(x, y, width, height, accent);
    return height;
}

struct Paragraph {
    std::string text;
    double indent = 0;
    bool bold = false;
};

std::vector<Paragraph> payment_paragraphs(const InvoiceDocument& invoice)
{
    std::vector<Paragraph> out;
    const PaymentInstructions& payment = invoice.payment;
    if (payment.payable_online) {
        out.push_back({"• En ligne par carte bancaire (paiement sécurisé PayFiP) : bouton « Payer "
                       "en ligne » de l'Espace facturation, sur"});
        out.push_back({payment.portal_url, 9, true});
    }
    if (!payment.office_text.empty())
        out.push_back({"• À la régie : " + payment.office_text});
    if (out.empty())
        out.push_back({"• Auprès de la régie " + invoice.regie.name + "."});
    std::string reference;
    if (!payment.payfip_refdet.empty())
        reference = "Référence à rappeler : " + payment.payfip_refdet;
    if (!invoice.regie.payfip_numcli.empty())
        reference += (reference.empty() ? "" : " — ") + std::string("Régie n° ") +
                     invoice.regie.payfip_numcli;
    if (!reference.empty())
        out.push_back({reference});
    return out;
}

double closing_block(Canvas& canvas, const InvoiceDocument& invoice, double top, bool draw)
{
    auto put = [&](double y, std::string_view text, const TextStyle& style, double indent = 0) {
        return draw ? canvas.text(margin + indent, y, content_width - indent, text, style)
                    : canvas.measure(content_width - indent, text, style);
    };
    double y = top;
    y += totals_box(canvas, invoice, y, draw) + 16;
    if (invoice.amount_due_cents > 0) {
        y += put(y,
                 "À payer avant le " + domain::format_long_date_fr(invoice.due_date) + " : " +
                     domain::format_euros(invoice.amount_due_cents),
                 {.size = 11, .bold = true, .color = accent});
        y += 10;
        y += put(y, "Comment payer", {.size = 10, .bold = true});
        y += 3;
        for (const Paragraph& paragraph : payment_paragraphs(invoice))
            y += put(y, paragraph.text, {.size = 9, .bold = paragraph.bold, .max_lines = 4},
                     paragraph.indent) +
                 3;
    } else {
        y += put(y, "Cette facture est soldée : aucun paiement n'est attendu.",
                 {.size = 10, .bold = true, .color = accent});
    }
    return y - top;
}

void draw_continued_header(Canvas& canvas, const InvoiceDocument& invoice,
                           const std::string& nature)
{
    canvas.text(margin, margin, content_width / 2, invoice.commune.name,
                {.size = 10, .bold = true, .max_lines = 1, .color = accent});
    canvas.text(margin + content_width / 2, margin, content_width / 2,
                nature + " n° " + invoice.number + " (suite)",
                {.size = 9, .align = Align::right, .max_lines = 1});
    canvas.hline(margin, right_edge, margin + 18, rule);
}

struct PagePlan {
    std::size_t first = 0;
    std::size_t last = 0; // rows [first, last)
};

} // namespace

std::string render_invoice(const InvoiceDocument& invoice)
{
    const std::string nature = invoice.nature.empty() ? std::string("Facture") : invoice.nature;
    Canvas canvas({.title = nature + " " + invoice.number,
                   .author = invoice.regie.name,
                   .subject = invoice.period_label,
                   .date = invoice.issue_date});
    const std::vector<std::pair<std::string, TextStyle>> title_block{
        {upper(nature), {.size = 20, .bold = true, .align = Align::right, .color = accent}},
        {"N° " + invoice.number, {.size = 11, .bold = true, .align = Align::right}},
        {"Période : " + invoice.period_label, {.size = 9, .align = Align::right}},
        {"Émise le " + domain::format_date_fr(invoice.issue_date),
         {.size = 9, .align = Align::right}},
        {"Échéance : " + domain::format_date_fr(invoice.due_date),
         {.size = 9, .align = Align::right}},
    };
    const std::string footer = invoice.regie.name + " — " + nature + " n° " + invoice.number;

    // First page: letterhead, address, heading; the table starts at first_table_y.
    double y = draw_letterhead(canvas, invoice.commune, invoice.regie, title_block);
    y = draw_addressee(canvas, invoice.family, y) + 22;
    y += canvas.text(margin, y, content_width, "Prestations — " + invoice.period_label,
                     {.size = 11, .bold = true, .max_lines = 1});
    const double first_table_y = y + 6;
    const double next_table_y = margin + 30;
    const double header_height = table_header(canvas, 0, false);

    // Plan the pages before drawing, to number them "Page i/n".
    std::vector<double> heights;
    for (const InvoiceLine& line : invoice.lines)
        heights.push_back(table_row(canvas, line, 0, false));
    if (invoice.lines.empty())
        heights.push_back(empty_table_row(canvas, 0, false));
    std::vector<PagePlan> plan{{0, 0}};
    double cursor = first_table_y + header_height;
    for (std::size_t i = 0; i < heights.size(); ++i) {
        if (cursor + heights[i] > body_bottom && plan.back().last > plan.back().first) {
            plan.push_back({i, i});
            cursor = next_table_y + header_height;
        }
        cursor += heights[i];
        plan.back().last = i + 1;
    }
    // When the totals do not fit under the last row, that row moves to a new page with them,
    // so the totals never stand alone, away from the table they sum up.
    constexpr double closing_gap = 18.0;
    const double closing_height = closing_block(canvas, invoice, 0, false);
    if (cursor + closing_gap + closing_height > body_bottom &&
        plan.back().last - plan.back().first >= 2) {
        const std::size_t moved = plan.back().last - 1;
        plan.back().last = moved;
        plan.push_back({moved, moved + 1});
        cursor = next_table_y + header_height + heights[moved];
    }
    const bool closing_alone = cursor + closing_gap + closing_height > body_bottom;
    const int pages = static_cast<int>(plan.size()) + (closing_alone ? 1 : 0);

    for (std::size_t p = 0; p < plan.size(); ++p) {
        if (p > 0) {
            canvas.next_page();
            draw_continued_header(canvas, invoice, nature);
        }
        y = p == 0 ? first_table_y : next_table_y;
        y += table_header(canvas, y, true);
        for (std::size_t i = plan[p].first; i < plan[p].last; ++i) {
            y += invoice.lines.empty() ? empty_table_row(canvas, y, true)
                                       : table_row(canvas, invoice.lines[i], y, true);
        }
        if (p + 1 == plan.size() && !closing_alone)
            closing_block(canvas, invoice, y + closing_gap, true);
        draw_footer(canvas, footer, static_cast<int>(p) + 1, pages);
    }
    if (closing_alone) {
        canvas.next_page();
        draw_continued_header(canvas, invoice, nature);
        closing_block(canvas, invoice, next_table_y, true);
        draw_footer(canvas, footer, pages, pages);
    }
    return canvas.finish();
}

std::string render_receipt(const ReceiptDocument& receipt)
{
    Canvas canvas({.title = "Reçu " + receipt.receipt_number,
                   .author = receipt.regie.name,
                   .subject = "Paiement de la facture " + receipt.invoice_number,
                   .date = receipt.issue_date});
    const std::vector<std::pair<std::string, TextStyle>> title_block{
        {"REÇU DE PAIEMENT", {.size = 18, .bold = true, .align = Align::right, .color = accent}},
        {"N° " + receipt.receipt_number, {.size = 11, .bold = true, .align = Align::right}},
        {"Émis le " + domain::format_date_fr(receipt.issue_date),
         {.size = 9, .align = Align::right}},
    };
    double y = draw_letterhead(canvas, receipt.commune, receipt.regie, title_block);
    y = draw_addressee(canvas, receipt.family, y) + 30;

    const std::string amount = domain::format_euros(receipt.amount_paid_cents);
    struct Row {
        const char* label;
        const std::string& value;
        bool strong = false;
    };
    const Row rows[] = {
        {"Facture réglée", receipt.invoice_number},
        {"Montant payé", amount, true},
        {"Date du paiement", receipt.paid_at},
        {"Moyen de paiement", receipt.payment_means},
        {"N° d'autorisation", receipt.numauto},
        {"Référence de l'opération (idOp)", receipt.id_op},
    };
    constexpr double label_width = 190.0;
    const double box_top = y;
    for (const auto& [label, value, strong] : rows) {
        const double value_width = content_width - label_width - 2 * cell_padding;
        const double label_height =
            canvas.text(margin + cell_padding, y + 6, label_width - 8, label,
                        {.size = 9.5, .max_lines = 2, .color = muted});
        const double value_height = canvas.text(margin + label_width, y + 6, value_width, value,
                                                {.size = strong ? 12.0 : 9.5,
                                                 .bold = strong,
                                                 .max_lines = 3,
                                                 .color = strong ? accent : black});
        y += std::max(label_height, value_height) + 12;
        canvas.hline(margin, right_edge, y, rule, 0.4);
    }
    canvas.stroke_rect(margin, box_top, content_width, y - box_top, accent);
    y += 20;
    y += canvas.text(margin, y, content_width,
                     receipt.regie.name + " atteste avoir reçu de " + receipt.family.name +
                         " la somme de " + amount + " en règlement de la facture n° " +
                         receipt.invoice_number + ".",
                     {.size = 10, .max_lines = 4});
    y += 8;
    canvas.text(margin, y, content_width, "Conservez ce reçu : il justifie votre paiement.",
                {.size = 9, .italic = true, .color = muted});
    draw_footer(canvas, receipt.regie.name + " — Reçu n° " + receipt.receipt_number, 1, 1);
    return canvas.finish();
}

} // namespace pdf
