#pragma once
// Files at rest are the account's alone: the data directory and every directory in it are
// 0700, every file 0600, from the first write, whatever the umask (the events, the outbox,
// the verified pictures and the diagnostics bundle were world-readable under the usual 022).
// The app also sets the umask to 077 at start (restrictUmask), so files made by libraries
// (SQLite's -wal and -shm) are private too; these helpers do not rely on it.
#include <QFileDevice>
#include <QString>

namespace vf::store {

constexpr QFileDevice::Permissions kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kPrivateDir =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Creates path (and its parents) if needed and makes path itself 0700.
bool makePrivateDir(const QString &path);
// Creates an empty 0600 file where none exists, or makes an existing one 0600 (before a
// library such as SQLite opens it, so it never exists with wider rights).
bool makePrivateFile(const QString &path);
// For a QSaveFile or QFile open for writing: its file becomes 0600 before any byte is written.
bool restrictToOwner(QFileDevice &file);
// umask(077) on POSIX systems; nothing elsewhere. Call first thing in main().
void restrictUmask();

} // namespace vf::store
