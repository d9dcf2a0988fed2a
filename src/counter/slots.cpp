#include "counter/slots.h"

#include <cstdio>

namespace waishi::counter {

std::optional<int> Minutes(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string HhMm(int minutes) {
  char out[8];
  std::snprintf(out, sizeof out, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
  return out;
}

std::vector<Slot> SlotsOf(const std::vector<std::pair<std::string, std::string>>& periods,
                          int slot_minutes) {
  std::vector<Slot> out;
  if (slot_minutes <= 0) return out;
  for (const auto& [from, to] : periods) {
    const auto a = Minutes(from), b = Minutes(to);
    if (!a || !b) continue;
    for (int t = *a; t + slot_minutes <= *b; t += slot_minutes)
      out.push_back({HhMm(t), HhMm(t + slot_minutes)});
  }
  return out;
}

}  // namespace waishi::counter
