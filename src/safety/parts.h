// What the safety module's files share (not for other modules).
#pragma once

#include <string_view>

#include "core/module.h"

namespace waishi::safety {

// The desk whose staff handle the register and the crisis mode.
inline constexpr std::string_view kDesk = "consular";

// demo.cpp
void LoadDemo(App& app, DemoContext& ctx);

}  // namespace waishi::safety
