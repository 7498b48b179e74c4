#include "VerifiedImageUrl.h"

namespace vf::model {

QUrl verifiedImageUrl(const QString &partition, const QString &eventId,
                      const QByteArray &thumbnailSha256) {
    const QByteArray hex = thumbnailSha256.toHex();
    if (partition.isEmpty() || eventId.isEmpty() || hex.size() < kImageHashPrefixLength)
        return {};
    const QString text = QStringLiteral("image://%1/%2/%3/%4")
                             .arg(QLatin1String(kVerifiedImageProvider), partition,
                                  QString::fromLatin1(QUrl::toPercentEncoding(eventId)),
                                  QString::fromLatin1(hex.left(kImageHashPrefixLength)));
    return QUrl(text, QUrl::StrictMode);
}

} // namespace vf::model
