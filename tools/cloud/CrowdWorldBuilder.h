#pragma once
// Adds a crowd (CrowdSpec) to a demo world being built: accounts, cameras with owner claims,
// events with small thumbnails, all signed like the demo's. Runs inside the builder's open
// transaction; signing and thumbnails are made on all cores, a chunk of cameras at a time.
#include "CrowdSpec.h"
#include "DemoWorld.h"

#include <QSqlDatabase>

namespace vf::cloud {

struct CrowdBuildResult {
    QList<DemoUser> users;
    int cameraCount = 0;
    int eventCount = 0;
};

bool buildCrowd(const CrowdSpec &spec, const pki::TestPki &pki, quint64 seed, qint64 createdMs,
                QSqlDatabase &db, const QString &mediaDir, CrowdBuildResult *out, QString *error);

} // namespace vf::cloud
