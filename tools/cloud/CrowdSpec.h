#pragma once
// The crowd: many small accounts and cameras added to a demo world (--crowd), for the
// reconnect storm (tests/e2e/storm). Each crowd camera has an owner claim and a few events
// with small JPEG thumbnails and no clip. The first `heavy` accounts (installers, small
// businesses) share half of the cameras between them; the other accounts share the rest, so
// a handful of clients can pull many thousand events each.
#include <QString>

#include <optional>

namespace vf::cloud {

struct CrowdSpec {
    static constexpr int kMaxUsers = 100'000;
    static constexpr int kMaxCameras = 1'000'000;
    static constexpr int kMaxEventsPerCamera = 1'000;

    int users = 0; // 0: no crowd
    int cameras = 0;
    int eventsPerCamera = 0;
    int heavyUsers = 0; // < users; 0: every account gets an even share

    bool isEmpty() const { return users == 0; }
    // "USERS:CAMERAS:EVENTS[:HEAVY]", e.g. "1000:10000:20:20"; nullopt and *error when bad.
    static std::optional<CrowdSpec> parse(const QString &text, QString *error);
    QString toString() const; // the same form; empty for no crowd

    // The account (0-based crowd index) that owns camera `camera`.
    int ownerOf(int camera) const;
    // "crowd-00042": the username of crowd account `index` (passwords are "<username>-demo").
    static QString username(int index);

    bool operator==(const CrowdSpec &) const = default;
};

} // namespace vf::cloud
