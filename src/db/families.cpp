#include "db/families.h"

#include "db/sessions.h"
#include "domain/subscriber_code.h"
#include "domain/time.h"
#include "security/tokens.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <tuple>

namespace db
{

const char* member_role_name(MemberRole role)
{
    switch (role) {
    case MemberRole::Guardian:
        return "guardian";
    case MemberRole::Child:
        return "child";
    case MemberRole::Contact:
        return "contact";
    }
    return "contact";
}

std::optional<MemberRole> parse_member_role(const std::string& text)
{
    if (text == "guardian")
        return MemberRole::Guardian;
    if (text == "child")
        return MemberRole::Child;
    if (text == "contact")
        return MemberRole::Contact;
    return std::nullopt;
}

const char* member_role_label(MemberRole role)
{
    switch (role) {
    case MemberRole::Guardian:
        return "Responsable légal";
    case MemberRole::Child:
        return "Enfant";
    case MemberRole::Contact:
        return "Contact";
    }
    return "Contact";
}

namespace
{

// The first family number of a commune; numbers are 5 digits in the code abonné.
constexpr int first_family_number = 10001;


// "29/11/2026 à 18h30" in Paris time for a UTC DATETIME text; "" for NULL or garbage.
std::string paris_text(const std::string& utc)
{
    const auto parsed = domain::parse_sql_datetime(utc);
    if (!parsed)
        return {};
    return domain::format_datetime_fr(domain::paris_from_epoch(domain::utc_epoch(*parsed)));
}

// LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally.
std::string contains_pattern(const std::string& text)
{
    std::string out = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

// A family number in a search: "10001", a full code "PREFIX-10001-XXXXXXXX", or the
// "PREFIX-10001" an agent reads off a letter without the secret part.
std::optional<int> number_in_query(const std::string& q)
{
    if (const auto canonical = domain::canonical_subscriber_code(q))
        return domain::subscriber_code_family_number(*canonical);
    std::string_view digits = q;
    const auto dash = digits.find('-');
    if (dash != std::string_view::npos && dash > 0 && digits.size() - dash - 1 == 5)
        digits.remove_prefix(dash + 1);
    if (digits.empty() || digits.size() > 5)
        return std::nullopt;
    int n = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc{} || end != digits.data() + digits.size() || n < 1)
        return std::nullopt;
    return n;
}

void bind_family_fields(sql::PreparedStatement& st, int first, const Family& f)
{
    st.setString(first, f.name);
    st.setString(first + 1, f.address_line1);
    st.setString(first + 2, f.address_line2);
    st.setString(first + 3, f.postal_code);
    st.setString(first + 4, f.city);
    st.setString(first + 5, f.phone);
    st.setString(first + 6, f.email);
    if (f.family_quotient)
        st.setInt(first + 7, *f.family_quotient);
    else
        st.setNull(first + 7, sql::DataType::INTEGER);
}

// Binds role, names, birth date, school, class, phone, email from `first`.
void bind_member_fields(sql::PreparedStatement& st, int first, const Member& m)
{
    st.setString(first, member_role_name(m.role));
    st.setString(first + 1, m.last_name);
    st.setString(first + 2, m.first_name);
    if (m.birth_date.empty())
        st.setNull(first + 3, sql::DataType::DATE);
    else
        st.setString(first + 3, m.birth_date);
    st.setString(first + 4, m.school);
    st.setString(first + 5, m.class_name);
    st.setString(first + 6, m.phone);
    st.setString(first + 7, m.email);
}

std::int64_t insert_member(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                           const Member& m)
{
    // INSERT … SELECT: nothing is inserted unless the family is in this commune.
    auto& st = conn.prepare(
        "INSERT INTO family_member (commune_id, family_id, role, last_name, first_name,"
        " birth_date, school, class_name, phone, email)"
        " SELECT f.commune_id, f.id, ?, ?, ?, ?, ?, ?, ?, ? FROM family f"
        " WHERE f.commune_id = ? AND f.id = ?");
    bind_member_fields(st, 1, m);
    st.setInt64(9, commune_id);
    st.setInt64(10, family_id);
    if (st.executeUpdate() != 1)
        throw std::runtime_error("add_member: no such family in this commune");
    return last_insert_id(conn);
}

Member read_member(sql::ResultSet& rs)
{
    Member m;
    m.id = rs.getInt64("id");
    m.family_id = rs.getInt64("family_id");
    m.role = parse_member_role(rs.getString("role")).value_or(MemberRole::Contact);
    m.last_name = rs.getString("last_name");
    m.first_name = rs.getString("first_name");
    m.birth_date = rs.getString("birth_date");
    m.school = rs.getString("school");
    m.class_name = rs.getString("class_name");
    m.phone = rs.getString("phone");
    m.email = rs.getString("email");
    m.mobile_phone = rs.getString("mobile_phone");
    m.work_phone = rs.getString("work_phone");
    m.employer = rs.getString("employer");
    m.address = rs.getString("address");
    m.relationship = rs.getString("relationship");
    m.can_pick_up = rs.getBoolean("can_pick_up");
    m.emergency_contact = rs.getBoolean("emergency_contact");
    const auto yes_no = [&rs](const char* column) -> std::optional<bool> {
        if (rs.isNull(column))
            return std::nullopt;
        return rs.getBoolean(column);
    };
    m.has_allergies = yes_no("has_allergies");
    m.allergies = rs.getString("allergies");
    m.diet = rs.getString("diet");
    m.pai = yes_no("pai");
    m.doctor = rs.getString("doctor");
    m.vaccinations_ok = yes_no("vaccinations_ok");
    m.image_rights = yes_no("image_rights");
    m.may_leave_alone = yes_no("may_leave_alone");
    m.school_transport = yes_no("school_transport");
    m.has_photo = rs.getBoolean("has_photo");
    return m;
}

constexpr const char* summary_select =
    "SELECT f.id, f.number, f.name, f.validated_at IS NOT NULL AS validated,"
    " (SELECT GROUP_CONCAT(CONCAT(m.first_name, ' ', m.last_name) ORDER BY m.id"
    "   SEPARATOR ', ') FROM family_member m"
    "   WHERE m.commune_id = f.commune_id AND m.family_id = f.id AND m.role = 'guardian'"
    "   AND m.removed_at IS NULL)"
    "   AS guardians,"
    " (SELECT GROUP_CONCAT(m.first_name ORDER BY m.birth_date, m.id SEPARATOR ', ')"
    "   FROM family_member m"
    "   WHERE m.commune_id = f.commune_id AND m.family_id = f.id AND m.role = 'child'"
    "   AND m.removed_at IS NULL)"
    "   AS children,"
    " EXISTS (SELECT 1 FROM subscriber_code s WHERE s.commune_id = f.commune_id"
    "   AND s.family_id = f.id AND s.revoked_at IS NULL AND s.expires_at > UTC_TIMESTAMP())"
    "   AS live_code,"
    " (SELECT COUNT(*) FROM parent_account a WHERE a.commune_id = f.commune_id"
    "   AND a.family_id = f.id AND a.unlinked_at IS NULL) AS accounts"
    " FROM family f WHERE f.commune_id = ? ";

std::vector<FamilySummary> read_summaries(sql::ResultSet& rs)
{
    std::vector<FamilySummary> out;
    while (rs.next()) {
        FamilySummary s;
        s.id = rs.getInt64("id");
        s.number = rs.getInt("number");
        s.name = rs.getString("name");
        s.validated = rs.getBoolean("validated");
        s.guardians = rs.getString("guardians");
        s.children = rs.getString("children");
        s.has_live_code = rs.getBoolean("live_code");
        s.accounts = rs.getInt("accounts");
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

std::optional<Family> load_family(Connection& conn, std::int64_t commune_id, std::int64_t id)
{
    std::string unused;
    return load_family(conn, commune_id, id, {}, unused);
}

std::optional<Family> load_family(Connection& conn, std::int64_t commune_id, std::int64_t id,
                                  const std::string& extra_column, std::string& extra)
{
    // The family and its members in one statement (a family's first page reads it): the
    // family's columns on each member's row, or on one row without a member. Ordered here,
    // not by the statement: MariaDB's sort goes through a temporary table, which with a
    // subquery column (load_family_file) cost ten times the statement's reading (ANALYZE on
    // the bench's 10,000 families: 516 µs against 54). The index is named: MariaDB otherwise
    // intersects it with the foreign key's, which costs it more planning.
    static const std::string columns =
        "SELECT f.id AS f_id, f.commune_id AS f_commune_id, f.number AS f_number,"
        " f.name AS f_name, f.address_line1 AS f_address_line1,"
        " f.address_line2 AS f_address_line2, f.postal_code AS f_postal_code, f.city AS f_city,"
        " f.phone AS f_phone, f.email AS f_email, f.family_quotient AS f_family_quotient,"
        " IFNULL(DATE_FORMAT(f.quotient_valid_until, '%Y-%m-%d'), '') AS f_quotient_valid_until,"
        " f.validated_at IS NOT NULL AS f_validated, f.archived_at IS NOT NULL AS f_archived,"
        " m.id, m.family_id, m.role, m.last_name, m.first_name,"
        " IFNULL(DATE_FORMAT(m.birth_date, '%Y-%m-%d'), '') AS birth_date, m.school,"
        " m.class_name, m.phone, m.email, m.mobile_phone, m.work_phone, m.employer, m.address,"
        " m.relationship, m.can_pick_up, m.emergency_contact, m.has_allergies, m.allergies,"
        " m.diet, m.pai, m.doctor, m.vaccinations_ok, m.image_rights, m.may_leave_alone,"
        " m.school_transport, p.member_id IS NOT NULL AS has_photo";
    static const std::string from =
        " FROM family f"
        " LEFT JOIN family_member m FORCE INDEX (ix_member_family)"
        " ON m.commune_id = f.commune_id AND m.family_id = f.id AND m.removed_at IS NULL"
        " LEFT JOIN member_photo p ON p.member_id = m.id"
        " WHERE f.commune_id = ? AND f.id = ?";
    static const std::string plain = columns + from;
    auto& st = conn.prepare(
        extra_column.empty() ? plain : columns + ", " + extra_column + " AS f_extra" + from);
    st.setInt64(1, commune_id);
    st.setInt64(2, id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    if (!extra_column.empty())
        extra = rs->isNull("f_extra") ? std::string() : std::string(rs->getString("f_extra"));
    Family f;
    f.id = rs->getInt64("f_id");
    f.commune_id = rs->getInt64("f_commune_id");
    f.number = rs->getInt("f_number");
    f.name = rs->getString("f_name");
    f.address_line1 = rs->getString("f_address_line1");
    f.address_line2 = rs->getString("f_address_line2");
    f.postal_code = rs->getString("f_postal_code");
    f.city = rs->getString("f_city");
    f.phone = rs->getString("f_phone");
    f.email = rs->getString("f_email");
    if (!rs->isNull("f_family_quotient"))
        f.family_quotient = rs->getInt("f_family_quotient");
    f.quotient_valid_until = rs->getString("f_quotient_valid_until");
    f.validated = rs->getBoolean("f_validated");
    f.archived = rs->getBoolean("f_archived");
    do {
        if (!rs->isNull("id"))
            f.members.push_back(read_member(*rs));
    } while (rs->next());
    // Guardians, children, contacts; the eldest first (no birth date: before), then by id.
    std::sort(f.members.begin(), f.members.end(), [](const Member& a, const Member& b) {
        return std::tie(a.role, a.birth_date, a.id) < std::tie(b.role, b.birth_date, b.id);
    });
    return f;
}

std::vector<FamilySummary> search_families(Connection& conn, std::int64_t commune_id,
                                           const std::string& query_text, int limit)
{
    if (query_text.empty()) {
        auto& st = conn.prepare(std::string(summary_select) + "ORDER BY f.id DESC LIMIT ?");
        st.setInt64(1, commune_id);
        st.setInt(2, limit);
        auto rs = query(st);
        return read_summaries(*rs);
    }
    if (const auto number = number_in_query(query_text)) {
        auto& st = conn.prepare(std::string(summary_select) + "AND f.number = ? LIMIT ?");
        st.setInt64(1, commune_id);
        st.setInt(2, *number);
        st.setInt(3, limit);
        auto rs = query(st);
        return read_summaries(*rs);
    }
    // The collation (utf8mb4_unicode_ci) ignores case and accents: "lea" finds "Léa".
    auto& st = conn.prepare(std::string(summary_select) +
                            "AND (f.name LIKE ? OR EXISTS (SELECT 1 FROM family_member m"
                            " WHERE m.commune_id = f.commune_id AND m.family_id = f.id"
                            " AND (m.last_name LIKE ? OR m.first_name LIKE ?"
                            " OR CONCAT(m.first_name, ' ', m.last_name) LIKE ?"
                            " OR CONCAT(m.last_name, ' ', m.first_name) LIKE ?)))"
                            " ORDER BY f.name, f.number LIMIT ?");
    const auto pattern = contains_pattern(query_text);
    st.setInt64(1, commune_id);
    for (int i = 2; i <= 6; ++i)
        st.setString(i, pattern);
    st.setInt(7, limit);
    auto rs = query(st);
    return read_summaries(*rs);
}

std::int64_t create_family(Connection& conn, std::int64_t commune_id, const Family& family)
{
    Transaction tx(conn);
    // Serialises number allocation within the commune: two agents creating families at
    // the same moment queue here instead of both taking MAX+1.
    auto& lock = conn.prepare("SELECT id FROM commune WHERE id = ? FOR UPDATE");
    lock.setInt64(1, commune_id);
    if (!query(lock)->next())
        throw std::runtime_error("create_family: unknown commune");
    auto& next = conn.prepare("SELECT IFNULL(MAX(number) + 1, ?) FROM family WHERE commune_id = ?");
    next.setInt(1, first_family_number);
    next.setInt64(2, commune_id);
    auto rs = query(next);
    rs->next();
    const int number = rs->getInt(1);
    if (number > domain::subscriber_code_max_family_number)
        throw std::runtime_error("create_family: family numbers exhausted");

    auto& ins = conn.prepare(
        "INSERT INTO family (commune_id, number, name, address_line1, address_line2,"
        " postal_code, city, phone, email, family_quotient) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.setInt64(1, commune_id);
    ins.setInt(2, number);
    bind_family_fields(ins, 3, family);
    ins.executeUpdate();
    const auto id = last_insert_id(conn);
    for (const auto& m : family.members)
        insert_member(conn, commune_id, id, m);
    tx.commit();
    return id;
}

void update_family(Connection& conn, std::int64_t commune_id, const Family& family)
{
    auto& st = conn.prepare(
        "UPDATE family SET name = ?, address_line1 = ?, address_line2 = ?, postal_code = ?,"
        " city = ?, phone = ?, email = ?, family_quotient = ? WHERE commune_id = ? AND id = ?");
    bind_family_fields(st, 1, family);
    st.setInt64(9, commune_id);
    st.setInt64(10, family.id);
    st.executeUpdate();
}

std::int64_t add_member(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                        const Member& member)
{
    return insert_member(conn, commune_id, family_id, member);
}

bool update_member(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                   const Member& member)
{
    // Affected rows count only changed rows, so existence is asked first.
    auto& find = conn.prepare(
        "SELECT 1 FROM family_member WHERE commune_id = ? AND family_id = ? AND id = ?");
    find.setInt64(1, commune_id);
    find.setInt64(2, family_id);
    find.setInt64(3, member.id);
    if (!query(find)->next())
        return false;
    auto& st = conn.prepare(
        "UPDATE family_member SET role = ?, last_name = ?, first_name = ?, birth_date = ?,"
        " school = ?, class_name = ?, phone = ?, email = ?"
        " WHERE commune_id = ? AND family_id = ? AND id = ?");
    bind_member_fields(st, 1, member);
    st.setInt64(9, commune_id);
    st.setInt64(10, family_id);
    st.setInt64(11, member.id);
    st.executeUpdate();
    return true;
}

void set_family_validated(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                          bool validated)
{
    // Keeps the first validation time when a validated file is validated again.
    auto& st = conn.prepare(
        "UPDATE family SET validated_at = IF(?, IFNULL(validated_at, UTC_TIMESTAMP()), NULL)"
        " WHERE commune_id = ? AND id = ?");
    st.setBoolean(1, validated);
    st.setInt64(2, commune_id);
    st.setInt64(3, family_id);
    st.executeUpdate();
}

void store_subscriber_code(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                           const std::string& code, std::int64_t agent_id)
{
    Transaction tx(conn);
    // Locks the family so two regenerations at once cannot leave two live codes.
    auto& lock = conn.prepare("SELECT id FROM family WHERE commune_id = ? AND id = ? FOR UPDATE");
    lock.setInt64(1, commune_id);
    lock.setInt64(2, family_id);
    if (!query(lock)->next())
        throw std::runtime_error("store_subscriber_code: no such family in this commune");
    auto& revoke = conn.prepare("UPDATE subscriber_code SET revoked_at = UTC_TIMESTAMP()"
                                " WHERE commune_id = ? AND family_id = ? AND revoked_at IS NULL");
    revoke.setInt64(1, commune_id);
    revoke.setInt64(2, family_id);
    revoke.executeUpdate();
    auto& ins = conn.prepare(
        "INSERT INTO subscriber_code (commune_id, family_id, code_hash, created_by, created_at,"
        " expires_at) SELECT c.id, ?, ?, ?, UTC_TIMESTAMP(),"
        " UTC_TIMESTAMP() + INTERVAL c.code_validity_days DAY FROM commune c WHERE c.id = ?");
    ins.setInt64(1, family_id);
    ins.setString(2, security::sha256(code));
    ins.setInt64(3, agent_id);
    ins.setInt64(4, commune_id);
    ins.executeUpdate();
    tx.commit();
}

bool family_has_live_code(Connection& conn, std::int64_t commune_id, std::int64_t family_id)
{
    auto& st = conn.prepare("SELECT 1 FROM subscriber_code WHERE commune_id = ? AND family_id = ?"
                            " AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP() LIMIT 1");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    return query(st)->next();
}

CodeSettings code_settings(Connection& conn, std::int64_t commune_id)
{
    auto& st = conn.prepare("SELECT code_prefix, code_validity_days FROM commune WHERE id = ?");
    st.setInt64(1, commune_id);
    auto rs = query(st);
    if (!rs->next())
        throw std::runtime_error("code_settings: unknown commune");
    CodeSettings s;
    s.prefix = rs->getString("code_prefix");
    s.validity_days = rs->getInt("code_validity_days");
    return s;
}

std::optional<CodeStatus> latest_code(Connection& conn, std::int64_t commune_id,
                                      std::int64_t family_id)
{
    auto& st =
        conn.prepare("SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') AS created,"
                     " DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i:%s') AS expires,"
                     " revoked_at IS NOT NULL AS revoked, expires_at <= UTC_TIMESTAMP() AS expired"
                     " FROM subscriber_code WHERE commune_id = ? AND family_id = ?"
                     " ORDER BY id DESC LIMIT 1");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    auto rs = query(st);
    if (!rs->next())
        return std::nullopt;
    CodeStatus s;
    s.created_at = rs->getString("created");
    s.expires_at = rs->getString("expires");
    s.revoked = rs->getBoolean("revoked");
    s.expired = rs->getBoolean("expired");
    return s;
}

std::vector<LinkedAccount> linked_accounts(Connection& conn, std::int64_t commune_id,
                                           std::int64_t family_id)
{
    auto& st = conn.prepare(
        "SELECT a.id, a.guardian_id, a.email, CONCAT(m.first_name, ' ', m.last_name) AS guardian,"
        " a.confirmed_at IS NOT NULL AS confirmed,"
        " IFNULL(DATE_FORMAT(a.last_login_at, '%Y-%m-%d %H:%i:%s'), '') AS last_login"
        " FROM parent_account a JOIN family_member m"
        "   ON m.id = a.guardian_id AND m.commune_id = a.commune_id"
        " WHERE a.commune_id = ? AND a.family_id = ? AND a.unlinked_at IS NULL ORDER BY a.id");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    auto rs = query(st);
    std::vector<LinkedAccount> out;
    while (rs->next()) {
        LinkedAccount a;
        a.id = rs->getInt64("id");
        a.guardian_id = rs->getInt64("guardian_id");
        a.email = rs->getString("email");
        a.guardian_name = rs->getString("guardian");
        a.confirmed = rs->getBoolean("confirmed");
        a.last_login = paris_text(rs->getString("last_login"));
        out.push_back(std::move(a));
    }
    return out;
}

bool unlink_account(Connection& conn, std::int64_t commune_id, std::int64_t family_id,
                    std::int64_t account_id)
{
    Transaction tx(conn);
    auto& st =
        // The guardian and the address are freed (the row stays for the journal), so the
        // guardian can create a new account with a new code.
        conn.prepare("UPDATE parent_account SET unlinked_at = UTC_TIMESTAMP(), guardian_id = NULL,"
                     " email = CONCAT('#', id, '#', email)"
                     " WHERE commune_id = ? AND family_id = ? AND id = ? AND unlinked_at IS NULL");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, account_id);
    if (st.executeUpdate() != 1)
        return false;
    delete_account_sessions(conn, SessionKind::Parent, account_id);
    tx.commit();
    return true;
}

void journal(Connection& conn, std::int64_t commune_id, const char* actor_kind,
             std::int64_t actor_id, const std::string& action, const std::string& object_type,
             std::int64_t object_id, const std::string& detail)
{
    auto& st = conn.prepare(
        "INSERT INTO journal (commune_id, actor_kind, actor_id, action, object_type, object_id,"
        " detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())");
    st.setInt64(1, commune_id);
    st.setString(2, actor_kind);
    if (actor_id > 0)
        st.setInt64(3, actor_id);
    else
        st.setNull(3, sql::DataType::BIGINT);
    st.setString(4, action.substr(0, 60));
    st.setString(5, object_type.substr(0, 40));
    if (object_id > 0)
        st.setInt64(6, object_id);
    else
        st.setNull(6, sql::DataType::BIGINT);
    st.setString(7, detail);
    st.executeUpdate();
}

std::vector<JournalEntry> family_journal(Connection& conn, std::int64_t commune_id,
                                         std::int64_t family_id, int limit)
{
    // Entries about the family itself, one of its members or one of its accounts.
    auto& st = conn.prepare(
        "SELECT DATE_FORMAT(j.created_at, '%Y-%m-%d %H:%i:%s') AS created, j.actor_kind,"
        " IFNULL(ag.display_name, '') AS agent_name,"
        " IFNULL(CONCAT(pm.first_name, ' ', pm.last_name), '') AS parent_name,"
        " j.action, j.detail"
        " FROM journal j"
        " LEFT JOIN agent ag ON j.actor_kind = 'agent' AND ag.id = j.actor_id"
        "   AND ag.commune_id = j.commune_id"
        " LEFT JOIN parent_account pa ON j.actor_kind = 'parent' AND pa.id = j.actor_id"
        "   AND pa.commune_id = j.commune_id"
        " LEFT JOIN family_member pm ON pm.id = pa.guardian_id"
        " WHERE j.commune_id = ? AND ("
        "   (j.object_type = 'family' AND j.object_id = ?)"
        "   OR (j.object_type = 'family_member' AND j.object_id IN (SELECT id FROM family_member"
        "       WHERE commune_id = ? AND family_id = ?))"
        "   OR (j.object_type = 'parent_account' AND j.object_id IN (SELECT id FROM"
        "       parent_account WHERE commune_id = ? AND family_id = ?)))"
        " ORDER BY j.created_at DESC, j.id DESC LIMIT ?");
    st.setInt64(1, commune_id);
    st.setInt64(2, family_id);
    st.setInt64(3, commune_id);
    st.setInt64(4, family_id);
    st.setInt64(5, commune_id);
    st.setInt64(6, family_id);
    st.setInt(7, limit);
    auto rs = query(st);
    std::vector<JournalEntry> out;
    while (rs->next()) {
        JournalEntry e;
        e.when = paris_text(rs->getString("created"));
        const std::string kind = rs->getString("actor_kind");
        if (kind == "agent") {
            e.actor = rs->getString("agent_name");
            if (e.actor.empty())
                e.actor = "Agent";
        } else if (kind == "parent") {
            const std::string name = rs->getString("parent_name");
            e.actor = name.empty() ? "Parent" : "Parent (" + name + ")";
        } else {
            e.actor = "Système";
        }
        e.action = rs->getString("action");
        e.detail = rs->getString("detail");
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace db
