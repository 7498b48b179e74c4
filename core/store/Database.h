#pragma once
// One SQLite file of the store, opened through Qt Sql. A QSqlDatabase connection may only
// be used by the thread that created it, so each thread gets its own connection, named
// after this object, the thread and the path, and opened and configured on first use.
#include "Migration.h"

#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace vf::store {

// How far a commit is pushed to disk before it returns. Full: a committed row survives
// kill -9 and power loss (the outbox: "queued" must mean queued). Normal: in WAL mode a
// power loss may lose the latest commits but never consistency (the rebuildable cache).
enum class Durability { Normal, Full };

struct DatabaseOptions {
    QString path;
    Durability durability = Durability::Normal;
    MigrationList migrations;
};

class Database {
public:
    explicit Database(DatabaseOptions options);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the file (creating it), switches it to WAL, runs PRAGMA quick_check and the
    // pending migrations. False when the file cannot be used: unreadable, not a database,
    // damaged, or from a newer schema than this build knows.
    bool open(QString *error);
    bool isOpen() const;

    // This thread's connection, opened and configured on first use. Invalid when the
    // file cannot be opened; callers then fail their statements with that error.
    QSqlDatabase connection();

    QString path() const { return m_options.path; }
    int schemaVersion();
    int latestSchemaVersion() const;

    // Closes every thread's connection. No QSqlQuery on this database may be alive, and
    // no other thread may be using it.
    void close();

private:
    QString connectionNameForThisThread() const;
    QSqlDatabase openConnection(QString *error);
    bool configure(QSqlDatabase &db, QString *error) const;
    bool migrate(QSqlDatabase &db, QString *error);

    DatabaseOptions m_options;
    const quint64 m_instance;
    mutable QMutex m_mutex;
    QSet<QString> m_connections;
    bool m_open = false;
};

} // namespace vf::store
