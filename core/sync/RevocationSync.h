#pragma once
// Fetches the revocation list (trust.md §7) at sign-in and on every refresh and offers it
// to the RevocationBook, which keeps the highest accepted seq and refuses rollbacks and
// invalid lists. A newly accepted list goes to the verifier at once (its epoch changes, so
// no memoised result from before it is reused) and revoked() fires so that what it revokes
// is purged from the cache and the model. While the account is signed in the list is fetched
// again every refresh interval (cloud-api.md §6: at least hourly), so a revocation reaches a
// client that stays open for days; a failed fetch is tried again sooner.
#include "ApiClient.h"
#include "AttestationVerifier.h"
#include "RevocationList.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace vf::sync {

class RevocationSync : public QObject {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 60 * 60 * 1000;  // cloud-api.md §6
    static constexpr int kRetryAfterFailureMs = 5 * 60 * 1000; // a failed or refused fetch

    RevocationSync(vf::net::ApiClient &api, vf::trust::RevocationBook &book,
                   vf::trust::AttestationVerifier &verifier, QObject *parent = nullptr);

    // Every fetch, however it ends, schedules the next one after this interval (failures
    // after min(interval, kRetryAfterFailureMs)). Tests shorten it.
    void setRefreshInterval(int ms) { m_refreshIntervalMs = ms; }

    void fetch();
    bool isFetching() const { return m_call != nullptr; }
    // What the last fetch did, for diagnostics ("seq 4 accepted", "rollback refused"...).
    QString lastOutcome() const { return m_lastOutcome; }
    // trust.md §7 v2: a list the client cannot accept never silently turns revocation off.
    // The last one refused (invalid, over 4 MiB, a rollback, a conflict): why and when, kept
    // for diagnostics after later fetches say "unchanged"; also written to the log.
    struct Refusal {
        QString reason;
        qint64 atMs = 0;
    };
    std::optional<Refusal> lastRefusal() const { return m_lastRefusal; }

Q_SIGNALS:
    void accepted(quint64 seq);  // a new list is in force
    void finished(bool changed); // each fetch ends with this, whatever happened
    void rejected(const QString &detail);
    // v2: a list under the held seq with another payload (refused; the held list stays).
    void conflict(quint64 seq, const QByteArray &payloadSha256);
    void failed(const vf::net::ApiError &error);

private:
    void onAnswer(vf::net::ApiCall *call);

    vf::net::ApiClient &m_api;
    vf::trust::RevocationBook &m_book;
    vf::trust::AttestationVerifier &m_verifier;
    void scheduleNext(bool failed);
    void refuse(const QString &outcome);

    vf::net::ApiCall *m_call = nullptr;
    QString m_lastOutcome;
    std::optional<Refusal> m_lastRefusal;
    QTimer m_refreshTimer;
    int m_refreshIntervalMs = kRefreshIntervalMs;
};

} // namespace vf::sync
