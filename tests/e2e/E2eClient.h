#pragma once
// One client core (ClientSession) on its own data directory, driven synchronously by a
// test: sign in and wait until idle, show every verified thumbnail through the display
// gate (as the image provider does), wait for the outbox to drain. The automation log's
// records are kept in memory for assertions.
#include "ClientSession.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <functional>

#include <functional>

namespace vf::e2e {

class E2eClient {
public:
    // tune, when given, adjusts the client's options (shorter intervals for a test).
    E2eClient(const QUrl &server, const QString &dataDir,
              std::shared_ptr<const vf::trust::TrustAnchors> anchors,
              const std::function<void(vf::sync::ClientOptions &)> &tune = {});

    vf::sync::ClientSession &session() { return *m_session; }
    // Signs in and waits until idle; empty on success, else why not.
    QString signIn(const QString &username, const QString &password, int timeoutMs = 90000);
    QString waitIdle(int timeoutMs = 90000);
    // Every verified event of the account, shown through the gate: event → SHA-256 of the
    // bytes the decoder got. Each must decode as a JPEG.
    QHash<QString, QByteArray> displayAll();
    bool waitDrained(int timeoutMs = 60000);

    const QList<QJsonObject> &records() const { return m_records; }
    void clearRecords() { m_records.clear(); }
    QList<QJsonObject> recordsOfType(const QString &type) const;
    QSet<QString> eventsWith(const QString &type) const;

private:
    std::unique_ptr<vf::sync::ClientSession> m_session;
    QList<QJsonObject> m_records;
};

} // namespace vf::e2e
