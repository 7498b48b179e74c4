#pragma once
// A clip player's decoder, as the app sees it (in the manner of moonlight-qt's IVideoDecoder:
// an interface, with the FFmpeg implementation behind it in FfmpegClipDecoder).
//
// The architecture rule: nothing reaches a decoder without a verified verdict for the
// signed-in account. A ClipDecoder therefore takes its input only as a VerifiedClipBuffer,
// which holds nothing but the bytes VerifiedClipStream released after their segment hashes
// matched the attestation; there is no file, URL, QIODevice or QByteArray entry point, and an
// implementation must never read bytes from anywhere else.
//
// Threading: create, drive and destroy a decoder on one thread (the owner, normally the GUI
// thread). Decoding runs on the implementation's own worker thread; every signal is emitted
// on the owner thread, in order: frames, then finished() or error(). Frames arrive at the
// pace of the clip's timestamps divided by speed(); a frame is pushed to the video sink, if
// one is set, and emitted as frameReady().
#include <QObject>
#include <QVideoFrame>
#include <memory>

class QVideoSink;

namespace vf::media {

class VerifiedClipBuffer;

class ClipDecoder : public QObject {
    Q_OBJECT
public:
    static constexpr double kMinSpeed = 0.5;
    static constexpr double kMaxSpeed = 4.0;

    enum class State {
        Idle,     // not opened, or opened and not started
        Opening,  // started: waiting for the clip's header (its first verified bytes)
        Playing,  // frames are being presented
        Paused,   // pause(): the current frame stays; resume() continues
        Finished, // the last frame was presented; seek() plays again from there
        Stopped,  // stop(): the worker is gone; open() again to play
        Failed,   // error() was emitted; no more frames
    };
    Q_ENUM(State)

    using QObject::QObject;
    ~ClipDecoder() override = default;

    // The verified bytes to play. Only while Idle, Stopped or Failed (a new clip); the buffer may
    // still be filling. False on a null buffer or in any other state.
    virtual bool open(std::shared_ptr<VerifiedClipBuffer> buffer) = 0;

    // Where frames go besides frameReady(), e.g. a QML VideoOutput's videoSink. Not owned; may
    // be null; may change at any time. A destroyed sink is forgotten.
    virtual void setVideoSink(QVideoSink *sink) = 0;
    virtual QVideoSink *videoSink() const = 0;

    virtual void start() = 0;  // Idle (opened) -> Opening -> Playing
    virtual void pause() = 0;  // also before the first frame: Opening -> Paused once open
    virtual void resume() = 0; // Paused -> Playing
    // To the first frame at or after ms (the last frame when ms is past the end), presented at
    // once; then playing or still paused. Also from Finished. Clamped to 0.. .
    virtual void seek(qint64 ms) = 0;
    // Playback rate, clamped to kMinSpeed..kMaxSpeed; takes effect at the next frame and
    // stays for later clips (open() keeps it).
    virtual void setSpeed(double speed) = 0;
    virtual double speed() const = 0;
    // Ends playback and joins the worker promptly, even while it waits for bytes. Idempotent;
    // the destructor calls it. No signal is emitted for frames decoded before it.
    virtual void stop() = 0;

    virtual State state() const = 0;
    // The clip's length as known so far: a clip that is still streaming may only reveal it
    // fragment by fragment (durationChanged). 0 when unknown.
    virtual qint64 durationMs() const = 0;
    // The timestamp of the frame presented last, from the clip's first frame (0).
    virtual qint64 positionMs() const = 0;

Q_SIGNALS:
    void frameReady(const QVideoFrame &frame);
    void positionChanged(qint64 ms);
    void durationChanged(qint64 ms);
    // The first frame was presented, msSinceStart after start().
    void firstFrame(qint64 msSinceStart);
    void stateChanged(vf::media::ClipDecoder::State state);
    void finished();
    // Fatal: the clip is refused, malformed, out of bounds or cannot be decoded. No more
    // frames follow.
    void error(const QString &message);
};

} // namespace vf::media
