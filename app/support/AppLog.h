#pragma once
// The app's logging categories ("veriframe.app.*"), for app/support and app/ui (the QML
// module's C++ types link app/support); QT_LOGGING_RULES turns each on or off
// (docs/client-core.md).
#include <QLoggingCategory>

namespace vf::app {

Q_DECLARE_LOGGING_CATEGORY(lcApp)        // the session as QML sees it
Q_DECLARE_LOGGING_CATEGORY(lcPlayer)     // the clip player
Q_DECLARE_LOGGING_CATEGORY(lcAutomation) // --quit-when-idle and the other automation runs

} // namespace vf::app
