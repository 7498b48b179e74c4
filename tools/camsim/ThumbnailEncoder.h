#pragma once
// JPEG thumbnails through FFmpeg's MJPEG encoder (the same library stack as the clips, so a
// camera's media all come from one encoder family). Each call builds and frees its own codec
// context: encode() is const and safe to call from several threads at once.
#include "EncodeResult.h"
#include "SceneSpec.h"

#include <QImage>
#include <QSize>

namespace vf::camsim {

struct ThumbnailSettings {
    QSize size = QSize(320, 180);
    // 1 (smallest) … 100 (best), as for QImage/libjpeg; mapped onto FFmpeg's qscale.
    int quality = 80;
};

class ThumbnailEncoder {
public:
    explicit ThumbnailEncoder(ThumbnailSettings settings = {});

    const ThumbnailSettings &settings() const { return m_settings; }

    // Why settings cannot work (empty when they can): size 16..4096 on a side, quality 1..100.
    static QString validate(const ThumbnailSettings &settings);

    // A baseline JPEG (FF D8 … FF D9) of image scaled to settings().size.
    EncodeResult encode(const QImage &image) const;

    // Renders frame 0 of the event at settings().size (so the OSD is drawn at thumbnail
    // resolution, not shrunk from the clip) and encodes it.
    EncodeResult encodeScene(const SceneSpec &spec, qint64 captureTimeMs) const;

    // quality 1..100 → MJPEG qscale 31..2 (FFmpeg's -q:v; lower is better).
    static int qscaleForQuality(int quality);

private:
    ThumbnailSettings m_settings;
};

} // namespace vf::camsim
