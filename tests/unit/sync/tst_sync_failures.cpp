// The sync engine fed by a scripted server: a malformed listing is dropped whole, a
// stalled connection times out, a truncated thumbnail is a retryable error (not a refusal,
// and never shown), verified bytes go through the display gate, refused bytes are reported
// and never cached. The events are real ones from the trust tests' PKI.
#include "DeviceSync.h"
#include "EventSync.h"
#include "FakeHttpServer.h"
#include "Store.h"
#include "TestWorld.h"
#include "VerifiedClipStream.h"
#include "VerifiedMediaGate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vf;
using vf::test::FakeHttpServer;
using vf::test::ScriptedAnswer;
using vf::test::TestWorld;

namespace {

QJsonObject listingEntry(test::EventFixture &event, const QString &id) {
    event.listedEventId = id;
    event.attestation.eventId = id;
    event.freeze();
    return {{"id", id},
            {"device_id", event.listedDeviceId},
            {"device_name", "Front door"},
            {"kind", "person"},
            {"ts", event.attestation.tsMs},
            {"duration_ms", 12000},
            {"attestation", QString::fromLatin1(event.attestationBytes->toBase64())},
            {"claim", QString::fromLatin1(event.claimBytes->toBase64())},
            {"thumbnail", QStringLiteral("/v1/media/%1/thumbnail").arg(id)},
            {"clip", QStringLiteral("/v1/media/%1/clip").arg(id)}};
}

QByteArray listing(const QList<QJsonObject> &entries) {
    QJsonArray events;
    for (const QJsonObject &e : entries)
        events.append(e);
    return QJsonDocument(QJsonObject{{"events", events}, {"next_cursor", QJsonValue::Null}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class SyncFailuresTest : public QObject {
    Q_OBJECT

    const TestWorld &world = TestWorld::instance();
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<FakeHttpServer> server;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<trust::AttestationVerifier> verifier;
    std::unique_ptr<sync::AttestationMediaVerifier> mediaVerifier;
    std::unique_ptr<net::ApiClient> api;
    sync::AutomationLog log;
    QList<QJsonObject> records;
    sync::SyncContext context;

    std::unique_ptr<sync::EventSync> makeSync() {
        return std::make_unique<sync::EventSync>(*api, context, sync::EventSync::Options{});
    }
    int recordsOfType(const QString &type) const {
        return int(std::count_if(records.begin(), records.end(), [&](const QJsonObject &r) {
            return r.value("type").toString() == type;
        }));
    }

private Q_SLOTS:
    void init() {
        dir = std::make_unique<QTemporaryDir>();
        server = std::make_unique<FakeHttpServer>();
        QString error;
        store = store::Store::open(dir->path(), &error);
        QVERIFY2(store, qPrintable(error));
        verifier = std::make_unique<trust::AttestationVerifier>(world.anchors);
        mediaVerifier = std::make_unique<sync::AttestationMediaVerifier>(*verifier);
        net::ApiClient::Options options;
        options.baseUrl = QUrl(server->baseUrl());
        options.stallTimeoutMs = 400;
        options.getAttempts = 1;
        api = std::make_unique<net::ApiClient>(options);
        records.clear();
        log.setObserver([this](const QJsonObject &r) { records << r; });
        context = {TestWorld::alice(), store.get(), mediaVerifier.get(), &log, "test"};
    }

    void malformedListingIsDroppedWhole() {
        server->script = {ScriptedAnswer::respond(
            200, R"({"events":[{"id":"e1","device_id":"cam"}],"next_cursor":null})")};
        auto sync = makeSync();
        QSignalSpy failed(sync.get(), &sync::EventSync::listingFailed);
        sync->refresh();
        QTRY_COMPARE(failed.size(), 1);
        const auto error = failed.at(0).at(0).value<net::ApiError>();
        QCOMPARE(error.kind, net::ApiError::Kind::Malformed);
        QVERIFY(!error.describe().isEmpty());
        QCOMPARE(store->events().count(TestWorld::alice()), 0);
        QVERIFY(!sync->isIdle());
        QVERIFY(records.isEmpty());
    }

    // cloud-api.md §7 v2, cloud strings are bounded: an entry whose event or device ID is
    // over 200 characters is refused as malformed and reported with the ID cut to 200; no
    // row is stored for it, nothing longer reaches the store, the audit log, the outbox or
    // the automation log, and the real event whose ID is the cut one is left alone.
    void overlongIdsAreRefusedAsMalformedAndTouchNothingElse() {
        const QString realId(200, u'a');
        auto real = world.ownerEvent(world.cameraP256);
        auto longEvent = world.ownerEvent(world.cameraP256);
        auto longDevice = world.ownerEvent(world.cameraEd25519);
        QJsonObject longDeviceEntry = listingEntry(longDevice, "e-dev");
        longDeviceEntry.insert("device_id", QString(5000, u'd'));
        const QJsonObject entries[] = {listingEntry(real, realId),
                                       listingEntry(longEvent, realId + QStringLiteral("b")),
                                       longDeviceEntry};
        server->script = {
            ScriptedAnswer::respond(200, listing({entries[0], entries[1], entries[2]})),
            ScriptedAnswer::respond(200, real.thumbnail)};
        auto sync = makeSync();
        QSignalSpy refused(sync.get(), &sync::EventSync::eventRefused);
        QSignalSpy verified(sync.get(), &sync::EventSync::eventVerified);
        sync->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 1, 5000);
        QTRY_VERIFY(sync->isIdle());
        QCOMPARE(refused.size(), 2);
        for (const auto &r : refused)
            QCOMPARE(r.at(2).toString(), QStringLiteral("malformed")); // (event, device, reason)
        QCOMPARE(refused.at(0).at(0).toString(), realId);              // the long one, cut
        // Only the real event has a row, verified and untouched by the refusals.
        QCOMPARE(store->events().count(TestWorld::alice()), 1);
        const auto rows = store->events().findAllWithId(TestWorld::alice(), realId);
        QCOMPARE(rows.size(), 1);
        const auto row = std::optional<store::StoredEvent>(rows.first());
        QCOMPARE(row->state, store::VerificationState::Verified);
        QCOMPARE(store->media().totalBytes(), real.thumbnail.size());
        // Reported, with IDs of at most 200 characters everywhere they were written.
        const auto pending = store->outbox().pending(TestWorld::alice());
        QCOMPARE(pending.size(), 2);
        for (const auto &q : pending) {
            QCOMPARE(q.report.reason, QStringLiteral("malformed"));
            QVERIFY(q.report.eventId.size() <= 200 && q.report.deviceId.size() <= 200);
        }
        QCOMPARE(pending.at(1).report.deviceId, QString(200, u'd'));
        QCOMPARE(store->audit().count(TestWorld::alice()), 2);
        for (const auto &a : store->audit().list(TestWorld::alice(), {}))
            QVERIFY(a.eventId.size() <= 200 && a.deviceId.size() <= 200);
        QCOMPARE(recordsOfType("refused"), 2);
        QCOMPARE(recordsOfType("reported"), 2);
        for (const QJsonObject &r : records)
            QVERIFY(r.value("event_id").toString().size() <= 200);
        // Listed again: no second report, no second refusal line.
        server->script = {
            ScriptedAnswer::respond(200, listing({entries[0], entries[1], entries[2]}))};
        sync->refresh();
        QTRY_VERIFY(sync->isIdle());
        QCOMPARE(store->outbox().pending(TestWorld::alice()).size(), 2);
        QCOMPARE(recordsOfType("refused"), 2);
        QCOMPARE(store->events().findAllWithId(TestWorld::alice(), realId).value(0).state,
                 store::VerificationState::Verified);
    }

    // A device name or kind of any length is cut to 200 for display; the entry is judged.
    void overlongNamesAreCutNotRefused() {
        auto event = world.ownerEvent(world.cameraP256);
        QJsonObject entry = listingEntry(event, "e-name");
        entry.insert("device_name", QString(100000, u'n'));
        entry.insert("kind", QString(300, u'k'));
        server->script = {ScriptedAnswer::respond(200, listing({entry})),
                          ScriptedAnswer::respond(200, event.thumbnail)};
        auto sync = makeSync();
        QSignalSpy verified(sync.get(), &sync::EventSync::eventVerified);
        sync->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 1, 5000);
        const auto rows = store->events().findAllWithId(TestWorld::alice(), "e-name");
        QCOMPARE(rows.size(), 1);
        const auto row = std::optional<store::StoredEvent>(rows.first());
        QCOMPARE(row->deviceName, QString(200, u'n'));
        QCOMPARE(row->kind, QString(300, u'k').left(200));
    }

    // The cameras come converted to DeviceDescription; an answer that fails or is not
    // understood changes nothing, so the names already shown stay.
    void devicesAreConvertedAndABadAnswerKeepsTheList() {
        server->script = {
            ScriptedAnswer::respond(
                200, R"({"devices":[{"id":"cam-1","name":"Front","model":"VF-1","online":true},)"
                     R"({"id":"cam-2","name":"Garden","model":"VF-2"}]})"),
            ScriptedAnswer::respond(200, R"({"devices":[{"name":"no id"}]})"),
            ScriptedAnswer::respond(503, R"({"error":"busy"})")};
        sync::DeviceSync devices(*api);
        QSignalSpy changed(&devices, &sync::DeviceSync::devicesChanged);
        devices.fetch();
        QVERIFY(devices.isFetching());
        QTRY_COMPARE(changed.size(), 1);
        QVERIFY(!devices.isFetching());
        const auto list = devices.devices();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).id, QStringLiteral("cam-1"));
        QCOMPARE(list.at(0).name, QStringLiteral("Front"));
        QCOMPARE(list.at(0).model, QStringLiteral("VF-1"));
        QVERIFY(list.at(0).online);
        QCOMPARE(list.at(1).id, QStringLiteral("cam-2"));
        QVERIFY(!list.at(1).online);
        for (int bad = 0; bad < 2; ++bad) {
            devices.fetch();
            QTRY_VERIFY(!devices.isFetching());
            QCOMPARE(changed.size(), 1);
            QCOMPARE(devices.devices().size(), 2);
        }
    }

    // A fetch still running when the account stops (its DeviceSync goes) is dropped.
    void aDroppedDeviceSyncCancelsItsFetch() {
        server->script = {ScriptedAnswer::stall()};
        auto devices = std::make_unique<sync::DeviceSync>(*api);
        QSignalSpy changed(devices.get(), &sync::DeviceSync::devicesChanged);
        devices->fetch();
        QVERIFY(devices->isFetching());
        devices.reset();
        QTest::qWait(100);
        QCOMPARE(changed.size(), 0);
    }

    void stalledListingTimesOutRetryably() {
        server->script = {ScriptedAnswer::stall()};
        auto sync = makeSync();
        QSignalSpy failed(sync.get(), &sync::EventSync::listingFailed);
        sync->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        const auto error = failed.at(0).at(0).value<net::ApiError>();
        QCOMPARE(error.kind, net::ApiError::Kind::Timeout);
        QVERIFY(error.retryable());
    }

    void truncatedThumbnailIsAnErrorThenRetryVerifies() {
        auto event = world.ownerEvent(world.cameraP256);
        ScriptedAnswer truncated = ScriptedAnswer::respond(200, event.thumbnail.left(100));
        truncated.declaredLength = event.thumbnail.size();
        server->script = {ScriptedAnswer::respond(200, listing({listingEntry(event, "e1")})),
                          truncated};
        auto sync = makeSync();
        QSignalSpy itemFailed(sync.get(), &sync::EventSync::itemFailed);
        QSignalSpy verified(sync.get(), &sync::EventSync::eventVerified);
        sync->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(itemFailed.size(), 1, 5000);
        QCOMPARE(itemFailed.at(0).at(0).toString(), QStringLiteral("e1"));
        // Not a refusal: nothing reported, nothing cached, still loading.
        QCOMPARE(store->audit().count(TestWorld::alice()), 0);
        QCOMPARE(store->outbox().pending(TestWorld::alice()).size(), 0);
        QCOMPARE(store->media().totalBytes(), 0);
        QCOMPARE(store->events().find(TestWorld::alice(), {"e1", event.listedDeviceId})->state,
                 store::VerificationState::Loading);
        QTRY_VERIFY(sync->isIdle());

        server->script = {ScriptedAnswer::respond(200, event.thumbnail)};
        sync->retry({"e1", event.listedDeviceId});
        QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 1, 5000);
        QCOMPARE(verified.at(0).at(2).toString(), QStringLiteral("owner"));
        QCOMPARE(store->media().totalBytes(), event.thumbnail.size());
        QCOMPARE(recordsOfType("displayed"), 0); // verified is not displayed

        sync::VerifiedMediaGate gate(context);
        QByteArray decoded;
        const auto result = gate.releaseThumbnail(
            {"e1", event.listedDeviceId}, [&](const QByteArray &bytes) { decoded = bytes; });
        QCOMPARE(result.outcome, sync::VerifiedMediaGate::Outcome::Released);
        QCOMPARE(decoded, event.thumbnail);
        QCOMPARE(recordsOfType("displayed"), 1);
        QCOMPARE(
            records.last().value("sha256").toString(),
            QString::fromLatin1(
                QCryptographicHash::hash(event.thumbnail, QCryptographicHash::Sha256).toHex()));
    }

    void tamperedThumbnailIsRefusedReportedNeverCached() {
        auto event = world.ownerEvent(world.cameraEd25519);
        QByteArray tampered = event.thumbnail;
        tampered[tampered.size() / 2] = char(tampered[tampered.size() / 2] ^ 0x55);
        server->script = {ScriptedAnswer::respond(200, listing({listingEntry(event, "e2")})),
                          ScriptedAnswer::respond(200, tampered)};
        auto sync = makeSync();
        QSignalSpy refused(sync.get(), &sync::EventSync::eventRefused);
        QSignalSpy queued(sync.get(), &sync::EventSync::reportQueued);
        sync->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 5000);
        QCOMPARE(refused.at(0).at(2).toString(), QStringLiteral("media_mismatch"));
        QCOMPARE(queued.size(), 1);
        QCOMPARE(store->media().totalBytes(), 0);
        QCOMPARE(store->audit().count(TestWorld::alice()), 1);
        const auto pending = store->outbox().pending(TestWorld::alice());
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().report.reason, QStringLiteral("media_mismatch"));
        QCOMPARE(recordsOfType("refused"), 1);
        QCOMPARE(recordsOfType("reported"), 1);

        sync::VerifiedMediaGate gate(context);
        bool decoderRan = false;
        const auto result = gate.releaseThumbnail({"e2", event.listedDeviceId},
                                                  [&](const QByteArray &) { decoderRan = true; });
        QCOMPARE(result.outcome, sync::VerifiedMediaGate::Outcome::NotVerified);
        QVERIFY(!decoderRan);
        QCOMPARE(recordsOfType("displayed"), 0);

        // Seen again on refresh: same signed objects, no second report.
        server->script = {ScriptedAnswer::respond(200, listing({listingEntry(event, "e2")}))};
        sync->refresh();
        QTRY_VERIFY(sync->isIdle());
        QCOMPARE(store->outbox().pending(TestWorld::alice()).size(), 1);
        QCOMPARE(store->audit().count(TestWorld::alice()), 1);
    }

    void foreignOwnersEventIsRefused() {
        auto event = world.ownerEvent(world.cameraP256, TestWorld::bob());
        server->script = {ScriptedAnswer::respond(200, listing({listingEntry(event, "e3")})),
                          ScriptedAnswer::respond(200, event.thumbnail)};
        auto sync = makeSync();
        QSignalSpy refused(sync.get(), &sync::EventSync::eventRefused);
        sync->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 5000);
        QCOMPARE(refused.at(0).at(2).toString(), QStringLiteral("foreign_owner"));
        QCOMPARE(store->media().totalBytes(), 0);
        QCOMPARE(store->events().find(TestWorld::alice(), {"e3", event.listedDeviceId})->reason,
                 QStringLiteral("foreign_owner"));
    }

    void closedGateReleasesNothing() {
        auto event = world.ownerEvent(world.cameraP256);
        server->script = {ScriptedAnswer::respond(200, listing({listingEntry(event, "e4")})),
                          ScriptedAnswer::respond(200, event.thumbnail)};
        auto sync = makeSync();
        QSignalSpy verified(sync.get(), &sync::EventSync::eventVerified);
        sync->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(verified.size(), 1, 5000);
        sync::VerifiedMediaGate gate(context);
        gate.close();
        bool decoderRan = false;
        QCOMPARE(gate.releaseThumbnail({"e4", event.listedDeviceId},
                                       [&](const QByteArray &) { decoderRan = true; })
                     .outcome,
                 sync::VerifiedMediaGate::Outcome::Closed);
        QVERIFY(!decoderRan);
        // Another account's gate on the same store sees nothing of alice's.
        sync::SyncContext bobs = context;
        bobs.account = TestWorld::bob();
        sync::VerifiedMediaGate bobGate(bobs);
        QCOMPARE(bobGate
                     .releaseThumbnail({"e4", event.listedDeviceId},
                                       [&](const QByteArray &) { decoderRan = true; })
                     .outcome,
                 sync::VerifiedMediaGate::Outcome::NotVerified);
        QVERIFY(!decoderRan);
    }

    // trust.md §6 v2: a listing with two entries of one event ID, alice's own and bob's
    // (another camera, bob's claim, its own media URL). Each is fetched by its own URL and
    // judged on its own, in either order: alice's is verified and shown, bob's refused as
    // foreign_owner with a report naming bob's camera, and nothing is a media_mismatch.
    // The v1 client keyed all of it by event ID: it checked bob's attestation against
    // alice's bytes, lost alice's event and filed a false tamper report against a camera.
    void duplicateEventIdsAreJudgedApart_data() {
        QTest::addColumn<bool>("foreignFirst");
        QTest::newRow("own entry first") << false;
        QTest::newRow("foreign entry first") << true;
    }
    void duplicateEventIdsAreJudgedApart() {
        QFETCH(bool, foreignFirst);
        auto own = world.ownerEvent(world.cameraP256, TestWorld::alice());
        auto foreign = world.ownerEvent(world.cameraEd25519, TestWorld::bob());
        QVERIFY(own.listedDeviceId != foreign.listedDeviceId);
        // Different bytes, so fetching one entry's media for the other would show.
        foreign.thumbnail.append('x');
        foreign.attestation.media[0] = pki::MediaItem::describe(
            QStringLiteral("thumbnail"), QStringLiteral("image/jpeg"), foreign.thumbnail);
        const QJsonObject ownEntry = listingEntry(own, "d1");
        QJsonObject foreignEntry = listingEntry(foreign, "d1");
        const QString foreignUrl =
            QStringLiteral("/v1/media/d1/thumbnail?device=%1").arg(foreign.listedDeviceId);
        foreignEntry.insert("thumbnail", foreignUrl);
        const QList<QJsonObject> entries = foreignFirst
                                               ? QList<QJsonObject>{foreignEntry, ownEntry}
                                               : QList<QJsonObject>{ownEntry, foreignEntry};
        server->script = {
            ScriptedAnswer::respond(200, listing(entries)),
            ScriptedAnswer::respond(200, foreignFirst ? foreign.thumbnail : own.thumbnail),
            ScriptedAnswer::respond(200, foreignFirst ? own.thumbnail : foreign.thumbnail)};
        sync::EventSync::Options options;
        options.concurrentFetches = 1; // the scripted answers come in listing order
        sync::EventSync sync(*api, context, options);
        QSignalSpy refused(&sync, &sync::EventSync::eventRefused);
        QSignalSpy verified(&sync, &sync::EventSync::eventVerified);
        sync.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(sync.isIdle() && sync.firstPageLoaded(), 5000);

        // Each entry's media was asked for by the URL it gave.
        QStringList asked;
        for (const QByteArray &head : server->requests)
            if (head.contains("/thumbnail"))
                asked << QString::fromLatin1(head.split(' ').value(1));
        QCOMPARE(asked.size(), 2);
        QVERIFY(asked.contains(QStringLiteral("/v1/media/d1/thumbnail")));
        QVERIFY(asked.contains(foreignUrl));

        const store::EventKey ownKey{"d1", own.listedDeviceId};
        const store::EventKey foreignKey{"d1", foreign.listedDeviceId};
        QCOMPARE(store->events().count(TestWorld::alice()), 2);
        QCOMPARE(store->events().find(TestWorld::alice(), ownKey)->state,
                 store::VerificationState::Verified);
        const auto foreignRow = store->events().find(TestWorld::alice(), foreignKey);
        QCOMPARE(foreignRow->state, store::VerificationState::Refused);
        QCOMPARE(foreignRow->reason, QStringLiteral("foreign_owner"));
        QCOMPARE(verified.size(), 1);
        QCOMPARE(verified.at(0).at(1).toString(), own.listedDeviceId);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(1).toString(), foreign.listedDeviceId);
        QCOMPARE(refused.at(0).at(2).toString(), QStringLiteral("foreign_owner"));

        // One report, about bob's camera; no tamper report against anyone.
        const auto pending = store->outbox().pending(TestWorld::alice());
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().report.reason, QStringLiteral("foreign_owner"));
        QCOMPARE(pending.first().report.eventId, QStringLiteral("d1"));
        QCOMPARE(pending.first().report.deviceId, foreign.listedDeviceId);
        QCOMPARE(pending.first().report.attestedDevice, foreign.listedDeviceId);
        for (const store::AuditEntry &a : store->audit().list(TestWorld::alice()))
            QVERIFY(a.reason != QLatin1String("media_mismatch"));

        // The own entry is shown with its own bytes; the foreign one is not shown at all.
        sync::VerifiedMediaGate gate(context);
        QByteArray decoded;
        QCOMPARE(gate.releaseThumbnail(ownKey, [&](const QByteArray &b) { decoded = b; }).outcome,
                 sync::VerifiedMediaGate::Outcome::Released);
        QCOMPARE(decoded, own.thumbnail);
        bool foreignDecoded = false;
        QCOMPARE(
            gate.releaseThumbnail(foreignKey, [&](const QByteArray &) { foreignDecoded = true; })
                .outcome,
            sync::VerifiedMediaGate::Outcome::NotVerified);
        QVERIFY(!foreignDecoded);
        QCOMPARE(recordsOfType("displayed"), 1);
        for (const QJsonObject &r : std::as_const(records))
            if (r.value("type") == QLatin1String("displayed"))
                QCOMPARE(r.value("device_id").toString(), own.listedDeviceId);

        // Listed again: the refusal stays with bob's entry and reports nothing new.
        server->script = {ScriptedAnswer::respond(200, listing(entries))};
        sync.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(sync.isIdle(), 5000);
        QCOMPARE(store->events().find(TestWorld::alice(), ownKey)->state,
                 store::VerificationState::Verified);
        QCOMPARE(store->outbox().pending(TestWorld::alice()).size(), 1);
    }

    // Clips: asked for only once the checks have passed, in parts up to the attested length,
    // and released only as each part passes the segment verifier.

private:
    // Syncs event as `id` (its thumbnail answered honestly) and returns the stored row.
    store::StoredEvent synced(test::EventFixture &event, const QString &id) {
        server->script = {ScriptedAnswer::respond(200, listing({listingEntry(event, id)})),
                          ScriptedAnswer::respond(200, event.thumbnail)};
        auto sync = makeSync();
        sync->refresh();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(sync->isIdle() && sync->firstPageLoaded(), 5000); }();
        return store->events()
            .find(TestWorld::alice(), {id, event.listedDeviceId})
            .value_or(store::StoredEvent{});
    }
    struct ClipRun {
        QByteArray released;
        QString refusedReason;
        bool completed = false;
        bool failed = false;
    };
    ClipRun play(const store::StoredEvent &row) {
        ClipRun run;
        sync::VerifiedClipStream stream(*api, context, row);
        connect(&stream, &sync::VerifiedClipStream::verifiedBytes, this,
                [&](const QByteArray &bytes, qint64 offset) {
                    QCOMPARE(offset, qint64(run.released.size()));
                    run.released += bytes;
                });
        connect(&stream, &sync::VerifiedClipStream::refused, this,
                [&](const QString &reason) { run.refusedReason = reason; });
        connect(&stream, &sync::VerifiedClipStream::completed, this, [&] { run.completed = true; });
        connect(&stream, &sync::VerifiedClipStream::failed, this, [&] { run.failed = true; });
        stream.start();
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(run.completed || !run.refusedReason.isEmpty() ||
                                         stream.state() == sync::VerifiedClipStream::State::Failed,
                                     5000);
        }();
        return run;
    }
    QList<QByteArray> clipRanges() const {
        QList<QByteArray> ranges;
        for (const QByteArray &head : server->requests)
            if (head.contains("/clip "))
                for (const QByteArray &line : head.split('\n'))
                    if (line.toLower().startsWith("range:"))
                        ranges << line.mid(6).trimmed();
        return ranges;
    }

private Q_SLOTS:
    void clipIsAskedForInPartsUpToItsAttestedLength() {
        auto event = world.ownerEvent(world.cameraP256); // 300 KiB + 123, 64 KiB segments
        const store::StoredEvent row = synced(event, "c1");
        QCOMPARE(row.state, store::VerificationState::Verified);
        const qint64 chunk = sync::VerifiedClipStream::kChunkBytes;
        server->requests.clear();
        server->script = {ScriptedAnswer::respond(206, event.clip.left(chunk)),
                          ScriptedAnswer::respond(206, event.clip.mid(chunk))};
        const ClipRun run = play(row);
        QVERIFY(run.completed);
        QCOMPARE(run.released, event.clip);
        // A full first part, then the rest up to the attested length.
        QCOMPARE(clipRanges(), (QList<QByteArray>{"bytes=0-262143", "bytes=262144-307322"}));
        QCOMPARE(recordsOfType("displayed"), 1);
    }

    void shortClipIsAskedForToItsAttestedEnd() {
        // A clip shorter than a part: one request, ending at the attested length. A cloud that
        // answers with more than was asked for fails the request (the transfer's size limit is
        // the range's): nothing is released, and the clip is not refused, because no byte of
        // it was checked.
        auto event = world.ownerEvent(world.cameraEd25519);
        event.clip = QByteArray(10 * 1024, 'c');
        event.attestation.media[1] = pki::MediaItem::describe(
            QStringLiteral("clip"), QStringLiteral("video/mp4"), event.clip, 4096);
        const store::StoredEvent row = synced(event, "c2");
        QCOMPARE(row.state, store::VerificationState::Verified);

        server->requests.clear();
        server->script = {ScriptedAnswer::respond(206, event.clip)};
        ClipRun run = play(row);
        QVERIFY(run.completed);
        QCOMPARE(run.released, event.clip);
        QCOMPARE(clipRanges(), QList<QByteArray>{"bytes=0-10239"});

        server->script = {ScriptedAnswer::respond(206, event.clip + QByteArray(100, 'x'))};
        run = play(row);
        QVERIFY(run.failed);
        QVERIFY(!run.completed);
        QVERIFY(run.refusedReason.isEmpty());
        QVERIFY(run.released.isEmpty());
        QCOMPARE(recordsOfType("displayed"), 1); // the first, complete play only
        QCOMPARE(store->events().find(TestWorld::alice(), {"c2", event.listedDeviceId})->state,
                 store::VerificationState::Verified);
        QVERIFY(store->outbox().pending(TestWorld::alice()).isEmpty());
    }

    void foreignClipIsNeverAskedFor() {
        // bob's camera event listed to alice: refused at the checks, before any request.
        auto event = world.ownerEvent(world.cameraP256, TestWorld::bob());
        const store::StoredEvent row = synced(event, "c3");
        QCOMPARE(row.state, store::VerificationState::Refused);
        server->requests.clear();
        server->script = {ScriptedAnswer::respond(206, event.clip)};
        const ClipRun run = play(row);
        QCOMPARE(run.refusedReason, QStringLiteral("foreign_owner"));
        QVERIFY(run.released.isEmpty());
        QVERIFY(!run.completed);
        for (const QByteArray &head : server->requests)
            QVERIFY2(!head.contains("/clip "), head.constData());
        QCOMPARE(recordsOfType("displayed"), 0);
    }
};

QTEST_GUILESS_MAIN(SyncFailuresTest)
#include "tst_sync_failures.moc"
