#pragma once
// Events written straight into a temporary store, as the sync layer would leave them. The
// models never verify, so the signed bytes are stand-ins and the verdicts are set by hand.
#include "Store.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace vf::test {

std::unique_ptr<store::Store> openStore(const QString &dir);

// An event as listed: device name "<device> camera", a clip unless withClip is false.
store::StoredEvent listedEvent(const QString &id, qint64 timestampMs,
                               const QString &deviceId = QStringLiteral("cam-front"),
                               const QString &kind = QStringLiteral("motion"),
                               bool withClip = true);

// 32 bytes standing in for a thumbnail's SHA-256; seed picks them.
QByteArray fakeSha256(char seed);

// Stores the event (Loading); false and a warning on failure.
bool addEvent(store::Store &s, const QString &account, const store::StoredEvent &event);
// Marks it verified for role "owner" / "viewer" with a thumbnail hash.
bool markVerified(store::Store &s, const QString &account, const QString &eventId,
                  const QString &role = QStringLiteral("owner"), char seed = 'a');
bool markRefused(store::Store &s, const QString &account, const QString &eventId,
                 const QString &reason = QStringLiteral("foreign_owner"));

} // namespace vf::test
