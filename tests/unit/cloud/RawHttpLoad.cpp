#include "RawHttpLoad.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <vector>

namespace vf::cloud::test {

namespace {

// One client connection: sends a request, parses one response (status line, headers,
// Content-Length body), then asks for the next request.
class LoadConnection {
public:
    QTcpSocket socket;
    QByteArray buffer;
    bool busy = false;

    // Consumes one complete response from the buffer; -1 while incomplete, else the status.
    int takeResponse() {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return -1;
        const QByteArray head = buffer.left(end);
        qint64 length = 0;
        for (const QByteArray &line : head.split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return -1;
        const int status = head.mid(9, 3).toInt();
        buffer.remove(0, end + 4 + length);
        return status;
    }
};

} // namespace

LoadResult runLoad(const QUrl &base, const QString &token, const QStringList &paths,
                   int connections, int total, int timeoutMs) {
    LoadResult result;
    if (paths.isEmpty() || connections <= 0 || total <= 0)
        return result;
    QEventLoop loop;
    int sent = 0;
    int finished = 0;
    auto request = [&](int i) {
        const QString &path = paths.at(i % paths.size());
        return "GET " + path.toLatin1() + " HTTP/1.1\r\nHost: " + base.host().toLatin1() +
               "\r\nAuthorization: Bearer " + token.toLatin1() + "\r\n\r\n";
    };
    std::vector<std::unique_ptr<LoadConnection>> pool;
    auto done = [&]() {
        if (finished >= total)
            loop.quit();
    };
    auto sendNext = [&](LoadConnection &c) {
        if (sent >= total) {
            c.busy = false;
            c.socket.disconnectFromHost();
            return;
        }
        c.busy = true;
        c.socket.write(request(sent++));
    };
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < connections && i < total; ++i) {
        pool.push_back(std::make_unique<LoadConnection>());
        LoadConnection *c = pool.back().get();
        QObject::connect(&c->socket, &QTcpSocket::connected, &loop, [&, c]() { sendNext(*c); });
        QObject::connect(&c->socket, &QTcpSocket::readyRead, &loop, [&, c]() {
            c->buffer += c->socket.readAll();
            int status;
            while ((status = c->takeResponse()) >= 0) {
                ++result.answered;
                if (status == 200)
                    ++result.ok;
                ++finished;
                sendNext(*c);
            }
            done();
        });
        QObject::connect(&c->socket, &QTcpSocket::errorOccurred, &loop, [&, c]() {
            if (c->busy) {
                c->busy = false;
                ++result.failed;
                ++finished;
                // Its remaining share is picked up by the other connections.
                done();
            }
        });
        c->socket.connectToHost(base.host(), quint16(base.port()));
    }
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (finished < total)
        loop.exec();
    result.elapsedMs = timer.elapsed();
    result.failed += total - finished; // never answered before the timeout
    for (auto &c : pool)
        c->socket.abort();
    return result;
}

} // namespace vf::cloud::test
