// Precompiled for the unit and integration tests (but their main_test.cpp, which defines
// BOOST_TEST_MODULE before including Boost.Test; see PCH in the Makefile): Boost.Test, whose
// header alone takes more than a second to parse in each of some eighty test files, and the
// standard headers the tests use most. Nothing that declares a namespace or a function a test
// could also name (Connector/C++'s `sql`, <iomanip>'s `quoted`).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
