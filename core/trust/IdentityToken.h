#pragma once
// The login identity of trust.md §8: U, the account every owner check compares against,
// comes from this authority-signed token, never from the cloud's plain "user_id".
#include "TrustAnchors.h"

#include <QString>

namespace vf::trust {

struct IdentityVerdict {
    bool valid = false;
    QString userId; // U
    QString username;
    QString detail; // why it was refused (reason code identity_mismatch)
};

IdentityVerdict verifyIdentityToken(QByteArrayView token, const QString &typedUsername,
                                    const TrustAnchors &anchors, qint64 nowSeconds);

inline QString identityMismatchCode() {
    return QStringLiteral("identity_mismatch");
}

} // namespace vf::trust
