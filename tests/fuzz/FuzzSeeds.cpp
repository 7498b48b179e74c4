// fuzz_seeds DIR: writes a PKI to DIR/world and seed corpora made like the unit tests' events
// (valid ones for both algorithms, viewer shares, clips, and some broken on purpose) to
// DIR/corpus/{cose,verifier,revocation}, the reference cloud's JSON answers (events pages with
// those events, login, devices, report status, errors) to DIR/corpus/events_json, and real
// H.264 clips encoded by camsim, as the simulated cameras make them, to DIR/corpus/mp4_demux.
#include "ClipEncoder.h"
#include "CoseSign1Builder.h"
#include "FuzzInput.h"
#include "FuzzWorld.h"
#include "ProtocolPayloads.h"
#include "SceneSpec.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

using namespace vf;

namespace {
void writeSeed(const QDir &dir, const QString &name, const QByteArray &bytes) {
    QFile file(dir.filePath(name));
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

QByteArray compact(const QJsonObject &o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// cloud-api.md's answers as the reference cloud writes them (tools/cloud/CloudApi.cpp).
void writeJsonSeeds(const QDir &dir, const pki::TestPki &pki, const QJsonArray &events,
                    qint64 nowMs) {
    const auto page = [](const QJsonArray &entries, const QJsonValue &next) {
        return compact(
            {{QStringLiteral("events"), entries}, {QStringLiteral("next_cursor"), next}});
    };
    // CloudApi::encodeCursor: base64url("ts:id").
    const QString cursor = QString::fromLatin1(
        QByteArray("1795000000000:evt-fuzz-0001-1")
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    writeSeed(dir, QStringLiteral("page-all"), page(events, QJsonValue(QJsonValue::Null)));
    writeSeed(dir, QStringLiteral("page-first"), page(QJsonArray{events[0], events[1]}, cursor));
    writeSeed(dir, QStringLiteral("page-one"), page({events.last()}, cursor));
    writeSeed(dir, QStringLiteral("page-empty"), page({}, QJsonValue(QJsonValue::Null)));
    // The API client unit test's entry: unknown fields, a null claim and clip.
    writeSeed(dir, QStringLiteral("page-unit"),
              R"({"events":[{"id":"e1","device_id":"cam-1","device_name":"Porch","kind":"person",)"
              R"("ts":1795000000000,"duration_ms":12000,"attestation":"oWFhAQ==","claim":null,)"
              R"("thumbnail":"/v1/media/e1/thumbnail","clip":null,"extra":[1]}],)"
              R"("next_cursor":"c2"})");
    pki::IdentityPayload identity;
    identity.userId = QString::fromLatin1(fuzz::kOwner);
    identity.username = QStringLiteral("alice");
    identity.nbf = nowMs / 1000 - 60;
    identity.exp = nowMs / 1000 + 3600;
    writeSeed(
        dir, QStringLiteral("login"),
        compact({{QStringLiteral("token"), QStringLiteral("9f2c1a7e5b3d4c6f8a0b1c2d3e4f5a6b")},
                 {QStringLiteral("user_id"), identity.userId},
                 {QStringLiteral("identity"),
                  QString::fromLatin1(pki.signIdentity(identity).toBase64())}}));
    writeSeed(
        dir, QStringLiteral("devices"),
        compact({{QStringLiteral("devices"),
                  QJsonArray{QJsonObject{{QStringLiteral("id"), QString::fromLatin1(fuzz::kDevice)},
                                         {QStringLiteral("name"), QStringLiteral("Front Door")},
                                         {QStringLiteral("model"), QStringLiteral("VF-Cam 2")},
                                         {QStringLiteral("online"), true}},
                             QJsonObject{{QStringLiteral("id"), QStringLiteral("cam-2")},
                                         {QStringLiteral("name"), QStringLiteral("Garage")},
                                         {QStringLiteral("model"), QStringLiteral("VF-Cam 1")},
                                         {QStringLiteral("online"), false}}}}}));
    writeSeed(dir, QStringLiteral("report-stored"), R"({"status":"stored"})");
    writeSeed(dir, QStringLiteral("report-duplicate"), R"({"status":"duplicate"})");
    writeSeed(dir, QStringLiteral("error"),
              R"({"error":"limit must be an integer from 1 to 200"})");
}

// Fragmented H.264 MP4 clips as camsim encodes them for the simulated cameras, behind
// fuzz_mp4_demux's flags byte (bit 0 streaming, bit 1 seek to (flags >> 2) * 100 ms).
bool writeClipSeeds(const QDir &dir) {
    av_log_set_level(AV_LOG_ERROR); // x264 would print a summary per clip
    struct Clip {
        const char *name;
        QSize size;
        int fps;
        qint64 durationMs;
        int keyframeIntervalMs;
        QList<quint8> flags;
    };
    const QList<Clip> clips = {
        {"tiny", QSize(64, 48), 5, 1200, 400, {0, 1, 2 | (5 << 2), 3 | (8 << 2)}},
        {"small", QSize(160, 90), 10, 1000, 500, {0, 1, 2 | (7 << 2)}},
        {"demo", QSize(320, 180), 10, 2000, 1000, {0, 3 | (15 << 2)}},
    };
    const auto spec = camsim::SceneSpec::forCamera(
        QString::fromLatin1(fuzz::kDevice), QStringLiteral("Front Door"), QStringLiteral("person"));
    for (const Clip &clip : clips) {
        camsim::ClipSettings settings;
        settings.size = clip.size;
        settings.fps = clip.fps;
        settings.durationMs = clip.durationMs;
        settings.keyframeIntervalMs = clip.keyframeIntervalMs;
        const camsim::EncodeResult encoded =
            camsim::ClipEncoder(settings).encodeScene(spec, 1714566896789);
        if (!encoded) {
            std::fprintf(stderr, "cannot encode a seed clip: %s\n", qPrintable(encoded.error));
            return false;
        }
        for (quint8 flags : clip.flags)
            writeSeed(dir, QStringLiteral("%1-%2").arg(QLatin1String(clip.name)).arg(flags),
                      QByteArray(1, char(flags)) + encoded.bytes);
    }
    return true;
}
} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: fuzz_seeds DIR\n");
        return 2;
    }
    const QDir root(QString::fromLocal8Bit(argv[1]));
    for (const char *sub : {"world", "corpus/cose", "corpus/verifier", "corpus/revocation",
                            "corpus/events_json", "corpus/mp4_demux"})
        root.mkpath(QString::fromLatin1(sub));
    const pki::TestPki pki = pki::TestPki::create();
    if (!pki.save(root.filePath(QStringLiteral("world"))))
        return 1;
    qputenv("VF_FUZZ_WORLD", root.filePath(QStringLiteral("world")).toLocal8Bit());
    const qint64 nowMs = fuzz::world().nowMs;
    const QDir cose(root.filePath(QStringLiteral("corpus/cose")));
    const QDir verifier(root.filePath(QStringLiteral("corpus/verifier")));
    const QDir revocation(root.filePath(QStringLiteral("corpus/revocation")));
    const QDir json(root.filePath(QStringLiteral("corpus/events_json")));
    const QDir mp4(root.filePath(QStringLiteral("corpus/mp4_demux")));
    QJsonArray listed; // the events, as the reference cloud lists them (CloudApi::events)

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
        for (const QByteArray &claim : {ownerClaim, viewerClaim}) {
            const QString id = QStringLiteral("%1-%2").arg(att.eventId).arg(listed.size());
            const QString base = QStringLiteral("/v1/media/") + id;
            listed.append(QJsonObject{
                {QStringLiteral("id"), id},
                {QStringLiteral("device_id"), camera.deviceId},
                {QStringLiteral("device_name"), QStringLiteral("Front Door")},
                {QStringLiteral("kind"), att.kind},
                {QStringLiteral("ts"), att.tsMs},
                {QStringLiteral("duration_ms"), 12000},
                {QStringLiteral("attestation"), QString::fromLatin1(attestation.toBase64())},
                {QStringLiteral("claim"), QString::fromLatin1(claim.toBase64())},
                {QStringLiteral("thumbnail"), base + QStringLiteral("/thumbnail")},
                {QStringLiteral("clip"), listed.size() % 2
                                             ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(base + QStringLiteral("/clip"))},
            });
        }
    }
    writeJsonSeeds(json, pki, listed, nowMs);
    if (!writeClipSeeds(mp4))
        return 1;
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
