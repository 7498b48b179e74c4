#include "StoreLog.h"

namespace vf::store {

Q_LOGGING_CATEGORY(lcStore, "veriframe.store")
Q_LOGGING_CATEGORY(lcCache, "veriframe.store.cache")
Q_LOGGING_CATEGORY(lcAuditLog, "veriframe.store.audit")

} // namespace vf::store
