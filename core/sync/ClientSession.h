#pragma once
// One client on one data directory: sign-in with the identity check of trust.md §8, then
// for the signed-in account the revocation list, the event sync, the report sender and the
// display gate. U, the account every owner check compares against, is the `sub` of the
// verified identity token; the cloud's plain user_id must agree with it or the login is
// refused (identity_mismatch). No QML here: the app wraps this for its UI.
#include "ApiClient.h"
#include "AttestationVerifier.h"
#include "AutomationLog.h"
#include "BackoffPolicy.h"
#include "DeviceSync.h"
#include "EventSync.h"
#include "MediaVerifier.h"
#include "ReportSender.h"
#include "RevocationSync.h"
#include "VerificationMemo.h"
#include "VerifiedClipStream.h"
#include "VerifiedMediaGate.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

namespace vf::store {
class Store;
class SqliteRevocationState;
} // namespace vf::store

namespace vf::sync {

struct ClientOptions {
    QUrl server;
    QString dataDir;
    std::shared_ptr<const vf::trust::TrustAnchors> anchors;
    QString appVersion = QStringLiteral(VERIFRAME_VERSION);
    EventSync::Options sync;
    std::optional<vf::store::BackoffPolicy> reportBackoff; // default: 1 s up to 5 min
    int stallTimeoutMs = 15000;
    int revocationRefreshMs = RevocationSync::kRefreshIntervalMs; // tests shorten it
    // cloud-api.md §7 v2 (ApiClient::Options); tests shorten them.
    int jsonDeadlineMs = 60000;
    int mediaWindowMs = 15000;
    qint64 mediaMinBytesPerWindow = 16 * 1024;
    int getAttempts = 3;
    int retryBaseDelayMs = 500;
#ifdef VERIFRAME_BENCH_SEAMS
    // Benchmarks only: when set, the media pipeline (sync, display gate, clip streams) asks
    // this verifier instead of the session's AttestationMediaVerifier. Compiled only into
    // trees that build the benchmarks (VERIFRAME_BENCH_SEAMS), never into the packaged app;
    // only tests/bench link a check-free stand-in (to measure what the checks cost).
    std::shared_ptr<const MediaVerifier> verifierForBenchmarks;
#endif
    // The clock revocation freshness is judged by (trust.md §7 v2); tests move it forward.
    std::function<qint64()> nowSeconds = [] { return QDateTime::currentSecsSinceEpoch(); };
    int freshnessCheckMs = 60 * 1000; // how often a held list is checked for staleness
};

class ClientSession : public QObject {
    Q_OBJECT
public:
    enum class State {
        SignedOut, // nothing loaded; sign in
        SigningIn, // login sent, identity being checked
        Syncing,   // signed in; revocations, listing or thumbnails in progress
        Ready,     // signed in and idle: every listed item verified or refused
        Failed,    // sign-in refused or impossible; lastError() says why
    };
    Q_ENUM(State)

    explicit ClientSession(ClientOptions options, QObject *parent = nullptr);
    ~ClientSession() override;

    // Opens the data directory's store; false (and *error) when it cannot be used at all.
    bool open(QString *error);
    // The log every part writes to; disabled until the app opens a file or sets an observer.
    AutomationLog &automationLog() { return m_log; }

    void signIn(const QString &username, const QString &password);
    // Resumes a sign-in kept from an earlier run (cloud-api.md §1 v2): renews it with the
    // refresh token, checks the renewed identity like a login's (trust.md §8) and that it
    // names userId, then starts the account as a login does. Fails like a login:
    // session_expired (the cloud refused the refresh token: the password is needed),
    // identity_mismatch, or network (the refresh token is kept; resume again later).
    void resume(const QString &username, const QString &userId, const QByteArray &refreshToken);
    // A sign-in in progress is dropped (a cloud that never answers): back to SignedOut.
    void cancelSignIn();
    // Wipes this account's cached media and events; its queued reports stay and are sent
    // the next time it signs in.
    void signOut();
    // Revocations first (so nothing revoked is shown again), then the listing.
    void refresh();

    State state() const { return m_state; }
    QString userId() const { return m_userId; }
    QString username() const { return m_username; }
    QString lastError() const { return m_lastError; }
    QString lastErrorCode() const { return m_lastErrorCode; } // e.g. identity_mismatch
    bool isIdle() const { return m_state == State::Ready; }
    // Why the first sync of the signed-in account failed for good: its first listing page
    // could not be had (an answer never acceptable, or a retryable failure after the
    // call's retries). nullopt while it runs, once it succeeded, and when signed out.
    const std::optional<vf::net::ApiError> &firstSyncError() const { return m_firstSyncError; }

    vf::store::Store *store() { return m_store.get(); }
    vf::net::ApiClient &api() { return *m_api; }
    EventSync *events() { return m_events.get(); }
    // The account's cameras; fetched when asked (the app asks at sign-in and refresh).
    DeviceSync *devices() { return m_devices.get(); }
    ReportSender *reports() { return m_reports.get(); }
    RevocationSync *revocations() { return m_revocations.get(); }
    std::shared_ptr<VerifiedMediaGate> gate() const { return m_gate; }
    // A stream of the event's clip for the signed-in account (start() it); null when
    // signed out or the event is unknown to this account.
    std::unique_ptr<VerifiedClipStream> openClip(const vf::store::EventKey &key);
    vf::trust::AttestationVerifier &verifier() { return *m_verifier; }
    const MediaVerifier *mediaVerifier() const { return m_mediaVerifier.get(); }
    vf::trust::RevocationBook *revocationBook() { return m_revocationBook.get(); }
    // trust.md §7 v2: the held list is past next + 72 h (or issued + 7 days), or no list
    // could be had since sign-in. Verification goes on with what is held; people are told.
    bool revocationStale() const { return m_revocationStale; }
    vf::trust::RevocationStatus revocationStatus() const;
    const ClientOptions &options() const { return m_options; }

Q_SIGNALS:
    void stateChanged(vf::sync::ClientSession::State state);
    void signedIn(const QString &userId);
    void signInFailed(const QString &code, const QString &message);
    void idle();
    // See firstSyncError(); automation runs end on it (automation.md, cloud-api.md §7 v2).
    void firstSyncFailed(const vf::net::ApiError &error);
    void revocationStaleChanged(bool stale);
    // The session was renewed (cloud-api.md §1 v2): the refresh token to keep from now on
    // (the one before it no longer works).
    void sessionRenewed(const QByteArray &refreshToken);
    // After signOut(): the cloud answered DELETE /v1/session (revoked), or could not be
    // asked or reached (false). Nothing waits for it but a run that ends after signing out.
    void cloudSignOutFinished(bool revoked);

private:
    void onLogin(vf::net::ApiCall *call, const QString &username);
    void startAccount(const QString &userId, const QString &username);
    void stopAccount();
    // stopAccount, and the tokens forgotten: nothing more is sent in this sign-in's name.
    void endSession();
    void watchRenewals();
    void setState(State state);
    void fail(const QString &code, const QString &message);
    void checkIdle();
    void checkRevocationFreshness();
    void reportRevocationConflict(quint64 seq, const QByteArray &payloadSha256);
    SyncContext context();

    ClientOptions m_options;
    AutomationLog m_log;
    std::unique_ptr<vf::net::ApiClient> m_api;
    std::unique_ptr<vf::store::Store> m_store;
    vf::trust::VerificationMemo m_memo;
    std::unique_ptr<vf::trust::AttestationVerifier> m_verifier;
    std::unique_ptr<AttestationMediaVerifier> m_mediaVerifier;
    std::unique_ptr<vf::store::SqliteRevocationState> m_revocationState;
    std::unique_ptr<vf::trust::RevocationBook> m_revocationBook;

    // The signed-in account's parts.
    std::shared_ptr<VerifiedMediaGate> m_gate;
    std::unique_ptr<RevocationSync> m_revocations;
    std::unique_ptr<EventSync> m_events;
    std::unique_ptr<DeviceSync> m_devices;
    std::unique_ptr<ReportSender> m_reports;

    vf::net::ApiCall *m_login = nullptr;
    // The account a resume is for, until its first renewal is accepted.
    QString m_resumingUserId;
    State m_state = State::SignedOut;
    QString m_userId;
    QString m_username;
    QString m_lastError;
    QString m_lastErrorCode;
    bool m_listingStarted = false;
    std::optional<vf::net::ApiError> m_firstSyncError;
    QTimer m_freshnessTimer;
    bool m_revocationStale = false;
};

} // namespace vf::sync
