#include "SessionKeeper.h"

#include "AppLog.h"
#include "Store.h"

namespace vf::app {

using vf::secrets::SecretStoreStatus;
using vf::secrets::SessionAccount;

SessionKeeper::SessionKeeper(vf::sync::ClientSession &session,
                             vf::secrets::RefreshTokenVault &vault, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_vault(vault) {
    connect(&m_session, &vf::sync::ClientSession::signedIn, this, &SessionKeeper::onSignedIn);
    connect(&m_session, &vf::sync::ClientSession::signInFailed, this,
            [this](const QString &code) { onSignInFailed(code); });
    // Every renewal rotates the refresh token: the kept one is replaced at once, or the next
    // run would present a used token (a replay, which ends the sign-in at the cloud).
    connect(&m_session, &vf::sync::ClientSession::sessionRenewed, this,
            [this](const QByteArray &refreshToken) {
                if (m_kept && !m_session.userId().isEmpty())
                    keep(refreshToken);
            });
    connect(&m_vault, &vf::secrets::RefreshTokenVault::accountsListed, this,
            &SessionKeeper::onListed);
    connect(&m_vault, &vf::secrets::RefreshTokenVault::loaded, this, &SessionKeeper::onLoaded);
    connect(&m_vault, &vf::secrets::RefreshTokenVault::stored, this,
            [this](const SessionAccount &, SecretStoreStatus status) { noteStatus(status); });
}

void SessionKeeper::resumeKept(const QString &username) {
    m_signingOut = false;
    lookUp(username);
}

void SessionKeeper::signOutKept(const QString &username) {
    m_signingOut = true;
    lookUp(username);
}

void SessionKeeper::cancelResume() {
    m_lookingFor.reset();
    m_loading.reset();
    if (std::exchange(m_resuming, false))
        m_kept.reset();
}

void SessionKeeper::signOut() {
    m_session.signOut();
    forgetKept();
}

void SessionKeeper::lookUp(const QString &username) {
    m_lookingFor = username.trimmed();
    m_vault.listAccounts();
}

void SessionKeeper::onListed(const QList<SessionAccount> &accounts, SecretStoreStatus status) {
    if (!m_lookingFor)
        return;
    const QString username = *std::exchange(m_lookingFor, std::nullopt);
    if (status != SecretStoreStatus::Ok && status != SecretStoreStatus::NotFound) {
        noteStatus(status);
        if (m_signingOut)
            finishSignOut(false);
        else
            Q_EMIT resumeLookedUp(ResumeOutcome::NoStore);
        return;
    }
    const QString origin = SessionAccount::atServer(m_session.options().server, {}).origin;
    // The one signed in last comes last: search from the end.
    for (auto it = accounts.crbegin(); it != accounts.crend(); ++it) {
        if (it->origin != origin)
            continue;
        if (!username.isEmpty() && it->username.compare(username, Qt::CaseInsensitive) != 0)
            continue;
        m_loading = *it;
        m_vault.load(*it);
        return;
    }
    if (m_signingOut)
        finishSignOut(false);
    else
        Q_EMIT resumeLookedUp(ResumeOutcome::NothingKept);
}

void SessionKeeper::onLoaded(const SessionAccount &account, SecretStoreStatus status,
                             const QByteArray &refreshToken) {
    if (!m_loading || !(*m_loading == account))
        return;
    const SessionAccount found = *std::exchange(m_loading, std::nullopt);
    if (status != SecretStoreStatus::Ok || refreshToken.isEmpty()) {
        if (status != SecretStoreStatus::NotFound)
            noteStatus(status);
        if (m_signingOut) {
            // Its data goes even without a token to revoke.
            m_kept = found;
            if (m_session.store())
                m_session.store()->signOut(found.userId, nullptr);
            forgetKept();
            finishSignOut(true);
            return;
        }
        Q_EMIT resumeLookedUp(status == SecretStoreStatus::NotFound ? ResumeOutcome::NothingKept
                                                                    : ResumeOutcome::NoStore);
        return;
    }
    m_kept = found;
    m_resuming = true;
    if (!m_signingOut)
        Q_EMIT resumeLookedUp(ResumeOutcome::Resuming);
    m_session.resume(found.username, found.userId, refreshToken);
}

void SessionKeeper::onSignedIn(const QString &userId) {
    // A resume whose account started (the identity was checked to name it, trust.md §8).
    if (std::exchange(m_resuming, false) && m_kept && m_kept->userId == userId) {
        // The resume's renewal rotated the token (sessionRenewed came before the account
        // started): keep the new one.
        keep(m_session.api().renewal().refreshToken());
        if (m_signingOut) {
            // After the account has started (this runs inside signedIn): DELETE
            // /v1/session, the data wiped, the token removed.
            QMetaObject::invokeMethod(
                this,
                [this] {
                    // The run ends after this: the DELETE is waited for (revoked, or the
                    // cloud could not be reached; the data and the token go either way).
                    connect(
                        &m_session, &vf::sync::ClientSession::cloudSignOutFinished, this,
                        [this] { finishSignOut(true); }, Qt::SingleShotConnection);
                    signOut();
                },
                Qt::QueuedConnection);
        }
        return;
    }
    const SessionAccount account =
        SessionAccount::atServer(m_session.options().server, userId, m_session.username());
    if (!m_remember) {
        // Not to be kept: nor may an older kept session of this account stay behind.
        m_kept.reset();
        m_vault.remove(account);
        return;
    }
    m_kept = account;
    keep(m_session.api().renewal().refreshToken());
}

void SessionKeeper::onSignInFailed(const QString &code) {
    const bool resuming = std::exchange(m_resuming, false);
    // Ended by the cloud, or refused: the kept token is of no more use, or not to be trusted.
    const bool dead =
        code == QLatin1String("session_expired") || code == QLatin1String("identity_mismatch");
    if (m_signingOut && resuming) {
        // Unreachable or refused: the data and the token go all the same.
        if (m_kept && m_session.store())
            m_session.store()->signOut(m_kept->userId, nullptr);
        forgetKept();
        finishSignOut(true);
        return;
    }
    if (dead)
        forgetKept();
}

void SessionKeeper::keep(const QByteArray &refreshToken) {
    if (!m_kept || refreshToken.isEmpty())
        return; // a v1 cloud gives none: nothing to keep
    SessionAccount account = *m_kept;
    m_vault.store(account, refreshToken);
}

void SessionKeeper::forgetKept() {
    if (const auto kept = std::exchange(m_kept, std::nullopt))
        m_vault.remove(*kept);
}

void SessionKeeper::finishSignOut(bool found) {
    m_signingOut = false;
    // The vault runs its operations in order: once this listing answers, the removal asked
    // before it is done.
    connect(
        &m_vault, &vf::secrets::RefreshTokenVault::accountsListed, this,
        [this, found] { Q_EMIT signedOutKept(found); }, Qt::SingleShotConnection);
    m_vault.listAccounts();
}

void SessionKeeper::noteStatus(SecretStoreStatus status) {
    QString problem;
    switch (status) {
    case SecretStoreStatus::Ok:
    case SecretStoreStatus::NotFound:
        break;
    case SecretStoreStatus::Denied:
        problem = tr("The system's keyring refused to keep the session (it may be locked): "
                     "the password will be asked next time.");
        break;
    case SecretStoreStatus::Unavailable:
        problem = tr("This system has no keyring Veriframe can use, so it cannot keep you "
                     "signed in: the password will be asked next time.");
        break;
    }
    if (!problem.isEmpty())
        qCWarning(lcApp, "cannot keep the session: %s", qPrintable(m_vault.lastErrorText()));
    if (problem == m_storeProblem)
        return;
    m_storeProblem = problem;
    Q_EMIT storeProblemChanged();
}

} // namespace vf::app
