#pragma once
// The `forge` fault's cameras: a second PKI that no client pins, whose cameras carry the same
// device IDs as the real ones. What they sign looks right in every field (same event, same
// device, same media hashes) and fails only where it must: device_untrusted (trust.md §6 #3).
#include "TestPki.h"

#include <QHash>
#include <QMutex>

#include <optional>

namespace vf::cloud {

class RogueCameras {
public:
    // payload signed by the rogue camera deviceId; keyType "ES256" or "EdDSA". Thread-safe.
    QByteArray sign(const QString &deviceId, const QString &keyType, const QByteArray &payload);

private:
    QMutex m_mutex;
    std::optional<pki::TestPki> m_pki; // made on first use: most runs never forge
    QHash<QString, pki::DeviceIdentity> m_devices;
};

} // namespace vf::cloud
