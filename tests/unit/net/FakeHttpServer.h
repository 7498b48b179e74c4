#pragma once
// A scripted HTTP/1.1 server on loopback for the API client's failure tests: each request
// gets the next scripted answer (status, headers, body), or a stall, a reset, or a body
// that trickles out. Real requests are recorded for assertions. HttpScript is the HTTP side
// alone, so FakeTlsServer answers the same way over TLS.
#include <QByteArray>
#include <QList>
#include <QTcpServer>

class QTcpSocket;

namespace vf::test {

struct ScriptedAnswer {
    enum class Mode { Respond, Stall, Reset } mode = Mode::Respond;
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 declaredLength = -1; // Content-Length to announce; -1: the body's size
    // > 0: the body trickles out, dripBytes every dripIntervalMs (a drip-feeding cloud).
    int dripIntervalMs = 0;
    int dripBytes = 1;

    static ScriptedAnswer respond(int status, const QByteArray &body) {
        ScriptedAnswer a;
        a.status = status;
        a.body = body;
        return a;
    }
    static ScriptedAnswer drip(int status, const QByteArray &body, int bytes, int intervalMs) {
        ScriptedAnswer a = respond(status, body);
        a.dripBytes = bytes;
        a.dripIntervalMs = intervalMs;
        return a;
    }
    // A redirect to location (the client must not follow it).
    static ScriptedAnswer redirect(int status, const QByteArray &location) {
        ScriptedAnswer a = respond(status, R"({"error":"moved"})");
        a.headers = {{"Location", location}};
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

// Reads HTTP/1.1 requests from a connected socket and answers each with the next scripted
// answer. The script must outlive the socket (both belong to the server).
struct HttpScript {
    QList<ScriptedAnswer> script; // consumed front to back; the last one repeats
    QList<QByteArray> requests;   // request heads as received
    QByteArray lastBody;

    // Serves socket until it closes; context bounds the connections' lifetime. Bytes that
    // already arrived (a TLS socket handed over after its handshake) are read at once.
    void serve(QTcpSocket *socket, QObject *context);
};

class FakeHttpServer : public QTcpServer, public HttpScript {
    Q_OBJECT
public:
    explicit FakeHttpServer(QObject *parent = nullptr);
    QString baseUrl() const;

private:
    void onConnection();
};

} // namespace vf::test
