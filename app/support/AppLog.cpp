#include "AppLog.h"

namespace vf::app {

Q_LOGGING_CATEGORY(lcApp, "veriframe.app")
Q_LOGGING_CATEGORY(lcPlayer, "veriframe.app.player")
Q_LOGGING_CATEGORY(lcAutomation, "veriframe.app.automation")

} // namespace vf::app
