#pragma once
// The content-addressed cache of verified media (trust.md §6: only verified bytes may be
// cached). Files live in DATA_DIR/media/<SHA-256 of the account>/<SHA-256 of the bytes>,
// one partition per account, so one account never reads another's item even when both
// cached the same bytes on a shared machine. An index table in veriframe.sqlite keeps
// length, role, the entries (event ID, device ID) that use each item and when it was
// last used (for LRU).
#include "Database.h"
#include "StoredEvent.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace vf::trust {
struct Verdict;
}

namespace vf::store {

class MediaCache {
public:
    MediaCache(Database &db, QString mediaDir);

    // Caches bytes only if verdict says they were verified for this account and the bytes
    // are the ones that were checked: verified(), claimSubject == account and
    // SHA-256(bytes) == observedSha256 (which becomes the content address). There is no
    // other way in. Written atomically: a crash leaves the old file or the new one.
    bool storeVerified(const QString &account, const QByteArray &bytes,
                       const vf::trust::Verdict &verdict, QString *error);

    // The bytes cached for this account under sha256 (32 raw bytes). Re-hashed on every
    // read: a file that no longer matches its address (disk damage, tampering) is
    // dropped and nullopt returned, so the caller fetches and verifies again.
    std::optional<QByteArray> load(const QString &account, const QByteArray &sha256);
    bool contains(const QString &account, const QByteArray &sha256);

    // Signing out: the account's partition and index rows go.
    bool wipeAccount(const QString &account, QString *error);
    // A refusal or revocation purge of one entry: its items go unless another entry of the
    // account uses them. An entry with the same event ID from another device keeps its own.
    bool removeEvent(const QString &account, const EventKey &key, QString *error);

    qint64 totalBytes();
    qint64 accountBytes(const QString &account);
    // Drops least recently used items (across accounts) until at most maxBytes remain.
    bool trimTo(qint64 maxBytes, QString *error);

    // The partition folder name for an account: its SHA-256, so IDs never appear on disk.
    static QString partitionName(const QString &account);

private:
    QString partitionDir(const QString &account) const;
    QString itemPath(const QString &account, const QString &shaHex) const;
    bool dropItem(const QString &account, const QString &shaHex, QString *error);

    Database &m_db;
    QString m_mediaDir;
};

} // namespace vf::store
