#pragma once
// One step of a schema: the statements that take a database from version - 1 to version.
// Steps are applied in order, each in its own transaction together with the new
// PRAGMA user_version, so a crash leaves the schema at a whole version.
#include <QList>
#include <QStringList>

namespace vf::store {

struct Migration {
    int version = 0;
    QStringList statements;
};

using MigrationList = QList<Migration>;

} // namespace vf::store
