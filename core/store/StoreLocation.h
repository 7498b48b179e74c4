#pragma once
// Where one data directory keeps its files. Two databases: veriframe.sqlite (events,
// media index, audit) can be quarantined and rebuilt from the cloud; outbox.sqlite (the
// report outbox, the revocation state) is kept apart so that never touches the reports.
#include <QString>
#include <QStringList>

namespace vf::store {

class StoreLocation {
public:
    explicit StoreLocation(QString dataDir);

    QString dataDir() const { return m_dataDir; }
    QString cacheDatabasePath() const;  // DATA_DIR/veriframe.sqlite
    QString outboxDatabasePath() const; // DATA_DIR/outbox.sqlite
    QString mediaDir() const;           // DATA_DIR/media
    QString quarantineRoot() const;     // DATA_DIR/quarantine

    bool ensureExists(QString *error) const;

    // A database file and the files SQLite keeps next to it.
    static QStringList withCompanions(const QString &databasePath);

private:
    QString m_dataDir;
};

} // namespace vf::store
