#include "ReasonText.h"

#include "Reason.h"

#include <QCoreApplication>

namespace vf::model {

QString reasonTextForCode(const QString &code) {
    if (code.isEmpty())
        return {};
    const std::optional<trust::Reason> reason = trust::reasonFromCode(code);
    return reason ? trust::reasonText(*reason) : code;
}

QString explanationForCode(const QString &code) {
    if (code.isEmpty())
        return {};
    using trust::Reason;
    const std::optional<Reason> reason = trust::reasonFromCode(code);
    const char *what = nullptr;
    switch (reason.value_or(Reason::Malformed)) {
    case Reason::ForeignOwner:
    case Reason::ClaimNotBound:
    case Reason::OutsideOwnershipWindow:
    case Reason::ClaimDeviceMismatch:
    case Reason::ClaimMissing:
    case Reason::ClaimRevoked:
    case Reason::ClaimUntrusted:
        what = QT_TRANSLATE_NOOP("Explanation",
                                 "The cloud sent this item to your account, but it could not show "
                                 "that the camera that recorded it is yours or shared with you: it "
                                 "may be someone else's.");
        break;
    case Reason::MediaMismatch:
        what = QT_TRANSLATE_NOOP("Explanation",
                                 "The picture or video is not the one your camera signed: it was "
                                 "changed or swapped on the way.");
        break;
    case Reason::TimeInvalid:
    case Reason::EventMismatch:
        what = QT_TRANSLATE_NOOP("Explanation",
                                 "The camera's signed record does not match this event: it was "
                                 "moved from another event or its time is not plausible.");
        break;
    default:
        what = QT_TRANSLATE_NOOP("Explanation",
                                 "This item does not carry a valid signature from a genuine "
                                 "camera: it may be forged or damaged.");
        break;
    }
    return QCoreApplication::translate("Explanation", what) + u' ' +
           QCoreApplication::translate(
               "Explanation",
               "Veriframe did not open it, kept none of it, and reported it to the cloud so "
               "the mix-up can be found and fixed. Nothing of yours was sent.");
}

} // namespace vf::model
