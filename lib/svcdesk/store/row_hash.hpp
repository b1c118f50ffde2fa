#pragma once
// SHA-256 over rows of values, encoded unambiguously (private to store/): each value is
// length-prefixed and NULL has a marker of its own, so that no two different rows hash alike.
// `db copy` checksums tables with it; the audit trail chains its events with it.

#include <svcdesk/store/store.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct sha256_ctx;

namespace svcdesk::store_detail {

class RowHash {
  public:
    RowHash();
    ~RowHash();
    RowHash(const RowHash&) = delete;
    RowHash& operator=(const RowHash&) = delete;

    void add(const RawRow& row);
    // The digest of the rows added so far, as 64 lowercase hex digits; ends the hash.
    std::string hex();
    std::int64_t rows = 0;

  private:
    void update(std::string_view bytes);
    std::unique_ptr<sha256_ctx> m_ctx;
};

} // namespace svcdesk::store_detail
