#include "app/family_billing.h"

#include "app/commune_data.h"
#include "app/family_data.h"
#include "app/kept.h"
#include "db/billing.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace app
{

namespace
{

// What an entry was read at: it serves the requests that come with the same.
struct Labels {
    std::int64_t commune_id = 0;
    std::uint64_t commune_revision = 0;
    std::uint64_t family_revision = 0;
    std::uint64_t billing_revision = 0;
    domain::Date today;
    // The estimate's residency test compares it with the family's city; ctx.commune comes
    // from a cache of its own (30 s), which may lag behind commune_revision.
    std::string commune_name;
    bool operator==(const Labels&) const = default;
};

// A date as the database gives it ("YYYY-MM-DD"), in place.
struct IsoDate {
    std::array<char, 10> text{};
    std::uint8_t size = 0;
};

IsoDate iso_date_of(const std::string& s)
{
    IsoDate d;
    d.size = static_cast<std::uint8_t>(std::min(s.size(), d.text.size()));
    std::copy_n(s.begin(), d.size, d.text.begin());
    return d;
}

std::string text_of(const IsoDate& d)
{
    return std::string(d.text.data(), d.size);
}

// An invoice of the first page in under half of db::FamilyInvoice's memory (a worker keeps
// thousands of families): the texts that repeat from one invoice to the next — régie,
// nature, PayFiP number, status — once per family (Entry::texts), the dates in place.
struct StoredInvoice {
    std::int64_t id = 0;
    std::int64_t regie_id = 0;
    db::Cents total_cents = 0;
    db::Cents paid_cents = 0;
    db::Cents credited_cents = 0;
    std::string number;
    IsoDate issued_on;
    IsoDate due_on;
    std::uint8_t regie_name = 0; // indexes in Entry::texts
    std::uint8_t nature = 0;
    std::uint8_t payfip_numcli = 0;
    std::uint8_t status = 0;
};

struct Entry {
    Labels labels;
    int count = 0;
    db::Cents balance = 0;
    std::vector<std::string> texts;
    std::vector<StoredInvoice> first_page;
    billing::Estimate estimate;
};

Kept<std::int64_t, Entry> cache; // by family id
// As app/family_data.h: past family_cache_size() families the cache starts again empty.

std::uint8_t text_index(std::vector<std::string>& texts, const std::string& text)
{
    const auto found = std::find(texts.begin(), texts.end(), text);
    if (found != texts.end())
        return static_cast<std::uint8_t>(found - texts.begin());
    texts.push_back(text);
    return static_cast<std::uint8_t>(texts.size() - 1);
}

StoredInvoice stored(const db::FamilyInvoice& inv, std::vector<std::string>& texts)
{
    StoredInvoice s;
    s.id = inv.id;
    s.regie_id = inv.regie_id;
    s.total_cents = inv.total_cents;
    s.paid_cents = inv.paid_cents;
    s.credited_cents = inv.credited_cents;
    s.number = inv.number;
    s.issued_on = iso_date_of(inv.issued_on);
    s.due_on = iso_date_of(inv.due_on);
    s.regie_name = text_index(texts, inv.regie_name);
    s.nature = text_index(texts, inv.nature);
    s.payfip_numcli = text_index(texts, inv.payfip_numcli);
    s.status = text_index(texts, inv.status);
    return s;
}

FamilyBilling view_of(const Entry& e)
{
    FamilyBilling view;
    view.count = e.count;
    view.balance = e.balance;
    view.estimate = e.estimate;
    view.first_page.reserve(e.first_page.size());
    for (const auto& s : e.first_page) {
        db::FamilyInvoice inv;
        inv.id = s.id;
        inv.regie_id = s.regie_id;
        inv.number = s.number;
        inv.nature = e.texts[s.nature];
        inv.issued_on = text_of(s.issued_on);
        inv.due_on = text_of(s.due_on);
        inv.total_cents = s.total_cents;
        inv.paid_cents = s.paid_cents;
        inv.credited_cents = s.credited_cents;
        inv.status = e.texts[s.status];
        inv.regie_name = e.texts[s.regie_name];
        inv.payfip_numcli = e.texts[s.payfip_numcli];
        view.first_page.push_back(std::move(inv));
    }
    return view;
}

} // namespace

FamilyBilling family_billing(Context& ctx, domain::Date today)
{
    const auto commune = commune_data(ctx);
    const auto family = family_data(ctx);
    const auto id = ctx.family_id();
    // Read before the data, as the other revisions: the data is at least as new as the
    // labels it gets, and a change after them moves them for the next request.
    Labels labels{ctx.commune.id,
                  commune->revision,
                  family->revision,
                  ctx.billing_revision ? *ctx.billing_revision
                                       : db::family_billing_revision(ctx.db(), id),
                  today,
                  ctx.commune.name};
    if (const auto kept = cache.find(id, [&](const Entry& e) { return e.labels == labels; }))
        return view_of(*kept);
    auto entry = std::make_shared<Entry>();
    entry->labels = std::move(labels);
    // The first page, the count and the balance in one statement.
    const auto page = db::family_invoice_page(ctx.db(), ctx.commune.id, id, 0, invoices_per_page);
    entry->count = page.count;
    entry->balance = page.balance;
    entry->first_page.reserve(page.invoices.size());
    for (const auto& inv : page.invoices)
        entry->first_page.push_back(stored(inv, entry->texts));
    entry->texts.shrink_to_fit();
    entry->estimate = billing::estimate_month(ctx.db(), ctx.commune.id, ctx.commune.name,
                                              db::billing_family_of(family->family),
                                              commune->regies, commune->tariffs, today);
    auto view = view_of(*entry);
    cache.keep(id, std::move(entry), family_cache_size());
    return view;
}

} // namespace app
