#pragma once
// Runs a CloudServer on a thread of its own, so a GUI application can host the reference
// cloud in-process (its embedded default) without the cloud's work touching the UI thread.
// A cold demo world takes seconds to build: a GUI calls startAsync() and waits for started()
// or failed(); tools and tests may call the blocking start().
#include "CloudConfig.h"
#include "DemoWorld.h"

#include <QObject>
#include <QThread>
#include <QUrl>

namespace vf::cloud {

class CloudServer;

class CloudHost : public QObject {
    Q_OBJECT
public:
    explicit CloudHost(CloudConfig config, QObject *parent = nullptr);
    ~CloudHost() override; // stops the server and joins its thread

    // Starts the thread and the server on it and waits until it listens. Empty on success,
    // else why not. Also emits started()/failed().
    QString start();
    // Returns at once; started() or failed() follows on this object's thread.
    void startAsync();
    // Stops the server (waiting for a start in progress) and joins the thread.
    void stop();

    bool isRunning() const { return m_server != nullptr; }
    QUrl url() const { return m_url; }
    // Valid while running; immutable while the server runs.
    const DemoWorld &world() const;

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &error);

private:
    CloudServer *launch();
    QString finishStart(CloudServer *server, const QString &error);
    static void destroyOnItsThread(CloudServer *server);

    CloudConfig m_config;
    QThread m_thread;
    CloudServer *m_server = nullptr;   // running, lives on m_thread
    CloudServer *m_starting = nullptr; // start() in progress on m_thread
    QUrl m_url;
};

} // namespace vf::cloud
