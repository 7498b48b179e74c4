#include "RevocationSync.h"

#include "SyncLog.h"

#include <QDateTime>

namespace vf::sync {

using Outcome = vf::trust::RevocationBook::Outcome;

RevocationSync::RevocationSync(vf::net::ApiClient &api, vf::trust::RevocationBook &book,
                               vf::trust::AttestationVerifier &verifier, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_book(book)
    , m_verifier(verifier) {
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &RevocationSync::fetch);
}

void RevocationSync::scheduleNext(bool failed) {
    m_refreshTimer.start(failed ? qMin(m_refreshIntervalMs, kRetryAfterFailureMs)
                                : m_refreshIntervalMs);
}

void RevocationSync::refuse(const QString &outcome) {
    m_lastOutcome = outcome;
    m_lastRefusal = Refusal{outcome, QDateTime::currentMSecsSinceEpoch()};
    qCWarning(lcRevocations, "revocation list refused, the held list stays in force: %s",
              qPrintable(outcome));
    Q_EMIT rejected(outcome);
}

void RevocationSync::fetch() {
    if (m_call)
        return;
    m_refreshTimer.stop(); // rescheduled when this fetch ends
    m_call = m_api.revocations();
    vf::net::ApiCall *call = m_call;
    connect(call, &vf::net::ApiCall::finished, this, [this, call] { onAnswer(call); });
}

void RevocationSync::onAnswer(vf::net::ApiCall *call) {
    call->deleteLater();
    if (call != m_call)
        return;
    m_call = nullptr;
    const vf::net::ApiResult &result = call->result();
    if (!result.ok()) {
        // The list in force stays: a failed fetch never un-revokes anything.
        m_lastOutcome = QStringLiteral("fetch failed: %1").arg(result.error->describe());
        scheduleNext(true);
        Q_EMIT failed(*result.error);
        Q_EMIT finished(false);
        return;
    }
    const auto update =
        m_book.offer(result.body, *m_verifier.anchors(), QDateTime::currentSecsSinceEpoch());
    const bool refused =
        update.outcome != Outcome::Accepted && update.outcome != Outcome::Unchanged;
    scheduleNext(refused);
    switch (update.outcome) {
    case Outcome::Accepted:
        m_verifier.setRevocations(m_book.current(), m_book.epoch());
        m_lastOutcome = QStringLiteral("seq %1 accepted").arg(update.seq);
        Q_EMIT accepted(update.seq);
        Q_EMIT finished(true);
        return;
    case Outcome::Unchanged:
        m_lastOutcome = QStringLiteral("seq %1 unchanged").arg(update.seq);
        break;
    case Outcome::RejectedInvalid:
        refuse(QStringLiteral("invalid list refused: %1").arg(update.detail));
        break;
    case Outcome::RejectedRollback:
        refuse(QStringLiteral("rollback refused: %1").arg(update.detail));
        break;
    case Outcome::RejectedConflict:
        // trust.md §7 v2: the held list stays; the conflict is for a revocation_conflict
        // report (cloud-api.md §5 v2) with the refused payload's SHA-256.
        refuse(QStringLiteral("conflicting list refused: %1").arg(update.detail));
        Q_EMIT conflict(update.seq, update.payloadSha256);
        break;
    }
    Q_EMIT finished(false);
}

} // namespace vf::sync
