#include "SceneSpec.h"

#include "SplitMix64.h"

#include <QCryptographicHash>
#include <QtEndian>
#include <algorithm>
#include <cmath>

namespace vf::camsim {
namespace {

// Independent random streams: the backdrop must not change when the event label changes
// (the same camera always shows the same yard), so the subject draws from its own stream.
constexpr quint64 kBackdropStream = 0x6261636b64726f70ull; // "backdrop"
constexpr quint64 kSubjectStream = 0x7375626a65637421ull;  // "subject!"

quint64 cameraSeed(const QString &cameraId, quint64 worldSeed) {
    // SHA-256 rather than qHash: qHash is randomised per process, this must not be.
    const QByteArray digest =
        QCryptographicHash::hash(cameraId.toUtf8(), QCryptographicHash::Sha256);
    return qFromBigEndian<quint64>(digest.constData()) ^ SplitMix64::mix(worldSeed);
}

QColor hsv(double h, double s, double v) {
    return QColor::fromHsvF(static_cast<float>(std::fmod(h + 360.0, 360.0) / 360.0),
                            static_cast<float>(std::clamp(s, 0.0, 1.0)),
                            static_cast<float>(std::clamp(v, 0.0, 1.0)));
}

enum class Mood { Day, Overcast, Dusk, Night };

void pickPalette(SceneSpec &spec, SplitMix64 &rng) {
    const auto mood = static_cast<Mood>(rng.between(0, 3));
    double lightness = 1.0; // scales the ground so night scenes are dark all over
    switch (mood) {
    case Mood::Day:
        spec.skyTop = hsv(rng.range(200, 225), rng.range(0.55, 0.75), rng.range(0.75, 0.9));
        spec.skyHorizon = hsv(rng.range(195, 215), rng.range(0.12, 0.25), 0.97);
        break;
    case Mood::Overcast:
        spec.skyTop = hsv(rng.range(200, 230), rng.range(0.05, 0.15), rng.range(0.6, 0.72));
        spec.skyHorizon = hsv(rng.range(200, 230), rng.range(0.02, 0.08), rng.range(0.85, 0.92));
        lightness = 0.85;
        break;
    case Mood::Dusk:
        spec.skyTop = hsv(rng.range(235, 270), rng.range(0.5, 0.7), rng.range(0.35, 0.5));
        spec.skyHorizon = hsv(rng.range(15, 38), rng.range(0.55, 0.75), rng.range(0.9, 1.0));
        lightness = 0.65;
        break;
    case Mood::Night:
        spec.skyTop = hsv(rng.range(220, 245), rng.range(0.6, 0.8), rng.range(0.08, 0.14));
        spec.skyHorizon = hsv(rng.range(215, 235), rng.range(0.4, 0.6), rng.range(0.25, 0.35));
        lightness = 0.4;
        break;
    }

    // Grass, pavement, dirt or snow: independent of the sky so more combinations exist.
    switch (rng.between(0, 3)) {
    case 0:
        spec.groundHorizon = hsv(rng.range(80, 125), rng.range(0.45, 0.65), 0.7 * lightness);
        break;
    case 1:
        spec.groundHorizon = hsv(rng.range(200, 230), rng.range(0.02, 0.1), 0.62 * lightness);
        break;
    case 2:
        spec.groundHorizon = hsv(rng.range(25, 40), rng.range(0.35, 0.55), 0.72 * lightness);
        break;
    default:
        spec.groundHorizon = hsv(rng.range(190, 220), rng.range(0.02, 0.08), 0.93 * lightness);
        break;
    }
    spec.groundBottom = spec.groundHorizon.darker(rng.between(135, 175));
    spec.accent = hsv(rng.range(0, 360), rng.range(0.75, 0.95), 1.0);
}

void addProps(SceneSpec &spec, SplitMix64 &rng) {
    const double hz = spec.horizon;
    const auto add = [&](PropKind kind, double w, double h, double bottom, QColor a, QColor b) {
        const double x = rng.range(-0.05, 1.05 - w);
        spec.props.append(SceneProp{kind, QRectF(x, bottom - h, w, h), a, b});
    };

    for (int i = rng.between(0, 2); i > 0; --i) {
        add(PropKind::House, rng.range(0.18, 0.3), rng.range(0.18, 0.3), hz + rng.range(0.02, 0.08),
            hsv(rng.range(0, 360), rng.range(0.1, 0.45), rng.range(0.6, 0.9)),
            hsv(rng.range(0, 30), rng.range(0.4, 0.7), rng.range(0.3, 0.55)));
    }
    for (int i = rng.between(1, 3); i > 0; --i) {
        add(PropKind::Tree, rng.range(0.06, 0.12), rng.range(0.2, 0.35), hz + rng.range(0.03, 0.15),
            hsv(rng.range(85, 140), rng.range(0.45, 0.75), rng.range(0.3, 0.55)),
            hsv(rng.range(20, 35), rng.range(0.5, 0.7), rng.range(0.25, 0.4)));
    }
    if (rng.chance(0.5)) {
        add(PropKind::Fence, rng.range(0.3, 0.6), rng.range(0.05, 0.08), hz + rng.range(0.1, 0.18),
            hsv(rng.range(20, 40), rng.range(0.2, 0.5), rng.range(0.55, 0.85)), QColor());
    }
    if (rng.chance(0.5)) {
        add(PropKind::LampPost, 0.025, rng.range(0.35, 0.45), hz + rng.range(0.1, 0.2),
            hsv(0, 0, rng.range(0.15, 0.3)), hsv(rng.range(40, 55), 0.5, 1.0));
    }
    for (int i = rng.between(0, 3); i > 0; --i) {
        add(PropKind::Bush, rng.range(0.06, 0.12), rng.range(0.04, 0.08),
            hz + rng.range(0.05, 0.25),
            hsv(rng.range(90, 135), rng.range(0.5, 0.7), rng.range(0.3, 0.5)), QColor());
    }
    // Far things first: painting in order of their foot line gives a plausible depth.
    std::stable_sort(
        spec.props.begin(), spec.props.end(),
        [](const SceneProp &a, const SceneProp &b) { return a.box.bottom() < b.box.bottom(); });
}

void pickSubject(SceneSpec &spec, SplitMix64 &rng) {
    spec.subject = SceneSpec::subjectForLabel(spec.label);
    spec.subjectFeetY = rng.range(std::max(spec.horizon + 0.3, 0.74), 0.9);
    switch (spec.subject) {
    case SubjectKind::Person:
        spec.subjectHeight = rng.range(0.28, 0.36);
        spec.subjectSpeed = rng.range(0.1, 0.14);
        spec.subjectColor = hsv(rng.range(0, 360), rng.range(0.5, 0.85), rng.range(0.45, 0.85));
        break;
    case SubjectKind::Vehicle:
        spec.subjectHeight = rng.range(0.17, 0.22);
        spec.subjectSpeed = rng.range(0.22, 0.3);
        spec.subjectColor = hsv(rng.range(0, 360), rng.range(0.3, 0.9), rng.range(0.35, 0.9));
        break;
    case SubjectKind::Animal:
        spec.subjectHeight = rng.range(0.12, 0.16);
        spec.subjectSpeed = rng.range(0.15, 0.22);
        spec.subjectColor = hsv(rng.range(20, 40), rng.range(0.3, 0.7), rng.range(0.3, 0.75));
        break;
    case SubjectKind::Blob:
        spec.subjectHeight = rng.range(0.16, 0.22);
        spec.subjectSpeed = rng.range(0.06, 0.1);
        spec.subjectColor = hsv(rng.range(0, 360), rng.range(0.2, 0.5), rng.range(0.55, 0.8));
        break;
    }
}

} // namespace

SceneSpec SceneSpec::forCamera(const QString &cameraId, const QString &cameraName,
                               const QString &label, quint64 worldSeed) {
    SceneSpec spec;
    spec.cameraId = cameraId;
    spec.cameraName = cameraName;
    spec.label = label;
    spec.seed = cameraSeed(cameraId, worldSeed);

    SplitMix64 backdrop(spec.seed ^ kBackdropStream);
    spec.horizon = backdrop.range(0.36, 0.5);
    pickPalette(spec, backdrop);
    addProps(spec, backdrop);

    SplitMix64 subject(spec.seed ^ kSubjectStream);
    pickSubject(spec, subject);
    return spec;
}

SubjectKind SceneSpec::subjectForLabel(QStringView label) {
    const QString l = label.trimmed().toString().toLower();
    if (l == u"person" || l == u"people" || l == u"human")
        return SubjectKind::Person;
    if (l == u"vehicle" || l == u"car" || l == u"truck")
        return SubjectKind::Vehicle;
    if (l == u"animal" || l == u"pet" || l == u"dog" || l == u"cat")
        return SubjectKind::Animal;
    return SubjectKind::Blob;
}

} // namespace vf::camsim
