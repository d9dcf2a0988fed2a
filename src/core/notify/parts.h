// Declarations shared by the notification service's own files (not for other code).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/app.h"
#include "core/json.h"
#include "core/notify/notify.h"

namespace waishi::notify::detail {

// Send() with the batch the message belongs to (0: none).
void Queue(db::Session& tx, const Message& m, long long batch_id);

Json ArgsJson(const std::vector<std::pair<std::string, Json>>& args);

// The recipient's language: users.locale "zh-CN" | "en-US".
enum class Language { kZh, kEn };
Language LanguageOf(std::string_view locale);

// The mass sends' routes (batches.cpp).
void RegisterBatches(App& app);

}  // namespace waishi::notify::detail
