// A whole request as the FastCGI server builds it (http::Request::from_env, set_body): the
// query string, the Host and Cookie headers, Content-Length, and the body by Content-Type.
// Input lines: QUERY_STRING, HTTP_HOST, HTTP_COOKIE, CONTENT_TYPE, CONTENT_LENGTH,
// REQUEST_URI, then the body (the rest, newlines included).
#include "fuzz_check.h"

#include "http/error.h"
#include "http/request.h"

#include <map>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto in = fuzz::as_text(data, size);
    std::map<std::string, std::string> env{{"REQUEST_METHOD", "POST"}};
    for (const char* name : {"QUERY_STRING", "HTTP_HOST", "HTTP_COOKIE", "CONTENT_TYPE",
                             "CONTENT_LENGTH", "REQUEST_URI"})
        env[name] = std::string(fuzz::take_line(in));
    const auto body = in;

    // Only http::Error leaves the parsers, with a status the dispatcher maps to a page:
    // 400 malformed, 413 too large for its type, 415 unexpected type.
    int status = 0;
    try {
        auto request = http::Request::from_env(env);
        FUZZ_CHECK(!request.path().empty() && !request.request_id().empty());
        for (char c : request.host())
            FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
        if (!request.host().empty())
            FUZZ_CHECK(request.host().front() == '[' ||
                       request.host().find(':') == std::string::npos);
        (void)request.content_length();
        // Small limits, so that both 413s are reached with small inputs.
        request.set_body(body, http::Limits{2048, 1024});
        for (const auto& f : request.files())
            FUZZ_CHECK(f.filename.find_first_of("/\\") == std::string::npos);
    } catch (const http::Error& e) {
        status = e.status();
    }
    FUZZ_CHECK(status == 0 || status == 400 || status == 413 || status == 415);
    return 0;
}
