#pragma once
// What a started cloud knows about its world: the PKI it signs with and, for a demo world,
// the accounts and the story the tests check (who shares what, which camera changed hands).
#include "CrowdSpec.h"
#include "TestPki.h"

#include <QList>
#include <QString>

namespace vf::cloud {

struct DemoUser {
    QString username;
    QString password;
    QString userId;
};

struct DemoWorld {
    pki::TestPki pki;
    QList<DemoUser> users; // empty for a cloud started without --demo
    bool reused = false;   // loaded from the data dir rather than built now
    qint64 buildMs = 0;    // time to build or load, PKI and media included
    bool freshPki = false; // a PKI of its own rather than the bundled demo PKI
    quint64 seed = 0;      // the seed the content was built with
    int eventCount = 0;
    int clipCount = 0;
    // The size the content was built with (CloudConfig); a bare world records the defaults.
    int eventsPerCamera = 0;
    int clipsPerCamera = -1; // -1: every non-sound event has a clip
    CrowdSpec crowd;         // the crowd added to the demo (users holds its accounts too)

    // The story (empty without --demo).
    QString sharedDeviceId; // owned by sharedOwnerId, shared with viewerId
    QString sharedOwnerId;
    QString viewerId;
    QString transferredDeviceId; // owned by formerOwnerId until transferMs, then newOwnerId
    QString formerOwnerId;
    QString newOwnerId;
    qint64 transferMs = 0;

    const DemoUser *user(const QString &username) const {
        for (const DemoUser &u : users)
            if (u.username == username)
                return &u;
        return nullptr;
    }
};

} // namespace vf::cloud
