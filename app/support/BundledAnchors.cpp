#include "BundledAnchors.h"

namespace vf::app {

QString BundledAnchors::deviceRootsPath() {
    return QStringLiteral(":/veriframe/trust/device-roots.pem");
}

QString BundledAnchors::ownerAuthoritiesPath() {
    return QStringLiteral(":/veriframe/trust/owner-authorities.pem");
}

trust::TrustAnchors::LoadResult BundledAnchors::load() {
    return trust::TrustAnchors::fromFiles(deviceRootsPath(), ownerAuthoritiesPath());
}

QString BundledAnchors::warning() {
    return QStringLiteral(
        "veriframe: trusting the bundled demo anchors (their private keys are published with "
        "the source); give --device-roots and --owner-authorities for real cameras");
}

} // namespace vf::app
