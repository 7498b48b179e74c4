#pragma once
// The account's cameras from the cloud (GET /v1/devices), converted from the wire type to
// the client's DeviceDescription and handed on with devicesChanged. One per signed-in
// account (ClientSession owns it): a fetch still running when the account stops is
// cancelled, so no answer reaches the next account.
#include "DeviceDescription.h"

#include <QList>
#include <QObject>

namespace vf::net {
class ApiCall;
class ApiClient;
} // namespace vf::net

namespace vf::sync {

class DeviceSync : public QObject {
    Q_OBJECT
public:
    explicit DeviceSync(vf::net::ApiClient &api, QObject *parent = nullptr);
    ~DeviceSync() override;

    // Asks the cloud again; a fetch in progress is dropped for the new one.
    void fetch();
    bool isFetching() const { return m_call != nullptr; }
    // The last list the cloud gave; empty until one arrived.
    const QList<vf::store::DeviceDescription> &devices() const { return m_devices; }

Q_SIGNALS:
    // A list arrived. A failed or malformed answer changes nothing: the cameras keep the
    // names they had (names are display text only).
    void devicesChanged(const QList<vf::store::DeviceDescription> &devices);

private:
    void onFinished(vf::net::ApiCall *call);
    void dropCall();

    vf::net::ApiClient &m_api;
    vf::net::ApiCall *m_call = nullptr;
    QList<vf::store::DeviceDescription> m_devices;
};

} // namespace vf::sync
