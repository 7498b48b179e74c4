#include "SceneRenderer.h"

#include "OsdFont.h"
#include "PropPainter.h"
#include "SplitMix64.h"
#include "SubjectPainter.h"

#include <QDateTime>
#include <QLinearGradient>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace vf::camsim {
namespace {

constexpr int kMaxSide = 8192;
constexpr int kTimestampChars = 23;                     // "yyyy-MM-dd hh:mm:ss.zzz"
constexpr quint64 kEventStream = 0x6576656e74737472ull; // "eventstr"

// Subjects enter and leave this far outside the frame (in frame widths) before wrapping, so
// a long clip shows them walking out and back in rather than jumping.
constexpr double kOffscreen = 0.25;

double positiveFmod(double value, double modulus) {
    const double r = std::fmod(value, modulus);
    return r < 0 ? r + modulus : r;
}

bool isDark(const SceneSpec &spec) {
    return spec.skyHorizon.valueF() < 0.5;
}

void paintBackdrop(QPainter &p, const SceneSpec &spec, QSize size, double seconds) {
    const double w = size.width();
    const double h = size.height();
    const double horizonY = std::round(spec.horizon * h);

    QLinearGradient sky(0, 0, 0, horizonY);
    sky.setColorAt(0.0, spec.skyTop);
    sky.setColorAt(1.0, spec.skyHorizon);
    p.fillRect(QRectF(0, 0, w, horizonY), sky);

    // Clouds drift slowly so even a "nothing moves" scene is visibly alive.
    SplitMix64 rng(spec.seed ^ 0x636c6f756473ull); // "clouds"
    QColor cloud = spec.skyHorizon.lighter(isDark(spec) ? 130 : 108);
    cloud.setAlpha(isDark(spec) ? 60 : 170);
    p.setPen(Qt::NoPen);
    p.setBrush(cloud);
    for (int i = rng.between(2, 4); i > 0; --i) {
        const double cw = rng.range(0.12, 0.22) * w;
        const double ch = cw * rng.range(0.22, 0.32);
        const double cy = rng.range(0.08, 0.6) * horizonY;
        const double speed = rng.range(0.008, 0.02) * w;
        const double cx = positiveFmod(rng.unit() * (w + cw) + speed * seconds, w + cw) - cw;
        p.drawEllipse(QRectF(cx, cy, cw, ch));
        p.drawEllipse(QRectF(cx + cw * 0.25, cy - ch * 0.35, cw * 0.5, ch));
    }

    QLinearGradient ground(0, horizonY, 0, h);
    ground.setColorAt(0.0, spec.groundHorizon);
    ground.setColorAt(1.0, spec.groundBottom);
    p.fillRect(QRectF(0, horizonY, w, h - horizonY), ground);

    for (const SceneProp &prop : spec.props)
        PropPainter::paint(p, prop, size, isDark(spec));
}

SubjectPose poseAt(const SceneSpec &spec, qint64 captureTimeMs, QSize size, double seconds) {
    // Where the subject starts depends on the event too, so two events of one camera do not
    // produce identical thumbnails; it starts inside the frame and heads for the wider side.
    SplitMix64 rng(spec.seed ^ SplitMix64::mix(static_cast<quint64>(captureTimeMs)) ^ kEventStream);
    const double x0 = rng.range(0.2, 0.8);
    const double feetY = spec.subjectFeetY + rng.range(-0.03, 0.03);
    const double direction = x0 < 0.5 ? 1.0 : -1.0;
    const double span = 1.0 + 2 * kOffscreen;
    const double x =
        positiveFmod(x0 + kOffscreen + direction * spec.subjectSpeed * seconds, span) - kOffscreen;

    SubjectPose pose;
    pose.kind = spec.subject;
    pose.color = spec.subjectColor;
    pose.feet = QPointF(x * size.width(), std::min(feetY, 0.97) * size.height());
    pose.height = spec.subjectHeight * size.height();
    pose.direction = direction;
    pose.seconds = seconds;
    return pose;
}

QString labelText(const SceneSpec &spec) {
    return spec.label.trimmed().isEmpty() ? QStringLiteral("MOTION")
                                          : spec.label.trimmed().toUpper();
}

void paintDetection(QPainter &p, const SceneSpec &spec, const QRectF &bounds, int osdScale) {
    if (bounds.isEmpty())
        return;
    const double pad = bounds.height() * 0.06;
    const QRectF box = bounds.adjusted(-pad, -pad, pad, pad);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(spec.accent, std::max(1, osdScale)));
    p.drawRect(box.toAlignedRect());

    const int scale = std::max(1, osdScale - 1);
    const QString text = labelText(spec);
    const QSize ts = OsdFont::textSize(text, scale);
    const int padPx = scale * 2;
    QRect tag(box.toAlignedRect().topLeft() - QPoint(0, ts.height() + 2 * padPx),
              ts + QSize(2 * padPx, 2 * padPx));
    if (tag.top() < 0)
        tag.moveTop(box.toAlignedRect().top());
    p.fillRect(tag, spec.accent.darker(300));
    OsdFont::draw(p, tag.topLeft() + QPoint(padPx, padPx), text, scale, spec.accent);
    p.restore();
}

// A translucent band behind OSD text, like a real camera's, so it reads on bright skies.
void paintOsdText(QPainter &p, QPoint topLeft, const QString &text, int scale) {
    const QSize ts = OsdFont::textSize(text, scale);
    const int pad = scale * 2;
    p.fillRect(QRect(topLeft, ts + QSize(2 * pad, 2 * pad)), QColor(0, 0, 0, 120));
    OsdFont::draw(p, topLeft + QPoint(pad, pad), text, scale, Qt::white);
}

void paintOsd(QPainter &p, const SceneSpec &spec, QSize size, qint64 frameMs, int scale) {
    const int margin = std::max(3, size.height() / 60);
    const int pad = scale * 2;
    const int bandH = OsdFont::kGlyphHeight * scale + 2 * pad;

    // "● REC" top right, the dot blinking once a second.
    const QString rec = QStringLiteral("REC");
    const QSize recSize = OsdFont::textSize(rec, scale);
    const int dot = OsdFont::kGlyphHeight * scale;
    const int recW = dot + scale * 3 + recSize.width() + 2 * pad;
    const QRect recBand(size.width() - margin - recW, margin, recW, bandH);
    p.fillRect(recBand, QColor(0, 0, 0, 120));
    if (((frameMs % 1000) + 1000) % 1000 < 500) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(230, 30, 30));
        p.drawEllipse(QRect(recBand.left() + pad, recBand.top() + pad, dot, dot));
    }
    OsdFont::draw(p, recBand.topLeft() + QPoint(pad + dot + scale * 3, pad), rec, scale, Qt::white);

    const int nameMax = recBand.left() - 2 * margin - 2 * pad;
    const QString name = OsdFont::elide(spec.cameraName, nameMax, scale);
    if (!name.isEmpty())
        paintOsdText(p, QPoint(margin, margin), name, scale);

    const QString stamp = SceneRenderer::timestampText(frameMs, spec.utcOffsetMinutes);
    paintOsdText(p, QPoint(margin, size.height() - margin - bandH), stamp, scale);
}

} // namespace

SceneRenderer::SceneRenderer(QSize frameSize)
    : m_size(frameSize) {}

qint64 SceneRenderer::frameTimeMs(qint64 captureTimeMs, int frameIndex, int fps) {
    if (fps <= 0)
        return captureTimeMs;
    return captureTimeMs + static_cast<qint64>(frameIndex) * 1000 / fps;
}

QString SceneRenderer::timestampText(qint64 msSinceEpoch, int utcOffsetMinutes) {
    // Shifting the instant and formatting it as UTC gives wall-clock time at that offset
    // without consulting the host's time zone database. The format is numeric only, so it
    // does not depend on the locale either.
    const qint64 shifted = msSinceEpoch + static_cast<qint64>(utcOffsetMinutes) * 60 * 1000;
    return QDateTime::fromMSecsSinceEpoch(shifted, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

int SceneRenderer::osdScale(QSize frameSize) {
    const int byHeight = static_cast<int>(std::lround(frameSize.height() / 110.0));
    const int margin = std::max(3, frameSize.height() / 60);
    const int stampUnits = kTimestampChars * OsdFont::kAdvance + 4; // text and band padding
    const int byWidth = (frameSize.width() - 2 * margin) / stampUnits;
    return std::max(1, std::min(byHeight, byWidth));
}

QImage SceneRenderer::renderFrame(const SceneSpec &spec, qint64 captureTimeMs, int frameIndex,
                                  int fps) const {
    if (m_size.isEmpty() || m_size.width() > kMaxSide || m_size.height() > kMaxSide || fps <= 0 ||
        frameIndex < 0)
        return QImage();

    QImage image(m_size, QImage::Format_RGB32);
    if (image.isNull()) // allocation failure
        return QImage();

    const double seconds = static_cast<double>(frameIndex) / fps;
    const qint64 frameMs = frameTimeMs(captureTimeMs, frameIndex, fps);
    const int scale = osdScale(m_size);

    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    paintBackdrop(p, spec, m_size, seconds);
    const QRectF bounds = SubjectPainter::paint(p, poseAt(spec, captureTimeMs, m_size, seconds));
    paintDetection(p, spec, bounds.intersected(QRectF(QPointF(0, 0), m_size)), scale);
    paintOsd(p, spec, m_size, frameMs, scale);
    p.end();
    return image;
}

} // namespace vf::camsim
