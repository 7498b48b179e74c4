#pragma once
// How the cloud stores passwords: PBKDF2-HMAC-SHA256 with a per-user salt, compared in
// constant time. Demo passwords are public, but the login path is the one a real cloud has.
#include <QByteArray>
#include <QString>

namespace vf::cloud {

class PasswordHasher {
public:
    static constexpr int kIterations = 4096;

    static QByteArray newSalt();
    static QByteArray hash(const QString &password, const QByteArray &salt);
    static bool matches(const QString &password, const QByteArray &salt,
                        const QByteArray &expectedHash);
};

} // namespace vf::cloud
