// veriframe-demo-event: writes a small demo world to a folder (trust anchors, one camera,
// one event owned by "user-alice" with a viewer share for "user-bob") so veriframe-verify
// can be tried by hand before the reference cloud exists to serve such events.
#include "CoseSign1Builder.h"
#include "ProtocolPayloads.h"
#include "TestPki.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <cstdio>

using namespace vf::pki;

namespace {
bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "veriframe-demo-event: cannot write %s: %s\n", qPrintable(path),
                     qPrintable(file.errorString()));
        return false;
    }
    return true;
}

// A 160x90 binary PPM with a gradient: a real, decodable picture without an encoder.
QByteArray demoPicture() {
    const int width = 160, height = 90;
    QByteArray ppm = QByteArray("P6\n160 90\n255\n");
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            ppm.append(static_cast<char>(x * 255 / width));
            ppm.append(static_cast<char>(y * 255 / height));
            ppm.append(static_cast<char>(128));
        }
    }
    return ppm;
}
} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--out"));
    if (at < 0 || at + 1 >= args.size()) {
        std::fprintf(stderr, "usage: veriframe-demo-event --out DIR\n");
        return 2;
    }
    const QDir out(args.at(at + 1));
    if (!out.mkpath(QStringLiteral("trust"))) {
        std::fprintf(stderr, "veriframe-demo-event: cannot create %s\n", qPrintable(out.path()));
        return 2;
    }
    const TestPki pki = TestPki::create();
    const DeviceIdentity camera = pki.makeDevice(QStringLiteral("cam-porch-01"), KeyType::P256);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray picture = demoPicture();

    ClaimPayload owner;
    owner.subject = QStringLiteral("user-alice");
    owner.nbf = now - 30 * 24 * 3600;
    owner.cti = randomCti();
    owner.cnfKey = camera.key.coseKey();
    owner.deviceId = camera.deviceId;
    owner.role = QStringLiteral("owner");
    ClaimPayload share = owner;
    share.subject = QStringLiteral("user-bob");
    share.cti = randomCti();
    share.role = QStringLiteral("viewer");
    share.grant = owner.cti;

    AttestationPayload attestation;
    attestation.eventId = QStringLiteral("evt-0001");
    attestation.deviceId = camera.deviceId;
    attestation.tsMs = (now - 600) * 1000;
    attestation.ownerCti = owner.cti;
    attestation.kind = QStringLiteral("person");
    attestation.media = {MediaItem::describe(QStringLiteral("thumbnail"),
                                             QStringLiteral("image/x-portable-pixmap"), picture)};
    QByteArray tampered = picture;
    tampered[tampered.size() / 2] = static_cast<char>(tampered[tampered.size() / 2] ^ 0x55);

    const bool ok =
        writeFile(out.filePath(QStringLiteral("trust/device-roots.pem")), pki.deviceRootsPem()) &&
        writeFile(out.filePath(QStringLiteral("trust/owner-authorities.pem")),
                  pki.ownerAuthoritiesPem()) &&
        writeFile(out.filePath(QStringLiteral("attestation.cose")),
                  TestPki::signAttestation(camera, attestation)) &&
        writeFile(out.filePath(QStringLiteral("claim-owner.cose")), pki.signClaim(owner)) &&
        writeFile(out.filePath(QStringLiteral("claim-viewer.cose")), pki.signClaim(share)) &&
        writeFile(out.filePath(QStringLiteral("thumbnail.ppm")), picture) &&
        writeFile(out.filePath(QStringLiteral("thumbnail-tampered.ppm")), tampered);
    if (!ok)
        return 2;
    std::printf("demo event evt-0001 from cam-porch-01 written to %s\n", qPrintable(out.path()));
    return 0;
}
