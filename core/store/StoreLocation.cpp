#include "StoreLocation.h"

#include "PrivateFiles.h"
#include "SqlSupport.h"

#include <QDir>

namespace vf::store {

StoreLocation::StoreLocation(QString dataDir)
    : m_dataDir(QDir::cleanPath(QDir(dataDir).absolutePath())) {}

QString StoreLocation::cacheDatabasePath() const {
    return m_dataDir + QStringLiteral("/veriframe.sqlite");
}

QString StoreLocation::outboxDatabasePath() const {
    return m_dataDir + QStringLiteral("/outbox.sqlite");
}

QString StoreLocation::mediaDir() const {
    return m_dataDir + QStringLiteral("/media");
}

QString StoreLocation::quarantineRoot() const {
    return m_dataDir + QStringLiteral("/quarantine");
}

bool StoreLocation::ensureExists(QString *error) const {
    // Private from the start: also an existing directory made under a looser umask.
    if (makePrivateDir(m_dataDir) && makePrivateDir(mediaDir()))
        return true;
    setError(error, QStringLiteral("cannot create the data directory %1").arg(m_dataDir));
    return false;
}

QStringList StoreLocation::withCompanions(const QString &databasePath) {
    return {databasePath, databasePath + QStringLiteral("-wal"),
            databasePath + QStringLiteral("-shm"), databasePath + QStringLiteral("-journal")};
}

} // namespace vf::store
