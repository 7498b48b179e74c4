#pragma once
// The schema of veriframe.sqlite: events per account, the media cache index and the
// refusal audit log. Everything here can be rebuilt from the cloud (the audit log is
// diagnostics), which is why a damaged file may be quarantined and started afresh.
#include "Migration.h"

namespace vf::store {

MigrationList cacheMigrations();

} // namespace vf::store
