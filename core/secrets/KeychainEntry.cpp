#include "KeychainEntry.h"

#include <qt6keychain/keychain.h>

namespace vf::secrets {

namespace {

SecretStoreStatus statusOf(QKeychain::Error error) {
    switch (error) {
    case QKeychain::NoError:
        return SecretStoreStatus::Ok;
    case QKeychain::EntryNotFound:
        return SecretStoreStatus::NotFound;
    case QKeychain::AccessDenied:       // e.g. Secret Service: the collection stays locked
    case QKeychain::AccessDeniedByUser: // a prompt was dismissed
        return SecretStoreStatus::Denied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError: // e.g. Secret Service: no session bus, no daemon
        return SecretStoreStatus::Unavailable;
    }
    return SecretStoreStatus::Unavailable;
}

// Every job is made here. QtKeychain's insecure fallback, when no secret store answers,
// writes the secret in plain text to a QSettings file (and reads it from there). A refresh
// token lasts 90 days and needs no password: in a file, anyone who copies the home folder
// or a backup of it is signed in. cloud-api.md §1 v2 allows the secret store only, so the
// fallback is off (it is off by default; set here so that no one turns it on unawares):
// without a store the app asks for the password next time instead.
template <typename Job> Job *newJob(const QString &service, const QString &key) {
    auto *job = new Job(service); // no parent: it deletes itself once finished
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    return job;
}

void startJob(QKeychain::Job *job, QObject *context, KeychainEntry::Done done,
              SecretStoreStatus whenNotFound) {
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done), whenNotFound](QKeychain::Job *finished) {
                         KeychainAnswer answer;
                         answer.status = statusOf(finished->error());
                         if (answer.status == SecretStoreStatus::NotFound)
                             answer.status = whenNotFound;
                         if (answer.status == SecretStoreStatus::Ok) {
                             if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                                 answer.data = read->binaryData();
                         } else {
                             answer.errorText = finished->errorString();
                         }
                         done(answer);
                     });
    job->start();
}

} // namespace

KeychainEntry::KeychainEntry(QString service, QString key)
    : m_service(std::move(service))
    , m_key(std::move(key)) {}

void KeychainEntry::read(QObject *context, Done done) const {
    startJob(newJob<QKeychain::ReadPasswordJob>(m_service, m_key), context, std::move(done),
             SecretStoreStatus::NotFound);
}

void KeychainEntry::write(const QByteArray &data, QObject *context, Done done) const {
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, m_key);
    job->setBinaryData(data);
    startJob(job, context, std::move(done), SecretStoreStatus::NotFound);
}

void KeychainEntry::remove(QObject *context, Done done) const {
    // Some stores (Keychain, Credential Manager) say EntryNotFound for a delete of nothing,
    // the Secret Service says nothing: either way nothing of the entry is left.
    startJob(newJob<QKeychain::DeletePasswordJob>(m_service, m_key), context, std::move(done),
             SecretStoreStatus::Ok);
}

} // namespace vf::secrets
