#pragma once
// FfmpegClipDecoder's demuxer and decoder without its thread, pacing or sink: opens a
// VerifiedClipBuffer with the mov demuxer over a custom AVIOContext, decodes its H.264 video
// stream frame by frame and converts frames to QVideoFrames. FfmpegClipDecoder's worker
// thread drives one of these; the fuzz target fuzz_mp4_demux drives one directly (no Qt event
// loop, no QVideoSink). FfmpegClipDecoder.h describes the rules it keeps (forced mp4 demuxer,
// no other input than the buffer, the Limits).
//
// The header gate: the demuxer gets bytes only once the top-level box holding them was
// checked. Every box but mdat is read whole first (at most 16 MiB) and what it claims is added
// up the way FFmpeg's mov demuxer would read it wherever it sits (its box parsing does not
// depend on the parent): samples in stsz, stz2 and trun, entries in elst. A clip that claims
// more (FfmpegClipLimits::maxSamples), or has compressed headers (cmov), which cannot be
// checked, is refused with a reason; otherwise a 5 KB clip could make the demuxer allocate and
// fill gigabytes (fuzz_mp4_demux found a trun claiming 83,886,085 samples).
//
// Not thread-safe: one thread calls everything, in order openInput(), openDecoder(), then
// decodeNext(), seekTo() and convert() as often as wanted. Reads block while the buffer is
// still streaming and lacks the bytes at the read position, until they come, the clip is
// refused or aborted, or *cancel (may be null) becomes true (then wake the buffer's readers).
#include "VerifiedClipBuffer.h"

#include <QByteArray>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

struct AVCodecContext;
struct AVFormatContext;
struct AVFrame;
struct AVIOContext;
struct AVPacket;
struct AVRational;
struct SwsContext;
class QVideoFrame;

namespace vf::media {

// FfmpegClipDecoder::Limits.
struct FfmpegClipLimits {
    int maxWidth = 3840;
    int maxHeight = 2160;
    int maxStreams = 4;
    // Samples the clip's headers may claim (sample size tables and track runs of all tracks,
    // times one more than their edit list entries), and never more than the clip has bytes:
    // FFmpeg's mov demuxer allocates and fills its index as claimed, before any sample exists.
    qint64 maxSamples = 1 << 20;
    // The H.264 decoder's frame threads. Two keep 1080p clips smooth on a phone-class CPU.
    // fuzz_mp4_demux uses them on one input in eight and one thread on the rest: per input,
    // FFmpeg starts and joins the threads and copies its decoder context into each (half of
    // the target's time), while most of what it fuzzes (ours, the demuxer, the parsing) is
    // the same either way.
    int decoderThreads = 2;
};

class FfmpegClipReader {
public:
    enum class Next { Frame, End, Failed, Stopped };

    FfmpegClipReader(std::shared_ptr<VerifiedClipBuffer> buffer, FfmpegClipLimits limits,
                     const std::atomic<bool> *cancel = nullptr);
    ~FfmpegClipReader();
    FfmpegClipReader(const FfmpegClipReader &) = delete;
    FfmpegClipReader &operator=(const FfmpegClipReader &) = delete;

    // Called while decoding with the stream's duration so far in ms, as fragments reveal it.
    void setDurationCallback(std::function<void(qint64 ms)> callback) {
        m_onDuration = std::move(callback);
    }

    bool cancelled() const { return m_cancel && m_cancel->load(); }
    // Why an FFmpeg call failed: stopped (empty), refused, closed, or FFmpeg's reason.
    QString failure(const QString &what, int ret) const;

    // Each returns an empty string on success (or when cancelled), else why not.
    QString openInput();
    QString openDecoder();
    // The next decoded frame into out (Frame), the end of a complete clip (End), an error
    // (Failed, *error says why) or cancelled/stopped (Stopped).
    Next decodeNext(AVFrame *out, QString *error);
    // To the keyframe at or before ms (from the first frame); the decoder is flushed.
    QString seekTo(qint64 ms);
    // A frame as one Format_BGRX8888 plane.
    QString convert(const AVFrame *frame, QVideoFrame *out);

    // Times come from the clip's headers, which may claim any 64-bit value in any time base
    // (fuzz_mp4_demux: a fragment decoded at 4 x 10^17 ticks made the header's duration
    // overflow to a negative number of ms). None of these overflows or goes negative.
    // A timestamp of the stream as ms from its first frame (0 when absent, never negative;
    // one too far to count in ms is 0 too).
    qint64 toMs(int64_t pts) const;
    // When a frame starting at startMs ends (never before it starts).
    qint64 frameEndMs(const AVFrame *frame, qint64 startMs) const;
    // The duration the header tells (the stream's, else the container's), 0 when unknown or
    // too long to count in ms.
    qint64 headerDurationMs() const;

private:
    struct FormatDeleter {
        void operator()(AVFormatContext *f) const;
    };
    struct CodecDeleter {
        void operator()(AVCodecContext *c) const;
    };
    struct PacketDeleter {
        void operator()(AVPacket *p) const;
    };
    struct SwsDeleter {
        void operator()(SwsContext *s) const;
    };
    struct IoDeleter {
        void operator()(AVIOContext *io) const;
    };

    static int readPacket(void *opaque, uint8_t *buf, int size);
    static int64_t seekIo(void *opaque, int64_t offset, int whence);
    static int interrupted(void *opaque);
    AVRational timeBase() const;
    // ticks of the stream's time base in ms; -1 when negative or out of range.
    qint64 ticksToMs(int64_t ticks) const;
    // The video stream's duration so far in ms; -1 when unknown or out of range.
    qint64 streamDurationMs() const;
    // Moves the header gate past pos: > 0 when bytes at pos may go to the demuxer, else a
    // VerifiedClipBuffer::read() status or kGateRefused (m_gateError says why).
    qint64 openGate(qint64 pos);
    qint64 refuse(const QString &why);
    // Exactly n bytes at pos (blocking like VerifiedClipBuffer::read): n, or read()'s status.
    qint64 readExactly(qint64 pos, qint64 n, QByteArray *out);

    const std::shared_ptr<VerifiedClipBuffer> m_buffer;
    const FfmpegClipLimits m_limits;
    const std::atomic<bool> *const m_cancel;
    std::function<void(qint64)> m_onDuration;

    qint64 m_ioPos = 0;
    std::unique_ptr<AVIOContext, IoDeleter> m_io;
    std::unique_ptr<AVFormatContext, FormatDeleter> m_format;
    std::unique_ptr<AVCodecContext, CodecDeleter> m_codec;
    std::unique_ptr<AVPacket, PacketDeleter> m_packet;
    std::unique_ptr<SwsContext, SwsDeleter> m_sws;
    struct SwsKey {
        int width = 0, height = 0, format = -1, space = -1;
        bool fullRange = false;
        bool operator==(const SwsKey &) const = default;
    } m_swsKey;
    int m_streamIndex = -1;
    int m_timeBaseNum = 1, m_timeBaseDen = 1000; // the stream's AVRational
    int64_t m_origin = 0;                        // the stream's first timestamp: position 0
    double m_frameRate = 0;
    bool m_draining = false;
    int m_badPackets = 0;

    // Bytes before m_gateEnd lie in top-level boxes that passed the header gate, which
    // counted so far these samples and edit list entries.
    qint64 m_gateEnd = 0;
    qint64 m_claimedSamples = 0;
    qint64 m_claimedEdits = 0;
    QString m_gateError;
};

} // namespace vf::media
