#pragma once
// The reason codes of trust.md §6, in check order. The order is part of the contract:
// when an item breaks several checks, the earliest one names the refusal.
#include <QObject>
#include <QString>
#include <optional>

namespace vf::trust {
Q_NAMESPACE

enum class Reason {
    None = 0, // verified
    Malformed = 1,
    UnsupportedAlgorithm,
    DeviceUntrusted,
    DeviceRevoked,
    SignatureInvalid,
    EventMismatch,
    TimeInvalid,
    MediaMismatch,
    ClaimMissing,
    ClaimUntrusted,
    ClaimRevoked,
    ClaimDeviceMismatch,
    ClaimNotBound,
    OutsideOwnershipWindow,
    ForeignOwner,
};
Q_ENUM_NS(Reason)

constexpr int kCheckCount = 15;

// The wire code ("foreign_owner"); "verified" for Reason::None.
QString reasonCode(Reason reason);
std::optional<Reason> reasonFromCode(QStringView code);
// One sentence a person understands, for refused tiles and support.
QString reasonText(Reason reason);
// What check #n establishes when it passes ("Camera signature valid"), for traces shown to
// support: a passing check is never labelled with its failure code.
QString checkText(Reason reason);
// The short name of check #n (same as its reason code), for traces.
inline int checkNumber(Reason reason) {
    return static_cast<int>(reason);
}

} // namespace vf::trust
