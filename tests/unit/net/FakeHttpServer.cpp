#include "FakeHttpServer.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace vf::test {

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QTcpServer(parent) {
    listen(QHostAddress::LocalHost, 0);
    connect(this, &QTcpServer::newConnection, this, &FakeHttpServer::onConnection);
}

QString FakeHttpServer::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(serverPort());
}

void FakeHttpServer::onConnection() {
    while (QTcpSocket *socket = nextPendingConnection())
        serve(socket, this);
}

void HttpScript::serve(QTcpSocket *socket, QObject *context) {
    auto *buffer = new QByteArray;
    // The socket itself as context: the server's children die after its connections are gone.
    QObject::connect(socket, &QObject::destroyed, socket, [buffer] { delete buffer; });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    const auto onReadyRead = [this, socket, buffer] {
        *buffer += socket->readAll();
        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = buffer->left(headEnd);
        qint64 length = 0;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer->size() < headEnd + 4 + length)
            return;
        requests.append(head);
        lastBody = buffer->mid(headEnd + 4, length);
        buffer->remove(0, headEnd + 4 + length);
        const ScriptedAnswer answer = script.size() > 1 ? script.takeFirst() : script.value(0);
        if (answer.mode == ScriptedAnswer::Mode::Stall)
            return; // say nothing, keep the connection open
        if (answer.mode == ScriptedAnswer::Mode::Reset) {
            socket->abort();
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + " X\r\n";
        for (const auto &[name, value] : answer.headers)
            out += name + ": " + value + "\r\n";
        out += "Content-Length: " +
               QByteArray::number(answer.declaredLength >= 0 ? answer.declaredLength
                                                             : answer.body.size()) +
               "\r\nConnection: keep-alive\r\n\r\n";
        if (answer.dripIntervalMs <= 0) {
            socket->write(out + answer.body);
            return;
        }
        socket->write(out);
        auto *timer = new QTimer(socket);
        auto sent = std::make_shared<qsizetype>(0);
        QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, sent, answer] {
            if (*sent >= answer.body.size() || socket->state() != QAbstractSocket::ConnectedState) {
                timer->deleteLater();
                return;
            }
            socket->write(answer.body.mid(*sent, answer.dripBytes));
            *sent += answer.dripBytes;
        });
        timer->start(answer.dripIntervalMs);
    };
    QObject::connect(socket, &QTcpSocket::readyRead, context, onReadyRead);
    if (socket->bytesAvailable() > 0)
        onReadyRead();
}

} // namespace vf::test
