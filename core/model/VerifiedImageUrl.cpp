#include "VerifiedImageUrl.h"

#include <QRegularExpression>

namespace vf::model {

QUrl verifiedImageUrl(const QString &partition, const store::EventKey &key,
                      const QByteArray &thumbnailSha256) {
    const QByteArray hex = thumbnailSha256.toHex();
    if (partition.isEmpty() || !key.isValid() || hex.size() < kImageHashPrefixLength)
        return {};
    const QString text = QStringLiteral("image://%1/%2/%3/%4/%5")
                             .arg(QLatin1String(kVerifiedImageProvider), partition,
                                  QString::fromLatin1(QUrl::toPercentEncoding(key.eventId)),
                                  QString::fromLatin1(QUrl::toPercentEncoding(key.deviceId)),
                                  QString::fromLatin1(hex.left(kImageHashPrefixLength)));
    return QUrl(text, QUrl::StrictMode);
}

std::optional<VerifiedImageId> parseVerifiedImageId(const QString &id) {
    // Every part was percent-encoded, so a literal '/' only ever separates parts.
    const QStringList parts = id.split(u'/');
    if (parts.size() != 4)
        return std::nullopt;
    static const QRegularExpression hashPrefix(
        QStringLiteral("^[0-9a-f]{%1}$").arg(kImageHashPrefixLength));
    VerifiedImageId out;
    out.partition = parts.at(0);
    out.key.eventId = QUrl::fromPercentEncoding(parts.at(1).toUtf8());
    out.key.deviceId = QUrl::fromPercentEncoding(parts.at(2).toUtf8());
    out.hashPrefix = parts.at(3);
    if (out.partition.isEmpty() || !out.key.isValid() ||
        !hashPrefix.match(out.hashPrefix).hasMatch())
        return std::nullopt;
    return out;
}

} // namespace vf::model
