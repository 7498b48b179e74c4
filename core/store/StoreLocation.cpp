#include "StoreLocation.h"

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
    if (QDir().mkpath(m_dataDir) && QDir().mkpath(mediaDir()))
        return true;
    setError(error, QStringLiteral("cannot create the data directory %1").arg(m_dataDir));
    return false;
}

QStringList StoreLocation::withCompanions(const QString &databasePath) {
    return {databasePath, databasePath + QStringLiteral("-wal"),
            databasePath + QStringLiteral("-shm"), databasePath + QStringLiteral("-journal")};
}

} // namespace vf::store
