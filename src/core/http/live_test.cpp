#include "core/http/live.h"

#include <gtest/gtest.h>

namespace waishi::live {
namespace {

// A stream that keeps what it is sent, until its client "leaves".
class Recorder final : public Listener {
 public:
  bool Write(std::string text) override {
    if (left) return false;
    got.push_back(std::move(text));
    return true;
  }
  std::vector<std::string> got;
  bool left = false;
};

TEST(LiveEvent, IsOneEventOfTheStreamFormat) {
  EXPECT_EQ(Event("answered", {{"person_id", 7}}), "event: answered\ndata: {\"person_id\":7}\n\n");
  // A line break inside the data stays escaped: the data is one line.
  EXPECT_EQ(Event("note", {{"text", "a\nb"}}), "event: note\ndata: {\"text\":\"a\\nb\"}\n\n");
}

TEST(LiveHub, PublishesToTheTopicsListenersOnly) {
  Hub hub;
  auto one = std::make_shared<Recorder>(), two = std::make_shared<Recorder>(),
       other = std::make_shared<Recorder>();
  hub.Listen("incident/1", one);
  hub.Listen("incident/1", two);
  hub.Listen("incident/2", other);
  EXPECT_EQ(hub.Publish("incident/1", "x"), 2u);
  EXPECT_EQ(one->got, std::vector<std::string>{"x"});
  EXPECT_EQ(two->got, std::vector<std::string>{"x"});
  EXPECT_TRUE(other->got.empty());
  EXPECT_EQ(hub.Publish("incident/3", "y"), 0u);
}

TEST(LiveHub, ForgetsAListenerWhoseClientLeft) {
  Hub hub;
  auto stays = std::make_shared<Recorder>(), leaves = std::make_shared<Recorder>();
  hub.Listen("t", stays);
  hub.Listen("t", leaves);
  leaves->left = true;
  EXPECT_EQ(hub.Publish("t", "x"), 1u);
  EXPECT_EQ(hub.listeners(), 1u);
  // The heartbeat finds the idle ones that left.
  stays->left = true;
  hub.Heartbeat();
  EXPECT_EQ(hub.listeners(), 0u);
}

TEST(LiveHub, HeartbeatIsACommentToEveryListener) {
  Hub hub;
  auto a = std::make_shared<Recorder>(), b = std::make_shared<Recorder>();
  hub.Listen("t1", a);
  hub.Listen("t2", b);
  hub.Heartbeat();
  EXPECT_EQ(a->got, std::vector<std::string>{":\n\n"});
  EXPECT_EQ(b->got, std::vector<std::string>{":\n\n"});
  hub.Clear();
  EXPECT_EQ(hub.listeners(), 0u);
}

}  // namespace
}  // namespace waishi::live
