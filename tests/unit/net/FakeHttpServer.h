#pragma once
// A scripted HTTP/1.1 server on loopback for the API client's failure tests: each request
// gets the next scripted answer (status, headers, body), or a stall, a reset, or a body
// that trickles out. Real requests are recorded for assertions.
#include <QByteArray>
#include <QList>
#include <QTcpServer>

namespace vf::test {

struct ScriptedAnswer {
    enum class Mode { Respond, Stall, Reset } mode = Mode::Respond;
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 declaredLength = -1; // Content-Length to announce; -1: the body's size

    static ScriptedAnswer respond(int status, const QByteArray &body) {
        ScriptedAnswer a;
        a.status = status;
        a.body = body;
        return a;
    }
    static ScriptedAnswer stall() {
        ScriptedAnswer a;
        a.mode = Mode::Stall;
        return a;
    }
    static ScriptedAnswer reset() {
        ScriptedAnswer a;
        a.mode = Mode::Reset;
        return a;
    }
};

class FakeHttpServer : public QTcpServer {
    Q_OBJECT
public:
    explicit FakeHttpServer(QObject *parent = nullptr);
    QList<ScriptedAnswer> script; // consumed front to back; the last one repeats
    QList<QByteArray> requests;   // request heads as received
    QByteArray lastBody;
    QString baseUrl() const;

private:
    void onConnection();
};

} // namespace vf::test
