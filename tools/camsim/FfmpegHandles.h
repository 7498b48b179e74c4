#pragma once
// Owning handles for the FFmpeg objects the encoders use, so every early return frees what
// was allocated (FFmpeg's C API would otherwise need a goto ladder per function).
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <QString>
#include <memory>

namespace vf::camsim {

struct CodecContextDeleter {
    void operator()(AVCodecContext *c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
struct SwsContextDeleter {
    void operator()(SwsContext *s) const { sws_freeContext(s); }
};
// For output contexts only: a custom pb is owned elsewhere (MemoryOutput) and flagged
// AVFMT_FLAG_CUSTOM_IO, so avformat_free_context leaves it alone.
struct OutputFormatDeleter {
    void operator()(AVFormatContext *f) const { avformat_free_context(f); }
};

using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;
using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;

// An AVDictionary of options that frees itself; FFmpeg consumes recognised entries.
class AvDictionary {
public:
    AvDictionary() = default;
    AvDictionary(const AvDictionary &) = delete;
    AvDictionary &operator=(const AvDictionary &) = delete;
    ~AvDictionary() { av_dict_free(&m_dict); }

    void set(const char *key, const QString &value);
    AVDictionary **address() { return &m_dict; }
    // The keys FFmpeg did not recognise (left in the dictionary after an open), comma
    // separated; empty when all were used.
    QString leftoverKeys() const;

private:
    AVDictionary *m_dict = nullptr;
};

// "Invalid argument (-22)": av_strerror with the code, for error messages.
QString avErrorText(int errnum);

} // namespace vf::camsim
