#include "AutomationLog.h"

#include <QDateTime>
#include <QJsonDocument>

namespace vf::sync {

bool AutomationLog::open(const QString &path, QString *error) {
    QMutexLocker lock(&m_mutex);
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        *error =
            QStringLiteral("cannot open the automation log %1: %2").arg(path, m_file.errorString());
        return false;
    }
    return true;
}

bool AutomationLog::isEnabled() const {
    QMutexLocker lock(&m_mutex);
    return m_file.isOpen() || m_observer;
}

void AutomationLog::setObserver(std::function<void(const QJsonObject &)> observer) {
    QMutexLocker lock(&m_mutex);
    m_observer = std::move(observer);
}

void AutomationLog::signedIn(const QString &userId) {
    write({{QStringLiteral("type"), QStringLiteral("signed_in")},
           {QStringLiteral("user_id"), userId}});
}

void AutomationLog::displayed(const QString &eventId, const QString &deviceId, const QString &role,
                              const QByteArray &sha256) {
    write({{QStringLiteral("type"), QStringLiteral("displayed")},
           {QStringLiteral("event_id"), eventId},
           {QStringLiteral("device_id"), deviceId},
           {QStringLiteral("role"), role},
           {QStringLiteral("sha256"), QString::fromLatin1(sha256.toHex())}});
}

void AutomationLog::refused(const QString &eventId, const QString &deviceId, const QString &role,
                            const QString &reason) {
    write({{QStringLiteral("type"), QStringLiteral("refused")},
           {QStringLiteral("event_id"), eventId},
           {QStringLiteral("device_id"), deviceId},
           {QStringLiteral("role"), role},
           {QStringLiteral("reason"), reason}});
}

void AutomationLog::reported(const QString &reportId, const QString &eventId,
                             const QString &status) {
    write({{QStringLiteral("type"), QStringLiteral("reported")},
           {QStringLiteral("report_id"), reportId},
           // A report about a revocation list (cloud-api.md §5 v2) has no event.
           {QStringLiteral("event_id"),
            eventId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(eventId)},
           {QStringLiteral("status"), status}});
}

void AutomationLog::revocationStale(const vf::trust::RevocationStatus &status) {
    const QJsonValue none(QJsonValue::Null);
    write({{QStringLiteral("type"), QStringLiteral("revocation_stale")},
           {QStringLiteral("seq"), status.held ? QJsonValue(qint64(status.seq)) : none},
           {QStringLiteral("issued"), status.held ? QJsonValue(status.issued) : none}});
}

void AutomationLog::idle() {
    write({{QStringLiteral("type"), QStringLiteral("idle")}});
}

void AutomationLog::write(QJsonObject record) {
    // "t" first is only cosmetic (QJsonObject sorts keys); it is set under the lock so
    // that lines are in time order in the file.
    QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen() && !m_observer)
        return;
    record.insert(QStringLiteral("t"), QDateTime::currentMSecsSinceEpoch());
    if (m_file.isOpen()) {
        m_file.write(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
        m_file.flush();
    }
    if (m_observer)
        m_observer(record);
}

} // namespace vf::sync
