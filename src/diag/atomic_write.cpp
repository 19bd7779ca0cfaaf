#include "diag/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kql {
namespace {

std::string failure(const std::filesystem::path& path, const char* what, int err) {
  return path.string() + ": " + what + ": " + std::strerror(err);
}

}  // namespace

std::string write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : path;
  if (ec) return path.string() + ": cannot resolve link: " + ec.message();

  fs::path dir = target.parent_path();
  std::string tmpl =
      (dir.empty() ? fs::path(".") : dir) / ("." + target.filename().string() + ".kqlint-XXXXXX");
  int fd = mkstemp(tmpl.data());
  if (fd < 0) return failure(target, "cannot create a temporary file next to it", errno);

  auto abandon = [&](const char* what) {
    int err = errno;
    close(fd);
    unlink(tmpl.c_str());
    return failure(target, what, err);
  };
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon("write failed");
    }
    written += static_cast<size_t>(n);
  }
  struct stat st {};
  if (stat(target.c_str(), &st) == 0 && fchmod(fd, st.st_mode & 07777) != 0)
    return abandon("cannot copy permissions");
  if (fsync(fd) != 0) return abandon("flush failed");
  if (close(fd) != 0) {
    int err = errno;
    unlink(tmpl.c_str());
    return failure(target, "close failed", err);
  }
  if (rename(tmpl.c_str(), target.c_str()) != 0) {
    int err = errno;
    unlink(tmpl.c_str());
    return failure(target, "cannot replace the file", err);
  }
  return {};
}

}  // namespace kql
