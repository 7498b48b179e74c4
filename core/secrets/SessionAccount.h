#pragma once
// The account a refresh token belongs to: the cloud's origin and the verified user id (the
// identity token's `sub`, trust.md §8). Both are in the key, so the same user id at two
// clouds never shares a secret.
#include <QList>
#include <QString>
#include <QUrl>

namespace vf::secrets {

struct SessionAccount {
    QString origin; // scheme://host[:port], the port only when not the scheme's default
    QString userId;
    // What the person typed to sign in: not part of the key, kept in the index so a later
    // run finds the account by name (--user NAME) and checks the renewed identity's `name`.
    QString username;

    // The account of userId at the cloud whose base URL is `server` (its path, query,
    // fragment and user info are not part of the origin).
    static SessionAccount atServer(const QUrl &server, const QString &userId,
                                   const QString &username = {});

    bool isValid() const { return !origin.isEmpty() && !userId.isEmpty(); }
    // The entry's key in the secret store: "<origin> <userId>". An origin has no space, so
    // two accounts never share a key.
    QString keychainKey() const;

    // The same entry: origin and user id (the username is what it was last signed in as).
    bool operator==(const SessionAccount &other) const {
        return origin == other.origin && userId == other.userId;
    }
};

// The index of the accounts that have a stored refresh token (not secret, but kept in the
// secret store beside the tokens: RefreshTokenVault), the one signed in last at the end.
// Unreadable bytes give an empty list.
QByteArray encodeAccountIndex(const QList<SessionAccount> &accounts);
QList<SessionAccount> decodeAccountIndex(const QByteArray &bytes);

} // namespace vf::secrets
