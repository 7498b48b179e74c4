#include "FrameConverter.h"

namespace vf::camsim {

FrameConverter::FrameConverter(QSize frameSize, AVPixelFormat frameFormat)
    : m_frameSize(frameSize)
    , m_frameFormat(frameFormat)
    , m_fullRange(frameFormat == AV_PIX_FMT_YUVJ420P) {}

QString FrameConverter::prepareContext(QSize sourceSize) {
    if (m_sws && sourceSize == m_sourceSize)
        return QString();

    // YUVJ420P has exactly the memory layout of YUV420P; only the range differs. swscale
    // warns "deprecated pixel format used" for every context made with a J format, so we
    // ask it for YUV420P and set the full range explicitly instead.
    const bool scaling = sourceSize != m_frameSize;
    m_sws.reset(sws_getContext(sourceSize.width(), sourceSize.height(), AV_PIX_FMT_RGB32,
                               m_frameSize.width(), m_frameSize.height(), AV_PIX_FMT_YUV420P,
                               scaling ? SWS_BICUBIC : SWS_POINT, nullptr, nullptr, nullptr));
    if (!m_sws)
        return QStringLiteral("cannot create a %1x%2 → %3x%4 colour converter")
            .arg(sourceSize.width())
            .arg(sourceSize.height())
            .arg(m_frameSize.width())
            .arg(m_frameSize.height());

    // BT.601 both ways (what swscale assumes and what the streams are tagged with); RGB is
    // always full range, YUV is full range for JPEG and limited ("TV") range for H.264.
    const int *bt601 = sws_getCoefficients(SWS_CS_ITU601);
    if (sws_setColorspaceDetails(m_sws.get(), bt601, 1, bt601, m_fullRange ? 1 : 0, 0, 1 << 16,
                                 1 << 16) < 0) {
        m_sws.reset();
        return QStringLiteral("cannot set the colour range of the converter");
    }
    m_sourceSize = sourceSize;
    return QString();
}

QString FrameConverter::convert(const QImage &image, AVFrame *frame) {
    if (image.isNull())
        return QStringLiteral("no image to convert (null QImage)");
    if (!frame)
        return QStringLiteral("no frame to convert into");

    // AV_PIX_FMT_RGB32 is FFmpeg's name for "0xAARRGGBB as a native-endian 32-bit word",
    // which is exactly QImage's RGB32/ARGB32 layout; anything else is converted first.
    QImage source = image;
    if (source.format() != QImage::Format_RGB32 && source.format() != QImage::Format_ARGB32)
        source = source.convertToFormat(QImage::Format_RGB32);
    if (source.isNull())
        return QStringLiteral("cannot convert the image to RGB32");

    if (const QString error = prepareContext(source.size()); !error.isEmpty())
        return error;

    int ret = 0;
    if (!frame->buf[0]) {
        frame->format = m_frameFormat;
        frame->width = m_frameSize.width();
        frame->height = m_frameSize.height();
        ret = av_frame_get_buffer(frame, 0);
    } else {
        ret = av_frame_make_writable(frame);
    }
    if (ret < 0)
        return QStringLiteral("cannot allocate a video frame: %1").arg(avErrorText(ret));

    frame->color_range = m_fullRange ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
    frame->colorspace = AVCOL_SPC_SMPTE170M;

    const uint8_t *const srcPlanes[1] = {source.constBits()};
    const int srcStrides[1] = {static_cast<int>(source.bytesPerLine())};
    ret = sws_scale(m_sws.get(), srcPlanes, srcStrides, 0, source.height(), frame->data,
                    frame->linesize);
    if (ret != m_frameSize.height())
        return QStringLiteral("colour conversion failed: %1")
            .arg(ret < 0 ? avErrorText(ret) : QStringLiteral("%1 rows written").arg(ret));
    return QString();
}

} // namespace vf::camsim
