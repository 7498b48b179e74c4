#include "ReasonText.h"

#include "Reason.h"

namespace vf::model {

QString reasonTextForCode(const QString &code) {
    if (code.isEmpty())
        return {};
    const std::optional<trust::Reason> reason = trust::reasonFromCode(code);
    return reason ? trust::reasonText(*reason) : code;
}

} // namespace vf::model
