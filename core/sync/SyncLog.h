#pragma once
// The sync layer's logging categories ("veriframe.sync.*"): what a person or support reads
// in the journal when something was refused or failed; QT_LOGGING_RULES turns each on or off.
#include <QLoggingCategory>

namespace vf::sync {

Q_DECLARE_LOGGING_CATEGORY(lcRevocations)

} // namespace vf::sync
