#include "ReportSender.h"

#include "CloudJson.h"
#include "ReportOutbox.h"
#include "SyncLog.h"

#include <QDateTime>
#include <QJsonDocument>

namespace vf::sync {

using vf::store::AttemptOutcome;

namespace {
qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}
constexpr qint64 kMaxSleepMs = 5 * 60 * 1000;
} // namespace

ReportSender::ReportSender(vf::net::ApiClient &api, vf::store::ReportOutbox &outbox,
                           AutomationLog &log, QString account, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_outbox(outbox)
    , m_log(log)
    , m_account(std::move(account)) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ReportSender::sendDue);
}

void ReportSender::start() {
    m_running = true;
    sendDue();
}

void ReportSender::stop() {
    m_running = false;
    m_timer.stop();
    const auto calls = std::exchange(m_inFlight, {});
    for (vf::net::ApiCall *call : calls)
        call->cancel();
}

void ReportSender::kick() {
    if (m_running)
        QMetaObject::invokeMethod(this, &ReportSender::sendDue, Qt::QueuedConnection);
}

int ReportSender::pending() const {
    return int(m_outbox.pending(m_account).size());
}

void ReportSender::sendDue() {
    if (!m_running)
        return;
    const int room = kMaxInFlight - int(m_inFlight.size());
    if (room > 0) {
        // Ask for more than the room: some of the due ones may already be on their way.
        const QList<vf::store::QueuedReport> due =
            m_outbox.due(m_account, nowMs(), room + int(m_inFlight.size()));
        int started = 0;
        for (const vf::store::QueuedReport &queued : due) {
            if (started == room)
                break;
            const QString id = queued.report.reportId;
            if (m_inFlight.contains(id))
                continue;
            const QByteArray body =
                QJsonDocument(queued.report.toJson()).toJson(QJsonDocument::Compact);
            vf::net::ApiCall *call = m_api.postReport(body);
            m_inFlight.insert(id, call);
            const QString eventId = queued.report.eventId;
            connect(call, &vf::net::ApiCall::finished, this,
                    [this, call, id, eventId] { onAnswer(call, id, eventId); });
            ++started;
        }
    }
    schedule();
}

void ReportSender::onAnswer(vf::net::ApiCall *call, const QString &reportId,
                            const QString &eventId) {
    call->deleteLater();
    const auto it = m_inFlight.find(reportId);
    if (it == m_inFlight.end() || *it != call)
        return; // stopped: the report stays queued
    m_inFlight.erase(it);
    const vf::net::ApiResult &result = call->result();
    AttemptOutcome outcome;
    QString status;
    if (result.ok()) {
        const auto parsed = vf::net::parseReportStatus(result.body);
        status = parsed.value.value_or(result.httpStatus == 201 ? QStringLiteral("stored")
                                                                : QStringLiteral("duplicate"));
        outcome = AttemptOutcome::fromHttpStatus(result.httpStatus);
    } else if (result.error->kind == vf::net::ApiError::Kind::Http) {
        outcome = AttemptOutcome::fromHttpStatus(result.error->httpStatus,
                                                 vf::net::parseErrorMessage(result.body));
        if (outcome.message.isEmpty())
            outcome.message = result.error->describe();
    } else {
        // No answer, or 401: the session ended, not the report. Kept and retried, never
        // marked rejected for it.
        outcome = AttemptOutcome::networkError(result.error->describe());
    }
    QString error;
    if (!m_outbox.recordAttempt(reportId, outcome, nowMs(), &error))
        qCWarning(lcReports, "vf::sync: report %s attempt not recorded: %s", qPrintable(reportId),
                  qPrintable(error));
    if (outcome.kind == AttemptOutcome::Kind::Acknowledged) {
        m_log.reported(reportId, eventId, status);
        Q_EMIT acknowledged(reportId, eventId, status);
    } else {
        Q_EMIT attemptFailed(reportId, outcome.message,
                             outcome.kind == AttemptOutcome::Kind::RetryableFailure);
    }
    Q_EMIT pendingChanged(pending());
    sendDue();
}

void ReportSender::schedule() {
    if (!m_running)
        return;
    const vf::store::OutboxStats stats = m_outbox.stats(m_account);
    if (!stats.nextRetryAtMs) {
        m_timer.stop();
        return;
    }
    const qint64 wait = qBound<qint64>(0, *stats.nextRetryAtMs - nowMs(), kMaxSleepMs);
    // In flight and due now: the answer will call sendDue() again.
    if (wait == 0 && !m_inFlight.isEmpty())
        return;
    m_timer.start(int(wait));
}

} // namespace vf::sync
