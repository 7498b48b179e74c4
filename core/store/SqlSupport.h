#pragma once
// Small helpers around QSqlQuery so every caller reports errors the same way: a failed
// statement gives false and a one-line error naming the statement.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace vf::store {

// Prepares sql on db; false (and *error) when it does not compile.
bool prepareSql(QSqlQuery &query, const QString &sql, QString *error);
// Executes a prepared query.
bool execPrepared(QSqlQuery &query, QString *error);
// Executes one statement without parameters.
bool execSql(const QSqlDatabase &db, const QString &sql, QString *error);
// The first column of the first row of a parameterless statement (invalid: none/error).
QVariant querySingleValue(const QSqlDatabase &db, const QString &sql, QString *error);

void setError(QString *error, const QString &message);

// Qt Sql binds a null QString as SQL NULL; NOT NULL text columns get '' instead.
QVariant sqlText(const QString &text);

// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() succeeded. IMMEDIATE takes the
// write lock up front, so two threads that read-then-write wait on the busy timeout
// instead of failing with SQLITE_BUSY half way through.
class SqlTransaction {
public:
    explicit SqlTransaction(const QSqlDatabase &db);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    bool begin(QString *error);
    bool commit(QString *error);

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

} // namespace vf::store
