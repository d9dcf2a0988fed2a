#include "tests/unit/audit_key.h"

#include <gtest/gtest.h>

namespace waishi::audit::testing {

const Key& AuditKey() {
  static const Key key = [] {
    std::array<unsigned char, Key::kBytes> bytes{};
    bytes.fill(0x42);
    return Key::FromBytes(bytes);
  }();
  return key;
}

namespace {

class AuditKeyEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { UseKey(AuditKey()); }
};

// gtest owns the environment it is given.
const auto* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(std::make_unique<AuditKeyEnvironment>().release());

}  // namespace
}  // namespace waishi::audit::testing
