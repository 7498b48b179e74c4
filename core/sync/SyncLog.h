#pragma once
// The sync layer's logging categories ("veriframe.sync.*"): what a person or support reads
// in the journal when something was refused or failed; QT_LOGGING_RULES turns each on or off
// (docs/client-core.md).
#include <QLoggingCategory>

namespace vf::sync {

Q_DECLARE_LOGGING_CATEGORY(lcSync)        // the session: sign-in, sign-out, the account
Q_DECLARE_LOGGING_CATEGORY(lcRevocations) // revocation lists refused or conflicting
Q_DECLARE_LOGGING_CATEGORY(lcReports)     // integrity reports and their attempts

} // namespace vf::sync
