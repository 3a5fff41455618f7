// A Beast body that sends part of an open file (bytes [offset, offset + size)), read in 64 KiB
// chunks: what a 206 answer to a Range request needs. Beast 1.74's file_body always sends from
// the file's position to its end.
// Thread-safety: one response per body, as every Beast body.
#pragma once

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/file.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <cstdint>
#include <utility>

namespace chorus::server {

struct FileRangeBody {
  struct value_type {
    boost::beast::file file;  // Open for reading.
    uint64_t offset = 0;      // First byte sent.
    uint64_t size = 0;        // Bytes sent.
  };

  static uint64_t size(const value_type& body) { return body.size; }

  class writer {
   public:
    using const_buffers_type = boost::asio::const_buffer;

    template <bool kIsRequest, class Fields>
    writer(boost::beast::http::header<kIsRequest, Fields>&, value_type& body)
        : body_(body), remain_(body.size) {}

    void init(boost::beast::error_code& ec) { body_.file.seek(body_.offset, ec); }

    boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
      const size_t amount = static_cast<size_t>(std::min<uint64_t>(remain_, sizeof(buffer_)));
      if (amount == 0) {
        ec = {};
        return boost::none;
      }
      const size_t read = body_.file.read(buffer_, amount, ec);
      if (ec) return boost::none;
      if (read == 0) {  // The file shrank since it was measured.
        ec = boost::beast::http::error::short_read;
        return boost::none;
      }
      remain_ -= read;
      return {{const_buffers_type(buffer_, read), remain_ > 0}};
    }

   private:
    value_type& body_;
    uint64_t remain_;
    char buffer_[64 * 1024];
  };
};

}  // namespace chorus::server
