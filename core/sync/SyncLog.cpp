#include "SyncLog.h"

namespace vf::sync {

Q_LOGGING_CATEGORY(lcRevocations, "veriframe.sync.revocations")

} // namespace vf::sync
