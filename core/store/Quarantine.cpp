#include "Quarantine.h"

#include "PrivateFiles.h"
#include "SqlSupport.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace vf::store {

static QString newQuarantineFolder(const StoreLocation &location) {
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    QString folder = location.quarantineRoot() + QLatin1Char('/') + stamp;
    for (int n = 2; QFileInfo::exists(folder); ++n)
        folder = location.quarantineRoot() + QLatin1Char('/') + stamp + QLatin1Char('-') +
                 QString::number(n);
    return folder;
}

QString quarantinePaths(const StoreLocation &location, const QStringList &paths, QString *error) {
    const QString folder = newQuarantineFolder(location);
    if (!makePrivateDir(location.quarantineRoot()) || !makePrivateDir(folder)) {
        setError(error, QStringLiteral("cannot create %1").arg(folder));
        return {};
    }
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            continue;
        const QString target = folder + QLatin1Char('/') + info.fileName();
        // rename() works for files and directories alike within one file system.
        if (!QDir().rename(path, target)) {
            setError(error, QStringLiteral("cannot move %1 into %2").arg(path, folder));
            return {};
        }
    }
    return folder;
}

} // namespace vf::store
