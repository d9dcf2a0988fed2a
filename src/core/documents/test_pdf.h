// For the documents' tests: poppler-utils and zbar-tools run on a PDF held in memory, through a
// temporary file.
#pragma once

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace waishi::documents::testing {

// A temporary folder, removed with its files when it goes.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "waishi-docs-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The standard output of `command`, with its standard error unless `errors` is false.
inline std::string Run(const std::string& command, bool errors = true) {
  std::string out;
  if (FILE* p = ::popen((command + (errors ? " 2>&1" : " 2>/dev/null")).c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

// Writes `pdf` to a file of `dir` and runs `tool` on it: "pdftotext -layout {} -".
inline std::string OnPdf(const TempDir& dir, const std::string& pdf, const std::string& tool) {
  const auto file = dir.path() / "document.pdf";
  std::ofstream(file, std::ios::binary | std::ios::trunc) << pdf;
  std::string command = tool;
  command.replace(command.find("{}"), 2, "'" + file.string() + "'");
  return Run(command);
}

// The QR codes zbarimg reads on page `page` rendered at 150 dpi, one "QR-Code:…" per line.
inline std::string QrCodes(const TempDir& dir, const std::string& pdf, int page) {
  OnPdf(dir, pdf,
        "pdftoppm -png -r 150 -f " + std::to_string(page) + " -l " + std::to_string(page) +
            " -singlefile {} '" + (dir.path() / "page").string() + "'");
  // zbarimg's standard error has D-Bus noise on a machine without a system bus.
  return Run("zbarimg -q --raw '" + (dir.path() / "page.png").string() + "'", false);
}

}  // namespace waishi::documents::testing
