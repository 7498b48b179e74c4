#include "FfmpegClipDecoder.h"

#include "FfmpegClipReader.h"
#include "VerifiedClipBuffer.h"

extern "C" {
#include <libavutil/frame.h>
}

#include <QThread>
#include <QVideoSink>
#include <algorithm>
#include <cmath>

namespace vf::media {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The worker's waits are sliced so that it notices a refused buffer within this, even while
// it paces or is paused (the owner thread drops frames of a refused clip at once anyway).
constexpr auto kSlice = 20ms;
// A frame later than this behind the pacing clock (the verified bytes stalled) resets the
// clock instead of rushing through the backlog.
constexpr auto kMaxLateness = 500ms;

struct FrameDeleter {
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};

} // namespace

// Runs on the worker thread: demux and decode (FfmpegClipReader), pace, present.
class FfmpegClipWorker {
public:
    FfmpegClipWorker(FfmpegClipDecoder *q, std::shared_ptr<VerifiedClipBuffer> buffer,
                     quint64 session)
        : q(q)
        , m_buffer(std::move(buffer))
        , m_session(session)
        , m_startedAt(q->m_startedAt)
        , m_reader(m_buffer, q->m_limits, &q->m_cancel) {
        m_reader.setDurationCallback([this](qint64 ms) { publishDuration(ms); });
    }

    void run();

private:
    using Next = FfmpegClipReader::Next;

    bool cancelled() const { return q->m_cancel.load(); }
    QString failure(const QString &what, int ret) const { return m_reader.failure(what, ret); }
    void fail(const QString &message);

    QString openInput() { return m_reader.openInput(); }
    QString openDecoder() { return m_reader.openDecoder(); }
    Next decodeNext(AVFrame *out, QString *error) { return m_reader.decodeNext(out, error); }
    QString seekTo(qint64 ms) { return m_reader.seekTo(ms); }
    QString convert(const AVFrame *frame, QVideoFrame *out) { return m_reader.convert(frame, out); }
    qint64 toMs(int64_t pts) const { return m_reader.toMs(pts); }
    qint64 frameEndMs(const AVFrame *frame, qint64 startMs) const {
        return m_reader.frameEndMs(frame, startMs);
    }
    void publishDuration(qint64 ms);
    // Waits for a control change, a refusal or the deadline; true when the deadline came.
    bool waitUntil(Clock::time_point deadline, quint64 seenSerial);

    FfmpegClipDecoder *const q;
    const std::shared_ptr<VerifiedClipBuffer> m_buffer;
    const quint64 m_session;
    const Clock::time_point m_startedAt;
    FfmpegClipReader m_reader;
    qint64 m_publishedDuration = 0;
};

void FfmpegClipWorker::fail(const QString &message) {
    if (cancelled() || message.isEmpty())
        return; // stop(): no signal
    const bool refused = m_buffer->isRefused();
    const QString text = refused ? QStringLiteral("the clip was refused") : message;
    q->post(m_session, [q = q, text, refused] { q->onError(text, refused); });
}

void FfmpegClipWorker::publishDuration(qint64 ms) {
    if (ms <= m_publishedDuration)
        return;
    m_publishedDuration = ms;
    q->m_durationMs.store(ms);
    q->post(m_session, [q = q, ms] { q->onDuration(ms); });
}

bool FfmpegClipWorker::waitUntil(Clock::time_point deadline, quint64 seenSerial) {
    QMutexLocker lock(&q->m_mutex);
    for (;;) {
        if (q->m_control.serial != seenSerial || q->m_control.stop || cancelled())
            return false;
        if (m_buffer->state() == VerifiedClipBuffer::State::Refused)
            return false;
        const auto now = Clock::now();
        if (now >= deadline)
            return true;
        const auto slice = std::min<Clock::duration>(deadline - now, kSlice);
        q->m_wake.wait(&q->m_mutex,
                       QDeadlineTimer(std::chrono::duration_cast<std::chrono::nanoseconds>(slice),
                                      Qt::PreciseTimer));
    }
}

void FfmpegClipWorker::run() {
    QString error = openInput();
    // A cancelled open returns no error (stop() wants no signal) and no format context.
    if (error.isEmpty() && !cancelled())
        error = openDecoder();
    if (!error.isEmpty() || cancelled()) {
        fail(error);
        return;
    }
    q->post(m_session, [q = q] { q->onHeaderRead(); });
    publishDuration(m_reader.headerDurationMs());

    std::unique_ptr<AVFrame, FrameDeleter> decoded(av_frame_alloc());
    std::unique_ptr<AVFrame, FrameDeleter> skipped(av_frame_alloc()); // last one before a seek
    if (!decoded || !skipped) {
        fail(QStringLiteral("out of memory"));
        return;
    }

    struct Held {
        QVideoFrame frame;
        qint64 positionMs = 0;
        bool valid = false;
    } held;
    std::optional<qint64> discardBefore; // after a seek: decode but do not show earlier frames
    bool haveSkipped = false;
    bool atEnd = false;
    bool firstPresented = false;
    bool presentAtOnce = true;
    bool showOne = false; // after a seek: present one frame even while paused
    Clock::time_point anchorWall = Clock::now();
    qint64 anchorMs = 0;
    qint64 lastPresentedMs = -1;
    double speed = 1.0;
    bool paused = false;
    quint64 seenSerial = ~quint64(0);
    quint64 seekSerial = 0;

    for (;;) {
        FfmpegClipDecoder::Control control;
        {
            QMutexLocker lock(&q->m_mutex);
            control = q->m_control;
            q->m_control.seekMs.reset();
        }
        if (control.stop || cancelled())
            return;
        if (m_buffer->state() == VerifiedClipBuffer::State::Refused ||
            m_buffer->state() == VerifiedClipBuffer::State::Aborted) {
            fail(failure(QString(), 0));
            return;
        }
        if (control.serial != seenSerial) {
            seenSerial = control.serial;
            if (control.speed != speed || control.paused != paused) {
                // Re-anchor the clock at the frame on screen: the next one is due one
                // (scaled) frame interval from now.
                anchorWall = Clock::now();
                anchorMs = lastPresentedMs >= 0 ? lastPresentedMs : 0;
                presentAtOnce = lastPresentedMs < 0;
            }
            speed = control.speed;
            paused = control.paused;
        }
        if (control.seekMs) {
            seekSerial = control.seekSerial;
            error = seekTo(*control.seekMs);
            if (!error.isEmpty() || cancelled()) {
                fail(error);
                return;
            }
            held = Held{};
            discardBefore = *control.seekMs;
            haveSkipped = false;
            atEnd = false;
            presentAtOnce = true;
            showOne = true;
            continue;
        }
        if ((paused && !showOne) || atEnd) {
            waitUntil(Clock::now() + kSlice, seenSerial);
            continue;
        }

        if (!held.valid) {
            const Next next = decodeNext(decoded.get(), &error);
            if (next == Next::Stopped)
                return;
            if (next == Next::Failed) {
                fail(error);
                return;
            }
            if (next == Next::End) {
                if (discardBefore && haveSkipped) {
                    // Sought past the last frame: show the last frame.
                    error = convert(skipped.get(), &held.frame);
                    if (!error.isEmpty()) {
                        fail(error);
                        return;
                    }
                    held.positionMs = toMs(skipped->best_effort_timestamp);
                    held.valid = true;
                    av_frame_unref(skipped.get());
                    haveSkipped = false;
                    discardBefore.reset();
                    presentAtOnce = true;
                } else {
                    discardBefore.reset();
                    atEnd = true;
                    q->post(m_session, [q = q, seekSerial] { q->onFinished(seekSerial); });
                    continue;
                }
            } else {
                const qint64 ms = toMs(decoded->best_effort_timestamp);
                publishDuration(frameEndMs(decoded.get(), ms));
                if (discardBefore && ms < *discardBefore) {
                    av_frame_unref(skipped.get());
                    av_frame_move_ref(skipped.get(), decoded.get());
                    haveSkipped = true;
                    continue;
                }
                discardBefore.reset();
                av_frame_unref(skipped.get());
                haveSkipped = false;
                error = convert(decoded.get(), &held.frame);
                av_frame_unref(decoded.get());
                if (!error.isEmpty()) {
                    fail(error);
                    return;
                }
                held.positionMs = ms;
                held.valid = true;
            }
        }

        // Pace on a steady clock: the frame at position p is due at
        // anchorWall + (p - anchorMs) / speed. The anchor moves only on start, seek, pause,
        // resume, speed changes and stalls, so wake-up latencies do not add up.
        const auto now = Clock::now();
        Clock::time_point due = now;
        if (presentAtOnce) {
            presentAtOnce = false;
            anchorWall = now;
            anchorMs = held.positionMs;
        } else {
            const double aheadMs = double(held.positionMs - anchorMs) / speed;
            due = anchorWall + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double, std::milli>(aheadMs));
            if (now - due > kMaxLateness) {
                // The verified bytes stalled: carry on from here instead of rushing.
                due = now;
                anchorWall = now;
                anchorMs = held.positionMs;
            }
        }
        if (due > now && !waitUntil(due, seenSerial))
            continue; // a control change or a refusal: re-evaluate, keeping the frame

        q->m_positionMs.store(held.positionMs);
        q->postFrame(m_session, held.frame, held.positionMs, seekSerial);
        lastPresentedMs = held.positionMs;
        held = Held{};
        showOne = false;
        if (!firstPresented) {
            firstPresented = true;
            const qint64 sinceStart =
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_startedAt)
                    .count();
            q->post(m_session, [q = q, sinceStart] { Q_EMIT q->firstFrame(sinceStart); });
        }
    }
}

// ---------------------------------------------------------------------------------------------

FfmpegClipDecoder::FfmpegClipDecoder(QObject *parent)
    : FfmpegClipDecoder(Limits{}, parent) {}

FfmpegClipDecoder::FfmpegClipDecoder(Limits limits, QObject *parent)
    : ClipDecoder(parent)
    , m_limits(limits) {}

FfmpegClipDecoder::~FfmpegClipDecoder() {
    joinWorker();
}

void FfmpegClipDecoder::post(quint64 session, std::function<void()> fn) {
    QMetaObject::invokeMethod(
        this,
        [this, session, fn = std::move(fn)] {
            if (session == m_session)
                fn();
        },
        Qt::QueuedConnection);
}

void FfmpegClipDecoder::postFrame(quint64 session, const QVideoFrame &frame, qint64 positionMs,
                                  quint64 seekSerial) {
    bool needPost = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_mailbox.posted && m_mailbox.frame.isValid())
            m_framesSuperseded.fetch_add(1);
        m_mailbox.frame = frame;
        m_mailbox.positionMs = positionMs;
        m_mailbox.seekSerial = seekSerial;
        needPost = !m_mailbox.posted;
        m_mailbox.posted = true;
    }
    if (needPost)
        post(session, [this] { deliverFrame(); });
}

void FfmpegClipDecoder::deliverFrame() {
    Mailbox mail;
    {
        QMutexLocker lock(&m_mutex);
        mail = std::exchange(m_mailbox, Mailbox{});
    }
    if (!mail.frame.isValid() || m_stopped || m_failed || mail.seekSerial != m_seekSerial)
        return;
    if (!m_buffer || m_buffer->isRefused())
        return; // a refused clip stops at once, whatever the worker had in flight
    ++m_framesDelivered;
    if (QVideoSink *sink = m_sink.data()) {
        // QVideoSink is not documented as thread-safe: set frames on the sink's own thread.
        if (sink->thread() == QThread::currentThread())
            sink->setVideoFrame(mail.frame);
        else
            QMetaObject::invokeMethod(
                sink, [sink, frame = mail.frame] { sink->setVideoFrame(frame); },
                Qt::QueuedConnection);
    }
    Q_EMIT frameReady(mail.frame);
    Q_EMIT positionChanged(mail.positionMs);
}

void FfmpegClipDecoder::onHeaderRead() {
    m_headerRead = true;
    updateState();
}

void FfmpegClipDecoder::onDuration(qint64 ms) {
    Q_EMIT durationChanged(ms);
}

void FfmpegClipDecoder::onFinished(quint64 seekSerial) {
    if (seekSerial != m_seekSerial || m_stopped || m_failed)
        return;
    m_finished = true;
    updateState();
    Q_EMIT finished();
}

void FfmpegClipDecoder::onError(const QString &message, bool refused) {
    if (m_stopped || m_failed)
        return;
    m_failed = true;
    // A refused clip leaves nothing on screen (the app shows the refusal instead).
    if (refused && m_sink)
        m_sink->setVideoFrame(QVideoFrame());
    updateState();
    Q_EMIT error(message);
}

void FfmpegClipDecoder::changeControl(const std::function<void(Control &)> &change) {
    {
        QMutexLocker lock(&m_mutex);
        change(m_control);
        ++m_control.serial;
    }
    m_wake.wakeAll();
}

void FfmpegClipDecoder::updateState() {
    State s = State::Idle;
    if (m_failed)
        s = State::Failed;
    else if (m_stopped)
        s = State::Stopped;
    else if (!m_started)
        s = State::Idle;
    else if (!m_headerRead)
        s = State::Opening;
    else if (m_paused)
        s = State::Paused;
    else if (m_finished)
        s = State::Finished;
    else
        s = State::Playing;
    if (s == m_state)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void FfmpegClipDecoder::joinWorker() {
    if (!m_thread)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_control.stop = true;
        ++m_control.serial;
    }
    m_cancel.store(true);
    m_wake.wakeAll();
    if (m_buffer)
        m_buffer->wakeReaders();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void FfmpegClipDecoder::resetSession() {
    ++m_session; // events the old worker queued are dropped
    QMutexLocker lock(&m_mutex);
    Control fresh;
    fresh.speed = m_control.speed; // a player setting: it outlives the clip
    m_control = fresh;
    m_mailbox = Mailbox{};
}

bool FfmpegClipDecoder::open(std::shared_ptr<VerifiedClipBuffer> buffer) {
    if (!buffer)
        return false;
    if (m_state != State::Idle && m_state != State::Stopped && m_state != State::Failed)
        return false;
    joinWorker();
    resetSession();
    m_buffer = std::move(buffer);
    m_cancel.store(false);
    m_durationMs.store(0);
    m_positionMs.store(0);
    m_framesSuperseded.store(0);
    m_framesDelivered = 0;
    m_opened = true;
    m_started = m_headerRead = m_paused = m_finished = m_stopped = m_failed = false;
    m_seekSerial = 0;
    updateState();
    return true;
}

void FfmpegClipDecoder::setVideoSink(QVideoSink *sink) {
    m_sink = sink;
}

QVideoSink *FfmpegClipDecoder::videoSink() const {
    return m_sink.data();
}

void FfmpegClipDecoder::start() {
    if (!m_opened || m_started || m_stopped || m_failed)
        return;
    m_started = true;
    m_startedAt = std::chrono::steady_clock::now();
    auto worker = std::make_shared<FfmpegClipWorker>(this, m_buffer, m_session);
    m_thread = QThread::create([worker] { worker->run(); });
    m_thread->setObjectName(QStringLiteral("vf-clip-decoder"));
    m_thread->start();
    updateState();
}

void FfmpegClipDecoder::pause() {
    if (!m_opened || m_stopped || m_failed || m_paused)
        return;
    m_paused = true;
    changeControl([](Control &c) { c.paused = true; });
    updateState();
}

void FfmpegClipDecoder::resume() {
    if (!m_opened || m_stopped || m_failed || !m_paused)
        return;
    m_paused = false;
    changeControl([](Control &c) { c.paused = false; });
    updateState();
}

void FfmpegClipDecoder::seek(qint64 ms) {
    if (!m_opened || m_stopped || m_failed)
        return;
    ms = std::max<qint64>(0, ms);
    const quint64 serial = ++m_seekSerial;
    m_finished = false;
    changeControl([ms, serial](Control &c) {
        c.seekMs = ms;
        c.seekSerial = serial;
    });
    updateState();
}

void FfmpegClipDecoder::setSpeed(double speed) {
    if (!std::isfinite(speed))
        return;
    speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    changeControl([speed](Control &c) { c.speed = speed; });
}

double FfmpegClipDecoder::speed() const {
    QMutexLocker lock(&m_mutex);
    return m_control.speed;
}

void FfmpegClipDecoder::stop() {
    joinWorker();
    if (m_opened && !m_stopped) {
        resetSession(); // nothing the worker queued before it ended is emitted
        m_stopped = true;
        updateState();
    }
}

} // namespace vf::media
