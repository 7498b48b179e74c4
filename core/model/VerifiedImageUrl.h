#pragma once
// The URL of a verified thumbnail for the QML image provider "verified":
//   image://verified/<MediaCache::partitionName(account)>/<eventId>/<16 hex of its SHA-256>
// The provider loads only from the cache, which holds verified bytes only. The hash
// prefix makes the URL change when the verified bytes change, so QML's pixmap cache never
// shows the previous picture for the same event.
#include <QByteArray>
#include <QString>
#include <QUrl>

namespace vf::model {

constexpr char kVerifiedImageProvider[] = "verified";
constexpr int kImageHashPrefixLength = 16; // hex characters

// Empty when any part is missing or the hash is shorter than the prefix. The event ID is
// percent-encoded: it comes from the cloud and must not add path segments or a query.
QUrl verifiedImageUrl(const QString &partition, const QString &eventId,
                      const QByteArray &thumbnailSha256);

} // namespace vf::model
