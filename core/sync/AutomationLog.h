#pragma once
// The automation log of automation.md: one JSON object per line, appended and flushed as
// each thing happens, so a suite reading the file (or a process killed mid-run) sees every
// line written so far. `displayed` is written only by VerifiedMediaGate, at the moment
// verified bytes go to a decoder; nothing else in the client can write it.
#include "RevocationList.h"

#include <QFile>
#include <QJsonObject>
#include <QMutex>
#include <QString>
#include <functional>

namespace vf::sync {

class AutomationLog {
public:
    AutomationLog() = default; // disabled: every write is a no-op
    // Opens FILE for appending; false (and *error) when it cannot be written.
    bool open(const QString &path, QString *error);
    bool isEnabled() const;

    void signedIn(const QString &userId);
    // Both name the entry by event and device ("device_id", a field beyond automation.md's
    // list): two entries may share an event ID (trust.md §6 v2), and a suite must be able
    // to tell which of them was shown.
    void displayed(const QString &eventId, const QString &deviceId, const QString &role,
                   const QByteArray &sha256);
    void refused(const QString &eventId, const QString &deviceId, const QString &role,
                 const QString &reason);
    void reported(const QString &reportId, const QString &eventId, const QString &status);
    void idle();
    // automation.md v2; seq and issued are null when no list is held at all.
    void revocationStale(const vf::trust::RevocationStatus &status);

    // Every record also goes to the observer, if any (tests, the diagnostic view).
    void setObserver(std::function<void(const QJsonObject &)> observer);

private:
    void write(QJsonObject record);

    mutable QMutex m_mutex;
    QFile m_file;
    std::function<void(const QJsonObject &)> m_observer;
};

} // namespace vf::sync
