#include "PasswordHasher.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace vf::cloud {

QByteArray PasswordHasher::newSalt() {
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()),
                                          salt.size() / int(sizeof(quint32)));
    return salt;
}

QByteArray PasswordHasher::hash(const QString &password, const QByteArray &salt) {
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt,
                                              kIterations, 32);
}

bool PasswordHasher::matches(const QString &password, const QByteArray &salt,
                             const QByteArray &expectedHash) {
    const QByteArray actual = hash(password, salt);
    if (actual.size() != expectedHash.size() || actual.isEmpty())
        return false;
    // Constant time: the comparison must not tell how many leading bytes matched.
    unsigned char diff = 0;
    for (qsizetype i = 0; i < actual.size(); ++i)
        diff |= static_cast<unsigned char>(actual[i] ^ expectedHash[i]);
    return diff == 0;
}

} // namespace vf::cloud
