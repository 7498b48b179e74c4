// fuzz_seeds DIR: writes a PKI to DIR/world and seed corpora made like the unit tests' events
// (valid ones for both algorithms, viewer shares, clips, and some broken on purpose) to
// DIR/corpus/{cose,verifier,revocation}.
#include "CoseSign1Builder.h"
#include "FuzzInput.h"
#include "FuzzWorld.h"
#include "ProtocolPayloads.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <cstdio>

using namespace vf;

namespace {
void writeSeed(const QDir &dir, const QString &name, const QByteArray &bytes) {
    QFile file(dir.filePath(name));
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}
} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: fuzz_seeds DIR\n");
        return 2;
    }
    const QDir root(QString::fromLocal8Bit(argv[1]));
    for (const char *sub : {"world", "corpus/cose", "corpus/verifier", "corpus/revocation"})
        root.mkpath(QString::fromLatin1(sub));
    const pki::TestPki pki = pki::TestPki::create();
    if (!pki.save(root.filePath(QStringLiteral("world"))))
        return 1;
    qputenv("VF_FUZZ_WORLD", root.filePath(QStringLiteral("world")).toLocal8Bit());
    const qint64 nowMs = fuzz::world().nowMs;
    const QDir cose(root.filePath(QStringLiteral("corpus/cose")));
    const QDir verifier(root.filePath(QStringLiteral("corpus/verifier")));
    const QDir revocation(root.filePath(QStringLiteral("corpus/revocation")));

    int n = 0;
    for (pki::KeyType type : {pki::KeyType::P256, pki::KeyType::Ed25519}) {
        const pki::DeviceIdentity camera = pki.makeDevice(QString::fromLatin1(fuzz::kDevice), type);
        const QByteArray thumbnail(2048, 'T');
        const QByteArray clip(3 * 1024 + 100, 'C');
        pki::ClaimPayload owner;
        owner.subject = QString::fromLatin1(fuzz::kOwner);
        owner.nbf = nowMs / 1000 - 86400;
        owner.cti = pki::randomCti();
        owner.cnfKey = camera.key.coseKey();
        owner.deviceId = camera.deviceId;
        owner.role = QStringLiteral("owner");
        pki::ClaimPayload viewer = owner;
        viewer.subject = QString::fromLatin1(fuzz::kViewer);
        viewer.cti = pki::randomCti();
        viewer.role = QStringLiteral("viewer");
        viewer.grant = owner.cti;
        pki::AttestationPayload att;
        att.eventId = QString::fromLatin1(fuzz::kEvent);
        att.deviceId = camera.deviceId;
        att.tsMs = nowMs - 60000;
        att.ownerCti = owner.cti;
        att.kind = QStringLiteral("person");
        att.media = {pki::MediaItem::describe(QStringLiteral("thumbnail"),
                                              QStringLiteral("image/jpeg"), thumbnail),
                     pki::MediaItem::describe(QStringLiteral("clip"), QStringLiteral("video/mp4"),
                                              clip, 1024)};
        const QByteArray attestation = pki::TestPki::signAttestation(camera, att);
        const QByteArray ownerClaim = pki.signClaim(owner);
        pki::Sign1Options cwt;
        cwt.tag = pki::Sign1Options::Tag::Cwt61Cose18;
        const QByteArray viewerClaim = pki.signClaim(viewer, cwt);
        pki::Sign1Options broken;
        broken.addCrit = true;

        const QList<fuzz::VerifierInput> inputs = {
            {0, attestation, ownerClaim, thumbnail},
            {1, attestation, ownerClaim, clip},
            {5, attestation, ownerClaim, clip},
            {2, attestation, viewerClaim, thumbnail},
            {0, attestation, viewerClaim, thumbnail},
            {0, attestation, {}, thumbnail},
            {0, pki::TestPki::signAttestation(camera, att, broken), ownerClaim, thumbnail},
            {0, attestation, ownerClaim, QByteArray(2048, 'X')},
        };
        for (const fuzz::VerifierInput &in : inputs)
            writeSeed(verifier, QStringLiteral("seed-%1").arg(++n), fuzz::encode(in));
        for (const QByteArray &object : {attestation, ownerClaim, viewerClaim})
            writeSeed(cose, QStringLiteral("seed-%1").arg(++n), object);
    }
    for (quint64 seq : {1, 2, 7}) {
        pki::RevocationPayload list;
        list.seq = seq;
        list.issued = nowMs / 1000;
        list.devices << QByteArray(32, char(seq));
        list.claims << QByteArray(16, char(seq));
        const QByteArray signedList = pki.signRevocations(list);
        writeSeed(revocation, QStringLiteral("seed-%1").arg(seq), signedList);
        writeSeed(cose, QStringLiteral("rev-%1").arg(seq), signedList);
    }
    // The public vectors are good COSE seeds too.
    std::printf("fuzz seeds written to %s\n", qPrintable(root.path()));
    return 0;
}
