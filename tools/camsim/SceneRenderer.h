#pragma once
// Renders the frames a simulated camera "captures": the camera's backdrop, the event's
// subject moving across it, a detection box, and an OSD with the camera name and a running
// timestamp. Pure function of its inputs (no clock, no unseeded randomness, no fonts from
// the host), so the same event always yields the same pixels, and const/re-entrant so worker
// threads may share one renderer.
#include "SceneSpec.h"

#include <QImage>
#include <QSize>
#include <QString>

namespace vf::camsim {

class SceneRenderer {
public:
    explicit SceneRenderer(QSize frameSize = QSize(640, 360));

    QSize frameSize() const { return m_size; }

    // Frame frameIndex of a capture that started at captureTimeMs (ms since the epoch) and
    // runs at fps frames per second, as a Format_RGB32 image of frameSize(). A null QImage
    // when the size is empty or over 8192 on a side, fps is not positive or frameIndex is
    // negative.
    QImage renderFrame(const SceneSpec &spec, qint64 captureTimeMs, int frameIndex, int fps) const;

    // The capture time of frame frameIndex: captureTimeMs + frameIndex / fps seconds,
    // rounded down to the millisecond (what the OSD shows).
    static qint64 frameTimeMs(qint64 captureTimeMs, int frameIndex, int fps);

    // "yyyy-MM-dd hh:mm:ss.zzz" at a fixed UTC offset (never the host's time zone).
    static QString timestampText(qint64 msSinceEpoch, int utcOffsetMinutes);

    // The OSD's font scale for a frame size: large enough to read on a thumbnail, small
    // enough that the timestamp fits the width.
    static int osdScale(QSize frameSize);

private:
    QSize m_size;
};

} // namespace vf::camsim
