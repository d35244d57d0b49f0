#include "export/zip.h"

#include "../temp_dir.h"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace
{

struct CommandResult {
    int status = -1;
    std::string output;
};

// Runs a shell command, returns its exit status and standard output.
CommandResult run(const std::string& command)
{
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        result.output.append(buffer, n);
    }
    const int raw = pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return result;
}

std::string hex(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 0x0F];
    }
    return out;
}

// Deterministic incompressible bytes.
std::string noise(std::size_t size, std::uint32_t seed)
{
    std::string out;
    out.reserve(size);
    std::uint32_t x = seed;
    for (std::size_t i = 0; i < size; ++i) {
        x = x * 1664525u + 1013904223u;
        out += static_cast<char>(x >> 24);
    }
    return out;
}

std::string invoice_text()
{
    std::string text;
    while (text.size() < 10 * 1024) {
        text += "Facture 2024-03 — Léa FICTIF — cantine : 12 repas × 3,50 € = 42,00 €\n";
    }
    return text;
}

// Reads an archive back with Python's zipfile (Debian's interpreter, not the one on PATH):
// one line per entry, in central directory order:
// "<name hex> <method> <size> <same bytes as expected> <mode> <system> <utf8 flag> <date>",
// where the expected bytes of entry i are in expected/<i>.
const std::string python_reader = R"(import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
if z.testzip() is not None:
    print('BAD CRC')
for i, info in enumerate(z.infolist()):
    data = z.read(info)
    expected = open(sys.argv[2] + '/' + str(i), 'rb').read()
    print(info.filename.encode('utf-8').hex(), info.compress_type, info.file_size,
          int(data == expected), oct(info.external_attr >> 16), info.create_system,
          int(bool(info.flag_bits & 0x800)),
          '%04d-%02d-%02d_%02d:%02d:%02d' % info.date_time)
print('entries', len(z.infolist()))
)";

struct Added {
    std::string name;
    std::string data;
    bool compress = true;
};

struct ReadBack {
    std::string name_hex;
    int method = -1;
    std::size_t size = 0;
    int same = 0;
    std::string mode;
    int system = -1;
    int utf8 = 0;
    std::string date;
};

// Writes `archive` and the expected contents to `dir`, reads them back with Python.
std::vector<ReadBack> read_back(const unit::TempDir& dir, const std::string& archive,
                                const std::vector<Added>& expected)
{
    const std::string path = dir.write("export.zip", archive);
    const std::string script = dir.write("read_zip.py", python_reader);
    run("mkdir -p " + dir.str() + "/expected");
    for (std::size_t i = 0; i < expected.size(); ++i) {
        dir.write("expected/" + std::to_string(i), expected[i].data);
    }
    const auto result =
        run("/usr/bin/python3 " + script + " " + path + " " + dir.str() + "/expected");
    BOOST_TEST_REQUIRE(result.status == 0, "python zipfile failed: " << result.output);

    std::vector<ReadBack> entries;
    std::istringstream lines(result.output);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("entries ", 0) == 0) {
            BOOST_TEST(line == "entries " + std::to_string(expected.size()));
            continue;
        }
        BOOST_TEST_REQUIRE(line != "BAD CRC");
        std::istringstream fields(line);
        ReadBack entry;
        fields >> entry.name_hex >> entry.method >> entry.size >> entry.same >> entry.mode >>
            entry.system >> entry.utf8 >> entry.date;
        BOOST_TEST_REQUIRE(!fields.fail(), "unexpected line: " << line);
        entries.push_back(entry);
    }
    return entries;
}

void check_invalid_name(const std::string& name)
{
    archive::ZipWriter zip;
    BOOST_CHECK_THROW(zip.add(name, "x"), std::invalid_argument);
}

} // namespace

BOOST_AUTO_TEST_SUITE(archive_zip)

BOOST_AUTO_TEST_CASE(archive_reads_back_with_unzip_and_python)
{
    std::string jpeg = "\xFF\xD8\xFF\xE0";
    jpeg += noise(20000, 7);
    std::string all_bytes;
    for (int b = 0; b < 256; ++b) {
        all_bytes += static_cast<char>(b);
    }
    const std::vector<Added> added = {
        {"factures/2024-03.txt", invoice_text(), true},
        {"binaire.bin", all_bytes + noise(4096, 42), true},
        {"Léa FICTIF/photo.jpg", jpeg, true},
        {"vide.txt", "", true},
        {"données.json", invoice_text(), false},
    };
    archive::ZipWriter zip;
    for (const Added& a : added) {
        zip.add(a.name, a.data, a.compress);
    }
    const std::string bytes = zip.finish();

    unit::TempDir dir;
    const auto entries = read_back(dir, bytes, added);
    BOOST_TEST_REQUIRE(entries.size() == added.size());
    for (std::size_t i = 0; i < added.size(); ++i) {
        BOOST_TEST_CONTEXT("entry " << added[i].name)
        {
            BOOST_TEST(entries[i].name_hex == hex(added[i].name));
            BOOST_TEST(entries[i].size == added[i].data.size());
            BOOST_TEST(entries[i].same == 1);
            BOOST_TEST(entries[i].mode == "0o100644");
            BOOST_TEST(entries[i].system == 3); // Unix
            BOOST_TEST(entries[i].utf8 == 1);
            BOOST_TEST(entries[i].date == "1980-01-01_00:00:00");
        }
    }
    BOOST_TEST(entries[0].method == 8); // text: deflated
    BOOST_TEST(entries[1].method == 0); // random bytes: deflate would not shrink them
    BOOST_TEST(entries[2].method == 0); // JPEG-like: stored
    BOOST_TEST(entries[3].method == 0); // empty
    BOOST_TEST(entries[4].method == 0); // compression not asked

    const auto unzip = run("unzip -t -qq " + dir.str() + "/export.zip 2>&1");
    BOOST_TEST(unzip.status == 0, "unzip -t: " << unzip.output);
}

BOOST_AUTO_TEST_CASE(text_is_really_deflated)
{
    const std::string text = invoice_text();
    archive::ZipWriter zip;
    zip.add("facture.txt", text);
    const std::string bytes = zip.finish();
    BOOST_TEST(bytes.size() < text.size() / 10);

    unit::TempDir dir;
    const auto entries = read_back(dir, bytes, {{"facture.txt", text, true}});
    BOOST_TEST_REQUIRE(entries.size() == 1u);
    BOOST_TEST(entries[0].method == 8);
    BOOST_TEST(entries[0].same == 1);
    const auto unzip = run("unzip -t -qq " + dir.str() + "/export.zip 2>&1");
    BOOST_TEST(unzip.status == 0, "unzip -t: " << unzip.output);
}

BOOST_AUTO_TEST_CASE(set_time_applies_to_every_entry)
{
    archive::ZipWriter zip;
    zip.add("avant.txt", "ajouté avant set_time");
    zip.set_time(2024, 2, 29, 14, 30, 43); // DOS keeps even seconds
    zip.add("apres.txt", "ajouté après set_time");
    const std::string bytes = zip.finish();

    unit::TempDir dir;
    const auto entries = read_back(dir, bytes,
                                   {{"avant.txt", "ajouté avant set_time", true},
                                    {"apres.txt", "ajouté après set_time", true}});
    BOOST_TEST_REQUIRE(entries.size() == 2u);
    BOOST_TEST(entries[0].date == "2024-02-29_14:30:42");
    BOOST_TEST(entries[1].date == "2024-02-29_14:30:42");
    BOOST_TEST(run("unzip -t -qq " + dir.str() + "/export.zip").status == 0);
}

BOOST_AUTO_TEST_CASE(invalid_time_is_refused)
{
    archive::ZipWriter zip;
    BOOST_CHECK_THROW(zip.set_time(1979, 12, 31, 0, 0, 0), std::invalid_argument);
    BOOST_CHECK_THROW(zip.set_time(2108, 1, 1, 0, 0, 0), std::invalid_argument);
    BOOST_CHECK_THROW(zip.set_time(2024, 13, 1, 0, 0, 0), std::invalid_argument);
    BOOST_CHECK_THROW(zip.set_time(2023, 2, 29, 0, 0, 0), std::invalid_argument);
    BOOST_CHECK_THROW(zip.set_time(2024, 4, 31, 0, 0, 0), std::invalid_argument);
    BOOST_CHECK_THROW(zip.set_time(2024, 1, 0, 0, 0, 0), std::invalid_argument);
    BOOST_CHECK_THROW(zip.set_time(2024, 1, 1, 24, 0, 0), std::invalid_argument);
    BOOST_CHECK_THROW(zip.set_time(2024, 1, 1, 0, 60, 0), std::invalid_argument);
    BOOST_CHECK_THROW(zip.set_time(2024, 1, 1, 0, 0, -1), std::invalid_argument);
    BOOST_CHECK_NO_THROW(zip.set_time(2107, 12, 31, 23, 59, 59));
}

BOOST_AUTO_TEST_CASE(unsafe_names_are_refused)
{
    check_invalid_name("");
    check_invalid_name("/etc/passwd");
    check_invalid_name("..");
    check_invalid_name("../x");
    check_invalid_name("a/../../x");
    check_invalid_name("a/..");
    check_invalid_name("./a");
    check_invalid_name("a//b");
    check_invalid_name("dossier/");
    check_invalid_name("a\\b");
    check_invalid_name("..\\x");
    check_invalid_name(std::string("a\0b", 3));
    check_invalid_name("a\nb");
    check_invalid_name("a\tb");
    check_invalid_name("a\x7F");
    check_invalid_name("a\xC2\x85"); // U+0085, a C1 control
    check_invalid_name("L\xE9"
                       "a");            // Latin-1, not UTF-8
    check_invalid_name("\xC0\xAF");     // overlong '/'
    check_invalid_name("\xED\xA0\x80"); // surrogate
    check_invalid_name("a\xC3");        // truncated sequence
}

BOOST_AUTO_TEST_CASE(names_with_dots_inside_are_accepted)
{
    const std::vector<Added> added = {
        {"a..b.txt", "1"},
        {".cache", "2"},
        {"Léa FICTIF/..photo.jpg", "3"},
        {"Zoé/⚽ sport/planning 2024.pdf", "4"},
    };
    archive::ZipWriter zip;
    for (const Added& a : added) {
        BOOST_CHECK_NO_THROW(zip.add(a.name, a.data));
    }
    unit::TempDir dir;
    const auto entries = read_back(dir, zip.finish(), added);
    BOOST_TEST_REQUIRE(entries.size() == added.size());
    for (std::size_t i = 0; i < added.size(); ++i) {
        BOOST_TEST(entries[i].name_hex == hex(added[i].name));
        BOOST_TEST(entries[i].same == 1);
    }
}

BOOST_AUTO_TEST_CASE(duplicate_name_is_refused_and_writer_stays_usable)
{
    archive::ZipWriter zip;
    zip.add("a.txt", "premier");
    BOOST_CHECK_THROW(zip.add("a.txt", "second"), std::invalid_argument);
    BOOST_CHECK_THROW(zip.add("a.txt", "second", false), std::invalid_argument);
    BOOST_CHECK_THROW(zip.add("../b.txt", "refusé"), std::invalid_argument);
    zip.add("b.txt", "troisième");

    unit::TempDir dir;
    const auto entries =
        read_back(dir, zip.finish(), {{"a.txt", "premier"}, {"b.txt", "troisième"}});
    BOOST_TEST_REQUIRE(entries.size() == 2u);
    BOOST_TEST(entries[0].same == 1);
    BOOST_TEST(entries[1].same == 1);
    BOOST_TEST(run("unzip -t -qq " + dir.str() + "/export.zip").status == 0);
}

BOOST_AUTO_TEST_CASE(empty_archive_is_valid)
{
    archive::ZipWriter zip;
    const std::string bytes = zip.finish();
    BOOST_TEST(bytes.size() == 22u); // the end record alone
    unit::TempDir dir;
    BOOST_TEST(read_back(dir, bytes, {}).empty());
}

BOOST_AUTO_TEST_CASE(finish_is_final)
{
    archive::ZipWriter zip;
    zip.add("a.txt", "a");
    zip.finish();
    BOOST_CHECK_THROW(zip.add("b.txt", "b"), std::logic_error);
    BOOST_CHECK_THROW(zip.finish(), std::logic_error);
}

BOOST_AUTO_TEST_CASE(more_than_65535_entries_is_refused)
{
    archive::ZipWriter zip;
    for (int i = 0; i < 65535; ++i) {
        zip.add(std::to_string(i), "");
    }
    BOOST_CHECK_THROW(zip.add("65535", ""), std::length_error);
    const std::string bytes = zip.finish();

    unit::TempDir dir;
    const std::string path = dir.write("many.zip", bytes);
    const auto count = run("/usr/bin/python3 -c 'import sys, zipfile; "
                           "print(len(zipfile.ZipFile(sys.argv[1]).infolist()))' " +
                           path);
    BOOST_TEST(count.status == 0);
    BOOST_TEST(count.output == "65535\n");
}

BOOST_AUTO_TEST_SUITE_END()
