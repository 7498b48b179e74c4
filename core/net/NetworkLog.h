#pragma once
// The network log of support's diagnostic mode: each finished call's method, path, status,
// latency and bytes. Never headers or bodies, so never a token, a password or media.
#include <QList>
#include <QMutex>
#include <QString>

namespace vf::net {

struct NetworkRecord {
    qint64 startedMs = 0;
    QString method;
    QString path;   // path and query of the URL; the host is the signed-in cloud
    int status = 0; // 0: no HTTP answer
    qint64 latencyMs = 0;
    qint64 bytes = 0; // body bytes received
    int attempts = 0;
    QString error; // the failure's kind and message, empty on success
};

class NetworkLog {
public:
    static constexpr int kCapacity = 1000;
    void append(NetworkRecord record);
    QList<NetworkRecord> records() const; // oldest first
    qint64 total() const;                 // every call since start, kept or not

private:
    mutable QMutex m_mutex;
    QList<NetworkRecord> m_records;
    qint64 m_total = 0;
};

} // namespace vf::net
