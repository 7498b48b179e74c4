// libFuzzer target: the MP4 demux and H.264 decode of verified clip bytes, as the player does
// it (FfmpegClipReader, the part of FfmpegClipDecoder's worker thread that reads the clip),
// without the thread, the pacing, a QVideoSink or an event loop. FFmpeg itself is the system's
// (not instrumented: no coverage feedback from inside it, and ASan sees its heap through
// malloc only); what is fuzzed is our AVIOContext over VerifiedClipBuffer, the demuxer and
// decoder setup, the limits, timestamps and the frame conversion, with FFmpeg's parsers
// behind them.
//
// Input: [flags: 1 byte][the clip's bytes]. flags bit 0: the buffer is still streaming (all
// bytes there, but not marked complete: the demuxer indexes fragments as it reaches them),
// bit 1: seek once after the first frame, to (flags >> 2) * 100 ms. An input whose length is a
// multiple of 8 is decoded with the app's 2 frame threads, every other one with 1.
//
// Work per input is bounded: frames at most 1280x720, at most kMaxFrames frames decoded and
// kMaxConverted converted. Besides memory safety, leaks and hangs, it checks the reader's
// promises: every failure says why (nothing here cancels, refuses or aborts, so "stopped" or
// an empty reason is a bug), durations are not negative, converted frames have the decoded
// frame's size and format, and positions are never negative nor frames end before they start.
#include "FfmpegClipReader.h"
#include "VerifiedClipBuffer.h"

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/log.h>
}

#include <QVideoFrame>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace vf::media;

namespace {

constexpr int kMaxFrames = 48;
constexpr int kMaxConverted = 4;
constexpr qsizetype kChunk = 4093; // released in odd-sized pieces, as segments are

[[noreturn]] void fail(const char *what, const QString &detail = {}) {
    std::fprintf(stderr, "fuzz_mp4_demux: %s %s\n", what, qPrintable(detail));
    std::abort();
}

struct FrameDeleter {
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    av_log_set_level(AV_LOG_QUIET); // broken clips make FFmpeg talk; the app logs errors only
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    const quint8 flags = data[0];
    const bool streaming = flags & 1;
    const bool seek = flags & 2;
    const qint64 seekMs = qint64(flags >> 2) * 100;
    const QByteArray clip(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    auto buffer = std::make_shared<VerifiedClipBuffer>(clip.size());
    for (qsizetype at = 0; at < clip.size(); at += kChunk) {
        if (!buffer->append(clip.mid(at, kChunk), at))
            fail("the buffer refused its next bytes");
    }
    if (!streaming && !buffer->markComplete())
        fail("a full buffer does not complete");

    FfmpegClipLimits limits;
    limits.maxWidth = 1280;
    limits.maxHeight = 720;
    // The app decodes with 2 frame threads, which delay frames (the drain at the end of a clip
    // and after a seek sees more of them); starting and joining threads per input halves the
    // rate, so one input in eight (by its length, so a crash reproduces) does it that way.
    limits.decoderThreads = size % 8 == 0 ? 2 : 1;
    FfmpegClipReader reader(buffer, limits);
    reader.setDurationCallback([](qint64 ms) {
        if (ms < 0)
            fail("a negative duration");
    });

    QString error = reader.openInput();
    if (error.isEmpty())
        error = reader.openDecoder();
    if (!error.isEmpty())
        return 0; // refused with a reason: what the player shows
    if (reader.headerDurationMs() < 0)
        fail("a negative duration in the header");

    std::unique_ptr<AVFrame, FrameDeleter> frame(av_frame_alloc());
    if (!frame)
        fail("out of memory");
    int converted = 0;
    bool sought = false;
    for (int frames = 0; frames < kMaxFrames; ++frames) {
        QString why;
        const FfmpegClipReader::Next next = reader.decodeNext(frame.get(), &why);
        if (next == FfmpegClipReader::Next::Stopped)
            fail("stopped without being cancelled:", why);
        if (next == FfmpegClipReader::Next::Failed) {
            if (why.isEmpty())
                fail("a failure without a reason");
            break;
        }
        if (!why.isEmpty())
            fail("a reason without a failure:", why);
        if (next == FfmpegClipReader::Next::End)
            break;

        const qint64 ms = reader.toMs(frame->best_effort_timestamp);
        if (ms < 0)
            fail("a negative position");
        if (reader.frameEndMs(frame.get(), ms) < ms)
            fail("a frame that ends before it starts");
        if (converted < kMaxConverted) {
            ++converted;
            QVideoFrame video;
            const QString convertError = reader.convert(frame.get(), &video);
            if (convertError.isEmpty() &&
                (!video.isValid() || video.width() != frame->width ||
                 video.height() != frame->height ||
                 video.pixelFormat() != QVideoFrameFormat::Format_BGRX8888))
                fail("a converted frame is not the decoded one");
        }
        av_frame_unref(frame.get());
        if (seek && !sought) {
            sought = true;
            converted = kMaxConverted - 1; // convert the first frame after the seek too
            if (!reader.seekTo(seekMs).isEmpty())
                break; // refused with a reason
        }
    }
    return 0;
}
