#pragma once
// What every part of a signed-in session shares: the account U (from the verified identity
// token, never from the cloud's word), the store, the verifier and the automation log.
// All of it outlives the parts that hold a SyncContext.
#include "AutomationLog.h"
#include "MediaVerifier.h"

#include <QString>

namespace vf::store {
class Store;
}

namespace vf::sync {

struct SyncContext {
    QString account; // U
    vf::store::Store *store = nullptr;
    const MediaVerifier *verifier = nullptr;
    AutomationLog *log = nullptr; // never null: a disabled log when none was asked for
    QString appVersion;
};

} // namespace vf::sync
