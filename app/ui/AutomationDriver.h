#pragma once
// --quit-when-idle and --screenshot: once the session is idle (first page listed, every
// listed item verified or refused, every report acknowledged or safely queued) and the
// window has no thumbnail still loading, take the screenshot and exit 0. A fatal error
// (sign-in refused, the cloud unreachable, the embedded cloud failing, the first sync's
// listing failing for good) exits 1 with the reason on stderr; after kGiveUpMs, exit 1.
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <QQuickWindow>

namespace vf::app {

class AppSession;

class AutomationDriver : public QObject {
    Q_OBJECT
public:
    static constexpr int kSettleMs = 300;
    static constexpr int kGiveUpMs = 180000;

    AutomationDriver(AppSession &session, QString screenshotPath, bool quitWhenIdle,
                     QObject *parent = nullptr);
    void setWindow(QQuickWindow *window);
    // Exit code decided (0 or 1), or -1 while running.
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    void poll();
    void finish(int code, const QString &why = {});
    // What the session still waits for, for the give-up message ("" when nothing is known).
    QString stuckOn() const;

    AppSession &m_session;
    QString m_screenshot;
    bool m_quit;
    QPointer<QQuickWindow> m_window;
    QTimer m_timer;
    qint64 m_settledSinceMs = -1;
    qint64 m_startedMs = 0;
    bool m_shot = false;
    int m_exitCode = -1;
};

} // namespace vf::app
