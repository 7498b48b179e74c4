#pragma once
// Reading what can still be read out of a damaged outbox.sqlite. Reports exist nowhere
// else, so a damaged outbox is never deleted: it is quarantined and every report row
// that SQLite can still return is copied into the fresh outbox with its report_id,
// attempts and status, together with the revocation state (the rollback floor).
#include "ReportOutbox.h"

namespace vf::store {

struct SalvageResult {
    int reportsFound = 0;  // distinct readable report rows
    int reportsCopied = 0; // inserted into the fresh outbox
    bool revocationStateCopied = false;
    QString problems; // what could not be read, for support
};

// damagedPath is the quarantined file (its -wal next to it); it is never modified: a
// scratch copy is read. target is the fresh, open outbox database.
SalvageResult salvageOutbox(const QString &damagedPath, Database &target, ReportOutbox &outbox);

} // namespace vf::store
