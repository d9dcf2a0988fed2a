// The SHA-256 of a batch of reads (audit.cpp), of data given in pieces.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace waishi::audit {

// OpenSSL's, which uses the processor's SHA instructions where there are some.
class RunningSha256 {
 public:
  RunningSha256();
  ~RunningSha256();
  RunningSha256(const RunningSha256&) = delete;
  RunningSha256& operator=(const RunningSha256&) = delete;

  void Add(std::string_view data);
  // The digest of all that was added, as 64 lowercase hex digits; starts over.
  std::string HexAndRestart();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace waishi::audit
