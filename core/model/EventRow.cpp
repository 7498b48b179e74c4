#include "EventRow.h"

#include "DisplayText.h"

namespace vf::model {

EventRow EventRow::fromStored(const store::StoredEvent &e) {
    EventRow row;
    row.id = e.id;
    row.deviceId = e.deviceId;
    row.cameraName = displayText(e.deviceName);
    row.kind = e.kind;
    row.timestampMs = e.timestampMs;
    row.durationMs = e.durationMs;
    row.state = e.state;
    row.hasClip = !e.clipUrl.isEmpty();
    row.dismissed = e.dismissed;
    const bool verified = e.state == store::VerificationState::Verified;
    // Only a verified verdict says who the viewer is to this camera, and only a verified
    // row may point at cached media.
    if (verified && (e.role == QLatin1String("owner") || e.role == QLatin1String("viewer")))
        row.access = e.role;
    if (verified)
        row.thumbnailSha256 = e.thumbnailSha256;
    if (e.state == store::VerificationState::Refused)
        row.reason = e.reason;
    return row;
}

bool sortsBefore(const EventRow &a, const EventRow &b) {
    if (a.timestampMs != b.timestampMs)
        return a.timestampMs > b.timestampMs;
    // UTF-8 bytes, as SQLite's BINARY collation compares them (UTF-16 code units order
    // characters beyond U+FFFF differently).
    const QByteArray idA = a.id.toUtf8();
    const QByteArray idB = b.id.toUtf8();
    if (idA != idB)
        return idA < idB;
    return a.deviceId.toUtf8() < b.deviceId.toUtf8();
}

bool passes(const store::EventFilter &filter, const EventRow &row) {
    if (!filter.deviceId.isEmpty() && row.deviceId != filter.deviceId)
        return false;
    if (!filter.kind.isEmpty() && row.kind != filter.kind)
        return false;
    if (filter.sinceMs && row.timestampMs < *filter.sinceMs)
        return false;
    if (filter.untilMs && row.timestampMs >= *filter.untilMs)
        return false;
    if (filter.refusedOnly && row.state != store::VerificationState::Refused)
        return false;
    const bool refused = row.state == store::VerificationState::Refused;
    if (refused &&
        (!filter.deviceId.isEmpty() || !filter.kind.isEmpty() || filter.sinceMs || filter.untilMs))
        return false; // the cloud's word about a foreign item matches no filter
    if (row.dismissed && !filter.includeDismissed)
        return false;
    return true;
}

} // namespace vf::model
