#include "SyncLog.h"

namespace vf::sync {

Q_LOGGING_CATEGORY(lcSync, "veriframe.sync")
Q_LOGGING_CATEGORY(lcRevocations, "veriframe.sync.revocations")
Q_LOGGING_CATEGORY(lcReports, "veriframe.sync.reports")

} // namespace vf::sync
