#pragma once
// Drains the durable outbox of one account to POST /v1/integrity-reports. The outbox, not
// this class, is the source of truth: a report is there before it is first sent and leaves
// only on 200/201, so a crash, kill -9 or a long outage only delays it. The cloud's
// report_id idempotency makes a re-send after a lost answer harmless (200 "duplicate").
// Network errors and 5xx back off exponentially with jitter (the outbox's BackoffPolicy).
#include "ApiClient.h"
#include "AutomationLog.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace vf::store {
class ReportOutbox;
}

namespace vf::sync {

class ReportSender : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxInFlight = 4;

    ReportSender(vf::net::ApiClient &api, vf::store::ReportOutbox &outbox, AutomationLog &log,
                 QString account, QObject *parent = nullptr);

    void start(); // sends what is due now, then keeps the outbox drained
    void stop();  // drops unanswered sends: their reports stay queued and go next time
    void kick();  // a report was queued: send now rather than at the next timer

    int inFlight() const { return int(m_inFlight.size()); }
    int pending() const; // still in the outbox for this account (rejected ones included)
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void acknowledged(const QString &reportId, const QString &eventId, const QString &status);
    void attemptFailed(const QString &reportId, const QString &message, bool willRetry);
    void pendingChanged(int pending);

private:
    void sendDue();
    void onAnswer(vf::net::ApiCall *call, const QString &reportId, const QString &eventId);
    void schedule();

    vf::net::ApiClient &m_api;
    vf::store::ReportOutbox &m_outbox;
    AutomationLog &m_log;
    QString m_account;
    QTimer m_timer;
    QHash<QString, vf::net::ApiCall *> m_inFlight;
    bool m_running = false;
};

} // namespace vf::sync
