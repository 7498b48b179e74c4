#include "E2eClient.h"

#include "Store.h"
#include "ThreadHandoff.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QImage>
#include <QTest>

namespace vf::e2e {

E2eClient::E2eClient(const QUrl &server, const QString &dataDir,
                     std::shared_ptr<const vf::trust::TrustAnchors> anchors,
                     const std::function<void(vf::sync::ClientOptions &)> &tune) {
    vf::sync::ClientOptions options;
    options.server = server;
    options.dataDir = dataDir;
    options.anchors = std::move(anchors);
    if (tune)
        tune(options);
    m_session = std::make_unique<vf::sync::ClientSession>(options);
    QString error;
    if (!m_session->open(&error))
        qFatal("cannot open the client store: %s", qPrintable(error));
    // Records arrive from worker threads too; the test reads them after waiting, on the
    // main thread, so they are appended under a queued hop (postTo: visible to TSan).
    m_session->automationLog().setObserver([this](const QJsonObject &record) {
        vf::threading::postTo(m_session.get(), [this, record] { m_records << record; });
    });
}

QString E2eClient::signIn(const QString &username, const QString &password, int timeoutMs) {
    m_session->signIn(username, password);
    return waitIdle(timeoutMs);
}

QString E2eClient::waitIdle(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_session->state() == vf::sync::ClientSession::State::Failed)
            return QStringLiteral("%1: %2").arg(m_session->lastErrorCode(), m_session->lastError());
        if (m_session->isIdle()) {
            QTest::qWait(20); // let queued records arrive
            return {};
        }
        QTest::qWait(20);
    }
    return QStringLiteral("not idle after %1 ms (state %2, last error %3)")
        .arg(timeoutMs)
        .arg(int(m_session->state()))
        .arg(m_session->lastError());
}

QHash<QString, QByteArray> E2eClient::displayAll() {
    QHash<QString, QByteArray> shown;
    const QString account = m_session->userId();
    const auto events = m_session->store()->events().page(account, {}, std::nullopt, 1000000);
    for (const vf::store::StoredEvent &e : events) {
        m_session->gate()->releaseThumbnail(e.key(), [&](const QByteArray &bytes) {
            if (QImage::fromData(bytes, "JPEG").isNull())
                qWarning("a released thumbnail does not decode: %s", qPrintable(e.id));
            shown.insert(e.id, QCryptographicHash::hash(bytes, QCryptographicHash::Sha256));
        });
    }
    QTest::qWait(20);
    return shown;
}

bool E2eClient::waitDrained(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_session->reports() && m_session->reports()->pending() == 0 &&
            m_session->reports()->inFlight() == 0) {
            QTest::qWait(20);
            return true;
        }
        QTest::qWait(50);
    }
    return false;
}

QList<QJsonObject> E2eClient::recordsOfType(const QString &type) const {
    QList<QJsonObject> out;
    for (const QJsonObject &r : m_records)
        if (r.value(QStringLiteral("type")).toString() == type)
            out << r;
    return out;
}

QSet<QString> E2eClient::eventsWith(const QString &type) const {
    QSet<QString> out;
    for (const QJsonObject &r : recordsOfType(type))
        out.insert(r.value(QStringLiteral("event_id")).toString());
    return out;
}

} // namespace vf::e2e
