#include "CrowdSpec.h"

#include <QStringList>

namespace vf::cloud {

std::optional<CrowdSpec> CrowdSpec::parse(const QString &text, QString *error) {
    const QStringList parts = text.split(u':');
    if (parts.size() < 3 || parts.size() > 4) {
        *error = QStringLiteral("expected USERS:CAMERAS:EVENTS[:HEAVY], got '%1'").arg(text);
        return std::nullopt;
    }
    int values[4] = {0, 0, 0, 0};
    const int limits[4] = {kMaxUsers, kMaxCameras, kMaxEventsPerCamera, kMaxUsers};
    const char *names[4] = {"USERS", "CAMERAS", "EVENTS", "HEAVY"};
    for (qsizetype i = 0; i < parts.size(); ++i) {
        bool ok = false;
        values[i] = parts.at(i).toInt(&ok);
        const int low = i == 3 ? 0 : 1;
        if (!ok || values[i] < low || values[i] > limits[i]) {
            *error = QStringLiteral("%1 must be an integer from %2 to %3, got '%4'")
                         .arg(QLatin1String(names[i]))
                         .arg(low)
                         .arg(limits[i])
                         .arg(parts.at(i));
            return std::nullopt;
        }
    }
    CrowdSpec spec{values[0], values[1], values[2], values[3]};
    if (spec.heavyUsers >= spec.users) {
        *error = QStringLiteral("HEAVY (%1) must be fewer than USERS (%2)")
                     .arg(spec.heavyUsers)
                     .arg(spec.users);
        return std::nullopt;
    }
    return spec;
}

QString CrowdSpec::toString() const {
    if (isEmpty())
        return QStringLiteral(""); // not null: it is stored in a NOT NULL column
    return QStringLiteral("%1:%2:%3:%4")
        .arg(users)
        .arg(cameras)
        .arg(eventsPerCamera)
        .arg(heavyUsers);
}

int CrowdSpec::ownerOf(int camera) const {
    if (heavyUsers == 0)
        return camera % users;
    // Even cameras go to the heavy accounts, odd ones to everyone else.
    if (camera % 2 == 0)
        return (camera / 2) % heavyUsers;
    return heavyUsers + (camera / 2) % (users - heavyUsers);
}

QString CrowdSpec::username(int index) {
    return QStringLiteral("crowd-%1").arg(index, 5, 10, QLatin1Char('0'));
}

} // namespace vf::cloud
