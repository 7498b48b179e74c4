#include "AutomationDriver.h"

#include "AppLog.h"
#include "AppSession.h"

#include <QDateTime>
#include <QQuickWindow>

namespace vf::app {

AutomationDriver::AutomationDriver(AppSession &session, QString screenshotPath, bool quitWhenIdle,
                                   QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_screenshot(std::move(screenshotPath))
    , m_quit(quitWhenIdle) {
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    connect(&m_timer, &QTimer::timeout, this, &AutomationDriver::poll);
    if (m_quit || !m_screenshot.isEmpty())
        m_timer.start(100);
}

void AutomationDriver::setWindow(QQuickWindow *window) {
    m_window = window;
}

void AutomationDriver::poll() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_startedMs > kGiveUpMs) {
        finish(1, QStringLiteral("not idle after %1 s%2").arg(kGiveUpMs / 1000).arg(stuckOn()));
        return;
    }
    // A fatal first sync ends the run at once (cloud-api.md §7 v2): an answer the client can
    // never accept, or a retryable failure once the listing call's retries are used up.
    // kGiveUpMs bounds everything else: the run never waits for ever.
    if (m_quit && m_session.client()) {
        if (const auto &error = m_session.client()->firstSyncError()) {
            finish(1, QStringLiteral("the first sync failed: %1").arg(error->describe()));
            return;
        }
    }
    const bool failed = m_session.state() == AppSession::State::Failed;
    const bool windowSettled =
        m_window && m_window->property("imagesLoading").toInt() <= 0 && m_window->isExposed();
    // Signed out (no --user against a --server) is idle too: the sign-in page is shown.
    const bool sessionIdle = failed || m_session.state() == AppSession::State::Ready ||
                             m_session.state() == AppSession::State::SignedOut;
    if (!(sessionIdle && windowSettled)) {
        m_settledSinceMs = -1;
        return;
    }
    if (m_settledSinceMs < 0) {
        m_settledSinceMs = now;
        return;
    }
    if (now - m_settledSinceMs < kSettleMs)
        return;
    if (!m_screenshot.isEmpty() && !m_shot) {
        m_shot = true;
        const QImage image = m_window->grabWindow();
        if (image.isNull() || !image.save(m_screenshot, "PNG")) {
            finish(1, QStringLiteral("cannot save the screenshot to %1").arg(m_screenshot));
            return;
        }
    }
    finish(failed ? 1 : 0, failed ? m_session.lastError() : QString());
}

QString AutomationDriver::stuckOn() const {
    vf::sync::ClientSession *client = m_session.client();
    if (!client)
        return {};
    QStringList waiting;
    if (client->revocations() && client->revocations()->isFetching())
        waiting << QStringLiteral("the revocation list");
    if (client->events() && !client->events()->firstPageLoaded())
        waiting << QStringLiteral("the first page of events");
    QString out;
    if (!waiting.isEmpty())
        out += QStringLiteral(": still waiting for ") + waiting.join(QStringLiteral(" and "));
    if (!client->lastError().isEmpty())
        out += QStringLiteral("; last error: ") + client->lastError();
    return out;
}

void AutomationDriver::finish(int code, const QString &why) {
    if (m_exitCode >= 0)
        return;
    m_timer.stop();
    m_exitCode = code;
    if (!why.isEmpty())
        qCCritical(lcAutomation, "veriframe: %s", qPrintable(why));
    // Without --quit-when-idle the app stays open (a screenshot was all that was asked).
    if (m_quit)
        Q_EMIT finished(code);
}

} // namespace vf::app
