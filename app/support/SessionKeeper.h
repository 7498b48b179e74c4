#pragma once
// "Stay signed in" (cloud-api.md §1 v2, automation.md v2): while it is on, the signed-in
// account's refresh token is kept in the platform's secret store (RefreshTokenVault, and
// nowhere else) and replaced at every renewal; a later run resumes it without the password.
// Sign-out, a sign-in the cloud ended and a renewal refused remove it. Where no secret store
// answers, nothing is kept and the app says so (storeProblem): the password is asked next
// time. Each run's tokens are this client's: they are never shown, logged or exported.
#include "ClientSession.h"
#include "RefreshTokenVault.h"

#include <QObject>
#include <optional>

namespace vf::app {

class SessionKeeper : public QObject {
    Q_OBJECT
public:
    enum class ResumeOutcome {
        Resuming,    // a kept session was found; the client session renews it
        NothingKept, // none for this cloud (and this username, when given)
        NoStore,     // the secret store did not answer or refused: see storeProblem()
    };
    Q_ENUM(ResumeOutcome)

    SessionKeeper(vf::sync::ClientSession &session, vf::secrets::RefreshTokenVault &vault,
                  QObject *parent = nullptr);

    // For the next sign-in with a password (the sign-in page's "Stay signed in").
    void setRemember(bool remember) { m_remember = remember; }
    bool remember() const { return m_remember; }

    // Looks for a kept session at this cloud: username's, or when empty the one signed in
    // last; resumeLookedUp() says what came of it.
    void resumeKept(const QString &username);
    // A sign-in with the password, or Cancel, replaces a resume in progress: what it finds
    // is not kept under the account being resumed.
    void cancelResume();
    // Signs the session out (DELETE /v1/session, the account's data wiped: ClientSession) and
    // removes its kept token.
    void signOut();
    // automation.md v2 --sign-out: the kept account of username (or the last one) is resumed
    // to revoke it at the cloud when reachable, then signed out (its data wiped, its token
    // removed); unreachable, its data and token go all the same. signedOutKept() ends it.
    void signOutKept(const QString &username);

    // Why the session cannot be kept on this system, in words; empty when it can (or when
    // no attempt was made yet).
    QString storeProblem() const { return m_storeProblem; }

Q_SIGNALS:
    void resumeLookedUp(vf::app::SessionKeeper::ResumeOutcome outcome);
    void storeProblemChanged();
    // --sign-out is done: accountFound is false when no kept session matched.
    void signedOutKept(bool accountFound);

private:
    void lookUp(const QString &username);
    void onListed(const QList<vf::secrets::SessionAccount> &accounts,
                  vf::secrets::SecretStoreStatus status);
    void onLoaded(const vf::secrets::SessionAccount &account, vf::secrets::SecretStoreStatus status,
                  const QByteArray &refreshToken);
    void onSignedIn(const QString &userId);
    void onSignInFailed(const QString &code);
    void keep(const QByteArray &refreshToken);
    void forgetKept();
    void finishSignOut(bool found);
    void noteStatus(vf::secrets::SecretStoreStatus status);

    vf::sync::ClientSession &m_session;
    vf::secrets::RefreshTokenVault &m_vault;
    bool m_remember = true;
    // The account this run keeps (set at sign-in when remembering, or by a resume).
    std::optional<vf::secrets::SessionAccount> m_kept;
    // A lookup in progress: the username asked for, and whether it is for --sign-out.
    std::optional<QString> m_lookingFor;
    std::optional<vf::secrets::SessionAccount> m_loading;
    bool m_signingOut = false;
    bool m_resuming = false;
    QString m_storeProblem;
};

} // namespace vf::app
