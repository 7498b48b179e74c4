// fuzz_seeds DIR: writes a PKI to DIR/world and seed corpora made like the unit tests' events
// (valid ones for both algorithms, viewer shares, clips, and some broken on purpose) to
// DIR/corpus/{cose,verifier,revocation}, the reference cloud's JSON answers (events pages with
// those events, login, devices, report status, errors) to DIR/corpus/events_json, whole
// listing pages whose entries verify to DIR/corpus/listing, large revocation lists to
// DIR/corpus/revocation and recipes for them to DIR/corpus/revocation_large, and real H.264
// clips encoded by camsim, as the simulated cameras make them, to DIR/corpus/mp4_demux.
#include "ClipEncoder.h"
#include "CoseSign1Builder.h"
#include "FuzzInput.h"
#include "FuzzRevocationRecipe.h"
#include "FuzzWorld.h"
#include "ProtocolPayloads.h"
#include "SceneSpec.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QCborArray>
#include <QCborMap>
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

// A listing entry in cloud-api.md §3's form for a signed event.
QJsonObject listingEntry(const QString &id, const QString &deviceId, qint64 tsMs,
                         const QByteArray &attestation, const QByteArray &claim,
                         const QString &thumbnailPath) {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("device_id"), deviceId},
            {QStringLiteral("device_name"), QStringLiteral("Front Door")},
            {QStringLiteral("kind"), QStringLiteral("person")},
            {QStringLiteral("ts"), tsMs},
            {QStringLiteral("duration_ms"), 12000},
            {QStringLiteral("attestation"), QString::fromLatin1(attestation.toBase64())},
            {QStringLiteral("claim"), claim.isEmpty()
                                          ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(QString::fromLatin1(claim.toBase64()))},
            {QStringLiteral("thumbnail"), thumbnailPath},
            {QStringLiteral("clip"), QJsonValue(QJsonValue::Null)}};
}

// fuzz_listing's seeds: whole GET /v1/events pages whose entries carry their own signed
// attestation (the entry's event ID) and claims for the fuzz world, with the thumbnail the
// harness serves: verified for the owner, for a viewer, and refused for each reason a listing
// can cause (no claim, another event ID, other bytes), plus two cameras listing one event ID.
void writeListingSeeds(const QDir &dir, const pki::TestPki &pki, qint64 nowMs) {
    const auto page = [](const QJsonArray &entries, const QJsonValue &next) {
        return compact(
            {{QStringLiteral("events"), entries}, {QStringLiteral("next_cursor"), next}});
    };
    const QJsonValue cursor(QStringLiteral("MTc5NTAwMDAwMDAwMDpldnQtMQ"));
    const QJsonValue last(QJsonValue::Null);
    for (pki::KeyType type : {pki::KeyType::P256, pki::KeyType::Ed25519}) {
        QJsonArray entries;
        QJsonArray mixup;
        for (const char *deviceId : {fuzz::kDevice, "cam-fuzz-02"}) {
            const pki::DeviceIdentity camera = pki.makeDevice(QString::fromLatin1(deviceId), type);
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
            const QByteArray ownerClaim = pki.signClaim(owner);
            const QByteArray viewerClaim = pki.signClaim(viewer);
            const auto event = [&](const QString &eventId, qint64 tsMs) {
                pki::AttestationPayload att;
                att.eventId = eventId;
                att.deviceId = camera.deviceId;
                att.tsMs = tsMs;
                att.ownerCti = owner.cti;
                att.kind = QStringLiteral("person");
                att.media = {pki::MediaItem::describe(QStringLiteral("thumbnail"),
                                                      QStringLiteral("image/jpeg"),
                                                      fuzz::seedThumbnail())};
                return pki::TestPki::signAttestation(camera, att);
            };
            const qint64 ts = nowMs - 60000;
            const QString thumb = QStringLiteral("/v1/media/%1/thumbnail");
            if (mixup.isEmpty()) {
                entries.append(listingEntry(QStringLiteral("evt-1"), camera.deviceId, ts,
                                            event(QStringLiteral("evt-1"), ts), ownerClaim,
                                            thumb.arg(QStringLiteral("evt-1"))));
                entries.append(listingEntry(QStringLiteral("evt-2"), camera.deviceId, ts - 1,
                                            event(QStringLiteral("evt-2"), ts - 1), viewerClaim,
                                            thumb.arg(QStringLiteral("evt-2"))));
                entries.append(listingEntry(QStringLiteral("evt-3"), camera.deviceId, ts - 2,
                                            event(QStringLiteral("evt-3"), ts - 2), {},
                                            thumb.arg(QStringLiteral("evt-3"))));
                entries.append(listingEntry(QStringLiteral("evt-4"), camera.deviceId, ts - 3,
                                            event(QStringLiteral("evt-1"), ts - 3), ownerClaim,
                                            thumb.arg(QStringLiteral("evt-4"))));
                entries.append(listingEntry(QStringLiteral("evt-5"), camera.deviceId, ts - 4,
                                            event(QStringLiteral("evt-5"), ts - 4), ownerClaim,
                                            QStringLiteral("/v1/media/evt-5/other")));
            }
            mixup.append(listingEntry(QStringLiteral("evt-1"), camera.deviceId, ts,
                                      event(QStringLiteral("evt-1"), ts), ownerClaim,
                                      thumb.arg(QStringLiteral("evt-1"))));
        }
        const QString alg =
            type == pki::KeyType::P256 ? QStringLiteral("es256") : QStringLiteral("eddsa");
        writeSeed(dir, QStringLiteral("page-all-%1").arg(alg), page(entries, last));
        writeSeed(dir, QStringLiteral("page-verified-%1").arg(alg),
                  page(QJsonArray{entries[0], entries[1]}, cursor));
        writeSeed(dir, QStringLiteral("page-one-%1").arg(alg), page({entries[0]}, last));
        writeSeed(dir, QStringLiteral("page-mixup-%1").arg(alg), page(mixup, cursor));
    }
    writeSeed(dir, QStringLiteral("page-empty"), page({}, last));
}

// A revocation list payload (trust.md §7) with an optional "next" (v2), which
// pki::RevocationPayload does not write.
QByteArray revocationPayload(const pki::RevocationPayload &list, std::optional<qint64> next) {
    QCborMap map = QCborValue::fromCbor(list.toCbor()).toMap();
    if (next)
        map.insert(QStringLiteral("next"), *next);
    return map.toCborValue().toCbor();
}

QByteArray fingerprint(quint32 i) {
    QByteArray out(32, char(0xa5));
    for (int b = 0; b < 4; ++b)
        out[b] = char(i >> (8 * (3 - b)));
    return out;
}

// Large and v2 lists for fuzz_revocation (its book holds kHeldRevocationSeq): 10,000 entries,
// one just under 4 MiB, lists with "next", the held seq with the same and another payload.
void writeLargeRevocationSeeds(const QDir &dir, const pki::TestPki &pki, qint64 nowSeconds) {
    const auto sign = [&pki](const QByteArray &payload) {
        return pki::signCoseSign1(payload, pki.authority.key, pki.authority.x5chain);
    };
    const auto list = [nowSeconds](quint64 seq, quint32 devices, quint32 claims) {
        pki::RevocationPayload l;
        l.seq = seq;
        l.issued = nowSeconds;
        for (quint32 i = 0; i < devices; ++i)
            l.devices << fingerprint(i);
        for (quint32 i = 0; i < claims; ++i)
            l.claims << fingerprint(i).first(16);
        return l;
    };
    const quint64 higher = fuzz::kHeldRevocationSeq + 1;
    writeSeed(dir, QStringLiteral("large-10000"),
              sign(revocationPayload(list(higher, 9000, 1000), nowSeconds + 86400)));
    writeSeed(dir, QStringLiteral("large-10000-no-next"),
              sign(revocationPayload(list(higher + 1, 10000, 0), std::nullopt)));
    // Just under 4 MiB: the payload's entries take 34 bytes, the envelope under 2 KiB.
    const quint32 nearLimit = quint32((fuzz::kMaxRevocationBytes - 2048) / 34);
    const QByteArray limit = sign(revocationPayload(list(higher, nearLimit, 0), std::nullopt));
    if (limit.size() <= fuzz::kMaxRevocationBytes)
        writeSeed(dir, QStringLiteral("large-near-4MiB"), limit);
    writeSeed(
        dir, QStringLiteral("next-higher"),
        sign(revocationPayload(fuzz::seedRevocations(higher, nowSeconds), nowSeconds + 3600)));
    writeSeed(dir, QStringLiteral("next-held-seq-conflict"),
              sign(revocationPayload(fuzz::seedRevocations(fuzz::kHeldRevocationSeq, nowSeconds),
                                     nowSeconds + 3600)));
    writeSeed(
        dir, QStringLiteral("issued-ahead"),
        sign(revocationPayload(fuzz::seedRevocations(higher, nowSeconds + 3600), std::nullopt)));
}

// fuzz_revocation_large's recipes: every shape and defect, 10,000 entries, both sides of 4 MiB.
void writeRevocationRecipes(const QDir &dir) {
    using Recipe = fuzz::RevocationRecipe;
    const QByteArray material = QByteArray("veriframe revocation fuzz material").repeated(2);
    const auto seq = [](int choice) { return quint8(choice << Recipe::SeqShift); };
    const auto recipe = [&](quint8 flags, quint32 devices, quint32 claims) {
        Recipe r;
        r.flags = flags;
        r.devices = devices;
        r.claims = claims;
        r.claimLength = 16;
        r.material = material;
        return r;
    };
    const QList<std::pair<const char *, Recipe>> recipes = {
        {"small", recipe(seq(2), 3, 2)},
        {"entries-10000", recipe(seq(2) | Recipe::WithNext, 9000, 1000)},
        {"entries-10000-indefinite", recipe(seq(2) | Recipe::Indefinite, 10000, 10)},
        {"under-4MiB", recipe(seq(2), quint32((fuzz::kMaxRevocationBytes - 2048) / 34), 0)},
        {"over-4MiB", recipe(seq(2), quint32(fuzz::kMaxRevocationBytes / 34 + 100), 0)},
        {"held-seq", recipe(seq(1), 100, 10)},
        {"rollback", recipe(seq(0), 100, 10)},
        {"seq-max", recipe(seq(3), 10, 10)},
        {"issued-ahead", recipe(seq(2) | Recipe::IssuedAhead, 10, 10)},
        {"unknown-key", recipe(seq(2) | Recipe::UnknownKey | Recipe::WithNext, 10, 10)},
    };
    for (const auto &[name, r] : recipes)
        writeSeed(dir, QString::fromLatin1(name), fuzz::encodeRecipe(r));
    for (quint8 d = 0; d < quint8(Recipe::Defect::Count); ++d) {
        Recipe r = recipe(seq(2) | Recipe::WithDefect, 1000, 50);
        r.defect = d;
        r.defectAt = 17 * d;
        writeSeed(dir, QStringLiteral("defect-%1").arg(d), fuzz::encodeRecipe(r));
    }
    Recipe raw;
    raw.flags = Recipe::Raw;
    raw.material = fuzz::seedRevocations(fuzz::kHeldRevocationSeq + 1, 1795000000).toCbor();
    writeSeed(dir, QStringLiteral("raw"), fuzz::encodeRecipe(raw));
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
    for (const char *sub :
         {"world", "corpus/cose", "corpus/verifier", "corpus/revocation", "corpus/events_json",
          "corpus/mp4_demux", "corpus/listing", "corpus/revocation_large"})
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
    writeListingSeeds(QDir(root.filePath(QStringLiteral("corpus/listing"))), pki, nowMs);
    writeLargeRevocationSeeds(revocation, pki, nowMs / 1000);
    writeRevocationRecipes(QDir(root.filePath(QStringLiteral("corpus/revocation_large"))));
    for (quint64 seq : {1, 2, 7}) {
        const QByteArray signedList = pki.signRevocations(fuzz::seedRevocations(seq, nowMs / 1000));
        writeSeed(revocation, QStringLiteral("seed-%1").arg(seq), signedList);
        writeSeed(cose, QStringLiteral("rev-%1").arg(seq), signedList);
    }
    // The public vectors are good COSE seeds too.
    std::printf("fuzz seeds written to %s\n", qPrintable(root.path()));
    return 0;
}
