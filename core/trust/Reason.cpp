#include "Reason.h"

#include <QCoreApplication>
#include <array>

namespace vf::trust {
namespace {
struct ReasonInfo {
    Reason reason;
    const char *code;
    const char *text;
    const char *check; // what check #n establishes when it passes
};

constexpr std::array<ReasonInfo, kCheckCount + 1> kReasons{{
    {Reason::None, "verified", QT_TRANSLATE_NOOP("Reason", "Verified from your camera"),
     QT_TRANSLATE_NOOP("Check", "All checks passed")},
    {Reason::Malformed, "malformed",
     QT_TRANSLATE_NOOP("Reason",
                       "The camera's signed record is damaged or not in the expected format"),
     QT_TRANSLATE_NOOP("Check", "The camera's record is well formed")},
    {Reason::UnsupportedAlgorithm, "unsupported_algorithm",
     QT_TRANSLATE_NOOP("Reason", "Signed with an algorithm Veriframe does not accept"),
     QT_TRANSLATE_NOOP("Check", "Signed with an accepted algorithm")},
    {Reason::DeviceUntrusted, "device_untrusted",
     QT_TRANSLATE_NOOP("Reason", "Not signed by a genuine camera"),
     QT_TRANSLATE_NOOP("Check", "Camera certificate chains to a trusted maker")},
    {Reason::DeviceRevoked, "device_revoked",
     QT_TRANSLATE_NOOP("Reason", "The camera that signed this has been revoked"),
     QT_TRANSLATE_NOOP("Check", "Camera not revoked")},
    {Reason::SignatureInvalid, "signature_invalid",
     QT_TRANSLATE_NOOP("Reason", "The camera's signature does not match"),
     QT_TRANSLATE_NOOP("Check", "Camera signature valid")},
    {Reason::EventMismatch, "event_mismatch",
     QT_TRANSLATE_NOOP("Reason", "The signed record belongs to a different event or camera"),
     QT_TRANSLATE_NOOP("Check", "Record names this event and camera")},
    {Reason::TimeInvalid, "time_invalid",
     QT_TRANSLATE_NOOP("Reason", "Recorded in the future: the capture time is not plausible"),
     QT_TRANSLATE_NOOP("Check", "Capture time plausible")},
    {Reason::MediaMismatch, "media_mismatch",
     QT_TRANSLATE_NOOP("Reason", "The picture or video was altered after the camera signed it"),
     QT_TRANSLATE_NOOP("Check", "Picture or video bytes are the signed ones")},
    {Reason::ClaimMissing, "claim_missing",
     QT_TRANSLATE_NOOP("Reason", "No proof of ownership came with this event"),
     QT_TRANSLATE_NOOP("Check", "Ownership proof present")},
    {Reason::ClaimUntrusted, "claim_untrusted",
     QT_TRANSLATE_NOOP("Reason", "The proof of ownership is not genuine"),
     QT_TRANSLATE_NOOP("Check", "Ownership proof genuine")},
    {Reason::ClaimRevoked, "claim_revoked",
     QT_TRANSLATE_NOOP("Reason", "The proof of ownership has been revoked"),
     QT_TRANSLATE_NOOP("Check", "Ownership proof not revoked")},
    {Reason::ClaimDeviceMismatch, "claim_device_mismatch",
     QT_TRANSLATE_NOOP("Reason", "The proof of ownership is for a different camera"),
     QT_TRANSLATE_NOOP("Check", "Ownership proof names this camera")},
    {Reason::ClaimNotBound, "claim_not_bound",
     QT_TRANSLATE_NOOP("Reason", "The camera did not record this under that ownership"),
     QT_TRANSLATE_NOOP("Check", "Camera recorded under this ownership")},
    {Reason::OutsideOwnershipWindow, "outside_ownership_window",
     QT_TRANSLATE_NOOP("Reason", "Recorded outside the period this camera was yours"),
     QT_TRANSLATE_NOOP("Check", "Recorded while the ownership was valid")},
    {Reason::ForeignOwner, "foreign_owner", QT_TRANSLATE_NOOP("Reason", "Not from your cameras"),
     QT_TRANSLATE_NOOP("Check", "Ownership proof names your account")},
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

QString checkText(Reason reason) {
    const auto index = static_cast<size_t>(reason);
    if (index >= kReasons.size())
        return {};
    return QCoreApplication::translate("Check", kReasons[index].check);
}

} // namespace vf::trust
