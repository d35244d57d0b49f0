#define BOOST_TEST_MODULE portail_unit
#include <boost/test/included/unit_test.hpp>
