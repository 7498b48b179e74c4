#include "DeviceSync.h"

#include "ApiClient.h"
#include "CloudJson.h"

#include <utility>

namespace vf::sync {

namespace {

QList<store::DeviceDescription> describe(const QList<net::DeviceInfo> &listed) {
    QList<store::DeviceDescription> devices;
    devices.reserve(listed.size());
    for (const net::DeviceInfo &device : listed)
        devices.append({device.id, device.name, device.model, device.online});
    return devices;
}

} // namespace

DeviceSync::DeviceSync(vf::net::ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api) {}

DeviceSync::~DeviceSync() {
    dropCall();
}

void DeviceSync::fetch() {
    dropCall();
    m_call = m_api.devices();
    vf::net::ApiCall *call = m_call;
    connect(call, &vf::net::ApiCall::finished, this, [this, call] { onFinished(call); });
}

void DeviceSync::onFinished(vf::net::ApiCall *call) {
    call->deleteLater();
    if (call != m_call)
        return;
    m_call = nullptr;
    if (!call->result().ok())
        return;
    const auto parsed = vf::net::parseDevices(call->result().body);
    if (!parsed.value)
        return;
    m_devices = describe(*parsed.value);
    Q_EMIT devicesChanged(m_devices);
}

void DeviceSync::dropCall() {
    vf::net::ApiCall *call = std::exchange(m_call, nullptr);
    if (!call)
        return;
    // Disconnected first: cancel() may finish it at once, and its answer is not wanted.
    disconnect(call, nullptr, this, nullptr);
    call->cancel();
    call->deleteLater();
}

} // namespace vf::sync
