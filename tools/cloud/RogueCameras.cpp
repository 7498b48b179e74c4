#include "RogueCameras.h"

namespace vf::cloud {

QByteArray RogueCameras::sign(const QString &deviceId, const QString &keyType,
                              const QByteArray &payload) {
    pki::DeviceIdentity device;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_pki)
            m_pki = pki::TestPki::create();
        auto it = m_devices.find(deviceId);
        if (it == m_devices.end()) {
            const auto type =
                keyType == QLatin1String("EdDSA") ? pki::KeyType::Ed25519 : pki::KeyType::P256;
            it = m_devices.insert(deviceId, m_pki->makeDevice(deviceId, type));
        }
        device = *it;
    }
    return pki::signCoseSign1(payload, device.key, device.x5chain);
}

} // namespace vf::cloud
