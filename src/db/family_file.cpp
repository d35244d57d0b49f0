#include "db/family_file.h"

#include "domain/time.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <sstream>
#include <stdexcept>

namespace db
{

namespace
{

std::string paris_text(const std::string& utc)
{
    const auto parsed = domain::parse_sql_datetime(utc);
    if (!parsed)
        return {};
    return domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*parsed)));
}

void set_optional_bool(sql::PreparedStatement& st, int index, const std::optional<bool>& v)
{
    if (v)
        st.setBoolean(index, *v);
    else
        st.setNull(index, sql::DataType::TINYINT);
}

void set_optional_date(sql::PreparedStatement& st, int index, const std::string& iso)
{
    if (iso.empty())
        st.setNull(index, sql::DataType::DATE);
    else
        st.setString(index, iso);
}

void set_optional_id(sql::PreparedStatement& st, int index, std::int64_t id)
{
    if (id > 0)
        st.setInt64(index, id);
    else
        st.setNull(index, sql::DataType::BIGINT);
}

// Binds `family_id` (when given) after `commune_id`: "… AND (? IS NULL OR family_id = ?)"
// would defeat the index, so callers pick the statement instead.
constexpr const char* utc_format = "'%Y-%m-%d %H:%i:%s'";

std::string utc_column(const std::string& column, const std::string& alias)
{
    return "IFNULL(DATE_FORMAT(" + column + ", " + utc_format + "), '') AS " + alias;
}

Decision parse_decision(const std::string& s)
{
    if (s == "accepted")
        return Decision::Accepted;
    if (s == "refused")
        return Decision::Refused;
    if (s == "cancelled")
        return Decision::Cancelled;
    return Decision::Pending;
}

std::optional<ChangeKind> parse_change_kind(const std::string& s)
{
    if (s == "quotient")
        return ChangeKind::Quotient;
    if (s == "guardian")
        return ChangeKind::Guardian;
    if (s == "health")
        return ChangeKind::Health;
    return std::nullopt;
}

const std::string document_select =
    "SELECT d.id, d.family_id, f.name AS family_name, IFNULL(d.member_id, 0) AS member_id,"
    " IFNULL(CONCAT(m.first_name, ' ', m.last_name), '') AS member_name, d.kind, d.mime,"
    " d.extension, d.size, IFNULL(DATE_FORMAT(d.valid_until, '%Y-%m-%d'), '') AS valid_until,"
    " d.status, d.comment, " +
    utc_column("d.uploaded_at", "uploaded_at") + ", " + utc_column("d.decided_at", "decided_at") +
    " FROM family_document d JOIN family f ON f.id = d.family_id"
    " LEFT JOIN family_member m ON m.id = d.member_id"
    " WHERE d.commune_id = ? ";

std::vector<Document> read_documents(sql::ResultSet& rs)
{
    std::vector<Document> out;
    while (rs.next()) {
        Document d;
        d.id = rs.getInt64("id");
        d.family_id = rs.getInt64("family_id");
        d.family_name = rs.getString("family_name");
        d.member_id = rs.getInt64("member_id");
        d.member_name = rs.getString("member_name");
        d.kind = parse_document_kind(rs.getString("kind")).value_or(DocumentKind::Other);
        d.mime = rs.getString("mime");
        d.extension = rs.getString("extension");
        d.size = rs.getInt("size");
        d.valid_until = rs.getString("valid_until");
        d.status = parse_decision(rs.getString("status"));
        d.comment = rs.getString("comment");
        d.uploaded_at = rs.getString("uploaded_at");
        d.decided_at = rs.getString("decided_at");
        out.push_back(std::move(d));
    }
    return out;
}

const std::string request_select =
    "SELECT r.id, r.family_id, f.name AS family_name, IFNULL(r.member_id, 0) AS member_id,"
    " IFNULL(CONCAT(m.first_name, ' ', m.last_name), '') AS member_name, r.kind,"
    " IFNULL(r.document_id, 0) AS document_id, r.status, r.comment, " +
    utc_column("r.created_at", "created_at") + ", " + utc_column("r.decided_at", "decided_at") +
    " FROM change_request r JOIN family f ON f.id = r.family_id"
    " LEFT JOIN family_member m ON m.id = r.member_id"
    " WHERE r.commune_id = ? ";

std::vector<ChangeRequest> read_requests(Connection& conn, sql::ResultSet& rs)
{
    std::vector<ChangeRequest> out;
    while (rs.next()) {
        ChangeRequest r;
        r.id = rs.getInt64("id");
        r.family_id = rs.getInt64("family_id");
        r.family_name = rs.getString("family_name");
        r.member_id = rs.getInt64("member_id");
        r.member_name = rs.getString("member_name");
        r.kind = parse_change_kind(rs.getString("kind")).value_or(ChangeKind::Health);
        r.document_id = rs.getInt64("document_id");
        r.status = parse_decision(rs.getString("status"));
        r.comment = rs.getString("comment");
        r.created_at = rs.getString("created_at");
        r.decided_at = rs.getString("decided_at");
        out.push_back(std::move(r));
    }
    // Their fields in one statement per 64 requests, not one per request (a family's first page
    // and the agents' list of 200 pending requests read them): an IN list of 1, 2, 4... or 64
    // places, the last id repeated, so that a connection prepares seven texts at the most.
    constexpr std::size_t most = 64;
    for (std::size_t begin = 0; begin < out.size(); begin += most) {
        const auto count = std::min(most, out.size() - begin);
        std::size_t places = 1;
        while (places < count)
            places *= 2;
        std::string sql = "SELECT request_id, field, before_value, after_value"
                          " FROM change_request_field WHERE request_id IN (?";
        for (std::size_t i = 1; i < places; ++i)
            sql += ", ?";
        sql += ") ORDER BY request_id, field";
        auto& fields = conn.prepare(sql);
        for (std::size_t i = 0; i < places; ++i)
            fields.setInt64(static_cast<unsigned>(i + 1), out[begin + std::min(i, count - 1)].id);
        auto frs = query(fields);
        while (frs->next()) {
            const auto id = frs->getInt64(1);
            for (auto r = out.begin() + static_cast<std::ptrdiff_t>(begin);
                 r != out.begin() + static_cast<std::ptrdiff_t>(begin + count); ++r)
                if (r->id == id)
                    r->fields.push_back(
                        {frs->getString(2), {}, frs->getString(3), frs->getString(4)});
        }
    }
    return out;
}

const std::string rules_select =
    "SELECT r.id, r.service, r.title, r.version, r.size, " +
    utc_column("r.created_at", "created_at") + ", " + utc_column("r.published_at", "published_at") +
    ", (SELECT COUNT(*) FROM rules_acceptance a WHERE a.document_id = r.id) AS acceptances"
    " FROM rules_document r WHERE r.commune_id = ? ";

RulesDocument read_rules(sql::ResultSet& rs)
{
    RulesDocument r;
    r.id = rs.getInt64("id");
    r.service = rs.getString("service");
    r.title = rs.getString("title");
    r.version = rs.getInt("version");
    r.size = rs.getInt("size");
    r.created_at = rs.getString("created_at");
    r.published_at = rs.getString("published_at");
    r.acceptances = rs.getInt("acceptances");
    return r;
}

void run(Connection& conn, const char* sql, std::int64_t commune_id, std::int64_t family_id)
{
    auto& st = conn.prepare(sql);
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.executeUpdate();
}

} // namespace

// --- members -----------------------------------------------------------------------------

bool save_member_file(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                      const Member& m)
{
    auto& find = conn.prepare("SELECT 1 FROM family_member WHERE commune_id = ? AND family_id = ?"
                              " AND id = ? AND removed_at IS NULL");
    find.setInt64(1, commune_id);
    find.setInt64(2, family_id);
    find.setInt64(3, m.id);
    if (!query(find)->next())
        return false;
    auto& st = conn.prepare(
        "UPDATE family_member SET last_name = ?, first_name = ?, birth_date = ?, school = ?,"
        " class_name = ?, phone = ?, email = ?, mobile_phone = ?, work_phone = ?, employer = ?,"
        " address = ?, relationship = ?, can_pick_up = ?, emergency_contact = ?,"
        " has_allergies = ?, allergies = ?, diet = ?, pai = ?, doctor = ?, vaccinations_ok = ?,"
        " image_rights = ?, may_leave_alone = ?, school_transport = ?"
        " WHERE commune_id = ? AND family_id = ? AND id = ?");
    st.setString(1, m.last_name);
    st.setString(2, m.first_name);
    set_optional_date(st, 3, m.birth_date);
    st.setString(4, m.school);
    st.setString(5, m.class_name);
    st.setString(6, m.phone);
    st.setString(7, m.email);
    st.setString(8, m.mobile_phone);
    st.setString(9, m.work_phone);
    st.setString(10, m.employer);
    st.setString(11, m.address);
    st.setString(12, m.relationship);
    st.setBoolean(13, m.can_pick_up);
    st.setBoolean(14, m.emergency_contact);
    set_optional_bool(st, 15, m.has_allergies);
    st.setString(16, m.allergies);
    st.setString(17, m.diet);
    set_optional_bool(st, 18, m.pai);
    st.setString(19, m.doctor);
    set_optional_bool(st, 20, m.vaccinations_ok);
    set_optional_bool(st, 21, m.image_rights);
    set_optional_bool(st, 22, m.may_leave_alone);
    set_optional_bool(st, 23, m.school_transport);
    st.setInt64(24, commune_id);
    st.setInt64(25, family_id);
    st.setInt64(26, m.id);
    st.executeUpdate();
    return true;
}

bool remove_contact(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                    std::int64_t member_id)
{
    auto& st = conn.prepare("UPDATE family_member SET removed_at = UTC_TIMESTAMP()"
                            " WHERE commune_id = ? AND family_id = ? AND id = ?"
                            " AND role = 'contact' AND removed_at IS NULL");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, member_id);
    if (st.executeUpdate() != 1)
        return false;
    auto& photo = conn.prepare("DELETE FROM member_photo WHERE commune_id = ? AND member_id = ?");
    photo.setInt64(1, commune_id);
    photo.setInt64(2, member_id);
    photo.executeUpdate();
    return true;
}

void set_family_quotient(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                         std::optional<int> quotient, const std::string& valid_until)
{
    auto& st = conn.prepare("UPDATE family SET family_quotient = ?, quotient_valid_until = ?"
                            " WHERE commune_id = ? AND id = ?");
    if (quotient)
        st.setInt(1, *quotient);
    else
        st.setNull(1, sql::DataType::INTEGER);
    set_optional_date(st, 2, valid_until);
    st.setInt64(3, commune_id);
    st.setInt64(4, family_id);
    st.executeUpdate();
}

// --- photos ------------------------------------------------------------------------------

void save_photo(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                std::int64_t member_id, const std::string& jpeg, int width, int height)
{
    std::istringstream blob(jpeg);
    auto& st = conn.prepare(
        "INSERT INTO member_photo (member_id, commune_id, family_id, data, width, height,"
        " updated_at) SELECT m.id, m.commune_id, m.family_id, ?, ?, ?, UTC_TIMESTAMP()"
        " FROM family_member m WHERE m.id = ? AND m.commune_id = ? AND m.family_id = ?"
        " AND m.removed_at IS NULL"
        " ON DUPLICATE KEY UPDATE data = VALUES(data), width = VALUES(width),"
        " height = VALUES(height), updated_at = VALUES(updated_at)");
    st.setBlob(1, &blob);
    st.setInt(2, width);
    st.setInt(3, height);
    st.setInt64(4, member_id);
    st.setInt64(5, commune_id);
    st.setInt64(6, family_id);
    st.executeUpdate();
}

std::optional<std::string> load_photo(Connection& conn, std::int64_t commune_id,
                                      std::optional<std::int64_t> family_id, std::int64_t member_id)
{
    auto& st =
        conn.prepare("SELECT p.data FROM member_photo p JOIN family_member m ON m.id = p.member_id"
                     " WHERE p.commune_id = ? AND p.member_id = ? AND m.removed_at IS NULL"
                     " AND (? = 0 OR p.family_id = ?)");
    st.setInt64(1, commune_id);
    st.setInt64(2, member_id);
    st.setInt64(3, family_id.value_or(0));
    st.setInt64(4, family_id.value_or(0));
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return std::string(rs->getString("data"));
}

// --- proofs ------------------------------------------------------------------------------

const char* document_kind_name(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Quotient:
        return "quotient";
    case DocumentKind::Insurance:
        return "insurance";
    case DocumentKind::Vaccinations:
        return "vaccinations";
    case DocumentKind::Medical:
        return "medical";
    case DocumentKind::Other:
        return "other";
    }
    return "other";
}

std::optional<DocumentKind> parse_document_kind(const std::string& text)
{
    for (const auto k : {DocumentKind::Quotient, DocumentKind::Insurance,
                         DocumentKind::Vaccinations, DocumentKind::Medical, DocumentKind::Other})
        if (text == document_kind_name(k))
            return k;
    return std::nullopt;
}

const char* document_kind_label(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Quotient:
        return "Justificatif de quotient familial";
    case DocumentKind::Insurance:
        return "Attestation d'assurance";
    case DocumentKind::Vaccinations:
        return "Carnet de vaccinations";
    case DocumentKind::Medical:
        return "Certificat médical";
    case DocumentKind::Other:
        return "Autre justificatif";
    }
    return "Autre justificatif";
}

const char* decision_name(Decision d)
{
    switch (d) {
    case Decision::Pending:
        return "pending";
    case Decision::Accepted:
        return "accepted";
    case Decision::Refused:
        return "refused";
    case Decision::Cancelled:
        return "cancelled";
    }
    return "pending";
}

const char* decision_label(Decision d)
{
    switch (d) {
    case Decision::Pending:
        return "En attente de validation";
    case Decision::Accepted:
        return "Accepté";
    case Decision::Refused:
        return "Refusé";
    case Decision::Cancelled:
        return "Remplacé par une demande plus récente";
    }
    return "";
}

std::int64_t add_document(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                          const NewDocument& doc)
{
    std::istringstream blob(doc.data);
    auto& st = conn.prepare(
        "INSERT INTO family_document (commune_id, family_id, member_id, kind, mime, extension,"
        " size, data, valid_until, uploaded_by, uploaded_at)"
        " SELECT f.commune_id, f.id, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP() FROM family f"
        " WHERE f.commune_id = ? AND f.id = ?");
    set_optional_id(st, 1, doc.member_id);
    st.setString(2, document_kind_name(doc.kind));
    st.setString(3, doc.mime);
    st.setString(4, doc.extension);
    st.setInt(5, static_cast<int>(doc.data.size()));
    st.setBlob(6, &blob);
    set_optional_date(st, 7, doc.valid_until);
    set_optional_id(st, 8, doc.uploaded_by);
    st.setInt64(9, commune_id);
    st.setInt64(10, family_id);
    if (st.executeUpdate() != 1)
        throw std::runtime_error("add_document: no such family in this commune");
    return last_insert_id(conn);
}

std::vector<Document> family_documents(Connection& conn, std::int64_t commune_id,
                                       std::int64_t family_id)
{
    auto& st = conn.prepare(document_select + "AND d.family_id = ? ORDER BY d.id DESC");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    auto rs = query(st);
    return read_documents(*rs);
}

std::vector<Document> pending_documents(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(document_select + "AND d.status = 'pending' ORDER BY d.id LIMIT 200");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    return read_documents(*rs);
}

std::optional<Document> load_document(Connection& conn, std::int64_t commune_id,
                                      std::optional<std::int64_t> family_id, std::int64_t id)
{
    auto& st = conn.prepare(document_select + "AND d.id = ? AND (? = 0 OR d.family_id = ?)");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    st.setInt64(3, family_id.value_or(0));
    st.setInt64(4, family_id.value_or(0));
    auto rs = query(st);
    auto docs = read_documents(*rs);
    if (docs.empty())
        return std::nullopt;
    return std::move(docs.front());
}

std::optional<std::string> document_data(Connection& conn, std::int64_t commune_id,
                                         std::optional<std::int64_t> family_id, std::int64_t id)
{
    auto& st = conn.prepare("SELECT data FROM family_document WHERE commune_id = ? AND id = ?"
                            " AND (? = 0 OR family_id = ?)");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    st.setInt64(3, family_id.value_or(0));
    st.setInt64(4, family_id.value_or(0));
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return std::string(rs->getString("data"));
}

bool decide_document(Connection& conn, std::int64_t commune_id, std::int64_t id,
                     std::int64_t agent_id, bool accepted, const std::string& comment,
                     const std::string& valid_until)
{
    auto& st = conn.prepare(
        "UPDATE family_document SET status = ?, comment = ?,"
        " valid_until = IFNULL(?, valid_until), decided_by = ?, decided_at = UTC_TIMESTAMP()"
        " WHERE commune_id = ? AND id = ? AND status = 'pending'");
    st.setString(1, accepted ? "accepted" : "refused");
    st.setString(2, comment);
    set_optional_date(st, 3, valid_until);
    st.setInt64(4, agent_id);
    st.setInt64(5, commune_id);
    st.setInt64(6, id);
    return st.executeUpdate() == 1;
}

// --- change requests ---------------------------------------------------------------------

const char* change_kind_name(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Quotient:
        return "quotient";
    case ChangeKind::Guardian:
        return "guardian";
    case ChangeKind::Health:
        return "health";
    }
    return "health";
}

const char* change_kind_label(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Quotient:
        return "Quotient familial";
    case ChangeKind::Guardian:
        return "Identité d'un responsable légal";
    case ChangeKind::Health:
        return "Santé";
    }
    return "";
}

std::int64_t create_change_request(Connection& conn, std::int64_t commune_id,
                                   std::int64_t family_id, const ChangeRequest& request,
                                   std::int64_t account_id)
{
    auto& cancel = conn.prepare(
        "UPDATE change_request SET status = 'cancelled', decided_at = UTC_TIMESTAMP()"
        " WHERE commune_id = ? AND family_id = ? AND kind = ? AND IFNULL(member_id, 0) = ?"
        " AND status = 'pending'");
    cancel.setInt64(1, commune_id);
    cancel.setInt64(2, family_id);
    cancel.setString(3, change_kind_name(request.kind));
    cancel.setInt64(4, request.member_id);
    cancel.executeUpdate();

    auto& ins = conn.prepare(
        "INSERT INTO change_request (commune_id, family_id, member_id, kind, document_id,"
        " requested_by, created_at) SELECT f.commune_id, f.id, ?, ?, ?, ?, UTC_TIMESTAMP()"
        " FROM family f WHERE f.commune_id = ? AND f.id = ?");
    set_optional_id(ins, 1, request.member_id);
    ins.setString(2, change_kind_name(request.kind));
    set_optional_id(ins, 3, request.document_id);
    set_optional_id(ins, 4, account_id);
    ins.setInt64(5, commune_id);
    ins.setInt64(6, family_id);
    if (ins.executeUpdate() != 1)
        throw std::runtime_error("create_change_request: no such family in this commune");
    const auto id = last_insert_id(conn);
    auto& field = conn.prepare("INSERT INTO change_request_field (request_id, field,"
                               " before_value, after_value) VALUES (?, ?, ?, ?)");
    for (const auto& f : request.fields) {
        field.setInt64(1, id);
        field.setString(2, f.field);
        field.setString(3, f.before);
        field.setString(4, f.after);
        field.executeUpdate();
    }
    return id;
}

std::vector<ChangeRequest> family_change_requests(Connection& conn, std::int64_t commune_id,
                                                  std::int64_t family_id, int limit)
{
    auto& st = conn.prepare(request_select + "AND r.family_id = ? AND r.status <> 'cancelled'"
                                             " ORDER BY r.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt(3, limit);
    auto rs = query(st);
    return read_requests(conn, *rs);
}

std::vector<ChangeRequest> pending_change_requests(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(request_select + "AND r.status = 'pending' ORDER BY r.id LIMIT 200");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    return read_requests(conn, *rs);
}

std::optional<ChangeRequest> load_change_request(Connection& conn, std::int64_t commune_id,
                                                 std::int64_t id)
{
    auto& st = conn.prepare(request_select + "AND r.id = ? FOR UPDATE");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    auto found = read_requests(conn, *rs);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

bool decide_change_request(Connection& conn, std::int64_t commune_id, std::int64_t id,
                           std::int64_t agent_id, bool accepted, const std::string& comment)
{
    auto& st = conn.prepare(
        "UPDATE change_request SET status = ?, comment = ?, decided_by = ?,"
        " decided_at = UTC_TIMESTAMP() WHERE commune_id = ? AND id = ? AND status = 'pending'");
    st.setString(1, accepted ? "accepted" : "refused");
    st.setString(2, comment);
    st.setInt64(3, agent_id);
    st.setInt64(4, commune_id);
    st.setInt64(5, id);
    return st.executeUpdate() == 1;
}

// --- settings ----------------------------------------------------------------------------

FileSettings file_settings(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare("SELECT required_fields, retention_months FROM commune WHERE id = ?");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    FileSettings s;
    if (rs->next()) {
        if (!rs->isNull("required_fields"))
            s.required_fields = rs->getString("required_fields");
        s.retention_months = rs->getInt("retention_months");
    }
    return s;
}

void save_file_settings(Connection& conn, std::int64_t commune_id, const FileSettings& s)
{
    auto& st =
        conn.prepare("UPDATE commune SET required_fields = ?, retention_months = ? WHERE id = ?");
    if (s.required_fields)
        st.setString(1, *s.required_fields);
    else
        st.setNull(1, sql::DataType::VARCHAR);
    st.setInt(2, s.retention_months);
    st.setInt64(3, commune_id);
    st.executeUpdate();
}

// --- rules -------------------------------------------------------------------------------

std::int64_t add_rules_version(Connection& conn, std::int64_t commune_id,
                               const std::string& service, const std::string& title,
                               const std::string& pdf, std::int64_t agent_id)
{
    Transaction tx(conn);
    auto& lock = conn.prepare("SELECT id FROM commune WHERE id = ? FOR UPDATE");
    lock.setInt64(1, commune_id);
    query(lock);
    auto& next = conn.prepare("SELECT IFNULL(MAX(version), 0) + 1 FROM rules_document WHERE "
                              "commune_id = ? AND service = ?");
    next.setInt64(1, commune_id);
    next.setString(2, service);
    auto rs = query(next);
    rs->next();
    const int version = rs->getInt(1);
    std::istringstream blob(pdf);
    auto& ins =
        conn.prepare("INSERT INTO rules_document (commune_id, service, title, version, size, data,"
                     " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    ins.setInt64(1, commune_id);
    ins.setString(2, service);
    ins.setString(3, title);
    ins.setInt(4, version);
    ins.setInt(5, static_cast<int>(pdf.size()));
    ins.setBlob(6, &blob);
    set_optional_id(ins, 7, agent_id);
    ins.executeUpdate();
    const auto id = last_insert_id(conn);
    tx.commit();
    return id;
}

bool publish_rules(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    auto& st = conn.prepare("UPDATE rules_document SET published_at = UTC_TIMESTAMP()"
                            " WHERE commune_id = ? AND id = ? AND published_at IS NULL");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    return st.executeUpdate() == 1;
}

std::vector<RulesDocument> all_rules(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare(rules_select + "ORDER BY r.service, r.version DESC");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    std::vector<RulesDocument> out;
    while (rs->next())
        out.push_back(read_rules(*rs));
    return out;
}

std::vector<RulesDocument> current_rules(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id)
{
    // One statement for every page that shows the family's rules (the planning among
    // them): the family's own acceptance of each current version and of an older one, and
    // no count of the other families' acceptances.
    auto& st = conn.prepare(
        "SELECT r.id, r.service, r.title, r.version, r.size, " +
        utc_column("r.created_at", "created_at") + ", " +
        utc_column("r.published_at", "published_at") +
        ", 0 AS acceptances,"
        " IFNULL((SELECT DATE_FORMAT(a.accepted_at, " +
        utc_format +
        ") FROM rules_acceptance a"
        " WHERE a.family_id = ? AND a.document_id = r.id), '') AS accepted_at,"
        " EXISTS (SELECT 1 FROM rules_acceptance a JOIN rules_document o ON o.id = a.document_id"
        " WHERE a.family_id = ? AND o.commune_id = r.commune_id AND o.service = r.service"
        " AND o.version < r.version) AS accepted_older"
        " FROM rules_document r WHERE r.commune_id = ? AND r.published_at IS NOT NULL"
        " AND r.version = (SELECT MAX(v.version) FROM rules_document v WHERE"
        " v.commune_id = r.commune_id AND v.service = r.service AND v.published_at IS NOT NULL)"
        " ORDER BY r.service");
    st.setInt64(1, family_id);
    st.setInt64(2, family_id);
    st.setInt64(3, commune_id);
    auto rs = query(st);
    std::vector<RulesDocument> out;
    while (rs->next()) {
        auto r = read_rules(*rs);
        r.accepted_at = rs->getString("accepted_at");
        r.accepted_older = rs->getBoolean("accepted_older");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<RulesDocument> rules_versions(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare("SELECT r.id, r.service, r.title, r.version, r.size, " +
                            utc_column("r.created_at", "created_at") + ", " +
                            utc_column("r.published_at", "published_at") +
                            ", 0 AS acceptances FROM rules_document r WHERE r.commune_id = ?"
                            " ORDER BY r.service, r.version");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    std::vector<RulesDocument> out;
    while (rs->next())
        out.push_back(read_rules(*rs));
    return out;
}

std::optional<Family> load_family_file(Connection& conn, std::int64_t commune_id,
                                       std::int64_t family_id,
                                       std::vector<RulesAcceptance>& acceptances)
{
    // "id date time" per acceptance, comma-separated: numbers and fixed-width dates only.
    static const std::string listed =
        std::string("(SELECT GROUP_CONCAT(CONCAT(a.document_id, ' ', DATE_FORMAT(a.accepted_at, ") +
        utc_format +
        ")) ORDER BY a.document_id SEPARATOR ',') FROM rules_acceptance a"
        " WHERE a.family_id = f.id AND a.commune_id = f.commune_id)";
    std::string text;
    auto family = load_family(conn, commune_id, family_id, listed, text);
    acceptances.clear();
    std::istringstream items(text);
    for (std::string item; std::getline(items, item, ',');) {
        const auto space = item.find(' ');
        if (space == std::string::npos)
            throw std::runtime_error("load_family_file: an acceptance without its date");
        acceptances.push_back({std::stoll(item.substr(0, space)), item.substr(space + 1)});
    }
    return family;
}

std::vector<RulesDocument> current_rules(const std::vector<RulesDocument>& versions,
                                         const std::vector<RulesAcceptance>& accepted)
{
    // `versions` come by service (in the database's collation), then version.
    std::vector<const RulesDocument*> latest;
    for (const auto& r : versions) {
        if (r.published_at.empty())
            continue;
        if (!latest.empty() && latest.back()->service == r.service) {
            if (latest.back()->version < r.version)
                latest.back() = &r;
        } else {
            latest.push_back(&r);
        }
    }
    std::map<std::int64_t, const RulesDocument*> by_id;
    for (const auto& r : versions)
        by_id[r.id] = &r;
    std::vector<RulesDocument> out;
    for (const auto* doc : latest) {
        auto r = *doc;
        const auto& service = r.service;
        for (const auto& a : accepted) {
            const auto it = by_id.find(a.document_id);
            if (it == by_id.end() || it->second->service != service)
                continue;
            if (a.document_id == r.id)
                r.accepted_at = a.accepted_at;
            else if (it->second->version < r.version)
                r.accepted_older = true;
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<RulesDocument> load_rules(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    auto& st = conn.prepare(rules_select + "AND r.id = ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return read_rules(*rs);
}

std::optional<std::string> rules_pdf(Connection& conn, std::int64_t commune_id, std::int64_t id,
                                     bool published_only)
{
    auto& st = conn.prepare("SELECT data FROM rules_document WHERE commune_id = ? AND id = ?"
                            " AND (? = 0 OR published_at IS NOT NULL)");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    st.setInt(3, published_only ? 1 : 0);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    return std::string(rs->getString("data"));
}

AcceptOutcome accept_rules(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                           std::int64_t id, std::int64_t account_id)
{
    auto& current =
        conn.prepare("SELECT 1 FROM rules_document r WHERE r.commune_id = ? AND r.id = ?"
                     " AND r.published_at IS NOT NULL AND r.version = (SELECT MAX(v.version) FROM"
                     " rules_document v WHERE v.commune_id = r.commune_id AND v.service = r.service"
                     " AND v.published_at IS NOT NULL)");
    current.setInt64(1, commune_id);
    current.setInt64(2, id);
    if (!query(current)->next())
        return AcceptOutcome::NotCurrent;
    auto& ins = conn.prepare(
        "INSERT IGNORE INTO rules_acceptance (commune_id, family_id, document_id, account_id,"
        " accepted_at) SELECT f.commune_id, f.id, ?, ?, UTC_TIMESTAMP() FROM family f"
        " WHERE f.commune_id = ? AND f.id = ?");
    ins.setInt64(1, id);
    set_optional_id(ins, 2, account_id);
    ins.setInt64(3, commune_id);
    ins.setInt64(4, family_id);
    return ins.executeUpdate() == 1 ? AcceptOutcome::Accepted : AcceptOutcome::AlreadyAccepted;
}

std::vector<Acceptance> rules_acceptances(Connection& conn, std::int64_t commune_id,
                                          std::int64_t id)
{
    auto& st = conn.prepare("SELECT f.id, f.name, f.number, " +
                            utc_column("a.accepted_at", "accepted_at") +
                            " FROM rules_acceptance a JOIN family f ON f.id = a.family_id"
                            " WHERE a.commune_id = ? AND a.document_id = ? ORDER BY f.name, f.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    std::vector<Acceptance> out;
    while (rs->next())
        out.push_back({rs->getInt64("id"), rs->getString("name"), rs->getInt("number"),
                       rs->getString("accepted_at")});
    return out;
}

// --- journal -----------------------------------------------------------------------------

void journal_change(Connection& conn, std::int64_t commune_id, const JournalChange& c)
{
    auto& st = conn.prepare(
        "INSERT INTO journal (commune_id, actor_kind, actor_id, action, object_type, object_id,"
        " detail, family_id, before_value, after_value, health_data, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setString(2, c.actor_kind);
    set_optional_id(st, 3, c.actor_id);
    st.setString(4, c.action.substr(0, 60));
    st.setString(5, c.object_type.substr(0, 40));
    set_optional_id(st, 6, c.object_id);
    st.setString(7, c.detail);
    set_optional_id(st, 8, c.family_id);
    if (c.before)
        st.setString(9, c.before->substr(0, 1000));
    else
        st.setNull(9, sql::DataType::VARCHAR);
    if (c.after)
        st.setString(10, c.after->substr(0, 1000));
    else
        st.setNull(10, sql::DataType::VARCHAR);
    st.setBoolean(11, c.sensitive);
    st.executeUpdate();
}

std::vector<FamilyJournalEntry> family_change_journal(Connection& conn, std::int64_t commune_id,
                                                      std::int64_t family_id, int limit)
{
    // Entries tagged with the family (migration 003) and the older ones found by object.
    auto& st = conn.prepare(
        "SELECT " + utc_column("j.created_at", "created") +
        ", j.actor_kind, IFNULL(ag.display_name, '') AS agent_name,"
        " IFNULL(CONCAT(pm.first_name, ' ', pm.last_name), '') AS parent_name,"
        " j.action, j.detail, j.before_value, j.after_value, j.health_data"
        " FROM journal j"
        " LEFT JOIN agent ag ON j.actor_kind = 'agent' AND ag.id = j.actor_id"
        "   AND ag.commune_id = j.commune_id"
        " LEFT JOIN parent_account pa ON j.actor_kind = 'parent' AND pa.id = j.actor_id"
        "   AND pa.commune_id = j.commune_id"
        " LEFT JOIN family_member pm ON pm.id = pa.guardian_id"
        " WHERE j.commune_id = ? AND (j.family_id = ? OR (j.family_id IS NULL AND ("
        "   (j.object_type = 'family' AND j.object_id = ?)"
        "   OR (j.object_type = 'family_member' AND j.object_id IN (SELECT id FROM family_member"
        "       WHERE commune_id = ? AND family_id = ?))"
        "   OR (j.object_type = 'parent_account' AND j.object_id IN (SELECT id FROM"
        "       parent_account WHERE commune_id = ? AND family_id = ?)))))"
        " ORDER BY j.created_at DESC, j.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, family_id);
    st.setInt64(4, commune_id);
    st.setInt64(5, family_id);
    st.setInt64(6, commune_id);
    st.setInt64(7, family_id);
    st.setInt(8, limit);
    auto rs = query(st);
    std::vector<FamilyJournalEntry> out;
    while (rs->next()) {
        FamilyJournalEntry e;
        e.created_at = rs->getString("created");
        e.when = paris_text(e.created_at);
        const std::string kind = rs->getString("actor_kind");
        if (kind == "agent")
            e.actor = std::string(rs->getString("agent_name")) + " (mairie)";
        else if (kind == "parent") {
            e.actor = rs->getString("parent_name");
            if (e.actor.empty())
                e.actor = "Parent";
        } else
            e.actor = "Système";
        e.action = rs->getString("action");
        e.detail = rs->getString("detail");
        e.has_values = !rs->isNull("before_value") || !rs->isNull("after_value");
        if (!rs->isNull("before_value"))
            e.before = rs->getString("before_value");
        if (!rs->isNull("after_value"))
            e.after = rs->getString("after_value");
        e.sensitive = rs->getBoolean("health_data");
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<LoginEntry> family_logins(Connection& conn, std::int64_t commune_id,
                                      std::int64_t family_id, int limit)
{
    auto& st = conn.prepare(
        "SELECT " + utc_column("l.created_at", "created") +
        ", IFNULL(CONCAT(m.first_name, ' ', m.last_name), '') AS who, l.ip, l.user_agent"
        " FROM login_event l JOIN parent_account a ON a.id = l.account_id"
        " LEFT JOIN family_member m ON m.id = a.guardian_id"
        " WHERE l.kind = 'parent' AND l.commune_id = ? AND a.family_id = ?"
        " ORDER BY l.created_at DESC, l.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt(3, limit);
    auto rs = query(st);
    std::vector<LoginEntry> out;
    while (rs->next()) {
        LoginEntry e;
        e.created_at = rs->getString("created");
        e.when = paris_text(e.created_at);
        e.who = rs->getString("who");
        e.ip = rs->getString("ip");
        e.user_agent = rs->getString("user_agent");
        out.push_back(std::move(e));
    }
    return out;
}

// --- export, archive, deletion -----------------------------------------------------------

std::vector<StoredPhoto> family_photos(Connection& conn, std::int64_t commune_id,
                                       std::int64_t family_id)
{
    auto& st = conn.prepare(
        "SELECT p.member_id, p.data FROM member_photo p JOIN family_member m ON m.id = p.member_id"
        " WHERE p.commune_id = ? AND p.family_id = ? AND m.removed_at IS NULL ORDER BY "
        "p.member_id");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    auto rs = query(st);
    std::vector<StoredPhoto> out;
    while (rs->next())
        out.push_back({rs->getInt64("member_id"), rs->getString("data")});
    return out;
}

std::vector<AccountInfo> family_accounts(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id)
{
    auto& st = conn.prepare(
        "SELECT a.email, IFNULL(CONCAT(m.first_name, ' ', m.last_name), '') AS guardian, " +
        utc_column("a.created_at", "created_at") + ", " +
        utc_column("a.confirmed_at", "confirmed_at") + ", " +
        utc_column("a.last_login_at", "last_login_at") +
        " FROM parent_account a LEFT JOIN family_member m ON m.id = a.guardian_id"
        " WHERE a.commune_id = ? AND a.family_id = ? AND a.unlinked_at IS NULL ORDER BY a.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    auto rs = query(st);
    std::vector<AccountInfo> out;
    while (rs->next())
        out.push_back({rs->getString("email"), rs->getString("guardian"),
                       rs->getString("created_at"), rs->getString("confirmed_at"),
                       rs->getString("last_login_at")});
    return out;
}

void set_family_archived(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                         bool archived)
{
    auto& st = conn.prepare(
        "UPDATE family SET archived_at = IF(?, IFNULL(archived_at, UTC_TIMESTAMP()), NULL)"
        " WHERE commune_id = ? AND id = ?");
    st.setBoolean(1, archived);
    st.setInt64(2, commune_id);
    st.setInt64(3, family_id);
    st.executeUpdate();
}

std::vector<PurgeCandidate> purge_candidates(Connection& conn)
{
    auto& st = conn.prepare(
        "SELECT f.commune_id, f.id, f.number, " + utc_column("f.archived_at", "archived_at") +
        " FROM family f JOIN commune c ON c.id = f.commune_id"
        " WHERE f.archived_at IS NOT NULL AND f.name <> ''"
        " AND f.archived_at < UTC_TIMESTAMP() - INTERVAL c.retention_months MONTH"
        " ORDER BY f.commune_id, f.id");
    auto rs = query(st);
    std::vector<PurgeCandidate> out;
    while (rs->next())
        out.push_back({rs->getInt64("commune_id"), rs->getInt64("id"), rs->getInt("number"),
                       rs->getString("archived_at")});
    return out;
}

void purge_family(Connection& conn, std::int64_t commune_id, std::int64_t family_id)
{
    Transaction tx(conn);
    // Mails sent to the family's accounts hold their addresses and names; an address that
    // another family's account now uses keeps its mails (they may not be sent yet).
    {
        auto& st = conn.prepare(
            "DELETE FROM mail_outbox WHERE commune_id = ? AND recipient IN ("
            " SELECT IF(a.email LIKE '#%', SUBSTRING(a.email, LOCATE('#', a.email, 2) + 1),"
            "   a.email) FROM parent_account a WHERE a.commune_id = ? AND a.family_id = ?"
            " UNION SELECT t.new_email FROM account_token t JOIN parent_account a"
            "   ON a.id = t.account_id WHERE a.commune_id = ? AND a.family_id = ?"
            "   AND t.new_email IS NOT NULL)"
            " AND recipient NOT IN (SELECT b.email FROM parent_account b WHERE b.commune_id = ?"
            "   AND b.family_id <> ?)");
        for (int i : {1, 2, 4, 6})
            st.setInt64(i, commune_id);
        for (int i : {3, 5, 7})
            st.setInt64(i, family_id);
        st.executeUpdate();
    }
    // Journal entries written before entries knew their family (agents' actions on the
    // family, its members and accounts) name them in their detail.
    {
        auto& st = conn.prepare(
            "UPDATE journal SET detail = '', before_value = NULL, after_value = NULL"
            " WHERE commune_id = ? AND family_id IS NULL AND ("
            " (object_type = 'family' AND object_id = ?)"
            " OR (object_type = 'family_member' AND object_id IN (SELECT id FROM family_member"
            "   WHERE commune_id = ? AND family_id = ?))"
            " OR (object_type = 'parent_account' AND object_id IN (SELECT id FROM"
            "   parent_account WHERE commune_id = ? AND family_id = ?)))");
        for (int i : {1, 3, 5})
            st.setInt64(i, commune_id);
        for (int i : {2, 4, 6})
            st.setInt64(i, family_id);
        st.executeUpdate();
    }
    // Accounts: sessions, tokens, logins, then the accounts themselves.
    run(conn,
        "DELETE s FROM session s JOIN parent_account a ON s.kind = 'parent' AND s.account_id = a.id"
        " WHERE a.commune_id = ? AND a.family_id = ?",
        commune_id, family_id);
    run(conn,
        "DELETE t FROM account_token t JOIN parent_account a ON a.id = t.account_id"
        " WHERE a.commune_id = ? AND a.family_id = ?",
        commune_id, family_id);
    run(conn,
        "DELETE l FROM login_event l JOIN parent_account a ON l.kind = 'parent'"
        " AND l.account_id = a.id WHERE a.commune_id = ? AND a.family_id = ?",
        commune_id, family_id);
    run(conn, "DELETE FROM parent_account WHERE commune_id = ? AND family_id = ?", commune_id,
        family_id);
    run(conn, "DELETE FROM subscriber_code WHERE commune_id = ? AND family_id = ?", commune_id,
        family_id);
    run(conn, "DELETE FROM rules_acceptance WHERE commune_id = ? AND family_id = ?", commune_id,
        family_id);
    run(conn, "DELETE FROM change_request WHERE commune_id = ? AND family_id = ?", commune_id,
        family_id);
    run(conn, "DELETE FROM family_document WHERE commune_id = ? AND family_id = ?", commune_id,
        family_id);
    run(conn, "DELETE FROM member_photo WHERE commune_id = ? AND family_id = ?", commune_id,
        family_id);
    // The journal's before/after values are personal data; the entries' existence is kept.
    run(conn,
        "UPDATE journal SET detail = '', before_value = NULL, after_value = NULL"
        " WHERE commune_id = ? AND family_id = ?",
        commune_id, family_id);
    run(conn,
        "UPDATE family_member SET last_name = '', first_name = '', birth_date = NULL,"
        " school = '', class_name = '', phone = '', email = '', mobile_phone = '',"
        " work_phone = '', employer = '', address = '', relationship = '', has_allergies = NULL,"
        " allergies = '', diet = '', pai = NULL, doctor = '', vaccinations_ok = NULL,"
        " image_rights = NULL, may_leave_alone = NULL, school_transport = NULL,"
        " removed_at = IFNULL(removed_at, UTC_TIMESTAMP())"
        " WHERE commune_id = ? AND family_id = ?",
        commune_id, family_id);
    run(conn,
        "UPDATE family SET name = '', address_line1 = '', address_line2 = '', postal_code = '',"
        " city = '', phone = '', email = '', family_quotient = NULL, quotient_valid_until = NULL"
        " WHERE commune_id = ? AND id = ?",
        commune_id, family_id);
    tx.commit();
}

} // namespace db
