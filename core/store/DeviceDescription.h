#pragma once
// A camera of the account as the client describes it: what the cloud's device list says
// about it, taken over from the wire (core/sync's DeviceSync converts it) so that the
// models need not know the cloud's types. Display text only: who the viewer is to a
// camera comes from verified events, never from this list.
#include <QString>

namespace vf::store {

struct DeviceDescription {
    QString id;
    QString name;
    QString model;
    bool online = false;
};

} // namespace vf::store
