// The one translation unit that compiles Boost.Asio's and Boost.Beast's out-of-line code
// (BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION are defined for every
// user of chorus_server in src/server/CMakeLists.txt), so other files only see declarations
// and editing them does not recompile Asio or Beast. Rarely edited: keep it that way.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
#include <utility>  // Before any Asio header: Boost 1.74's awaitable.hpp needs it on g++ 12.
