#pragma once
// The event player behind the QML PlayerView: the event's clip streams through the segment
// verifier (VerifiedClipStream), verified bytes go into a VerifiedClipBuffer, and the FFmpeg
// decoder reads only from that buffer and pushes frames to the VideoOutput's sink. A
// segment that fails verification stops playback at once (the buffer is marked refused),
// shows the refused state and files the report.
#include "AppSession.h"
#include "ClipDecoder.h"
#include "VerifiedClipBuffer.h"
#include "VerifiedClipStream.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QUrl>
#include <QVideoSink>
#include <memory>

namespace vf::app {

class ClipPlayer : public QObject {
    Q_OBJECT
    QML_ELEMENT
    // The session whose signed-in account the clip is played for (in QML `session:
    // AppSession`). Without one, play() ends in the Failed state.
    Q_PROPERTY(
        vf::app::AppSession *session READ session WRITE setSession NOTIFY sessionChanged REQUIRED)
    // The entry to play is (eventId, deviceId), as everywhere (trust.md §6 v2): another
    // device's entry with the same event ID is another clip.
    Q_PROPERTY(QString eventId READ eventId WRITE setEventId NOTIFY eventIdChanged)
    Q_PROPERTY(QString deviceId READ deviceId WRITE setDeviceId NOTIFY eventIdChanged)
    Q_PROPERTY(QVideoSink *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    // Milliseconds, as double: Qt 6.4's qmllint does not know qint64 properties.
    Q_PROPERTY(double position READ positionMs NOTIFY positionChanged)
    Q_PROPERTY(double duration READ durationMs NOTIFY durationChanged)
    Q_PROPERTY(double speed READ speed WRITE setSpeed NOTIFY speedChanged)
    Q_PROPERTY(double received READ received NOTIFY receivedChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY stateChanged)
    Q_PROPERTY(QString refusedReason READ refusedReason NOTIFY stateChanged)
    Q_PROPERTY(bool canDownload READ canDownload NOTIFY receivedChanged)
public:
    enum class State { Idle, Loading, Playing, Paused, Finished, Refused, Failed };
    Q_ENUM(State)
    // A verified clip is kept in memory for "download" up to this size.
    static constexpr qint64 kKeepForDownload = 64LL * 1024 * 1024;

    explicit ClipPlayer(QObject *parent = nullptr);
    ~ClipPlayer() override;

    AppSession *session() const { return m_session; }
    void setSession(AppSession *session); // stops what plays
    QString eventId() const { return m_eventId; }
    void setEventId(const QString &eventId); // stops what plays; play() starts the new one
    QString deviceId() const { return m_deviceId; }
    void setDeviceId(const QString &deviceId); // the same
    QVideoSink *videoSink() const { return m_sink; }
    void setVideoSink(QVideoSink *sink);
    State state() const { return m_state; }
    qint64 position() const { return m_position; }
    qint64 duration() const { return m_duration; }
    double positionMs() const { return double(m_position); }
    double durationMs() const { return double(m_duration); }
    double speed() const { return m_speed; }
    void setSpeed(double speed);
    double received() const; // 0..1 of the clip verified so far
    QString errorText() const { return m_error; }
    QString refusedReason() const { return m_refusedReason; }
    bool canDownload() const;

    Q_INVOKABLE void play();
    Q_INVOKABLE void pause();
    Q_INVOKABLE void togglePlay();
    Q_INVOKABLE void seek(double ms);
    Q_INVOKABLE void skip(double deltaMs);
    Q_INVOKABLE void stop();
    // Writes the verified clip (only once it is complete and verified); empty on success.
    Q_INVOKABLE QString saveTo(const QUrl &file);

Q_SIGNALS:
    void sessionChanged();
    void eventIdChanged();
    void videoSinkChanged();
    void stateChanged();
    void positionChanged();
    void durationChanged();
    void speedChanged();
    void receivedChanged();
    void firstFrame(qint64 msSinceStart);

private:
    void start();
    void setState(State state);
    void fail(const QString &message);
    void onRefused(const QString &reason, const QString &detail);

    QPointer<AppSession> m_session;
    QString m_eventId;
    QString m_deviceId;
    QPointer<QVideoSink> m_sink;
    std::unique_ptr<vf::sync::VerifiedClipStream> m_stream;
    std::shared_ptr<vf::media::VerifiedClipBuffer> m_buffer;
    std::unique_ptr<vf::media::ClipDecoder> m_decoder;
    QByteArray m_verified; // for download; only verified bytes
    bool m_complete = false;
    State m_state = State::Idle;
    qint64 m_position = 0;
    qint64 m_duration = 0;
    double m_speed = 1.0;
    QString m_error;
    QString m_refusedReason;
};

} // namespace vf::app
