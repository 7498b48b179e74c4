#pragma once
// The `dup-id` fault (trust.md §6 v2, the identity of an entry): with its probability, a
// listing also carries, right after one of the account's entries, a foreign entry that
// reuses that entry's event ID: another user's camera, attestation, claim and media, as
// when two cameras pick the same ID or a cloud keys its store by ID alone. Everything in it
// is valid but the owner (C.sub ≠ U), so a client that keys by (event ID, device ID)
// refuses it as foreign_owner and keeps the account's own entry verified and shown.
//
// Event IDs are the cloud's primary key, so the foreign twin is minted when listed: a
// foreign event's camera (same device ID) gets a certificate from the world's device
// intermediate, its owner a claim from the world's authority, and the camera's attestation
// of the foreign media is signed under the reused ID. Its media URLs name the device
// (/v1/media/EVENT/ROLE?device=ID), the only way to tell them from the account's own.
#include "CloudRepository.h"
#include "FaultPlan.h"
#include "TestPki.h"

#include <QHash>
#include <QMutex>

#include <optional>

namespace vf::cloud {

class DuplicateIdEntries {
public:
    DuplicateIdEntries(const CloudRepository &repository, const pki::TestPki &pki);

    // The foreign entry listed after `entry` to userId, or nullopt when dup-id does not hit
    // this entry (or the world has no other account's event on another camera). Thread-safe.
    std::optional<EventEntry> foreignTwin(const FaultPlan &plan, const EventEntry &entry,
                                          const QString &userId);

    // For GET /v1/media/EVENT/ROLE?device=DEVICE: the event whose media is the twin's, or
    // empty when no twin of that device was listed for eventId to userId.
    QString mediaSource(const FaultPlan &plan, const QString &eventId, const QString &deviceId,
                        const QString &userId) const;

    // The media path a twin lists: the event ID and, as a query, its device.
    static QString mediaPath(const QString &eventId, const QString &deviceId, const QString &role);

private:
    // The foreign event a twin of eventId takes its camera, owner and media from.
    std::optional<EventEntry> foreignSource(const FaultPlan &plan, const QString &eventId,
                                            const QString &ownDeviceId,
                                            const QString &userId) const;
    struct MintedCamera {
        pki::DeviceIdentity device;
        QByteArray claim;
        QByteArray cti;
    };
    std::optional<MintedCamera> camera(const EventEntry &source);

    const CloudRepository &m_repository;
    const pki::TestPki &m_pki;
    QMutex m_mutex;
    QHash<QString, MintedCamera> m_cameras; // by foreign device ID
};

} // namespace vf::cloud
