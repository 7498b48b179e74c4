#pragma once
// The support bundle of diagnostic mode (docs/diagnostics-bundle.schema.json): for every
// event of the signed-in account, the fifteen checks with pass/fail and time, the
// certificate chains, the claim, the media hashes and lengths and the report's state; the
// refusal audit log, the report outbox, the network log, the trust store and revocation
// state, the versions, and the outcomes per hour. Zero media bytes, no tokens, and user IDs
// pseudonymised with a salt drawn for this bundle alone.
#include <QByteArray>
#include <QJsonObject>

namespace vf::sync {

class ClientSession;

struct BundleOptions {
    QJsonObject versions; // app, Qt, OpenSSL, FFmpeg: what the app links
    QByteArray salt;      // empty: 32 fresh random bytes
    int maxEvents = 5000;
    // For the Diagnostics page, not the exported bundle: each check's label (what it
    // establishes) and, for verified events only, the camera's name. A refused entry's
    // names and times are the cloud's word about a foreign item and never shown.
    bool forDisplay = false;
};

// The signed-in account's bundle; an object with "error" when nobody is signed in.
QJsonObject buildDiagnosticsBundle(ClientSession &session, const BundleOptions &options);

// "u-" and 16 hex characters of HMAC-SHA256(salt, id): stable within one bundle, unlinkable
// across bundles.
QString pseudonym(const QString &id, const QByteArray &salt);

} // namespace vf::sync
