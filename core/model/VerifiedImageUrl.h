#pragma once
// The URL of a verified thumbnail for the QML image provider "verified":
//   image://verified/<partition>/<event id>/<device id>/<16 hex of its SHA-256>
// partition is MediaCache::partitionName(account). The entry is named by event and device
// (trust.md §6 v2): two entries with one event ID have two different URLs.
// The provider loads only from the cache, which holds verified bytes only. The hash
// prefix makes the URL change when the verified bytes change, so QML's pixmap cache never
// shows the previous picture for the same event.
#include "StoredEvent.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <optional>

namespace vf::model {

constexpr char kVerifiedImageProvider[] = "verified";
constexpr int kImageHashPrefixLength = 16; // hex characters

// Empty when any part is missing or the hash is shorter than the prefix. The event and
// device IDs are percent-encoded: they come from the cloud and must not add path segments
// or a query.
QUrl verifiedImageUrl(const QString &partition, const store::EventKey &key,
                      const QByteArray &thumbnailSha256);

// The parts of a provider ID (the URL after "image://verified/").
struct VerifiedImageId {
    QString partition;
    store::EventKey key;
    QString hashPrefix;
};
// nullopt unless id is exactly four non-empty parts, the IDs decode, and the hash prefix
// is kImageHashPrefixLength lowercase hex characters.
std::optional<VerifiedImageId> parseVerifiedImageId(const QString &id);

} // namespace vf::model
