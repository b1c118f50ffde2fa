#include <svcdesk/store/row_hash.hpp>

#include <fmt/format.h>
#include <nettle/sha2.h>

#include <array>

namespace svcdesk::store_detail {

RowHash::RowHash() : m_ctx(std::make_unique<sha256_ctx>()) { sha256_init(m_ctx.get()); }

RowHash::~RowHash() = default;

void RowHash::add(const RawRow& row) {
    for (const auto& v : row) {
        std::string head = v ? fmt::format("T{}:", v->size()) : std::string("N");
        update(head);
        if (v) update(*v);
    }
    update("\n");
    ++rows;
}

std::string RowHash::hex() {
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(m_ctx.get(), digest.size(), digest.data());
    std::string out;
    for (auto b : digest) {
        out += fmt::format("{:02x}", b);
    }
    return out;
}

void RowHash::update(std::string_view bytes) {
    sha256_update(m_ctx.get(), bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
}

} // namespace svcdesk::store_detail
