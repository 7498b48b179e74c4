#pragma once
// Real verdicts for the store tests (built by the trust TestWorld, never hand-made), and
// small helpers for reports and raw SQL checks.
#include "IntegrityReport.h"
#include "Store.h"
#include "TestWorld.h"

#include <QTemporaryDir>

namespace vf::test {

struct VerifiedThumbnail {
    QByteArray bytes;
    trust::Verdict verdict;
    QString eventId;
    QString deviceId;
};

// A thumbnail of `user`'s event `eventId` that verifies for that user. seed picks the
// bytes: two calls with the same seed give the same bytes (and the same SHA-256).
VerifiedThumbnail verifiedThumbnail(const QString &user, const QString &eventId, char seed);
// The same from a given camera: two cameras, one event ID, two entries.
VerifiedThumbnail verifiedThumbnail(const QString &user, const QString &eventId, char seed,
                                    const pki::DeviceIdentity &camera);

// The verdict for an event of `owner` shown to `signedIn` (foreign_owner when they differ).
trust::Verdict foreignOwnerVerdict(const QString &owner, const QString &signedIn);

store::IntegrityReport sampleReport(const QString &eventId, const QString &reason,
                                    const QString &role = QStringLiteral("thumbnail"));

std::unique_ptr<store::Store> openStore(const QString &dir);

QVariant sqlValue(store::Database &db, const QString &sql);

} // namespace vf::test
