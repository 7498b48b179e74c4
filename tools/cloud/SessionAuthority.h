#pragma once
// The rules of cloud-api.md §1 v2 on the reference cloud: what a login hands out, what a
// token is worth at a given time, how a refresh token rotates, and that a replayed one ends
// its whole sign-in. Tokens are random, 256 bits; refresh tokens are stored only as their
// SHA-256. Any thread.
#include "SessionPolicy.h"
#include "SessionStore.h"

#include <QString>

#include <optional>

namespace vf::cloud {

// What a login or refresh hands the client (besides its identity).
struct SessionTokens {
    QString token;
    qint64 expiresMs = 0;
    QString refreshToken;
};

class SessionAuthority {
public:
    // Who a bearer token speaks for; problem (for the 401's body) when it speaks for no one.
    struct Caller {
        QString userId;
        QString signInId;
        QString problem;
        bool ok() const { return problem.isEmpty(); }
    };
    struct Refreshed {
        std::optional<SessionTokens> tokens; // set: rotated, for userId
        QString userId;
        bool serverError = false; // else a refused refresh: 401 with problem
        QString problem;
    };

    SessionAuthority(CloudDatabase &database, SessionPolicy policy);

    qint64 nowMs() const { return m_policy.nowMs(); }

    // A new sign-in of userId; empty on a database error.
    std::optional<SessionTokens> signIn(const QString &userId, qint64 nowMs) const;
    // An expired token is refused unless acceptExpired (signing out: it only takes away).
    Caller authenticate(const QString &token, qint64 nowMs, bool acceptExpired = false) const;
    Refreshed refresh(const QString &refreshToken, qint64 nowMs) const;
    // Revokes every token of the sign-in, its refresh token included.
    bool signOut(const QString &signInId, qint64 nowMs) const;

    static QByteArray refreshTokenHash(const QString &refreshToken);

private:
    StoredTokens mint(qint64 nowMs, SessionTokens *handedOut) const;

    SessionStore m_store;
    SessionPolicy m_policy;
};

} // namespace vf::cloud
