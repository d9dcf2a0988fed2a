// The JSON type every layer of Waishi speaks: nlohmann::json, under one short name.
#pragma once

#include <nlohmann/json.hpp>

namespace waishi {
using Json = nlohmann::json;
}  // namespace waishi
