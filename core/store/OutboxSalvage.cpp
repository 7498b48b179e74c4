#include "OutboxSalvage.h"

#include "SqlSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QTemporaryDir>
#include <QThread>

namespace vf::store {

namespace {

// Reads rows until the first error; a damaged page ends a scan, so the table is read
// from both ends and the gap between is probed row by row.
class ReportReader {
public:
    explicit ReportReader(const QSqlDatabase &db)
        : m_db(db) {}

    void scan(bool descending) {
        QSqlQuery q(m_db);
        const QString sql =
            QStringLiteral("SELECT %1 FROM reports ORDER BY rowid %2")
                .arg(QStringLiteral("rowid, %1").arg(QLatin1String(kQueuedReportColumns)),
                     descending ? QStringLiteral("DESC") : QStringLiteral("ASC"));
        if (!q.exec(sql)) {
            note(q.lastError().text());
            return;
        }
        while (q.next())
            take(q);
        if (q.lastError().isValid())
            note(q.lastError().text());
    }

    // Point lookups for the rowids no scan reached, bounded so a huge bogus rowid range
    // in a damaged file cannot keep the app from starting.
    void probeGaps(qint64 maxProbes) {
        if (m_rows.isEmpty())
            return;
        qint64 probes = 0;
        QList<qint64> seen = m_rows.keys();
        std::sort(seen.begin(), seen.end());
        for (qsizetype i = 0; i + 1 < seen.size() && probes < maxProbes; ++i) {
            for (qint64 rowid = seen[i] + 1; rowid < seen[i + 1] && probes < maxProbes; ++rowid) {
                ++probes;
                QSqlQuery q(m_db);
                if (!q.prepare(QStringLiteral("SELECT %1 FROM reports WHERE rowid = ?")
                                   .arg(QStringLiteral("rowid, %1")
                                            .arg(QLatin1String(kQueuedReportColumns)))))
                    return;
                q.addBindValue(rowid);
                if (q.exec() && q.next())
                    take(q);
            }
        }
    }

    QList<QueuedReport> reports() const { return m_rows.values(); }
    QString problems() const { return m_problems.join(QStringLiteral("; ")); }

private:
    void take(const QSqlQuery &q) {
        const QueuedReport r = queuedReportFromRow(q, 1);
        if (!r.report.reportId.isEmpty() && !r.account.isEmpty())
            m_rows.insert(q.value(0).toLongLong(), r);
    }
    void note(const QString &problem) {
        if (!m_problems.contains(problem))
            m_problems.append(problem);
    }

    QSqlDatabase m_db;
    QHash<qint64, QueuedReport> m_rows;
    QStringList m_problems;
};

bool copyRevocationState(const QSqlDatabase &from, Database &target) {
    QSqlQuery q(from);
    if (!q.exec(QStringLiteral("SELECT id, anchors_fingerprint, seq, list, accepted_at"
                               " FROM revocation_state WHERE id = 1")) ||
        !q.next())
        return false;
    QSqlQuery insert(target.connection());
    if (!insert.prepare(QStringLiteral("INSERT OR REPLACE INTO revocation_state (id,"
                                       " anchors_fingerprint, seq, list, accepted_at)"
                                       " VALUES (1, ?, ?, ?, ?)")))
        return false;
    for (int i = 1; i <= 4; ++i)
        insert.addBindValue(q.value(i));
    return insert.exec();
}

} // namespace

SalvageResult salvageOutbox(const QString &damagedPath, Database &target, ReportOutbox &outbox) {
    SalvageResult result;
    QTemporaryDir scratch(QFileInfo(damagedPath).absolutePath() +
                          QStringLiteral("/salvage-XXXXXX"));
    if (!scratch.isValid()) {
        result.problems =
            QStringLiteral("cannot create a scratch folder next to %1").arg(damagedPath);
        return result;
    }
    const QString copy = scratch.filePath(QStringLiteral("outbox.sqlite"));
    if (!QFile::copy(damagedPath, copy)) {
        result.problems = QStringLiteral("cannot copy %1").arg(damagedPath);
        return result;
    }
    if (QFile::exists(damagedPath + QStringLiteral("-wal")))
        QFile::copy(damagedPath + QStringLiteral("-wal"), copy + QStringLiteral("-wal"));

    const QString name = QStringLiteral("vf-store-salvage/%1/%2")
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
                             .arg(copy);
    QList<QueuedReport> found;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(copy);
        if (db.open()) {
            ReportReader reader(db);
            reader.scan(false);
            reader.scan(true);
            reader.probeGaps(100000);
            found = reader.reports();
            result.problems = reader.problems();
            result.revocationStateCopied = copyRevocationState(db, target);
            db.close();
        } else {
            result.problems = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);

    result.reportsFound = int(found.size());
    for (const QueuedReport &r : std::as_const(found)) {
        if (outbox.insertSalvaged(r, nullptr))
            ++result.reportsCopied;
    }
    return result;
}

} // namespace vf::store
