#pragma once
// The network log of support's diagnostic mode: each finished call's method, path, status,
// latency and bytes. Never headers or bodies, so never a token, a password or media.
#include <QList>
#include <QMutex>
#include <QString>
#include <QUrl>

namespace vf::net {

struct NetworkRecord {
    qint64 startedMs = 0;
    QString method;
    QString path;   // redactedPath() of the URL; the host is the signed-in cloud
    int status = 0; // 0: no HTTP answer
    qint64 latencyMs = 0;
    qint64 bytes = 0; // body bytes received
    int attempts = 0;
    QString error; // the failure's kind and message, empty on success
};

class NetworkLog {
public:
    static constexpr int kCapacity = 1000;
    // The path and query of url, with every cursor value replaced by "sha256:" and the hex
    // SHA-256 of its text: a cursor is the cloud's opaque string and is never recorded
    // verbatim (cloud-api.md §7 v2), while equal cursors still show as equal.
    static QString redactedPath(const QUrl &url);
    void append(NetworkRecord record);
    QList<NetworkRecord> records() const; // oldest first
    qint64 total() const;                 // every call since start, kept or not

private:
    mutable QMutex m_mutex;
    QList<NetworkRecord> m_records;
    qint64 m_total = 0;
};

} // namespace vf::net
