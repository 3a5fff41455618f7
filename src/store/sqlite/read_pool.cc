#include "store/sqlite/read_pool.h"

#include <utility>

namespace chorus::store::sqlite {

ReadPool::ReadPool(Opener opener, size_t max_connections)
    : opener_(std::move(opener)), max_connections_(max_connections < 1 ? 1 : max_connections) {}

ReadPool::Lease::Lease(ReadPool* pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

ReadPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), connection_(std::move(other.connection_)) {}

ReadPool::Lease::~Lease() {
  if (connection_ != nullptr) pool_->Return(std::move(connection_));
}

Result<ReadPool::Lease> ReadPool::Acquire() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_ < max_connections_; });
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // Reserve the slot, then open outside the lock.
  }
  Result<std::unique_ptr<Connection>> opened = opener_();
  if (!opened.ok()) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --open_;
    }
    returned_.notify_one();
    return opened.status();
  }
  return Lease(this, std::move(opened).value());
}

void ReadPool::Return(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

}  // namespace chorus::store::sqlite
