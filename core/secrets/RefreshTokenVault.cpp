#include "RefreshTokenVault.h"

#include "KeychainEntry.h"

namespace vf::secrets {

RefreshTokenVault::RefreshTokenVault(QObject *parent)
    : RefreshTokenVault(kService, parent) {}

RefreshTokenVault::RefreshTokenVault(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service)) {}

// A job still running answers no one: its answers are bound to this object (KeychainEntry).
RefreshTokenVault::~RefreshTokenVault() = default;

void RefreshTokenVault::store(const SessionAccount &account, const QByteArray &refreshToken) {
    Q_ASSERT(account.isValid());
    enqueue([this, account, refreshToken] {
        // Listed first: a crash between the two writes leaves a listed account without a
        // token (load() says NotFound), never a token that no listing leads to.
        updateIndex(
            [account](QList<SessionAccount> &accounts) {
                // Last in the list: the account signed in last, under its latest username.
                if (!accounts.isEmpty() && accounts.last() == account &&
                    accounts.last().username == account.username)
                    return false;
                accounts.removeAll(account);
                accounts.append(account);
                return true;
            },
            [this, account, refreshToken](Status indexStatus) {
                if (indexStatus != Status::Ok) {
                    Q_EMIT stored(account, indexStatus);
                    runNext();
                    return;
                }
                tokenEntry(account).write(refreshToken, this,
                                          [this, account](const KeychainAnswer &answer) {
                                              noteError(answer.status, answer.errorText);
                                              Q_EMIT stored(account, answer.status);
                                              runNext();
                                          });
            });
    });
}

void RefreshTokenVault::load(const SessionAccount &account) {
    enqueue([this, account] {
        tokenEntry(account).read(this, [this, account](const KeychainAnswer &answer) {
            noteError(answer.status, answer.errorText);
            Q_EMIT loaded(account, answer.status, answer.data);
            runNext();
        });
    });
}

void RefreshTokenVault::remove(const SessionAccount &account) {
    enqueue([this, account] {
        // The token goes first: whatever happens next, it is no longer in the store.
        tokenEntry(account).remove(this, [this, account](const KeychainAnswer &answer) {
            noteError(answer.status, answer.errorText);
            if (answer.status != Status::Ok) {
                Q_EMIT removed(account, answer.status);
                runNext();
                return;
            }
            updateIndex(
                [account](QList<SessionAccount> &accounts) {
                    return accounts.removeAll(account) > 0;
                },
                [this, account](Status indexStatus) {
                    Q_EMIT removed(account, indexStatus);
                    runNext();
                });
        });
    });
}

void RefreshTokenVault::listAccounts() {
    enqueue([this] {
        indexEntry().read(this, [this](const KeychainAnswer &answer) {
            noteError(answer.status, answer.errorText);
            if (answer.status == Status::NotFound)
                Q_EMIT accountsListed({}, Status::Ok);
            else
                Q_EMIT accountsListed(decodeAccountIndex(answer.data), answer.status);
            runNext();
        });
    });
}

void RefreshTokenVault::enqueue(std::function<void()> operation) {
    m_pending.push_back(std::move(operation));
    if (!m_running)
        runNext();
}

void RefreshTokenVault::runNext() {
    if (m_pending.empty()) {
        m_running = false;
        return;
    }
    m_running = true;
    const std::function<void()> operation = std::move(m_pending.front());
    m_pending.pop_front();
    operation();
}

KeychainEntry RefreshTokenVault::tokenEntry(const SessionAccount &account) const {
    return KeychainEntry(m_service, account.keychainKey());
}

KeychainEntry RefreshTokenVault::indexEntry() const {
    return KeychainEntry(m_service, kAccountIndexKey);
}

void RefreshTokenVault::updateIndex(IndexChange change, StatusDone done) {
    indexEntry().read(this, [this, change = std::move(change),
                             done = std::move(done)](const KeychainAnswer &read) {
        noteError(read.status, read.errorText);
        if (read.status != Status::Ok && read.status != Status::NotFound) {
            done(read.status);
            return;
        }
        // Unreadable bytes count as an empty index: it is rebuilt from the next store on.
        QList<SessionAccount> accounts = decodeAccountIndex(read.data);
        if (!change(accounts)) {
            done(Status::Ok);
            return;
        }
        const KeychainEntry index = indexEntry();
        auto written = [this, done](const KeychainAnswer &answer) {
            noteError(answer.status, answer.errorText);
            done(answer.status);
        };
        if (accounts.isEmpty())
            index.remove(this, written);
        else
            index.write(encodeAccountIndex(accounts), this, written);
    });
}

void RefreshTokenVault::noteError(Status status, const QString &errorText) {
    if (status != Status::Ok && status != Status::NotFound)
        m_lastErrorText = errorText;
}

} // namespace vf::secrets
