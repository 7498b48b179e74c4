#include "Reason.h"

#include <QCoreApplication>
#include <array>

namespace vf::trust {
namespace {
struct ReasonInfo {
    Reason reason;
    const char *code;
    const char *text;
};

constexpr std::array<ReasonInfo, kCheckCount + 1> kReasons{{
    {Reason::None, "verified", QT_TRANSLATE_NOOP("Reason", "Verified from your camera")},
    {Reason::Malformed, "malformed",
     QT_TRANSLATE_NOOP("Reason",
                       "The camera's signed record is damaged or not in the expected format")},
    {Reason::UnsupportedAlgorithm, "unsupported_algorithm",
     QT_TRANSLATE_NOOP("Reason", "Signed with an algorithm Veriframe does not accept")},
    {Reason::DeviceUntrusted, "device_untrusted",
     QT_TRANSLATE_NOOP("Reason", "Not signed by a genuine camera")},
    {Reason::DeviceRevoked, "device_revoked",
     QT_TRANSLATE_NOOP("Reason", "The camera that signed this has been revoked")},
    {Reason::SignatureInvalid, "signature_invalid",
     QT_TRANSLATE_NOOP("Reason", "The camera's signature does not match")},
    {Reason::EventMismatch, "event_mismatch",
     QT_TRANSLATE_NOOP("Reason", "The signed record belongs to a different event or camera")},
    {Reason::TimeInvalid, "time_invalid",
     QT_TRANSLATE_NOOP("Reason", "Recorded in the future: the capture time is not plausible")},
    {Reason::MediaMismatch, "media_mismatch",
     QT_TRANSLATE_NOOP("Reason", "The picture or video was altered after the camera signed it")},
    {Reason::ClaimMissing, "claim_missing",
     QT_TRANSLATE_NOOP("Reason", "No proof of ownership came with this event")},
    {Reason::ClaimUntrusted, "claim_untrusted",
     QT_TRANSLATE_NOOP("Reason", "The proof of ownership is not genuine")},
    {Reason::ClaimRevoked, "claim_revoked",
     QT_TRANSLATE_NOOP("Reason", "The proof of ownership has been revoked")},
    {Reason::ClaimDeviceMismatch, "claim_device_mismatch",
     QT_TRANSLATE_NOOP("Reason", "The proof of ownership is for a different camera")},
    {Reason::ClaimNotBound, "claim_not_bound",
     QT_TRANSLATE_NOOP("Reason", "The camera did not record this under that ownership")},
    {Reason::OutsideOwnershipWindow, "outside_ownership_window",
     QT_TRANSLATE_NOOP("Reason", "Recorded outside the period this camera was yours")},
    {Reason::ForeignOwner, "foreign_owner", QT_TRANSLATE_NOOP("Reason", "Not from your cameras")},
}};
} // namespace

QString reasonCode(Reason reason) {
    const auto index = static_cast<size_t>(reason);
    return index < kReasons.size() ? QString::fromLatin1(kReasons[index].code) : QString();
}

std::optional<Reason> reasonFromCode(QStringView code) {
    for (const auto &info : kReasons) {
        if (code == QLatin1String(info.code))
            return info.reason;
    }
    return std::nullopt;
}

QString reasonText(Reason reason) {
    const auto index = static_cast<size_t>(reason);
    if (index >= kReasons.size())
        return {};
    return QCoreApplication::translate("Reason", kReasons[index].text);
}

} // namespace vf::trust
