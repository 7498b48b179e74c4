#pragma once
// The store layer's logging categories ("veriframe.store.*"): what a person or support reads
// in the journal when local state was damaged, recovered or could not be written;
// QT_LOGGING_RULES turns each on or off (docs/client-core.md).
#include <QLoggingCategory>

namespace vf::store {

Q_DECLARE_LOGGING_CATEGORY(lcStore)    // the databases themselves; damage and recovery
Q_DECLARE_LOGGING_CATEGORY(lcCache)    // the verified-media cache
Q_DECLARE_LOGGING_CATEGORY(lcAuditLog) // the refusal audit log

} // namespace vf::store
