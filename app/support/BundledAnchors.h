#pragma once
// The trust anchors the app falls back on when --server is given without --device-roots and
// --owner-authorities (automation.md): the roots of the demo PKI the reference cloud ships
// (tools/cloud/demo-pki), compiled in from resources/trust. Their private keys are public, so
// they vouch for nothing but a demo cloud; the diagnostics name them as such.
#include "TrustAnchors.h"

namespace vf::app {

struct BundledAnchors {
    static QString deviceRootsPath();      // a qrc path
    static QString ownerAuthoritiesPath(); // a qrc path
    static trust::TrustAnchors::LoadResult load();
    // Why these anchors must not be used for real cameras: printed once on stderr.
    static QString warning();
};

} // namespace vf::app
