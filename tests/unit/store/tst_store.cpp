// The store: schema and migrations, the verified-only media cache and its account
// partitions, events, audit, the durable report outbox (kill -9 included), revocation
// state, repair of damaged files, and use from several threads.
#include "StoreTestSupport.h"

#include "CacheSchema.h"
#include "OpenSsl.h"
#include "OutboxSchema.h"
#include "ThreadHandoff.h"

#include "PrivateFiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThreadPool>
#include <QUuid>
#include <cstdio>
#include <limits>
#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace vf;
using namespace vf::test;
using store::AttemptOutcome;
using store::BackoffPolicy;
using store::QueuedReport;
using store::StoreNotice;

namespace {

const QString kAlice = TestWorld::alice();
const QString kBob = TestWorld::bob();
constexpr qint64 kNow = 1795000000000;

QStringList filesIn(const QString &dir) {
    return QDir(dir).entryList(QDir::Files | QDir::NoDotAndDotDot);
}

QByteArray readFile(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes, qint64 offset = 0) {
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(offset))
        return false;
    return f.write(bytes) == bytes.size();
}

store::StoredEvent sampleEvent(const QString &id, qint64 ts, const QString &device,
                               const QString &kind) {
    store::StoredEvent e;
    e.id = id;
    e.deviceId = device;
    e.deviceName = device + QStringLiteral(" camera");
    e.kind = kind;
    e.timestampMs = ts;
    e.durationMs = 12000;
    e.attestation = QByteArray("att-") + id.toUtf8();
    e.claim = QByteArray("claim-") + id.toUtf8();
    e.thumbnailUrl = QStringLiteral("https://cloud/t/") + id;
    return e;
}

// The child half of outboxSurvivesSigkill: queues reports forever, printing each
// report_id only after enqueue returned, until the parent kills it.
int runOutboxChild(const QString &dir) {
    std::unique_ptr<store::Store> s = openStore(dir);
    if (!s)
        return 2;
    for (int i = 0;; ++i) {
        const store::EnqueueResult r = s->outbox().enqueue(
            kAlice,
            sampleReport(QStringLiteral("evt-kill-%1").arg(i), QStringLiteral("foreign_owner")),
            kNow);
        if (!r.report)
            return 3;
        std::fprintf(stdout, "%s\n", qPrintable(r.report->reportId));
        std::fflush(stdout);
    }
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestWorld::instance().anchors); }

    // --- schema ---
    void migrationsFromEmptyAndReopen() {
        QTemporaryDir dir;
        {
            auto s = openStore(dir.path());
            QVERIFY(s);
            QVERIFY(s->health().healthy());
            QCOMPARE(s->cacheDatabase().schemaVersion(), 4);
            QCOMPARE(s->outboxDatabase().schemaVersion(), 3);
            QCOMPARE(sqlValue(s->cacheDatabase(), QStringLiteral("PRAGMA journal_mode")).toString(),
                     QStringLiteral("wal"));
            QCOMPARE(sqlValue(s->outboxDatabase(), QStringLiteral("PRAGMA synchronous")).toInt(),
                     2); // FULL
            QCOMPARE(sqlValue(s->cacheDatabase(), QStringLiteral("PRAGMA synchronous")).toInt(),
                     1); // NORMAL
            QCOMPARE(sqlValue(s->cacheDatabase(), QStringLiteral("PRAGMA foreign_keys")).toInt(),
                     1);
            QVERIFY(s->events().upsert(kAlice, sampleEvent("e1", kNow, "cam", "person"), nullptr));
        }
        auto s = openStore(dir.path());
        QVERIFY(s);
        QCOMPARE(s->cacheDatabase().schemaVersion(), 4);
        QVERIFY(s->events().find(kAlice, {QStringLiteral("e1"), QStringLiteral("cam")}));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("veriframe.sqlite"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("outbox.sqlite"))));
    }

    void migrationsApplyInOrderFromAnOlderVersion() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("veriframe.sqlite"));
        {
            store::Database v1(
                {path, store::Durability::Normal, store::cacheMigrations().mid(0, 1)});
            QString error;
            QVERIFY2(v1.open(&error), qPrintable(error));
            QCOMPARE(v1.schemaVersion(), 1);
        }
        store::Database latest({path, store::Durability::Normal, store::cacheMigrations()});
        QString error;
        QVERIFY2(latest.open(&error), qPrintable(error));
        QCOMPARE(latest.schemaVersion(), 4);
        QCOMPARE(sqlValue(latest, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name ="
                                                 " 'events_by_device'"))
                     .toInt(),
                 1);
    }

    // trust.md §6 v2: a version-2 database (events keyed by ID) upgrades in place; every
    // row keeps its state, cached items learn their entry's device, and from then on a
    // second entry with the same ID is a row of its own.
    void cacheMigrationFromVersionTwoKeysByEventAndDevice() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("veriframe.sqlite"));
        {
            store::Database v2(
                {path, store::Durability::Normal, store::cacheMigrations().mid(0, 2)});
            QString error;
            QVERIFY2(v2.open(&error), qPrintable(error));
            QCOMPARE(v2.schemaVersion(), 2);
            QSqlQuery q(v2.connection());
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO events (account, id, device_id, ts, state, role, thumbnail_sha256,"
                " updated_at) VALUES ('user-alice', 'e1', 'cam-a', 5, 1, 'owner', 'ab', 1)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO media (account, sha256, event_id, length, role, last_used)"
                " VALUES ('user-alice', 'ab', 'e1', 3, 'thumbnail', 1),"
                " ('user-alice', 'cd', 'gone', 4, 'thumbnail', 1)")));
            // PRIMARY KEY (account, id): the old schema cannot hold two entries of one ID.
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO events (account, id, device_id, ts,"
                                           " updated_at) VALUES ('user-alice', 'e1', 'cam-b',"
                                           " 5, 1)")));
        }
        auto s = openStore(dir.path());
        QVERIFY(s);
        QCOMPARE(s->cacheDatabase().schemaVersion(), 4);
        const auto kept = s->events().find(kAlice, {QStringLiteral("e1"), QStringLiteral("cam-a")});
        QVERIFY(kept);
        QCOMPARE(kept->state, store::VerificationState::Verified);
        QCOMPARE(kept->role, QStringLiteral("owner"));
        QCOMPARE(sqlValue(s->cacheDatabase(),
                          QStringLiteral("SELECT device_id FROM media WHERE sha256 = 'ab'"))
                     .toString(),
                 QStringLiteral("cam-a"));
        QCOMPARE(sqlValue(s->cacheDatabase(),
                          QStringLiteral("SELECT device_id FROM media WHERE sha256 = 'cd'"))
                     .toString(),
                 QString());
        QCOMPARE(s->media().accountBytes(kAlice), 7);
        QVERIFY(s->events().upsert(kAlice, sampleEvent("e1", 5, "cam-b", "person"), nullptr));
        QCOMPARE(s->events().count(kAlice), 2);
        QCOMPARE(s->events().find(kAlice, {"e1", "cam-a"})->state,
                 store::VerificationState::Verified);
        QCOMPARE(s->events().find(kAlice, {"e1", "cam-b"})->state,
                 store::VerificationState::Loading);
    }

    // The outbox of version 1 folded every report of one event ID into one; version 2
    // keeps one per (event, device, role, reason), and the queued and delivered history
    // survives the upgrade (the delivered device is read from the kept report JSON).
    void outboxMigrationFromVersionOneKeysReportsByDevice() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("outbox.sqlite"));
        store::IntegrityReport delivered = sampleReport("e1", "foreign_owner");
        delivered.reportId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString queuedId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            store::Database v1(
                {path, store::Durability::Full, store::outboxMigrations().mid(0, 1)});
            QString error;
            QVERIFY2(v1.open(&error), qPrintable(error));
            QSqlQuery q(v1.connection());
            QVERIFY(q.prepare(QStringLiteral(
                "INSERT INTO acknowledged (report_id, account, event_id, role, reason,"
                " report_json, server_status, http_status, attempts, acknowledged_at)"
                " VALUES (?, 'user-alice', 'e1', 'thumbnail', 'foreign_owner', ?, 'stored',"
                " 201, 1, 1)")));
            q.addBindValue(delivered.reportId);
            q.addBindValue(QString::fromUtf8(
                QJsonDocument(delivered.toJson()).toJson(QJsonDocument::Compact)));
            QVERIFY(q.exec());
            QVERIFY(q.prepare(QStringLiteral(
                "INSERT INTO reports (report_id, account, event_id, device_id, role, reason,"
                " detail, client_time, app_version, created_at, next_attempt_at)"
                " VALUES (?, 'user-alice', 'e2', 'cam-a', 'thumbnail', 'media_mismatch', '',"
                " 1, '1', 1, 1)")));
            q.addBindValue(queuedId);
            QVERIFY(q.exec());
        }
        auto s = openStore(dir.path());
        QVERIFY(s);
        QCOMPARE(s->outboxDatabase().schemaVersion(), 3);
        QVERIFY(s->outbox().find(queuedId));
        QCOMPARE(s->outbox().acknowledgedCount(kAlice), 1);
        const store::EnqueueResult same = s->outbox().enqueue(kAlice, delivered, kNow);
        QVERIFY(same.alreadyAcknowledged);
        QCOMPARE(same.report->reportId, delivered.reportId);
        store::IntegrityReport otherDevice = delivered;
        otherDevice.deviceId = QStringLiteral("cam_garden-2");
        const store::EnqueueResult other = s->outbox().enqueue(kAlice, otherDevice, kNow);
        QVERIFY(other.created);
        QCOMPARE(other.report->deviceId, QStringLiteral("cam_garden-2"));
    }

    // trust.md §6 v2: two entries with one event ID (two cameras, or the cloud mixing
    // accounts up) are two rows, two cache references, two reports; refusing one leaves
    // the other's verified state and cached bytes exactly as they were, even when both
    // verified the very same bytes (one content address).
    void twoEntriesWithOneEventIdAreKeptApart() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const TestWorld &world = TestWorld::instance();
        const VerifiedThumbnail own = verifiedThumbnail(kAlice, "dup", '7', world.cameraP256);
        const VerifiedThumbnail twin = verifiedThumbnail(kAlice, "dup", '7', world.cameraEd25519);
        QCOMPARE(own.verdict.evidence.observedSha256, twin.verdict.evidence.observedSha256);
        QVERIFY(own.deviceId != twin.deviceId);
        const store::EventKey ownKey{own.eventId, own.deviceId};
        const store::EventKey twinKey{twin.eventId, twin.deviceId};
        for (const VerifiedThumbnail *t : {&own, &twin}) {
            QVERIFY(s->events().upsert(kAlice, sampleEvent(t->eventId, kNow, t->deviceId, "person"),
                                       nullptr));
            QVERIFY(s->media().storeVerified(kAlice, t->bytes, t->verdict, nullptr));
            QVERIFY(s->events().setVerification(
                kAlice, {t->eventId, t->deviceId}, store::VerificationState::Verified, {},
                QStringLiteral("owner"), t->verdict.evidence.observedSha256, nullptr));
        }
        QCOMPARE(s->events().count(kAlice), 2);
        QCOMPARE(s->events().findAllWithId(kAlice, "dup").size(), 2);
        // One page boundary between the two (same time, same ID): neither is skipped.
        const auto first = s->events().page(kAlice, {}, std::nullopt, 1);
        QCOMPARE(first.size(), 1);
        const auto second = s->events().page(
            kAlice, {}, store::EventCursor{first[0].timestampMs, first[0].id, first[0].deviceId},
            5);
        QCOMPARE(second.size(), 1);
        QVERIFY(first[0].deviceId != second[0].deviceId);

        // The twin is refused (as a foreign entry would be): its row, references and
        // report go; the own entry's do not.
        const trust::Verdict foreign = foreignOwnerVerdict(kBob, kAlice);
        QVERIFY(s->recordRefusal(kAlice, twinKey.eventId, twinKey.deviceId,
                                 trust::MediaRole::Thumbnail, foreign, kNow, "1")
                    .created);
        QVERIFY(s->media().removeEvent(kAlice, twinKey, nullptr));
        QVERIFY(s->events().setVerification(kAlice, twinKey, store::VerificationState::Refused,
                                            QStringLiteral("foreign_owner"), {}, {}, nullptr));
        const auto ownAfter = s->events().find(kAlice, ownKey);
        QCOMPARE(ownAfter->state, store::VerificationState::Verified);
        QCOMPARE(ownAfter->thumbnailSha256, own.verdict.evidence.observedSha256);
        QCOMPARE(s->media().load(kAlice, own.verdict.evidence.observedSha256).value(), own.bytes);
        QCOMPARE(s->events().find(kAlice, twinKey)->state, store::VerificationState::Refused);

        // The same reason for the same event ID of the other device is another report,
        // and the audit tells the two devices apart.
        QVERIFY(s->recordRefusal(kAlice, ownKey.eventId, ownKey.deviceId,
                                 trust::MediaRole::Thumbnail, foreign, kNow, "1")
                    .created);
        QCOMPARE(s->outbox().pending(kAlice).size(), 2);
        store::AuditFilter twinOnly;
        twinOnly.eventId = twinKey.eventId;
        twinOnly.deviceId = twinKey.deviceId;
        QCOMPARE(s->audit().list(kAlice, twinOnly).size(), 1);
        QCOMPARE(s->audit().count(kAlice), 2);
        // Removing the own entry's references too finally lets the shared file go.
        QVERIFY(s->media().removeEvent(kAlice, ownKey, nullptr));
        QVERIFY(!s->media().load(kAlice, own.verdict.evidence.observedSha256));
    }

    // --- media cache ---
    void storeVerifiedRefusesRefusedVerdicts() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const trust::Verdict foreign = foreignOwnerVerdict(kBob, kAlice);
        QCOMPARE(foreign.reason, trust::Reason::ForeignOwner);
        const QByteArray bytes = TestWorld::bytesOfLength(40 * 1024, 'T'); // the event's bytes
        QCOMPARE(trust::sha256(bytes), foreign.evidence.observedSha256);
        QString error;
        QVERIFY(!s->media().storeVerified(kAlice, bytes, foreign, &error));
        QVERIFY(!s->media().storeVerified(kBob, bytes, foreign, &error));
        QVERIFY(error.contains(QLatin1String("refused")));
        QCOMPARE(s->media().totalBytes(), 0);
        QVERIFY(QDir(dir.filePath(QStringLiteral("media")))
                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                    .isEmpty());
    }

    void filesAtRestAreOwnerOnlyWhateverTheUmask() {
        // Under the usual umask 022 the database, the outbox and the cached pictures were
        // world-readable: every directory is 0700 and every file 0600 from the first write.
#ifdef Q_OS_UNIX
        const mode_t previous = ::umask(022);
        QTemporaryDir parent;
        const QString dir = parent.filePath(QStringLiteral("data"));
        {
            auto s = openStore(dir);
            QVERIFY(s);
            const VerifiedThumbnail t = verifiedThumbnail(kAlice, QStringLiteral("evt-a"), 'a');
            QString error;
            QVERIFY2(s->media().storeVerified(kAlice, t.bytes, t.verdict, &error),
                     qPrintable(error));
            QVERIFY(s->events().upsert(kAlice, sampleEvent("e1", kNow, "cam", "person"), nullptr));
            QVERIFY(
                s->outbox()
                    .enqueue(kAlice,
                             sampleReport(QStringLiteral("evt-r"), QStringLiteral("foreign_owner")),
                             kNow)
                    .report);
            // Checked while the databases are open, -wal and -shm included.
            int files = 0;
            QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            // Owner, group and other bits (Qt's "user" bits repeat the owner's for us).
            const QFileDevice::Permissions ownerGroupOther(0x7077);
            QCOMPARE(QFileInfo(dir).permissions() & ownerGroupOther, store::kPrivateDir);
            while (it.hasNext()) {
                const QFileInfo info(it.next());
                const auto rights = info.permissions() & ownerGroupOther;
                if (info.isDir()) {
                    QVERIFY2(rights == store::kPrivateDir, qPrintable(info.filePath()));
                } else {
                    ++files;
                    QVERIFY2(rights == store::kPrivateFile, qPrintable(info.filePath()));
                }
            }
            QVERIFY(files >= 5); // two databases with their -wal and -shm, one picture
        }
        ::umask(previous);
#else
        QSKIP("POSIX file modes");
#endif
    }

    void storeVerifiedRefusesAnotherAccountsVerdict() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const VerifiedThumbnail t = verifiedThumbnail(kAlice, QStringLiteral("evt-a"), 'a');
        QVERIFY(t.verdict.verified());
        QString error;
        QVERIFY(!s->media().storeVerified(kBob, t.bytes, t.verdict, &error));
        QVERIFY(!s->media().storeVerified(QString(), t.bytes, t.verdict, &error));
        QVERIFY(!s->media().load(kBob, t.verdict.evidence.observedSha256));
        QCOMPARE(s->media().totalBytes(), 0);
    }

    void storeVerifiedRefusesBytesThatWereNotVerified() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const VerifiedThumbnail t = verifiedThumbnail(kAlice, QStringLiteral("evt-a"), 'a');
        QByteArray other = t.bytes;
        other[10] = char(other[10] ^ 1);
        QString error;
        QVERIFY(!s->media().storeVerified(kAlice, other, t.verdict, &error));
        QVERIFY(error.contains(QLatin1String("not the bytes")));
        QVERIFY(!s->media().load(kAlice, trust::sha256(other)));
        QVERIFY2(s->media().storeVerified(kAlice, t.bytes, t.verdict, &error), qPrintable(error));
        QCOMPARE(s->media().load(kAlice, t.verdict.evidence.observedSha256).value(), t.bytes);
        QCOMPARE(s->media().totalBytes(), t.bytes.size());
    }

    void loadNeverCrossesAccounts() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        // Same bytes for both accounts: one content address, two partitions.
        const VerifiedThumbnail a = verifiedThumbnail(kAlice, QStringLiteral("evt-a"), 's');
        const VerifiedThumbnail b = verifiedThumbnail(kBob, QStringLiteral("evt-b"), 's');
        QCOMPARE(a.verdict.evidence.observedSha256, b.verdict.evidence.observedSha256);
        const QByteArray sha = a.verdict.evidence.observedSha256;
        QVERIFY(s->media().storeVerified(kAlice, a.bytes, a.verdict, nullptr));
        QVERIFY(s->media().storeVerified(kBob, b.bytes, b.verdict, nullptr));
        const QString aliceDir =
            dir.filePath(QStringLiteral("media/") + store::MediaCache::partitionName(kAlice));
        const QString bobDir =
            dir.filePath(QStringLiteral("media/") + store::MediaCache::partitionName(kBob));
        QVERIFY(aliceDir != bobDir);
        QCOMPARE(filesIn(aliceDir), QStringList{QString::fromLatin1(sha.toHex())});
        QCOMPARE(filesIn(bobDir), QStringList{QString::fromLatin1(sha.toHex())});
        QVERIFY(!dir.path().contains(kAlice)); // IDs never appear on disk
        QVERIFY(!QDir(dir.filePath("media")).entryList().join(' ').contains(QLatin1String("user")));

        // Alice's own item, bytes only she cached: Bob cannot load it although it is on disk.
        const VerifiedThumbnail only = verifiedThumbnail(kAlice, QStringLiteral("evt-o"), 'o');
        QVERIFY(s->media().storeVerified(kAlice, only.bytes, only.verdict, nullptr));
        QVERIFY(s->media().load(kAlice, only.verdict.evidence.observedSha256));
        QVERIFY(!s->media().load(kBob, only.verdict.evidence.observedSha256));
        QVERIFY(!s->media().contains(kBob, only.verdict.evidence.observedSha256));

        QVERIFY(s->media().wipeAccount(kAlice, nullptr));
        QVERIFY(!s->media().load(kAlice, sha));
        QCOMPARE(s->media().load(kBob, sha).value(), b.bytes);
        QVERIFY(!QDir(aliceDir).exists());
    }

    void corruptedMediaFileIsDroppedOnLoad() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const VerifiedThumbnail t = verifiedThumbnail(kAlice, QStringLiteral("evt-a"), 'c');
        const QByteArray sha = t.verdict.evidence.observedSha256;
        QVERIFY(s->media().storeVerified(kAlice, t.bytes, t.verdict, nullptr));
        const QString path = dir.filePath(
            QStringLiteral("media/%1/%2")
                .arg(store::MediaCache::partitionName(kAlice), QString::fromLatin1(sha.toHex())));
        QVERIFY(writeFile(path, QByteArray("tampered"), 100));
        QVERIFY(!s->media().load(kAlice, sha));
        QVERIFY(!s->media().contains(kAlice, sha));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(s->media().totalBytes(), 0);
    }

    void removeEventAndLruTrim() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        QList<VerifiedThumbnail> items;
        for (char seed : {'1', '2', '3'}) {
            items.append(verifiedThumbnail(kAlice, QStringLiteral("evt-%1").arg(seed), seed));
            QVERIFY(s->media().storeVerified(kAlice, items.last().bytes, items.last().verdict,
                                             nullptr));
        }
        qint64 total = 0;
        for (const VerifiedThumbnail &t : items)
            total += t.bytes.size();
        QCOMPARE(s->media().totalBytes(), total);
        QCOMPARE(s->media().accountBytes(kAlice), total);
        QCOMPARE(s->media().accountBytes(kBob), 0);
        // Item 1 used most recently, item 2 least: trimming keeps 1 and 3 first.
        QSqlQuery q(s->cacheDatabase().connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE media SET last_used = CASE event_id WHEN 'evt-1'"
                                      " THEN 300 WHEN 'evt-2' THEN 100 ELSE 200 END")));
        QVERIFY(s->media().trimTo(total - 1, nullptr));
        QVERIFY(!s->media().contains(kAlice, items[1].verdict.evidence.observedSha256));
        QVERIFY(s->media().contains(kAlice, items[0].verdict.evidence.observedSha256));
        QVERIFY(s->media().contains(kAlice, items[2].verdict.evidence.observedSha256));
        QCOMPARE(s->media().totalBytes(), total - items[1].bytes.size());

        QVERIFY(s->media().removeEvent(kAlice, {items[2].eventId, items[2].deviceId}, nullptr));
        QVERIFY(!s->media().load(kAlice, items[2].verdict.evidence.observedSha256));
        QCOMPARE(s->media().load(kAlice, items[0].verdict.evidence.observedSha256).value(),
                 items[0].bytes);
        QCOMPARE(filesIn(dir.filePath(QStringLiteral("media/") +
                                      store::MediaCache::partitionName(kAlice)))
                     .size(),
                 1);
    }

    // --- events, audit, sign-out ---
    void eventsPageFilterAndCount() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const qint64 day = 24 * 3600 * 1000;
        const qint64 t0 = 1795000000000 - 1795000000000 % day; // midnight UTC
        store::EventStore &ev = s->events();
        QVERIFY(ev.upsert(kAlice, sampleEvent("a", t0 + 1000, "cam1", "person"), nullptr));
        QVERIFY(ev.upsert(kAlice, sampleEvent("b", t0 + 1000, "cam2", "motion"), nullptr));
        QVERIFY(ev.upsert(kAlice, sampleEvent("c", t0 + 5000, "cam1", "motion"), nullptr));
        QVERIFY(ev.upsert(kAlice, sampleEvent("d", t0 - day + 10, "cam1", "person"), nullptr));
        QVERIFY(ev.upsert(kBob, sampleEvent("x", t0 + 9000, "cam9", "person"), nullptr));

        const auto ids = [](const QList<store::StoredEvent> &events) {
            QStringList out;
            for (const store::StoredEvent &e : events)
                out.append(e.id);
            return out;
        };
        const QList<store::StoredEvent> first = ev.page(kAlice, {}, std::nullopt, 2);
        QCOMPARE(ids(first), (QStringList{"c", "a"}));
        const QList<store::StoredEvent> second = ev.page(
            kAlice, {},
            store::EventCursor{first.last().timestampMs, first.last().id, first.last().deviceId},
            2);
        QCOMPARE(ids(second), (QStringList{"b", "d"}));
        store::EventFilter cam1;
        cam1.deviceId = QStringLiteral("cam1");
        QCOMPARE(ids(ev.page(kAlice, cam1, std::nullopt, 10)), (QStringList{"c", "a", "d"}));
        store::EventFilter motionToday;
        motionToday.kind = QStringLiteral("motion");
        motionToday.sinceMs = t0;
        QCOMPARE(ids(ev.page(kAlice, motionToday, std::nullopt, 10)), (QStringList{"c", "b"}));

        QVERIFY(ev.setVerification(kAlice, {"a", "cam1"}, store::VerificationState::Refused,
                                   QStringLiteral("foreign_owner"), {}, {}, nullptr));
        store::EventFilter refused;
        refused.refusedOnly = true;
        QCOMPARE(ids(ev.page(kAlice, refused, std::nullopt, 10)), QStringList{"a"});
        QVERIFY(!ev.setVerification(kBob, {"a", "cam1"}, store::VerificationState::Verified, {}, {},
                                    {},
                                    nullptr)); // not Bob's event

        // The timeline: time and verdict of what the filter matches, oldest first, one
        // account only.
        const QList<store::TimelinePoint> all = ev.timeline(kAlice, {});
        QCOMPARE(all.size(), 4);
        QCOMPARE(all.first().timestampMs, t0 - day + 10);
        QCOMPARE(all.last().timestampMs, t0 + 5000);
        for (int i = 1; i < all.size(); ++i)
            QVERIFY(all.at(i - 1).timestampMs <= all.at(i).timestampMs);
        int refusedPoints = 0;
        for (const store::TimelinePoint &p : all)
            refusedPoints += p.state == store::VerificationState::Refused;
        QCOMPARE(refusedPoints, 1);
        store::EventFilter today;
        today.sinceMs = t0;
        today.untilMs = t0 + day;
        QCOMPARE(ev.timeline(kAlice, today).size(), 2); // nor any day
        QCOMPARE(ev.timeline(kAlice, cam1).size(), 2);  // the refused "a" matches no camera
        QCOMPARE(ev.timeline(kBob, {}).size(), 1);

        const QList<store::DayCount> days = ev.perDayCounts(kAlice, {}, 0);
        QCOMPARE(days.size(), 2);
        QCOMPARE(days[0].count, 3);
        QCOMPARE(days[0].day, QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC).date());
        QCOMPARE(days[1].count, 1);

        // Same signed bytes: state kept. New claim bytes: verified again from scratch.
        store::StoredEvent a = sampleEvent("a", t0 + 1000, "cam1", "person");
        a.deviceName = QStringLiteral("renamed");
        QVERIFY(ev.upsert(kAlice, a, nullptr));
        QCOMPARE(ev.find(kAlice, {"a", "cam1"})->state, store::VerificationState::Refused);
        QCOMPARE(ev.find(kAlice, {"a", "cam1"})->deviceName, QStringLiteral("renamed"));
        a.claim = QByteArray("another claim");
        QVERIFY(ev.upsert(kAlice, a, nullptr));
        QCOMPARE(ev.find(kAlice, {"a", "cam1"})->state, store::VerificationState::Loading);
        QVERIFY(ev.find(kAlice, {"a", "cam1"})->reason.isEmpty());

        QVERIFY(!ev.find(kBob, {"a", "cam1"}));
        QCOMPARE(ev.count(kBob), 1);
    }

    // Issue 17: a refused entry's device, label and time are the cloud's word about a
    // foreign item, so no camera, label or day filter matches it; a dismissed blocked item
    // leaves pages and counts but not diagnostics' (includeDismissed), and stays dismissed
    // when the same entry is listed again.
    void refusedEntriesMatchNoFilterAndDismissedOnesAreHidden() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        store::EventStore &ev = s->events();
        const qint64 t0 = kNow;
        QVERIFY(ev.upsert(kAlice, sampleEvent("v", t0, "cam1", "person"), nullptr));
        QVERIFY(ev.upsert(kAlice, sampleEvent("r", t0 + 10, "cam1", "person"), nullptr));
        QVERIFY(ev.setVerification(kAlice, {"v", "cam1"}, store::VerificationState::Verified, {},
                                   QStringLiteral("owner"), QByteArray(32, 'a'), nullptr));
        QVERIFY(ev.setVerification(kAlice, {"r", "cam1"}, store::VerificationState::Refused,
                                   QStringLiteral("foreign_owner"), {}, {}, nullptr));
        const auto ids = [&](const store::EventFilter &f) {
            QStringList out;
            for (const store::StoredEvent &e : ev.page(kAlice, f, std::nullopt, 10))
                out.append(e.id);
            return out;
        };
        QCOMPARE(ids({}), (QStringList{"r", "v"}));
        store::EventFilter camera;
        camera.deviceId = QStringLiteral("cam1");
        QCOMPARE(ids(camera), QStringList{"v"});
        store::EventFilter label;
        label.kind = QStringLiteral("person");
        QCOMPARE(ids(label), QStringList{"v"});
        store::EventFilter day;
        day.sinceMs = t0 - 1000;
        day.untilMs = t0 + 1000;
        QCOMPARE(ids(day), QStringList{"v"});
        camera.refusedOnly = true;
        QCOMPARE(ids(camera), QStringList{});
        store::EventFilter blocked;
        blocked.refusedOnly = true;
        QCOMPARE(ids(blocked), QStringList{"r"});

        // Only a blocked item can be dismissed, and only by its account.
        QVERIFY(!ev.setDismissed(kAlice, {"v", "cam1"}, true, nullptr));
        QVERIFY(!ev.setDismissed(kBob, {"r", "cam1"}, true, nullptr));
        QVERIFY(ev.setDismissed(kAlice, {"r", "cam1"}, true, nullptr));
        QCOMPARE(ids({}), QStringList{"v"});
        QCOMPARE(ids(blocked), QStringList{});
        store::EventFilter everything;
        everything.includeDismissed = true;
        QCOMPARE(ids(everything), (QStringList{"r", "v"}));
        QVERIFY(ev.find(kAlice, {"r", "cam1"})->dismissed);
        // Listed again with the same bytes: still dismissed, still refused.
        QVERIFY(ev.upsert(kAlice, sampleEvent("r", t0 + 10, "cam1", "person"), nullptr));
        QVERIFY(ev.find(kAlice, {"r", "cam1"})->dismissed);
        QCOMPARE(ids({}), QStringList{"v"});
        QCOMPARE(ev.count(kAlice), 2); // the row itself is kept (diagnostics, audit)
    }

    void auditLogKeepsRefusalsWithoutBytes() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const trust::Verdict foreign = foreignOwnerVerdict(kBob, kAlice);
        const store::AuditEntry entry = store::AuditEntry::fromRefusal(
            kAlice, "evt-1", "cam-front.1", trust::MediaRole::Thumbnail, foreign, kNow);
        QVERIFY(s->audit().append(entry, nullptr) > 0);
        QVERIFY(s->audit().append(store::AuditEntry::fromRefusal(kBob, "evt-2", "cam-front.1",
                                                                 trust::MediaRole::Clip, foreign,
                                                                 kNow + 1),
                                  nullptr) > 0);
        const QList<store::AuditEntry> list = s->audit().list(kAlice);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].reason, QStringLiteral("foreign_owner"));
        QCOMPARE(list[0].role, QStringLiteral("thumbnail"));
        QCOMPARE(list[0].observedSha256,
                 QString::fromLatin1(foreign.evidence.observedSha256.toHex()));
        QCOMPARE(list[0].attestedSha256, list[0].observedSha256);
        QCOMPARE(list[0].claimCti, QString::fromLatin1(foreign.evidence.claimCti.toHex()));
        QCOMPARE(list[0].attestedDevice, QStringLiteral("cam-front.1"));
        QCOMPARE(list[0].timeMs, kNow);
        store::AuditFilter byReason;
        byReason.reason = QStringLiteral("media_mismatch");
        QVERIFY(s->audit().list(kAlice, byReason).isEmpty());
        // No column can hold media: every value is short text or a number.
        QVERIFY(sqlValue(s->cacheDatabase(),
                         QStringLiteral("SELECT MAX(LENGTH(detail) + LENGTH(observed_sha256)) FROM"
                                        " audit"))
                    .toInt() < 1024);
    }

    // A process killed between the report's commit (outbox.sqlite) and its audit line
    // (veriframe.sqlite): the next sign-in writes the missing line, once.
    void queuedReportsWithoutAnAuditLineAreAuditedAgain() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const store::IntegrityReport report = sampleReport("e-killed", "foreign_owner");
        QVERIFY(s->outbox().enqueue(kAlice, report, kNow).created); // no audit line yet
        QVERIFY(s->outbox()
                    .enqueue(kAlice,
                             store::IntegrityReport::revocationConflict(
                                 3, QCryptographicHash::hash("x", QCryptographicHash::Sha256), kNow,
                                 "1"),
                             kNow)
                    .created);
        const trust::Verdict foreign = foreignOwnerVerdict(kBob, kAlice);
        QVERIFY(s->recordRefusal(kAlice, "e-whole", "cam-a", trust::MediaRole::Thumbnail, foreign,
                                 kNow, "1")
                    .created); // report and audit line
        store::AuditFilter all;
        QCOMPARE(s->audit().list(kAlice, all).size(), 1);
        QCOMPARE(s->auditQueuedReports(kAlice), 1);
        const auto entries = s->audit().list(kAlice, all);
        QCOMPARE(entries.size(), 2);
        bool found = false;
        for (const store::AuditEntry &e : entries)
            found |= e.eventId == report.eventId && e.deviceId == report.deviceId &&
                     e.role == report.role && e.reason == report.reason;
        QVERIFY(found);
        QCOMPARE(s->auditQueuedReports(kAlice), 0);
        QCOMPARE(s->auditQueuedReports(kBob), 0);
        QCOMPARE(s->audit().list(kAlice, all).size(), 2);
    }

    void signOutWipesOnlyThatAccountAndKeepsItsReports() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const VerifiedThumbnail a = verifiedThumbnail(kAlice, QStringLiteral("evt-a"), 'a');
        const VerifiedThumbnail b = verifiedThumbnail(kBob, QStringLiteral("evt-b"), 'b');
        QVERIFY(s->media().storeVerified(kAlice, a.bytes, a.verdict, nullptr));
        QVERIFY(s->media().storeVerified(kBob, b.bytes, b.verdict, nullptr));
        QVERIFY(s->events().upsert(kAlice, sampleEvent("evt-a", kNow, "cam", "person"), nullptr));
        QVERIFY(s->events().upsert(kBob, sampleEvent("evt-b", kNow, "cam", "person"), nullptr));
        const store::EnqueueResult queued =
            s->recordRefusal(kAlice, "evt-z", "cam-front.1", trust::MediaRole::Thumbnail,
                             foreignOwnerVerdict(kBob, kAlice), kNow, QStringLiteral("1.0.0"));
        QVERIFY(queued.created);
        QCOMPARE(s->audit().count(kAlice), 1);

        QString error;
        QVERIFY2(s->signOut(kAlice, &error), qPrintable(error));
        QVERIFY(!s->media().load(kAlice, a.verdict.evidence.observedSha256));
        QCOMPARE(s->events().count(kAlice), 0);
        QCOMPARE(s->media().load(kBob, b.verdict.evidence.observedSha256).value(), b.bytes);
        QCOMPARE(s->events().count(kBob), 1);
        QCOMPARE(s->outbox().pending(kAlice).size(), 1);
        QCOMPARE(s->outbox().accountsWithPending(), QStringList{kAlice});
        QCOMPARE(s->audit().count(kAlice), 0); // the audit log goes with the account
        // ... and its report is audited again when the account signs in next.
        QCOMPARE(s->auditQueuedReports(kAlice), 1);
        QCOMPARE(s->audit().count(kAlice), 1);
    }

    // --- outbox ---
    void reportJsonHasExactlyTheSection5Fields() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const trust::Verdict foreign = foreignOwnerVerdict(kBob, kAlice);
        const store::EnqueueResult r =
            s->recordRefusal(kAlice, "evt-1", "cam-front.1", trust::MediaRole::Thumbnail, foreign,
                             kNow, QStringLiteral("1.0.0"));
        QVERIFY2(r.report, qPrintable(r.error));
        const QJsonObject json = r.report->toJson();
        QStringList keys = json.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{"app_version", "attested_device", "claim_id", "client_time",
                                    "detail", "device_id", "event_id", "observed_sha256", "reason",
                                    "report_id", "role"}));
        const QUuid id(json["report_id"].toString());
        QVERIFY(!id.isNull());
        QCOMPARE(id.version(), QUuid::Random);
        QCOMPARE(json["event_id"].toString(), QStringLiteral("evt-1"));
        QCOMPARE(json["device_id"].toString(), QStringLiteral("cam-front.1"));
        QCOMPARE(json["role"].toString(), QStringLiteral("thumbnail"));
        QCOMPARE(json["reason"].toString(), QStringLiteral("foreign_owner"));
        QCOMPARE(json["observed_sha256"].toString(),
                 QString::fromLatin1(foreign.evidence.observedSha256.toHex()));
        QCOMPARE(json["claim_id"].toString(),
                 QString::fromLatin1(foreign.evidence.claimCti.toHex()));
        QCOMPARE(json["attested_device"].toString(), QStringLiteral("cam-front.1"));
        QCOMPARE(json["client_time"].toInteger(), kNow);
        QCOMPARE(json["app_version"].toString(), QStringLiteral("1.0.0"));

        // Unknown values are JSON null, not "".
        store::IntegrityReport bare = sampleReport("evt-2", "malformed");
        bare.observedSha256.clear();
        const QJsonObject bareJson = bare.toJson();
        QVERIFY(bareJson["observed_sha256"].isNull());
        QVERIFY(bareJson["attested_device"].isNull());
        QVERIFY(bareJson["claim_id"].isNull());
    }

    void enqueueIsIdempotentPerEventRoleAndReason() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        store::ReportOutbox &outbox = s->outbox();
        const store::EnqueueResult first =
            outbox.enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow);
        QVERIFY(first.created);
        const store::EnqueueResult again =
            outbox.enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow + 5);
        QVERIFY(!again.created);
        QCOMPARE(again.report->reportId, first.report->reportId);
        QVERIFY(outbox.enqueue(kAlice, sampleReport("e1", "media_mismatch"), kNow).created);
        QVERIFY(outbox.enqueue(kAlice, sampleReport("e1", "foreign_owner", "clip"), kNow).created);
        QVERIFY(outbox.enqueue(kBob, sampleReport("e1", "foreign_owner"), kNow).created);
        QCOMPARE(outbox.pending(kAlice).size(), 3);
        // Delivered: seeing the refusal again files nothing new.
        QVERIFY(outbox.recordAttempt(first.report->reportId, AttemptOutcome::fromHttpStatus(201),
                                     kNow + 10, nullptr));
        const store::EnqueueResult afterAck =
            outbox.enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow + 20);
        QVERIFY(!afterAck.created);
        QVERIFY(afterAck.alreadyAcknowledged);
        QCOMPARE(afterAck.report->reportId, first.report->reportId);
        QCOMPARE(outbox.pending(kAlice).size(), 2);
        // Store::recordRefusal writes one audit line per new report, not per sighting.
        const trust::Verdict foreign = foreignOwnerVerdict(kBob, kAlice);
        for (int i = 0; i < 3; ++i)
            s->recordRefusal(kAlice, "e9", "cam", trust::MediaRole::Thumbnail, foreign, kNow, "1");
        QCOMPARE(s->audit().count(kAlice), 1);
        // A process killed between the report's commit and its audit line: the next
        // sighting writes the missing line, once.
        QVERIFY(outbox
                    .enqueue(kAlice,
                             store::IntegrityReport::fromRefusal(
                                 "e10", "cam", trust::MediaRole::Thumbnail, foreign, kNow, "1"),
                             kNow)
                    .created);
        QCOMPARE(s->audit().count(kAlice), 1);
        for (int i = 0; i < 2; ++i)
            QVERIFY(!s->recordRefusal(kAlice, "e10", "cam", trust::MediaRole::Thumbnail, foreign,
                                      kNow, "1")
                         .created);
        QCOMPARE(s->audit().count(kAlice), 2);
    }

    void backoffDoublesFromOneSecondToFiveMinutes() {
        const BackoffPolicy exact(BackoffPolicy::Jitter::None);
        const QList<qint64> expected{1000,  2000,   4000,   8000,   16000,  32000,
                                     64000, 128000, 256000, 300000, 300000, 300000};
        for (int n = 1; n <= expected.size(); ++n)
            QCOMPARE(exact.delayMs(n), expected[n - 1]);
        QCOMPARE(exact.delayMs(1000), 300000);

        // Injected RNG: the bounds it is asked for and what comes out.
        QList<std::pair<qint64, qint64>> asked;
        const BackoffPolicy full(BackoffPolicy::Jitter::Full, [&](qint64 lo, qint64 hi) {
            asked.append({lo, hi});
            return hi;
        });
        QCOMPARE(full.delayMs(3), 4000);
        QCOMPARE(asked.last(), (std::pair<qint64, qint64>{0, 4000}));
        const BackoffPolicy equalLow(BackoffPolicy::Jitter::Equal,
                                     [](qint64 lo, qint64) { return lo; });
        QCOMPARE(equalLow.delayMs(1), 500);
        QCOMPARE(equalLow.delayMs(20), 150000);
        const BackoffPolicy rogue(BackoffPolicy::Jitter::Full,
                                  [](qint64, qint64) { return 1 << 30; });
        QCOMPARE(rogue.delayMs(2), 2000); // clamped to the ceiling

        const BackoffPolicy real(BackoffPolicy::Jitter::Equal);
        for (int n = 1; n <= 15; ++n) {
            for (int i = 0; i < 50; ++i) {
                const qint64 d = real.delayMs(n);
                QVERIFY(d >= BackoffPolicy::ceilingMs(n) / 2);
                QVERIFY(d <= BackoffPolicy::ceilingMs(n));
                QVERIFY(d <= 300000);
            }
        }
    }

    void serverErrorsAreRetriedLater() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        store::ReportOutbox &outbox = s->outbox();
        outbox.setBackoffPolicy(BackoffPolicy(BackoffPolicy::Jitter::None));
        const QString id =
            outbox.enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow).report->reportId;
        QCOMPARE(outbox.due(kAlice, kNow, 10).size(), 1);
        QVERIFY(outbox.due(kBob, kNow, 10).isEmpty());

        QVERIFY(outbox.recordAttempt(id, AttemptOutcome::fromHttpStatus(503, "unavailable"), kNow,
                                     nullptr));
        QVERIFY(outbox.due(kAlice, kNow + 999, 10).isEmpty());
        QCOMPARE(outbox.due(kAlice, kNow + 1000, 10).size(), 1);
        QVERIFY(outbox.recordAttempt(id, AttemptOutcome::networkError("connection refused"),
                                     kNow + 1000, nullptr));
        const QueuedReport q = *outbox.find(id);
        QCOMPARE(q.attempts, 2);
        QCOMPARE(q.nextAttemptAtMs, kNow + 1000 + 2000);
        QCOMPARE(q.lastError, QStringLiteral("connection refused"));
        QCOMPARE(q.status, QueuedReport::Status::Pending);
        QCOMPARE(AttemptOutcome::fromHttpStatus(500).kind, AttemptOutcome::Kind::RetryableFailure);
        QCOMPARE(AttemptOutcome::fromHttpStatus(0).kind, AttemptOutcome::Kind::RetryableFailure);
        QCOMPARE(AttemptOutcome::fromHttpStatus(429).kind, AttemptOutcome::Kind::RetryableFailure);

        const store::OutboxStats stats = outbox.stats(kAlice);
        QCOMPARE(stats.pending, 1);
        QCOMPARE(stats.totalAttempts, 2);
        QCOMPARE(stats.nextRetryAtMs.value(), kNow + 3000);
        QCOMPARE(stats.acknowledged, 0);
    }

    void badRequestIsRejectedAndKept() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        store::ReportOutbox &outbox = s->outbox();
        const QString id =
            outbox.enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow).report->reportId;
        QVERIFY(outbox.recordAttempt(id, AttemptOutcome::fromHttpStatus(400, "client_time missing"),
                                     kNow, nullptr));
        const QueuedReport q = *outbox.find(id);
        QCOMPARE(q.status, QueuedReport::Status::Rejected);
        QVERIFY(q.lastError.contains(QLatin1String("client_time missing")));
        QVERIFY(outbox.due(kAlice, kNow + 3600000, 10).isEmpty());
        QCOMPARE(outbox.pending(kAlice).size(), 1);
        QCOMPARE(outbox.stats(kAlice).rejected, 1);
        QCOMPARE(outbox.acknowledgedCount(kAlice), 0);
        QVERIFY(outbox.requeueRejected(kAlice, kNow + 5, nullptr));
        QCOMPARE(outbox.due(kAlice, kNow + 5, 10).size(), 1);
    }

    // cloud-api.md §5 v2: a refused revocation list is reported with no event or device,
    // keyed by the refused payload's hash: one list refused at every fetch is one report,
    // two conflicting lists are two; acknowledged ones are not filed again.
    void revocationConflictsAreReportedOncePerPayload() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        store::ReportOutbox &outbox = s->outbox();
        const QByteArray shaA = QCryptographicHash::hash("list A", QCryptographicHash::Sha256);
        const QByteArray shaB = QCryptographicHash::hash("list B", QCryptographicHash::Sha256);
        const auto conflict = [](const QByteArray &sha) {
            return store::IntegrityReport::revocationConflict(7, sha, kNow, QStringLiteral("1"));
        };
        const store::EnqueueResult first = outbox.enqueue(kAlice, conflict(shaA), kNow);
        QVERIFY2(first.created, qPrintable(first.error));
        const store::EnqueueResult again = outbox.enqueue(kAlice, conflict(shaA), kNow + 1);
        QVERIFY(!again.created);
        QCOMPARE(again.report->reportId, first.report->reportId);
        const store::EnqueueResult other = outbox.enqueue(kAlice, conflict(shaB), kNow);
        QVERIFY(other.created);
        QVERIFY(other.report->reportId != first.report->reportId);
        // A media refusal with empty IDs never shares that key.
        QVERIFY(outbox.enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow).created);
        QCOMPARE(outbox.pending(kAlice).size(), 3);

        const QJsonObject json = first.report->toJson();
        QVERIFY(json["event_id"].isNull());
        QVERIFY(json["device_id"].isNull());
        QCOMPARE(json["role"].toString(), QStringLiteral("revocations"));
        QCOMPARE(json["reason"].toString(), QStringLiteral("revocation_conflict"));
        QCOMPARE(json["observed_sha256"].toString(), QString::fromLatin1(shaA.toHex()));
        QCOMPARE(json.keys().size(), 11);

        QVERIFY(outbox.recordAttempt(first.report->reportId, AttemptOutcome::fromHttpStatus(201),
                                     kNow, nullptr));
        const store::EnqueueResult afterAck = outbox.enqueue(kAlice, conflict(shaA), kNow + 2);
        QVERIFY(afterAck.alreadyAcknowledged);
        QVERIFY(!afterAck.created);
        QCOMPARE(afterAck.report->reportId, first.report->reportId);
        QCOMPARE(outbox.pending(kAlice).size(), 2);

        // Malformed: an event or device named, or no payload hash.
        store::IntegrityReport named = conflict(shaA);
        named.eventId = QStringLiteral("e1");
        QVERIFY(!outbox.enqueue(kAlice, named, kNow).report);
        store::IntegrityReport device = conflict(shaA);
        device.deviceId = QStringLiteral("cam-a");
        QVERIFY(!outbox.enqueue(kAlice, device, kNow).report);
        store::IntegrityReport noHash = conflict(shaA);
        noHash.observedSha256.clear();
        QVERIFY(!outbox.enqueue(kAlice, noHash, kNow).report);
        // And a media report still needs its event.
        QVERIFY(!outbox.enqueue(kAlice, sampleReport("", "foreign_owner"), kNow).report);
    }

    void acknowledgedReportsLeaveTheOutbox() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        store::ReportOutbox &outbox = s->outbox();
        const QString stored =
            outbox.enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow).report->reportId;
        const QString dup =
            outbox.enqueue(kAlice, sampleReport("e2", "foreign_owner"), kNow).report->reportId;
        QVERIFY(outbox.recordAttempt(stored, AttemptOutcome::fromHttpStatus(201), kNow, nullptr));
        QVERIFY(outbox.recordAttempt(dup, AttemptOutcome::fromHttpStatus(200), kNow, nullptr));
        QVERIFY(!outbox.find(stored));
        QVERIFY(!outbox.find(dup));
        QVERIFY(outbox.pending(kAlice).isEmpty());
        QCOMPARE(outbox.acknowledgedCount(kAlice), 2);
        QCOMPARE(outbox.stats(kAlice).acknowledged, 2);
        QCOMPARE(
            sqlValue(s->outboxDatabase(),
                     QStringLiteral("SELECT group_concat(server_status) FROM (SELECT"
                                    " server_status FROM acknowledged ORDER BY server_status)"))
                .toString(),
            QStringLiteral("duplicate,stored"));
        QVERIFY(!outbox.recordAttempt(stored, AttemptOutcome::fromHttpStatus(201), kNow, nullptr));
    }

    void outboxSurvivesSigkill() {
        QTemporaryDir dir;
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {"--outbox-child", dir.path()});
        QVERIFY(child.waitForStarted());
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (out.count('\n') < 40 && timer.elapsed() < 60000) {
            child.waitForReadyRead(1000);
            out += child.readAllStandardOutput();
        }
        QCOMPARE(child.state(), QProcess::Running); // still queueing: it never gave up
        child.kill(); // SIGKILL: no destructors, no close, maybe inside a transaction
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        out += child.readAllStandardOutput();
        // Only complete lines: those IDs were printed after enqueue returned.
        const QList<QByteArray> lines = out.left(out.lastIndexOf('\n')).split('\n');
        QVERIFY2(lines.size() >= 40, child.readAllStandardError().constData());

        auto s = openStore(dir.path());
        QVERIFY(s);
        QVERIFY(s->health().healthy());
        QSet<QString> stored;
        for (const QueuedReport &q : s->outbox().pending(kAlice))
            stored.insert(q.report.reportId);
        for (const QByteArray &line : lines)
            QVERIFY2(stored.contains(QString::fromLatin1(line)), line.constData());
    }

    // --- damaged files ---
    void corruptCacheIsQuarantinedAndRebuilt() {
        QTemporaryDir dir;
        const VerifiedThumbnail t = verifiedThumbnail(kAlice, QStringLiteral("evt-a"), 'q');
        QString reportId;
        {
            auto s = openStore(dir.path());
            QVERIFY(s);
            QVERIFY(s->media().storeVerified(kAlice, t.bytes, t.verdict, nullptr));
            QVERIFY(
                s->events().upsert(kAlice, sampleEvent("evt-a", kNow, "cam", "person"), nullptr));
            reportId = s->outbox()
                           .enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow)
                           .report->reportId;
        }
        const QString cachePath = dir.filePath(QStringLiteral("veriframe.sqlite"));
        const QByteArray garbage = TestWorld::bytesOfLength(readFile(cachePath).size(), 'g');
        QVERIFY(writeFile(cachePath, garbage));

        auto s = openStore(dir.path());
        QVERIFY(s);
        const QList<StoreNotice> notices = s->health().notices();
        QCOMPARE(notices.size(), 1);
        QCOMPARE(notices[0].kind, StoreNotice::Kind::CacheRebuilt);
        QVERIFY(notices[0].message.contains(QLatin1String("damaged and has been rebuilt")));
        QCOMPARE(readFile(notices[0].quarantinePath + QStringLiteral("/veriframe.sqlite")),
                 garbage);
        QVERIFY(QDir(notices[0].quarantinePath + QStringLiteral("/media")).exists());
        QVERIFY(notices[0].quarantinePath.startsWith(dir.filePath(QStringLiteral("quarantine/"))));
        // Fresh and usable; the cached item is gone (to be fetched and verified again).
        QCOMPARE(s->cacheDatabase().schemaVersion(), 4);
        QCOMPARE(s->events().count(kAlice), 0);
        QVERIFY(!s->media().load(kAlice, t.verdict.evidence.observedSha256));
        QVERIFY(s->media().storeVerified(kAlice, t.bytes, t.verdict, nullptr));
        // The outbox is another file and was not touched.
        QVERIFY(s->outbox().find(reportId));
    }

    void damagedOutboxIsQuarantinedAndSalvaged() {
        QTemporaryDir dir;
        QSet<QString> original;
        {
            auto s = openStore(dir.path());
            QVERIFY(s);
            for (int i = 0; i < 300; ++i) {
                store::IntegrityReport r =
                    sampleReport(QStringLiteral("evt-%1").arg(i), "foreign_owner");
                r.detail = QStringLiteral("detail %1 ").arg(i).repeated(30);
                original.insert(s->outbox().enqueue(kAlice, r, kNow).report->reportId);
            }
            QVERIFY(s->revocationState("anchors")->recordAccepted(7, "list-7"));
        }
        const QString path = dir.filePath(QStringLiteral("outbox.sqlite"));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) ||
                QFileInfo(path + QStringLiteral("-wal")).size() == 0);
        // Damage one leaf page of the reports table in the middle of the file (a table
        // leaf starts with 0x0D), so a plain scan stops there and the salvage must also
        // read from the other end.
        const qint64 pageSize = 4096;
        const QByteArray intact = readFile(path);
        QList<qint64> reportLeaves;
        for (qint64 page = 1; page < intact.size() / pageSize; ++page) {
            const QByteArray bytes = intact.mid(page * pageSize, pageSize);
            if (bytes.at(0) == char(0x0d) && bytes.contains("detail "))
                reportLeaves.append(page);
        }
        QVERIFY(reportLeaves.size() > 20);
        QVERIFY(writeFile(path, QByteArray(pageSize, char(0x5a)),
                          pageSize * reportLeaves[reportLeaves.size() / 2]));
        const QByteArray damaged = readFile(path);

        auto s = openStore(dir.path());
        QVERIFY(s);
        const QList<StoreNotice> notices = s->health().notices();
        QCOMPARE(notices.size(), 1);
        QCOMPARE(notices[0].kind, StoreNotice::Kind::OutboxSalvaged);
        // The original is kept, byte for byte.
        QCOMPARE(readFile(notices[0].quarantinePath + QStringLiteral("/outbox.sqlite")), damaged);
        const QList<QueuedReport> salvaged = s->outbox().pending(kAlice);
        QCOMPARE(notices[0].salvagedReports, salvaged.size());
        QVERIFY2(salvaged.size() >= 250 && salvaged.size() < 300,
                 qPrintable(QString::number(salvaged.size())));
        QSet<QString> events;
        for (const QueuedReport &q : salvaged)
            events.insert(q.report.eventId);
        QVERIFY(events.contains(QStringLiteral("evt-0")));   // before the damaged page
        QVERIFY(events.contains(QStringLiteral("evt-299"))); // after it
        for (const QueuedReport &q : salvaged) {
            QVERIFY(original.contains(q.report.reportId));
            QVERIFY(q.report.detail.startsWith(QStringLiteral("detail ")));
        }
        QVERIFY(notices[0].message.contains(QString::number(salvaged.size())));
        QVERIFY(notices[0].message.contains(notices[0].quarantinePath));
        QCOMPARE(s->revocationState("anchors")->highestAcceptedSeq().value(), 7u);
        // And the fresh outbox works.
        QVERIFY(s->outbox().enqueue(kAlice, sampleReport("new", "foreign_owner"), kNow).created);
    }

    void unreadableOutboxIsNeverDeleted() {
        QTemporaryDir dir;
        {
            auto s = openStore(dir.path());
            QVERIFY(s);
            QVERIFY(s->outbox().enqueue(kAlice, sampleReport("e1", "foreign_owner"), kNow).created);
        }
        const QString path = dir.filePath(QStringLiteral("outbox.sqlite"));
        const QByteArray garbage = TestWorld::bytesOfLength(readFile(path).size(), 'z');
        QVERIFY(writeFile(path, garbage));
        auto s = openStore(dir.path());
        QVERIFY(s);
        const QList<StoreNotice> notices = s->health().notices();
        QCOMPARE(notices.size(), 1);
        QCOMPARE(notices[0].kind, StoreNotice::Kind::OutboxSalvaged);
        QCOMPARE(notices[0].salvagedReports, 0);
        QCOMPARE(readFile(notices[0].quarantinePath + QStringLiteral("/outbox.sqlite")), garbage);
        QVERIFY(notices[0].message.contains(notices[0].quarantinePath));
        QCOMPARE(s->outboxDatabase().schemaVersion(), 3);
    }

    // --- revocation state ---
    void revocationStatePersistsAcrossRestarts() {
        QTemporaryDir dir;
        const TestWorld &world = TestWorld::instance();
        const qint64 now = world.nowMs / 1000;
        pki::RevocationPayload payload;
        payload.seq = 5;
        payload.issued = now;
        payload.claims = {QByteArray(16, 'r')};
        const QByteArray five = world.pki.signRevocations(payload);
        const QByteArray fingerprint = world.anchors->fingerprint();
        {
            auto s = openStore(dir.path());
            QVERIFY(s);
            auto state = s->revocationState(fingerprint);
            QVERIFY(!state->highestAcceptedSeq());
            trust::RevocationBook book(state.get());
            QCOMPARE(book.offer(five, *world.anchors, now).outcome,
                     trust::RevocationBook::Outcome::Accepted);
        }
        auto s = openStore(dir.path());
        QVERIFY(s);
        auto state = s->revocationState(fingerprint);
        QCOMPARE(state->highestAcceptedSeq().value(), 5u);
        QCOMPARE(state->acceptedList(), five);
        trust::RevocationBook book(state.get());
        book.restore(*world.anchors, now);
        QVERIFY(book.current()->revokesClaim(QByteArray(16, 'r')));
        payload.seq = 4;
        QCOMPARE(book.offer(world.pki.signRevocations(payload), *world.anchors, now).outcome,
                 trust::RevocationBook::Outcome::RejectedRollback);
        QVERIFY(!state->recordAccepted(4, "older")); // the store refuses a rollback too
        QVERIFY(state->recordAccepted(std::numeric_limits<quint64>::max(), "max"));
        QCOMPARE(state->highestAcceptedSeq().value(), std::numeric_limits<quint64>::max());
        // Other trust anchors: the stored list does not apply.
        auto other = s->revocationState("other anchors");
        QVERIFY(!other->highestAcceptedSeq());
        QVERIFY(other->acceptedList().isEmpty());
    }

    // --- threads ---
    void concurrentUseFromAThreadPool() {
        QTemporaryDir dir;
        auto s = openStore(dir.path());
        QVERIFY(s);
        const VerifiedThumbnail t = verifiedThumbnail(kAlice, QStringLiteral("evt-shared"), 't');
        QMutex mutex;
        QStringList errors;
        const auto fail = [&](const QString &what) {
            QMutexLocker lock(&mutex);
            errors.append(what);
        };
        QThreadPool pool;
        pool.setMaxThreadCount(6);
        constexpr int kTasks = 12, kEach = 25;
        for (int task = 0; task < kTasks; ++task) {
            // pool.start, with the hand-off visible to TSan (ThreadHandoff.h).
            threading::startOnPool(pool, [&, task] {
                for (int i = 0; i < kEach; ++i) {
                    const QString id = QStringLiteral("t%1-%2").arg(task).arg(i);
                    QString error;
                    const store::EnqueueResult r =
                        s->outbox().enqueue(kAlice, sampleReport(id, "foreign_owner"), kNow);
                    if (!r.created)
                        fail(QStringLiteral("enqueue %1: %2").arg(id, r.error));
                    if (!s->events().upsert(kAlice, sampleEvent(id, kNow + i, "cam", "person"),
                                            &error))
                        fail(error);
                    if (!s->media().storeVerified(kAlice, t.bytes, t.verdict, &error))
                        fail(error);
                    if (!s->media().load(kAlice, t.verdict.evidence.observedSha256))
                        fail(QStringLiteral("load %1").arg(id));
                    if (!s->outbox().recordAttempt(
                            r.report ? r.report->reportId : QString(),
                            AttemptOutcome::fromHttpStatus(i % 2 ? 201 : 503), kNow, &error))
                        fail(error);
                    if (s->events().page(kAlice, {}, std::nullopt, 5).size() != 5 && i > 5)
                        fail(QStringLiteral("page"));
                }
            });
        }
        pool.waitForDone();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join('\n')));
        QCOMPARE(s->events().count(kAlice), kTasks * kEach);
        const store::OutboxStats stats = s->outbox().stats(kAlice);
        QCOMPARE(stats.acknowledged + stats.pending, kTasks * kEach);
        QCOMPARE(stats.acknowledged, kTasks * (kEach / 2));
    }
};

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--outbox-child") == 0)
        return runOutboxChild(QString::fromLocal8Bit(argv[2]));
    TestStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_store.moc"
