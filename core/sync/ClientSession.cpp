#include "ClientSession.h"

#include "CloudJson.h"
#include "IdentityToken.h"
#include "Store.h"
#include "SyncLog.h"

#include <QDateTime>

namespace vf::sync {

ClientSession::ClientSession(ClientOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    vf::net::ApiClient::Options api;
    api.baseUrl = m_options.server;
    api.stallTimeoutMs = m_options.stallTimeoutMs;
    api.jsonDeadlineMs = m_options.jsonDeadlineMs;
    api.mediaWindowMs = m_options.mediaWindowMs;
    api.mediaMinBytesPerWindow = m_options.mediaMinBytesPerWindow;
    api.getAttempts = m_options.getAttempts;
    api.retryBaseDelayMs = m_options.retryBaseDelayMs;
    m_api = std::make_unique<vf::net::ApiClient>(api);
    m_verifier = std::make_unique<vf::trust::AttestationVerifier>(m_options.anchors, &m_memo);
    m_mediaVerifier = std::make_unique<AttestationMediaVerifier>(*m_verifier);
    connect(&m_freshnessTimer, &QTimer::timeout, this, &ClientSession::checkRevocationFreshness);
    watchRenewals();
}

void ClientSession::watchRenewals() {
    vf::net::SessionRenewal &renewal = m_api->renewal();
    // trust.md §8 for every refresh too: the identity is checked like the login's, and it
    // must name the account signed in (cloud-api.md §1 v2); else the session is not ours.
    renewal.setAnswerCheck([this](const vf::net::LoginAnswer &answer) -> std::optional<QString> {
        const QString account = m_userId.isEmpty() ? m_resumingUserId : m_userId;
        if (account.isEmpty())
            return QStringLiteral("no account is signed in");
        const vf::trust::IdentityVerdict identity = vf::trust::verifyIdentityToken(
            answer.identity, m_username, *m_options.anchors, QDateTime::currentSecsSinceEpoch());
        if (!identity.valid)
            return identity.detail;
        if (identity.userId != account)
            return QStringLiteral("the renewed identity names another account");
        if (answer.userId != identity.userId)
            return QStringLiteral("the cloud named another account than its signed identity");
        return std::nullopt;
    });
    connect(&renewal, &vf::net::SessionRenewal::renewed, this,
            [this](const vf::net::LoginAnswer &answer) {
                Q_EMIT sessionRenewed(answer.refreshToken);
                if (!m_resumingUserId.isEmpty()) // checked: the identity names this account
                    startAccount(std::exchange(m_resumingUserId, {}), m_username);
            });
    connect(&renewal, &vf::net::SessionRenewal::unreachable, this,
            [this](const vf::net::ApiError &error) {
                if (m_resumingUserId.isEmpty())
                    return; // a signed-in session goes on while its token works
                m_resumingUserId.clear();
                m_username.clear();
                fail(QStringLiteral("network"), error.describe());
            });
    connect(&renewal, &vf::net::SessionRenewal::expired, this, [this] {
        if (!m_resumingUserId.isEmpty()) {
            m_resumingUserId.clear();
            m_username.clear();
            fail(QStringLiteral("session_expired"),
                 tr("The saved session has ended. Please sign in again."));
            return;
        }
        if (m_userId.isEmpty())
            return;
        // The events stay in the store (they are this account's, verified): only the
        // password is asked for again.
        endSession();
        fail(QStringLiteral("session_expired"),
             tr("Your session has ended. Please sign in again."));
    });
    connect(&renewal, &vf::net::SessionRenewal::refused, this, [this](const QString &reason) {
        if (m_userId.isEmpty() && m_resumingUserId.isEmpty())
            return;
        qCWarning(lcSync, "the renewed session was refused: %s", qPrintable(reason));
        endSession();
        fail(vf::trust::identityMismatchCode(),
             tr("The cloud could not prove who you are when the session was renewed (%1). "
                "You were signed out.")
                 .arg(reason));
    });
}

void ClientSession::endSession() {
    stopAccount();
    m_resumingUserId.clear();
    m_api->renewal().end();
    m_api->setToken({});
}

ClientSession::~ClientSession() {
    // The parts first: their workers use the store and the verifier.
    stopAccount();
    if (m_login)
        m_login->cancel();
}

bool ClientSession::open(QString *error) {
    if (!m_options.anchors) {
        *error = QStringLiteral("no trust anchors");
        return false;
    }
    m_store = vf::store::Store::open(m_options.dataDir, error);
    if (!m_store)
        return false;
    if (m_options.reportBackoff)
        m_store->outbox().setBackoffPolicy(*m_options.reportBackoff);
    m_revocationState = m_store->revocationState(m_options.anchors->fingerprint());
    m_revocationBook = std::make_unique<vf::trust::RevocationBook>(m_revocationState.get());
    // The persisted list is verified again and in force before anything is fetched.
    m_revocationBook->restore(*m_options.anchors, QDateTime::currentSecsSinceEpoch());
    m_verifier->setRevocations(m_revocationBook->current(), m_revocationBook->epoch());
    return true;
}

void ClientSession::signIn(const QString &username, const QString &password) {
    if (!m_store) {
        fail(QStringLiteral("store"), QStringLiteral("the data directory is not open"));
        return;
    }
    endSession(); // a resume in flight too: only the account typed may start
    if (m_login) {
        vf::net::ApiCall *old = std::exchange(m_login, nullptr);
        old->cancel();
    }
    m_lastError.clear();
    m_lastErrorCode.clear();
    setState(State::SigningIn);
    m_login = m_api->login(username, password);
    vf::net::ApiCall *call = m_login;
    connect(call, &vf::net::ApiCall::finished, this,
            [this, call, username] { onLogin(call, username); });
}

void ClientSession::resume(const QString &username, const QString &userId,
                           const QByteArray &refreshToken) {
    if (!m_store) {
        fail(QStringLiteral("store"), QStringLiteral("the data directory is not open"));
        return;
    }
    endSession();
    if (m_login) {
        vf::net::ApiCall *old = std::exchange(m_login, nullptr);
        old->cancel();
    }
    m_lastError.clear();
    m_lastErrorCode.clear();
    setState(State::SigningIn);
    m_username = username;
    m_resumingUserId = userId;
    m_api->renewal().begin(refreshToken, std::nullopt);
    m_api->renewal().renewNow();
}

void ClientSession::cancelSignIn() {
    if (!m_resumingUserId.isEmpty()) {
        endSession(); // drops the refresh in flight
        setState(State::SignedOut);
        return;
    }
    if (!m_login)
        return;
    vf::net::ApiCall *call = std::exchange(m_login, nullptr);
    call->cancel(); // its finished() finds m_login changed and does nothing
    setState(State::SignedOut);
}

void ClientSession::onLogin(vf::net::ApiCall *call, const QString &username) {
    call->deleteLater();
    if (call != m_login)
        return;
    m_login = nullptr;
    const vf::net::ApiResult &result = call->result();
    if (!result.ok()) {
        if (result.error->kind == vf::net::ApiError::Kind::Unauthorized)
            fail(QStringLiteral("bad_credentials"), tr("The username or password is not right."));
        else
            fail(QStringLiteral("network"), result.error->describe());
        return;
    }
    const auto answer = vf::net::parseLoginAnswer(result.body);
    if (!answer.value) {
        fail(QStringLiteral("malformed"),
             tr("The cloud's answer to the sign-in was not understood: %1").arg(answer.error));
        return;
    }
    const vf::trust::IdentityVerdict identity = vf::trust::verifyIdentityToken(
        answer.value->identity, username, *m_options.anchors, QDateTime::currentSecsSinceEpoch());
    if (!identity.valid) {
        fail(vf::trust::identityMismatchCode(),
             tr("The cloud could not prove who you are (%1). Nothing was loaded.")
                 .arg(identity.detail));
        return;
    }
    // The cloud's plain user_id is only its word; when it disagrees with the signed
    // identity, the cloud is confused about who we are: safer to load nothing.
    if (answer.value->userId != identity.userId) {
        fail(vf::trust::identityMismatchCode(),
             tr("The cloud named another account than its signed identity. Nothing was "
                "loaded."));
        return;
    }
    m_api->setToken(answer.value->token);
    m_api->renewal().begin(answer.value->refreshToken, answer.value->expiresAtMs);
    startAccount(identity.userId, username);
}

void ClientSession::startAccount(const QString &userId, const QString &username) {
    m_userId = userId;
    m_username = username;

    const SyncContext context = this->context();
    m_gate = std::make_shared<VerifiedMediaGate>(context);
    m_revocations = std::make_unique<RevocationSync>(*m_api, *m_revocationBook, *m_verifier);
    m_revocations->setRefreshInterval(m_options.revocationRefreshMs);
    m_events = std::make_unique<EventSync>(*m_api, context, m_options.sync);
    m_devices = std::make_unique<DeviceSync>(*m_api);
    m_reports = std::make_unique<ReportSender>(*m_api, m_store->outbox(), m_log, userId);

    connect(m_events.get(), &EventSync::reportQueued, m_reports.get(), &ReportSender::kick);
    connect(m_events.get(), &EventSync::idleChanged, this, [this] { checkIdle(); });
    connect(m_events.get(), &EventSync::listingFailed, this,
            [this](const vf::net::ApiError &error) {
                m_lastError = error.describe();
                if (!m_events->firstPageLoaded() && !m_firstSyncError &&
                    error.kind != vf::net::ApiError::Kind::Cancelled) {
                    m_firstSyncError = error;
                    Q_EMIT firstSyncFailed(error);
                }
                checkIdle();
            });
    connect(m_events.get(), &EventSync::pageLoaded, this, [this] { m_firstSyncError.reset(); });
    connect(m_revocations.get(), &RevocationSync::conflict, this,
            &ClientSession::reportRevocationConflict);
    connect(m_revocations.get(), &RevocationSync::finished, this, [this](bool changed) {
        checkRevocationFreshness();
        if (changed)
            m_events->revalidateCached(); // purge what the new list revokes, at once
        if (!m_listingStarted) {
            m_listingStarted = true;
            m_events->refresh();
        }
        checkIdle();
    });

    m_log.signedIn(userId);
    setState(State::Syncing);
    Q_EMIT signedIn(userId);
    m_store->auditQueuedReports(userId); // a run killed between report and audit line
    m_reports->start();                  // reports queued in an earlier run go first
    m_listingStarted = false;
    m_revocations->fetch();
}

vf::trust::RevocationStatus ClientSession::revocationStatus() const {
    return m_revocationBook ? m_revocationBook->status(m_options.nowSeconds())
                            : vf::trust::RevocationStatus{};
}

void ClientSession::checkRevocationFreshness() {
    if (m_userId.isEmpty())
        return;
    // From the end of the first fetch of this sign-in on: before it, "nothing held" only
    // means "not asked yet".
    if (!m_freshnessTimer.isActive())
        m_freshnessTimer.start(m_options.freshnessCheckMs);
    const vf::trust::RevocationStatus status = revocationStatus();
    if (status.stale == m_revocationStale)
        return;
    m_revocationStale = status.stale;
    if (status.stale)
        m_log.revocationStale(status);
    Q_EMIT revocationStaleChanged(status.stale);
}

void ClientSession::reportRevocationConflict(quint64 seq, const QByteArray &payloadSha256) {
    const vf::store::EnqueueResult queued = m_store->outbox().enqueue(
        m_userId,
        vf::store::IntegrityReport::revocationConflict(
            seq, payloadSha256, QDateTime::currentMSecsSinceEpoch(), m_options.appVersion),
        QDateTime::currentMSecsSinceEpoch());
    if (!queued.report) {
        qCWarning(lcRevocations, "vf::sync: the revocation conflict could not be queued: %s",
                  qPrintable(queued.error));
        return;
    }
    if (!queued.created)
        return; // this payload was reported when it was first refused
    m_log.reported(queued.report->reportId, QString(), QStringLiteral("queued"));
    m_reports->kick();
}

SyncContext ClientSession::context() {
    SyncContext context;
    context.account = m_userId;
    context.store = m_store.get();
#ifdef VERIFRAME_BENCH_SEAMS
    context.verifier = m_options.verifierForBenchmarks ? m_options.verifierForBenchmarks.get()
                                                       : m_mediaVerifier.get();
#else
    context.verifier = m_mediaVerifier.get();
#endif
    context.log = &m_log;
    context.appVersion = m_options.appVersion;
    return context;
}

std::unique_ptr<VerifiedClipStream> ClientSession::openClip(const vf::store::EventKey &key) {
    if (m_userId.isEmpty() || !m_store)
        return nullptr;
    const auto event = m_store->events().find(m_userId, key);
    if (!event)
        return nullptr;
    return std::make_unique<VerifiedClipStream>(*m_api, context(), *event);
}

void ClientSession::refresh() {
    if (!m_events)
        return;
    setState(State::Syncing);
    m_listingStarted = true;
    m_revocations->fetch();
    m_events->refresh();
    m_reports->kick();
}

void ClientSession::signOut() {
    const QString account = m_userId;
    if (!m_api->token().isEmpty()) {
        // cloud-api.md §1 v2: the cloud revokes this token and the sign-in's refresh token.
        // Not waited for: unreachable, the refresh token is forgotten here all the same.
        vf::net::ApiCall *call = m_api->deleteSession();
        connect(call, &vf::net::ApiCall::finished, this, [this, call] {
            call->deleteLater();
            Q_EMIT cloudSignOutFinished(call->result().ok());
        });
    } else {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT cloudSignOutFinished(false); }, Qt::QueuedConnection);
    }
    endSession();
    if (!account.isEmpty() && m_store) {
        QString error;
        if (!m_store->signOut(account, &error))
            qCWarning(lcSync, "vf::sync: sign-out wipe incomplete: %s", qPrintable(error));
    }
    setState(State::SignedOut);
}

void ClientSession::stopAccount() {
    if (m_gate)
        m_gate->close(); // waits for displays in progress on other threads
    if (m_reports)
        m_reports->stop();
    m_events.reset();  // cancels fetches and joins its workers
    m_devices.reset(); // cancels its fetch: no list of this account reaches the next
    m_reports.reset();
    m_revocations.reset();
    m_gate.reset();
    m_userId.clear();
    m_username.clear();
    m_listingStarted = false;
    m_firstSyncError.reset();
    m_freshnessTimer.stop();
    if (m_revocationStale) {
        m_revocationStale = false;
        Q_EMIT revocationStaleChanged(false);
    }
}

void ClientSession::checkIdle() {
    if (m_state != State::Syncing && m_state != State::Ready)
        return;
    const bool idle = m_events && m_events->isIdle() && !m_revocations->isFetching();
    if (idle && m_state != State::Ready) {
        setState(State::Ready);
        m_log.idle();
        Q_EMIT this->idle();
    } else if (!idle && m_state == State::Ready) {
        setState(State::Syncing);
    }
}

void ClientSession::setState(State state) {
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ClientSession::fail(const QString &code, const QString &message) {
    m_lastErrorCode = code;
    m_lastError = message;
    setState(State::Failed);
    Q_EMIT signInFailed(code, message);
}

} // namespace vf::sync
