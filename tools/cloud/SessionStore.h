#pragma once
// The sign-ins of cloud-api.md §1 v2 in the cloud's SQLite file: each password login starts
// a sign-in, whose access tokens expire and whose refresh tokens rotate. Queries only; what
// a token is worth is SessionAuthority's call. Any thread (per-thread connections).
#include "CloudDatabase.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace vf::cloud {

// What an access token was issued for.
struct AccessGrant {
    QString userId;
    QString signInId; // empty for a token from before sign-ins (schema version 1)
    qint64 expiresMs = 0;
    bool revoked = false; // its sign-in was signed out or caught replaying a refresh token
};

// The tokens one login or refresh hands out, as stored.
struct StoredTokens {
    QString token;
    qint64 expiresMs = 0;
    QByteArray refreshSha256;
    qint64 refreshExpiresMs = 0;
};

class SessionStore {
public:
    enum class Rotation {
        Rotated,  // the refresh token was live; it is used now and the next tokens stored
        Replayed, // it was used before: its sign-in is revoked now
        Refused,  // unknown, expired, or its sign-in already revoked
        Failed,   // a database error; nothing changed
    };
    struct RotationResult {
        Rotation outcome = Rotation::Failed;
        QString userId; // set when Rotated
    };

    explicit SessionStore(CloudDatabase &database);

    // A new sign-in of userId with its first tokens, in one transaction.
    bool startSignIn(const QString &signInId, const QString &userId, const StoredTokens &first,
                     qint64 nowMs) const;
    std::optional<AccessGrant> grantFor(const QString &token) const;
    // Uses the refresh token whose SHA-256 is refreshSha256 and stores next in its sign-in, if
    // that token is live at nowMs. One transaction taken for writing before anything is read,
    // so two refreshes racing with one token cannot both rotate it: the second is a replay.
    RotationResult rotate(const QByteArray &refreshSha256, const StoredTokens &next,
                          qint64 nowMs) const;
    // Every token of the sign-in stops working (idempotent).
    bool revokeSignIn(const QString &signInId, qint64 nowMs) const;

private:
    bool storeTokens(QSqlDatabase &db, const QString &signInId, const QString &userId,
                     const StoredTokens &tokens, qint64 nowMs) const;

    CloudDatabase &m_db;
};

} // namespace vf::cloud
