#include "Database.h"

#include "PrivateFiles.h"
#include "SqlSupport.h"
#include "StoreLog.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QThread>

namespace vf::store {

namespace {

QAtomicInteger<quint64> g_nextInstance{1};

// The connections this thread opened; removed when the thread ends, so a pool thread
// that exits leaves no connection behind for a later thread that reuses its ID.
struct ThreadConnections {
    QStringList names;
    ~ThreadConnections() {
        for (const QString &name : std::as_const(names))
            QSqlDatabase::removeDatabase(name);
    }
};
thread_local ThreadConnections t_connections;

} // namespace

Database::Database(DatabaseOptions options)
    : m_options(std::move(options))
    , m_instance(g_nextInstance.fetchAndAddRelaxed(1)) {}

Database::~Database() {
    close();
}

QString Database::connectionNameForThisThread() const {
    return QStringLiteral("vf-store/%1/%2/%3")
        .arg(m_instance)
        .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
        .arg(m_options.path);
}

bool Database::configure(QSqlDatabase &db, QString *error) const {
    // busy_timeout first: the other pragmas may already need a lock another thread holds.
    const QStringList pragmas{
        QStringLiteral("PRAGMA busy_timeout = 15000"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        m_options.durability == Durability::Full ? QStringLiteral("PRAGMA synchronous = FULL")
                                                 : QStringLiteral("PRAGMA synchronous = NORMAL"),
    };
    for (const QString &pragma : pragmas) {
        if (!execSql(db, pragma, error))
            return false;
    }
    return true;
}

QSqlDatabase Database::connection() {
    QString error;
    QSqlDatabase db = openConnection(&error);
    if (!error.isEmpty())
        qCWarning(lcStore, "vf::store: %s", qPrintable(error));
    return db;
}

QSqlDatabase Database::openConnection(QString *error) {
    const QString name = connectionNameForThisThread();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_options.path);
    // SQLite would create the file (and then its -wal and -shm, with the same rights) under
    // the umask: it is made 0600 first.
    if (!m_options.path.startsWith(u':') && !makePrivateFile(m_options.path))
        qCWarning(lcStore, "vf::store: cannot make %s private", qPrintable(m_options.path));
    {
        QMutexLocker lock(&m_mutex);
        m_connections.insert(name);
    }
    t_connections.names.append(name);
    if (!db.open()) {
        setError(error,
                 QStringLiteral("cannot open %1: %2").arg(m_options.path, db.lastError().text()));
        return db;
    }
    if (!configure(db, error))
        db.close();
    return db;
}

bool Database::open(QString *error) {
    QSqlDatabase db = openConnection(error);
    if (!db.isOpen())
        return false;
    // journal_mode is the first statement that reads the file: a file that is not a
    // database fails here ("file is not a database").
    const QVariant mode = querySingleValue(db, QStringLiteral("PRAGMA journal_mode = WAL"), error);
    if (mode.toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        if (mode.isValid())
            setError(error, QStringLiteral("cannot switch %1 to WAL").arg(m_options.path));
        return false;
    }
    QSqlQuery check(db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check"))) {
        setError(error, QStringLiteral("quick_check failed on %1: %2")
                            .arg(m_options.path, check.lastError().text()));
        return false;
    }
    QStringList problems;
    while (check.next())
        problems.append(check.value(0).toString());
    check.finish();
    if (problems != QStringList{QStringLiteral("ok")}) {
        setError(error, QStringLiteral("%1 is damaged: %2")
                            .arg(m_options.path, problems.mid(0, 3).join(QStringLiteral("; "))));
        return false;
    }
    if (!migrate(db, error))
        return false;
    m_open = true;
    return true;
}

bool Database::isOpen() const {
    return m_open;
}

int Database::latestSchemaVersion() const {
    int latest = 0;
    for (const Migration &m : m_options.migrations)
        latest = std::max(latest, m.version);
    return latest;
}

int Database::schemaVersion() {
    const QVariant v =
        querySingleValue(connection(), QStringLiteral("PRAGMA user_version"), nullptr);
    return v.isValid() ? v.toInt() : -1;
}

bool Database::migrate(QSqlDatabase &db, QString *error) {
    for (const Migration &migration : m_options.migrations) {
        SqlTransaction tx(db);
        if (!tx.begin(error))
            return false;
        // Read inside the write lock: another process may have migrated meanwhile.
        const QVariant current = querySingleValue(db, QStringLiteral("PRAGMA user_version"), error);
        if (!current.isValid())
            return false;
        if (current.toInt() > latestSchemaVersion()) {
            setError(error, QStringLiteral("%1 has schema version %2, newer than this build (%3)")
                                .arg(m_options.path)
                                .arg(current.toInt())
                                .arg(latestSchemaVersion()));
            return false;
        }
        if (current.toInt() >= migration.version)
            continue;
        for (const QString &statement : migration.statements) {
            if (!execSql(db, statement, error))
                return false;
        }
        if (!execSql(db, QStringLiteral("PRAGMA user_version = %1").arg(migration.version), error))
            return false;
        if (!tx.commit(error))
            return false;
    }
    return true;
}

void Database::close() {
    QSet<QString> names;
    {
        QMutexLocker lock(&m_mutex);
        names.swap(m_connections);
        m_open = false;
    }
    // removeDatabase is thread-safe and closes the driver, whichever thread opened it.
    for (const QString &name : std::as_const(names))
        QSqlDatabase::removeDatabase(name);
}

} // namespace vf::store
