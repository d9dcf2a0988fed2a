#include "core/resources.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace waishi {
namespace detail {
extern const std::pair<std::string_view, std::string_view> kResources[];
extern const std::size_t kResourceCount;
}  // namespace detail

std::string_view Resource(std::string_view path) {
  for (std::size_t i = 0; i < detail::kResourceCount; ++i) {
    if (detail::kResources[i].first == path) return detail::kResources[i].second;
  }
  throw std::out_of_range("no embedded resource " + std::string(path));
}

std::vector<std::string_view> ResourcesUnder(std::string_view prefix) {
  std::vector<std::string_view> paths;
  for (std::size_t i = 0; i < detail::kResourceCount; ++i) {
    if (detail::kResources[i].first.starts_with(prefix))
      paths.push_back(detail::kResources[i].first);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace waishi
