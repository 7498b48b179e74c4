#pragma once
// The schema of outbox.sqlite: integrity reports waiting for the cloud, the history of
// acknowledged ones, and the highest accepted revocation list. Nothing here can be
// fetched again from anywhere, so this file is never deleted, only salvaged.
#include "Migration.h"

namespace vf::store {

MigrationList outboxMigrations();

} // namespace vf::store
