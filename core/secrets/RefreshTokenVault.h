#pragma once
// Where the client keeps its refresh tokens (cloud-api.md §1 v2): in the platform's secret
// store only, one entry per account (SessionAccount: cloud origin and user id), service
// kService. Never a file of its own, never QSettings, no plaintext fallback: where no store
// answers, every operation ends Unavailable and the app asks for the password next time.
// The short-lived access token never comes here; it stays in memory.
//
// The store cannot list its entries, so the accounts that have a token are kept as one more
// entry of the same store (kAccountIndexKey, a JSON list of origins and user ids: not
// secret). It is there so the app can offer to switch accounts; it lives and goes with the
// tokens, leaves nothing on disk when there is no store, and sign-out of the last account
// leaves no entry at all. It may name an account whose token is gone (a store edited by
// hand, a crash between the two writes): load() then says NotFound, which is the answer
// that counts.
//
// Operations are asynchronous (QtKeychain's jobs) and run one at a time in the order they
// were asked, so two updates of the index never overlap; each ends with its signal.
#include "SecretStoreStatus.h"
#include "SessionAccount.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <deque>
#include <functional>

namespace vf::secrets {

class KeychainEntry;

class RefreshTokenVault : public QObject {
    Q_OBJECT
public:
    using Status = SecretStoreStatus;

    // The app id (packaging/CMakeLists.txt, the desktop file): the name the person sees in
    // their keyring manager next to each entry.
    static inline const QString kService = QStringLiteral("org.veriframe.Veriframe");
    // An account's key always holds "://" (SessionAccount::keychainKey), this one never.
    static inline const QString kAccountIndexKey = QStringLiteral("accounts-with-sessions");

    explicit RefreshTokenVault(QObject *parent = nullptr);
    RefreshTokenVault(QString service, QObject *parent);
    ~RefreshTokenVault() override;

    // Keeps `refreshToken` as the account's token (replacing the one it had) and lists the
    // account. Ends with stored().
    void store(const SessionAccount &account, const QByteArray &refreshToken);
    // Ends with loaded(): Ok with the token, NotFound, Denied or Unavailable.
    void load(const SessionAccount &account);
    // Deletes the account's token and unlists it; Ok also when there was none. Ends with
    // removed().
    void remove(const SessionAccount &account);
    // The accounts that have a stored token, in the order they were first stored; Ok and
    // empty when there are none. Ends with accountsListed().
    void listAccounts();

    bool isBusy() const { return m_running; }
    // QtKeychain's message for the last operation that did not end Ok or NotFound (for logs
    // and diagnostics; the app words the reason from the Status).
    QString lastErrorText() const { return m_lastErrorText; }

Q_SIGNALS:
    void stored(const vf::secrets::SessionAccount &account, vf::secrets::SecretStoreStatus status);
    void loaded(const vf::secrets::SessionAccount &account, vf::secrets::SecretStoreStatus status,
                const QByteArray &refreshToken);
    void removed(const vf::secrets::SessionAccount &account, vf::secrets::SecretStoreStatus status);
    void accountsListed(const QList<vf::secrets::SessionAccount> &accounts,
                        vf::secrets::SecretStoreStatus status);

private:
    using StatusDone = std::function<void(Status)>;
    using IndexChange = std::function<bool(QList<SessionAccount> &accounts)>; // true: changed

    void enqueue(std::function<void()> operation);
    void runNext();
    KeychainEntry tokenEntry(const SessionAccount &account) const;
    KeychainEntry indexEntry() const;
    // Reads the index, applies `change`, writes it back (or deletes it once empty).
    void updateIndex(IndexChange change, StatusDone done);
    void noteError(Status status, const QString &errorText);

    QString m_service;
    std::deque<std::function<void()>> m_pending;
    bool m_running = false;
    QString m_lastErrorText;
};

} // namespace vf::secrets
