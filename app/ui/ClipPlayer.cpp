#include "ClipPlayer.h"

#include "AppLog.h"
#include "AppSession.h"
#include "FfmpegClipDecoder.h"
#include "Store.h"

#include <QSaveFile>

namespace vf::app {

using vf::media::ClipDecoder;

ClipPlayer::ClipPlayer(QObject *parent)
    : QObject(parent) {}

ClipPlayer::~ClipPlayer() {
    stop();
}

void ClipPlayer::setSession(AppSession *session) {
    if (session == m_session)
        return;
    stop();
    m_session = session;
    setState(State::Idle);
    Q_EMIT sessionChanged();
}

void ClipPlayer::setEventId(const QString &eventId) {
    if (eventId == m_eventId)
        return;
    stop();
    m_eventId = eventId;
    m_refusedReason.clear();
    m_error.clear();
    setState(State::Idle);
    Q_EMIT eventIdChanged();
}

void ClipPlayer::setDeviceId(const QString &deviceId) {
    if (deviceId == m_deviceId)
        return;
    stop();
    m_deviceId = deviceId;
    m_refusedReason.clear();
    m_error.clear();
    setState(State::Idle);
    Q_EMIT eventIdChanged();
}

void ClipPlayer::setVideoSink(QVideoSink *sink) {
    if (sink == m_sink)
        return;
    m_sink = sink;
    if (m_decoder)
        m_decoder->setVideoSink(sink);
    Q_EMIT videoSinkChanged();
}

void ClipPlayer::setSpeed(double speed) {
    speed = qBound(ClipDecoder::kMinSpeed, speed, ClipDecoder::kMaxSpeed);
    if (qFuzzyCompare(speed, m_speed))
        return;
    m_speed = speed;
    if (m_decoder)
        m_decoder->setSpeed(speed);
    Q_EMIT speedChanged();
}

double ClipPlayer::received() const {
    return m_buffer && m_buffer->totalBytes() > 0
               ? double(m_buffer->size()) / double(m_buffer->totalBytes())
               : 0.0;
}

bool ClipPlayer::canDownload() const {
    return m_complete && m_state != State::Refused && !m_verified.isEmpty();
}

void ClipPlayer::play() {
    if (m_decoder && (m_state == State::Paused)) {
        m_decoder->resume();
        return;
    }
    if (m_decoder && m_state == State::Finished) {
        m_decoder->seek(0);
        m_decoder->resume();
        return;
    }
    if (m_state == State::Idle || m_state == State::Failed)
        start();
}

void ClipPlayer::pause() {
    if (m_decoder && (m_state == State::Playing || m_state == State::Loading))
        m_decoder->pause();
}

void ClipPlayer::togglePlay() {
    if (m_state == State::Playing || m_state == State::Loading)
        pause();
    else
        play();
}

void ClipPlayer::seek(double ms) {
    if (m_decoder)
        m_decoder->seek(qMax<qint64>(0, qint64(ms)));
}

void ClipPlayer::skip(double deltaMs) {
    seek(double(qBound<qint64>(0, m_position + qint64(deltaMs), qMax<qint64>(0, m_duration - 1))));
}

void ClipPlayer::stop() {
    // Decoder first (it reads the buffer), then the stream feeding it.
    if (m_decoder) {
        m_decoder->stop();
        m_decoder.reset();
    }
    m_stream.reset();
    if (m_buffer)
        m_buffer->abort();
    m_buffer.reset();
    m_verified.clear();
    m_complete = false;
    m_position = 0;
    Q_EMIT positionChanged();
    Q_EMIT receivedChanged();
}

void ClipPlayer::start() {
    stop();
    m_error.clear();
    m_refusedReason.clear();
    if (!m_session) {
        // A wiring mistake, not something a person can fix: said in the log, and the
        // player shows it cannot play rather than guessing a session.
        qCWarning(lcPlayer, "ClipPlayer: no session set, nothing to play from");
        fail(tr("Not signed in."));
        return;
    }
    if (!m_session->client()) {
        fail(tr("Not signed in."));
        return;
    }
    m_stream = m_session->client()->openClip({m_eventId, m_deviceId});
    if (!m_stream) {
        fail(tr("This event is not available."));
        return;
    }
    setState(State::Loading);
    connect(m_stream.get(), &vf::sync::VerifiedClipStream::refused, this, &ClipPlayer::onRefused);
    connect(m_stream.get(), &vf::sync::VerifiedClipStream::failed, this,
            [this](const QString &message) {
                fail(tr("The clip could not be loaded: %1").arg(message));
            });
    m_stream->start(); // runs every check but the bytes first; may refuse at once
    if (!m_stream || m_stream->state() != vf::sync::VerifiedClipStream::State::Streaming)
        return;

    m_buffer = std::make_shared<vf::media::VerifiedClipBuffer>(m_stream->totalBytes());
    const bool keep = m_stream->totalBytes() <= kKeepForDownload;
    connect(m_stream.get(), &vf::sync::VerifiedClipStream::verifiedBytes, this,
            [this, keep](const QByteArray &bytes, qint64 offset) {
                if (!m_buffer || !m_buffer->append(bytes, offset)) {
                    fail(tr("The clip arrived out of order."));
                    return;
                }
                if (keep)
                    m_verified += bytes;
                Q_EMIT receivedChanged();
            });
    connect(m_stream.get(), &vf::sync::VerifiedClipStream::completed, this, [this] {
        if (m_buffer)
            m_buffer->markComplete();
        m_complete = true;
        Q_EMIT receivedChanged();
    });

    auto decoder = std::make_unique<vf::media::FfmpegClipDecoder>();
    decoder->setSpeed(m_speed);
    decoder->setVideoSink(m_sink);
    connect(decoder.get(), &ClipDecoder::positionChanged, this, [this](qint64 ms) {
        m_position = ms;
        Q_EMIT positionChanged();
    });
    connect(decoder.get(), &ClipDecoder::durationChanged, this, [this](qint64 ms) {
        m_duration = ms;
        Q_EMIT durationChanged();
    });
    connect(decoder.get(), &ClipDecoder::firstFrame, this, &ClipPlayer::firstFrame);
    connect(decoder.get(), &ClipDecoder::stateChanged, this, [this](ClipDecoder::State s) {
        if (m_state == State::Refused || m_state == State::Failed)
            return;
        switch (s) {
        case ClipDecoder::State::Playing:
            setState(State::Playing);
            break;
        case ClipDecoder::State::Paused:
            setState(State::Paused);
            break;
        case ClipDecoder::State::Finished:
            // The last frame starts one frame before the end: at the end the time label and
            // the handle say the whole clip was played ("0:02 / 0:02", not "0:01").
            if (m_duration > m_position) {
                m_position = m_duration;
                Q_EMIT positionChanged();
            }
            setState(State::Finished);
            break;
        default:
            break;
        }
    });
    connect(decoder.get(), &ClipDecoder::error, this, [this](const QString &message) {
        if (m_state != State::Refused)
            fail(tr("The clip cannot be played: %1").arg(message));
    });
    m_decoder = std::move(decoder);
    if (!m_decoder->open(m_buffer)) {
        fail(tr("The clip cannot be played."));
        return;
    }
    m_decoder->start();
}

void ClipPlayer::onRefused(const QString &reason, const QString &) {
    // At once: nothing more is decoded, the picture goes, the report is queued.
    if (m_buffer)
        m_buffer->markRefused();
    if (m_decoder)
        m_decoder->stop();
    m_verified.clear();
    m_complete = false;
    m_refusedReason = reason;
    setState(State::Refused);
    if (m_session)
        m_session->noteEventChanged(m_eventId, m_deviceId);
}

QString ClipPlayer::saveTo(const QUrl &file) {
    if (!canDownload())
        return tr("The clip is not completely verified yet.");
    QSaveFile out(file.isLocalFile() ? file.toLocalFile() : file.toString());
    if (!out.open(QIODevice::WriteOnly) || out.write(m_verified) != m_verified.size() ||
        !out.commit())
        return tr("Cannot write %1: %2").arg(out.fileName(), out.errorString());
    return {};
}

void ClipPlayer::setState(State state) {
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

void ClipPlayer::fail(const QString &message) {
    if (m_decoder)
        m_decoder->stop();
    m_error = message;
    setState(State::Failed);
}

} // namespace vf::app
