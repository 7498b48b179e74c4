#pragma once
// How an operation on the platform's secret store ended, as the app must tell it apart: a
// store that refused (it can be unlocked) is not the same as no store at all (the app says
// it cannot stay signed in on this system and asks for the password next time).
#include <QObject>

namespace vf::secrets {
Q_NAMESPACE

enum class SecretStoreStatus {
    Ok,          // done; a read found its entry
    NotFound,    // a read: no such entry (never stored, or removed)
    Denied,      // a store answered but refused: locked and not unlocked, or access not granted
    Unavailable, // no store answers: none on this system, no session bus, or it failed
};
Q_ENUM_NS(SecretStoreStatus)

} // namespace vf::secrets
