#include "core/http/forwarded.h"

#include <gtest/gtest.h>

namespace waishi::http {
namespace {

TEST(CanonicalAddressTest, AcceptsAddressesWithOrWithoutPorts) {
  EXPECT_EQ(CanonicalAddress("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(CanonicalAddress(" 203.0.113.7 "), "203.0.113.7");
  EXPECT_EQ(CanonicalAddress("203.0.113.7:51234"), "203.0.113.7");
  EXPECT_EQ(CanonicalAddress("2001:DB8:0:0::1"), "2001:db8::1");
  EXPECT_EQ(CanonicalAddress("[2001:db8::1]:443"), "2001:db8::1");
  EXPECT_EQ(CanonicalAddress("::ffff:127.0.0.1"), "127.0.0.1");
}

TEST(CanonicalAddressTest, WritesIpv4InDottedDecimalWithoutLeadingZeros) {
  EXPECT_EQ(Ipv4Text({0, 0, 0, 0}), "0.0.0.0");
  EXPECT_EQ(Ipv4Text({255, 255, 255, 255}), "255.255.255.255");
  EXPECT_EQ(Ipv4Text({10, 0, 100, 9}), "10.0.100.9");
  EXPECT_EQ(CanonicalAddress("::ffff:198.51.100.200"), "198.51.100.200");
  EXPECT_EQ(CanonicalAddress("0.0.0.0:80"), "0.0.0.0");
}

TEST(CanonicalAddressTest, RefusesWhatIsNotAnAddress) {
  for (const char* bad :
       {"", "unknown", "example.org", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4:port",
        "[2001:db8::1", "[2001:db8::1]x", "_hidden", "1.2.3.4\r\nX-Evil: 1", "1.2.3.4:123456"}) {
    EXPECT_FALSE(CanonicalAddress(bad)) << bad;
  }
}

TEST(TrustedProxiesTest, ParsesTheOptionAndRefusesNonAddresses) {
  const auto proxies = TrustedProxies::Parse(" 127.0.0.1, ,10.0.0.2,::1");
  EXPECT_TRUE(proxies.Trusts("127.0.0.1"));
  EXPECT_TRUE(proxies.Trusts("10.0.0.2"));
  EXPECT_TRUE(proxies.Trusts("::1"));
  EXPECT_TRUE(proxies.Trusts("::ffff:127.0.0.1"));
  EXPECT_FALSE(proxies.Trusts("127.0.0.2"));
  EXPECT_TRUE(TrustedProxies::Parse("").empty());
  EXPECT_THROW(TrustedProxies::Parse("127.0.0.1,proxy.local"), std::invalid_argument);
}

TEST(TrustedProxiesTest, NoTrustedProxyMeansThePeer) {
  const TrustedProxies none;
  EXPECT_EQ(none.ClientAddress("198.51.100.4", "203.0.113.7"), "198.51.100.4");
}

TEST(TrustedProxiesTest, SpoofedHeaderFromAnUntrustedPeerIsIgnored) {
  const auto proxies = TrustedProxies::Parse("127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.2", "203.0.113.7"), "127.0.0.2");
  EXPECT_EQ(proxies.ClientAddress("198.51.100.4", "127.0.0.1, 10.9.9.9"), "198.51.100.4");
}

TEST(TrustedProxiesTest, TrustedPeerGivesTheRightMostUntrustedEntry) {
  const auto proxies = TrustedProxies::Parse("127.0.0.1,10.0.0.2");
  // nginx appended the client it saw.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "203.0.113.7"), "203.0.113.7");
  // The client wrote its own (forged) header first; nginx appended the real address.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "1.1.1.1, 203.0.113.7"), "203.0.113.7");
  // A chain of two proxies of ours: the load balancer, then nginx.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "1.1.1.1, 203.0.113.7, 10.0.0.2"), "203.0.113.7");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "203.0.113.7:5555"), "203.0.113.7");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "2001:db8::7"), "2001:db8::7");
}

TEST(TrustedProxiesTest, MalformedOrMissingEntriesStopAtTheNearestKnownHop) {
  const auto proxies = TrustedProxies::Parse("127.0.0.1,10.0.0.2");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", " , "), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "unknown"), "127.0.0.1");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "203.0.113.7, garbage, 10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "203.0.113.7,,10.0.0.2"), "203.0.113.7");
  // Every entry is a proxy of ours: the left-most one is the nearest known hop.
  EXPECT_EQ(proxies.ClientAddress("127.0.0.1", "10.0.0.2, 127.0.0.1"), "10.0.0.2");
}

}  // namespace
}  // namespace waishi::http
