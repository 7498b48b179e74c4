#include "PrivateFiles.h"

#include <QDir>
#include <QFile>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace vf::store {

bool makePrivateDir(const QString &path) {
    return QDir().mkpath(path) && QFile::setPermissions(path, kPrivateDir);
}

bool makePrivateFile(const QString &path) {
    if (QFile::exists(path))
        return QFile::setPermissions(path, kPrivateFile);
    QFile file(path);
    // open(mode, permissions) creates the file with exactly these rights (less the umask).
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kPrivateFile))
        return QFile::exists(path) && QFile::setPermissions(path, kPrivateFile);
    return file.setPermissions(kPrivateFile);
}

bool restrictToOwner(QFileDevice &file) {
    return file.setPermissions(kPrivateFile);
}

void restrictUmask() {
#ifdef Q_OS_UNIX
    ::umask(077);
#endif
}

} // namespace vf::store
