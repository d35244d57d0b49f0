#define BOOST_TEST_MODULE portail_integration
#include <boost/test/included/unit_test.hpp>
