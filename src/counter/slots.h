// The slots of a counter's day: its opening periods cut into equal slots. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace waishi::counter {

struct Slot {
  std::string start;  // "HH:MM"
  std::string end;
};

// Minutes since midnight of "HH:MM", or none for anything else.
std::optional<int> Minutes(std::string_view hh_mm);
std::string HhMm(int minutes);

// Each period [from, to) cut into slots of `slot_minutes`; a slot that would run past its
// period's end is left out. Periods that don't parse, or run backwards, give no slots.
std::vector<Slot> SlotsOf(const std::vector<std::pair<std::string, std::string>>& periods,
                          int slot_minutes);

}  // namespace waishi::counter
