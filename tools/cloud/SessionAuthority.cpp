#include "SessionAuthority.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace vf::cloud {

namespace {

// 256 random bits as 64 hex digits.
QString randomToken() {
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

} // namespace

SessionAuthority::SessionAuthority(CloudDatabase &database, SessionPolicy policy)
    : m_store(database)
    , m_policy(std::move(policy)) {}

QByteArray SessionAuthority::refreshTokenHash(const QString &refreshToken) {
    // No salt needed: the token is 256 random bits, not a password to be guessed.
    return QCryptographicHash::hash(refreshToken.toUtf8(), QCryptographicHash::Sha256);
}

StoredTokens SessionAuthority::mint(qint64 nowMs, SessionTokens *handedOut) const {
    handedOut->token = randomToken();
    handedOut->expiresMs = nowMs + m_policy.tokenTtlS * 1000;
    handedOut->refreshToken = randomToken();
    return StoredTokens{handedOut->token, handedOut->expiresMs,
                        refreshTokenHash(handedOut->refreshToken),
                        nowMs + SessionPolicy::kRefreshTokenLifetimeS * 1000};
}

std::optional<SessionTokens> SessionAuthority::signIn(const QString &userId, qint64 nowMs) const {
    SessionTokens tokens;
    const StoredTokens stored = mint(nowMs, &tokens);
    if (!m_store.startSignIn(QStringLiteral("sgn-") + randomToken(), userId, stored, nowMs))
        return std::nullopt;
    return tokens;
}

SessionAuthority::Caller SessionAuthority::authenticate(const QString &token, qint64 nowMs,
                                                        bool acceptExpired) const {
    const auto grant = m_store.grantFor(token);
    if (!grant)
        return {{}, {}, QStringLiteral("missing or unknown bearer token")};
    if (grant->revoked)
        return {{}, {}, QStringLiteral("the session was signed out")};
    // A version 1 token (no sign-in) has expiry 0: expired, and not even signing out takes it.
    if (grant->signInId.isEmpty() || (grant->expiresMs <= nowMs && !acceptExpired))
        return {{}, {}, QStringLiteral("the token has expired")};
    return {grant->userId, grant->signInId, {}};
}

SessionAuthority::Refreshed SessionAuthority::refresh(const QString &refreshToken,
                                                      qint64 nowMs) const {
    SessionTokens tokens;
    const StoredTokens next = mint(nowMs, &tokens);
    const auto rotation = m_store.rotate(refreshTokenHash(refreshToken), next, nowMs);
    switch (rotation.outcome) {
    case SessionStore::Rotation::Rotated:
        return {tokens, rotation.userId, false, {}};
    case SessionStore::Rotation::Replayed:
        return {std::nullopt,
                {},
                false,
                QStringLiteral("the refresh token was already used: the sign-in is revoked")};
    case SessionStore::Rotation::Refused:
        return {
            std::nullopt, {}, false, QStringLiteral("unknown, expired or revoked refresh token")};
    case SessionStore::Rotation::Failed:
        break;
    }
    return {std::nullopt, {}, true, QStringLiteral("cannot store the session")};
}

bool SessionAuthority::signOut(const QString &signInId, qint64 nowMs) const {
    return m_store.revokeSignIn(signInId, nowMs);
}

} // namespace vf::cloud
