#pragma once
// Deterministic draws shared by the demo world and the crowd: IDs, claim IDs, event labels.
#include "SplitMix64.h"

#include <QByteArray>
#include <QString>

namespace vf::cloud::picks {

inline QString hex(quint64 value, int digits) {
    return QStringLiteral("%1").arg(value, digits, 16, QLatin1Char('0')).right(digits);
}

inline QByteArray bytesFrom(camsim::SplitMix64 &rng, int count) {
    QByteArray out;
    while (out.size() < count) {
        const quint64 v = rng.next();
        out.append(reinterpret_cast<const char *>(&v), sizeof v);
    }
    return out.left(count);
}

// A detection label with the demo's mix: person 30 %, vehicle 20 %, animal 15 %, motion 25 %,
// sound 10 %.
inline QString label(camsim::SplitMix64 &rng) {
    struct LabelWeight {
        const char *label;
        double weight;
    };
    static constexpr LabelWeight kLabels[] = {
        {"person", 0.30}, {"vehicle", 0.20}, {"animal", 0.15}, {"motion", 0.25}, {"sound", 0.10},
    };
    double u = rng.unit();
    for (const auto &l : kLabels) {
        if (u < l.weight)
            return QString::fromLatin1(l.label);
        u -= l.weight;
    }
    return QStringLiteral("motion");
}

} // namespace vf::cloud::picks
