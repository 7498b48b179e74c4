#pragma once
// Moves damaged files aside into DATA_DIR/quarantine/<timestamp>/ instead of deleting
// them: support can look at them, and a damaged outbox still holds reports.
#include "StoreLocation.h"

#include <QString>
#include <QStringList>

namespace vf::store {

// Moves every existing path (file or directory) into a new quarantine folder and returns
// that folder; empty (and *error) if a path could not be moved. Paths already moved stay
// in the folder: nothing is ever deleted here.
QString quarantinePaths(const StoreLocation &location, const QStringList &paths, QString *error);

} // namespace vf::store
