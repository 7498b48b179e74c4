#include "SqlSupport.h"

#include <QSqlError>

namespace vf::store {

void setError(QString *error, const QString &message) {
    if (error)
        *error = message;
}

QVariant sqlText(const QString &text) {
    return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
}

static QString describe(const QSqlQuery &query, const QString &sql) {
    return QStringLiteral("%1 (in: %2)").arg(query.lastError().text(), sql.simplified().left(120));
}

bool prepareSql(QSqlQuery &query, const QString &sql, QString *error) {
    if (query.prepare(sql))
        return true;
    setError(error, describe(query, sql));
    return false;
}

bool execPrepared(QSqlQuery &query, QString *error) {
    if (query.exec())
        return true;
    setError(error, describe(query, query.lastQuery()));
    return false;
}

bool execSql(const QSqlDatabase &db, const QString &sql, QString *error) {
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    setError(error, describe(query, sql));
    return false;
}

QVariant querySingleValue(const QSqlDatabase &db, const QString &sql, QString *error) {
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        setError(error, describe(query, sql));
        return {};
    }
    if (!query.next()) {
        if (query.lastError().isValid())
            setError(error, describe(query, sql));
        return {};
    }
    return query.value(0);
}

SqlTransaction::SqlTransaction(const QSqlDatabase &db)
    : m_db(db) {}

SqlTransaction::~SqlTransaction() {
    if (m_open)
        execSql(m_db, QStringLiteral("ROLLBACK"), nullptr);
}

bool SqlTransaction::begin(QString *error) {
    m_open = execSql(m_db, QStringLiteral("BEGIN IMMEDIATE"), error);
    return m_open;
}

bool SqlTransaction::commit(QString *error) {
    if (!m_open)
        return false;
    if (!execSql(m_db, QStringLiteral("COMMIT"), error))
        return false; // the destructor rolls back
    m_open = false;
    return true;
}

} // namespace vf::store
