#pragma once
// QImage → planar YUV AVFrame through swscale, scaling to the encoder's size on the way.
// One converter per encode (it caches its SwsContext for the source size), so encoders that
// run on different threads never share one.
#include "FfmpegHandles.h"

#include <QImage>
#include <QSize>
#include <QString>

namespace vf::camsim {

class FrameConverter {
public:
    // frameFormat: AV_PIX_FMT_YUV420P (limited range, for H.264) or AV_PIX_FMT_YUVJ420P
    // (full range, for JPEG).
    FrameConverter(QSize frameSize, AVPixelFormat frameFormat);

    FrameConverter(const FrameConverter &) = delete;
    FrameConverter &operator=(const FrameConverter &) = delete;

    // Writes image into frame (allocating its buffers on first use, or copying them if the
    // encoder still holds a reference). Returns an empty string on success, else the reason.
    QString convert(const QImage &image, AVFrame *frame);

private:
    QString prepareContext(QSize sourceSize);

    QSize m_frameSize;
    AVPixelFormat m_frameFormat;
    bool m_fullRange;
    QSize m_sourceSize;
    SwsContextPtr m_sws;
};

} // namespace vf::camsim
