#include "NetworkLog.h"

#include <QCryptographicHash>
#include <QUrlQuery>

namespace vf::net {

QString NetworkLog::redactedPath(const QUrl &url) {
    QUrlQuery query(url);
    const QList<std::pair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    bool redacted = false;
    QUrlQuery out;
    for (const auto &[name, value] : items) {
        if (name == QLatin1String("cursor")) {
            redacted = true;
            out.addQueryItem(
                name, QStringLiteral("sha256:") +
                          QString::fromLatin1(
                              QCryptographicHash::hash(value.toUtf8(), QCryptographicHash::Sha256)
                                  .toHex()));
        } else {
            out.addQueryItem(name, value);
        }
    }
    const QString q = redacted ? out.query(QUrl::FullyEncoded) : url.query();
    return url.path() + (url.hasQuery() ? u'?' + q : QString());
}

void NetworkLog::append(NetworkRecord record) {
    QMutexLocker lock(&m_mutex);
    ++m_total;
    m_records.append(std::move(record));
    if (m_records.size() > kCapacity)
        m_records.remove(0, m_records.size() - kCapacity);
}

QList<NetworkRecord> NetworkLog::records() const {
    QMutexLocker lock(&m_mutex);
    return m_records;
}

qint64 NetworkLog::total() const {
    QMutexLocker lock(&m_mutex);
    return m_total;
}

} // namespace vf::net
