// Precompiled for the sources of the ASan tree (the Makefile's -include, see PCH there; the
// release sources at -O2 build without it): the standard headers most sources use,
// Connector/C++ and ctemplate. System headers only, so that it is rebuilt only when the
// compiler's flags or the system change. Each source still includes what it uses: the release
// tree, the fuzz targets (clang) and `make PCH=0` build without this file.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <ctemplate/template.h>
