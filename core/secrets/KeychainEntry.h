#pragma once
// One entry of the platform's secret store, through QtKeychain's asynchronous jobs: read,
// written or deleted, with QtKeychain's errors mapped to SecretStoreStatus. QtKeychain's
// plaintext fallback is never turned on (KeychainEntry.cpp says why).
#include "SecretStoreStatus.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <functional>

namespace vf::secrets {

struct KeychainAnswer {
    SecretStoreStatus status = SecretStoreStatus::Unavailable;
    QByteArray data;   // a read's bytes when status is Ok
    QString errorText; // QtKeychain's message when not Ok, for diagnostics
};

class KeychainEntry {
public:
    using Done = std::function<void(const KeychainAnswer &)>;

    KeychainEntry(QString service, QString key);

    // Each answers `done` once, on context's thread, unless context is gone by then. A
    // delete of an entry that is not there is Ok: nothing of it is left.
    void read(QObject *context, Done done) const;
    void write(const QByteArray &data, QObject *context, Done done) const;
    void remove(QObject *context, Done done) const;

private:
    QString m_service;
    QString m_key;
};

} // namespace vf::secrets
