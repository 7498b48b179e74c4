#pragma once
// The local record of every refusal: when, which event, device and media role, the
// reason and the hashes that were compared. Never the media bytes: no function here
// takes any.
#include "Database.h"

#include <QList>
#include <QString>
#include <optional>

namespace vf::trust {
struct Verdict;
enum class MediaRole;
} // namespace vf::trust

namespace vf::store {

struct AuditEntry {
    qint64 id = 0; // assigned by append
    qint64 timeMs = 0;
    QString account;
    QString eventId;
    QString deviceId; // as listed
    QString role;     // media role: "thumbnail" / "clip"
    QString reason;   // reason code
    QString detail;
    QString observedSha256; // hex, empty when unknown
    QString attestedSha256; // hex, empty when unknown
    QString claimCti;       // hex, empty when unknown
    QString attestedDevice; // empty when unknown

    // The entry for a refused verdict of (event, device, role).
    static AuditEntry fromRefusal(const QString &account, const QString &eventId,
                                  const QString &deviceId, vf::trust::MediaRole role,
                                  const vf::trust::Verdict &verdict, qint64 timeMs);
};

struct AuditFilter {
    QString eventId;  // empty: all
    QString deviceId; // empty: all
    QString reason;   // empty: all
    std::optional<qint64> sinceMs;
    int limit = 200;
};

class AuditLog {
public:
    explicit AuditLog(Database &db);

    // Returns the new entry's id, or 0 (and *error).
    qint64 append(const AuditEntry &entry, QString *error);
    // Newest first, this account's entries only.
    QList<AuditEntry> list(const QString &account, const AuditFilter &filter = {});
    int count(const QString &account);
    bool wipeAccount(const QString &account, QString *error);

private:
    Database &m_db;
};

} // namespace vf::store
