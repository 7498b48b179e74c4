#pragma once
// The cloud's SQLite file: schema, migrations (PRAGMA user_version) and one connection per
// thread. QSqlDatabase connections may only be used on the thread that opened them, and the
// API answers on worker threads, so each thread gets its own connection, opened lazily and
// named by this database instance and a never-reused per-thread number.
#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace vf::cloud {

class CloudDatabase {
public:
    static constexpr int kSchemaVersion = 2;

    explicit CloudDatabase(QString path);
    ~CloudDatabase(); // closes every connection; no thread may still be using one
    CloudDatabase(const CloudDatabase &) = delete;
    CloudDatabase &operator=(const CloudDatabase &) = delete;

    // Creates or migrates the schema on the calling thread; an error sentence or empty.
    QString migrate();

    // The calling thread's connection (opened on first use, WAL, busy timeout). Check
    // isOpen(): a failed open gives a closed connection and a qWarning.
    QSqlDatabase connection();

    QString path() const { return m_path; }

private:
    QString m_path;
    QString m_prefix;
    QMutex m_mutex;
    QStringList m_connectionNames;
};

} // namespace vf::cloud
