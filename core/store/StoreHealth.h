#pragma once
// What went wrong with the local files and what was done about it, for the UI to tell
// the user ("your local cache was damaged and has been rebuilt") and for diagnostics.
#include <QList>
#include <QMutex>
#include <QString>

namespace vf::store {

struct StoreNotice {
    enum class Kind {
        CacheRebuilt,   // veriframe.sqlite was unusable: quarantined, started fresh
        OutboxSalvaged, // outbox.sqlite was unusable: quarantined, readable reports moved over
    };
    Kind kind = Kind::CacheRebuilt;
    QString message;        // one sentence for the user
    QString detail;         // the database error, for support
    QString quarantinePath; // where the damaged files are kept
    int salvagedReports = 0;
};

class StoreHealth {
public:
    void add(StoreNotice notice);
    QList<StoreNotice> notices() const;
    bool healthy() const;
    // The user has read them.
    void clear();

private:
    mutable QMutex m_mutex;
    QList<StoreNotice> m_notices;
};

} // namespace vf::store
