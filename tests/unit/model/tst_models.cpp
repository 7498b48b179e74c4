// The list models the QML app binds to, over a real temporary store: every role, the
// filters, paging through the store and asking the cloud for more, live updates from the
// sync layer, account isolation, and that a refused row never points at an image. Every
// model runs under QAbstractItemModelTester (Fatal), which re-checks it on each change.
#include "DevicesModel.h"
#include "DisplayText.h"
#include "EventsModel.h"
#include "ModelTestSupport.h"
#include "Reason.h"
#include "RefusalsModel.h"
#include "VerifiedImageUrl.h"

#include <QAbstractItemModelTester>
#include <QMetaEnum>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <functional>
#include <vector>

using namespace vf;
using namespace vf::test;
using model::DevicesModel;
using model::EventsModel;
using model::RefusalsModel;
using store::StoredEvent;
using Tester = QAbstractItemModelTester;

namespace {

const QString kAlice = QStringLiteral("user-alice");
const QString kBob = QStringLiteral("user-bob");

// The camera each test event of this file is listed with (listedEvent's default unless a
// test says otherwise): rows are named by (event ID, device ID).
QString deviceOf(const QString &eventId) {
    static const QStringList back{"evt-s", "evt-back", "evt-h7c"};
    return back.contains(eventId) ? QStringLiteral("cam-back") : QStringLiteral("cam-front");
}
// A day without a daylight saving change in any common time zone.
const QDate kDay(2026, 6, 15);

qint64 localMs(const QDate &day, int hour, int minute = 0, int second = 0, int ms = 0) {
    return QDateTime(day, QTime(hour, minute, second, ms)).toMSecsSinceEpoch();
}

const qint64 kNoon = localMs(kDay, 12);

// Stops the test at the first broken model rule, on every later change too.
std::unique_ptr<Tester> watch(QAbstractItemModel *model) {
    return std::make_unique<Tester>(model, Tester::FailureReportingMode::Fatal);
}

QString eventIdAt(const EventsModel &m, int row) {
    return m.data(m.index(row), EventsModel::EventIdRole).toString();
}

QStringList idsOf(const EventsModel &m) {
    QStringList ids;
    for (int row = 0; row < m.rowCount(); ++row)
        ids.append(eventIdAt(m, row));
    return ids;
}

// The role of the row of eventId (each test lists an ID once per account).
QVariant roleOf(const EventsModel &m, const QString &eventId, int role) {
    for (int row = 0; row < m.rowCount(); ++row)
        if (m.data(m.index(row), EventsModel::EventIdRole).toString() == eventId)
            return m.data(m.index(row), role);
    return {};
}

// Every event of the account that passes the filter, in the store's order.
QStringList storeOrder(store::Store &s, const QString &account, const store::EventFilter &filter) {
    QStringList ids;
    for (const StoredEvent &e : s.events().page(account, filter, std::nullopt, 100000))
        ids.append(e.id);
    return ids;
}

store::EventFilter filterOf(const EventsModel &m) {
    store::EventFilter f;
    f.deviceId = m.cameraFilter();
    f.kind = m.labelFilter();
    if (m.sinceMs() != 0)
        f.sinceMs = m.sinceMs();
    if (m.untilMs() != 0)
        f.untilMs = m.untilMs();
    f.refusedOnly = m.refusedOnly();
    return f;
}

// The model shows exactly the first rows of what the store has for its filter: nothing
// skipped, nothing extra, in order.
bool isStorePrefix(const EventsModel &m, store::Store &s) {
    const QStringList all = storeOrder(s, m.account(), filterOf(m));
    const QStringList shown = idsOf(m);
    if (shown != all.mid(0, shown.size())) {
        qWarning() << "model" << shown << "store" << all.mid(0, shown.size() + 2);
        return false;
    }
    return true;
}

QStringList expectedOrder(QList<StoredEvent> events,
                          const std::function<bool(const StoredEvent &)> &keep) {
    std::sort(events.begin(), events.end(), [](const StoredEvent &a, const StoredEvent &b) {
        return a.timestampMs != b.timestampMs ? a.timestampMs > b.timestampMs : a.id < b.id;
    });
    QStringList ids;
    for (const StoredEvent &e : events) {
        if (keep(e))
            ids.append(e.id);
    }
    return ids;
}

QList<int> rolesOf(const QSignalSpy &spy, int index) {
    return spy.at(index).at(2).value<QList<int>>();
}

QUrl expectedImageUrl(const QString &account, const QString &eventId, char seed) {
    return QUrl(QStringLiteral("image://verified/%1/%2/%3/%4")
                    .arg(store::MediaCache::partitionName(account), eventId,
                         account == kBob ? QStringLiteral("cam-bob") : deviceOf(eventId),
                         QString::fromLatin1(fakeSha256(seed).toHex().left(16))));
}

store::AuditEntry auditEntry(const QString &account, const QString &eventId, qint64 timeMs,
                             const QString &reason) {
    store::AuditEntry e;
    e.timeMs = timeMs;
    e.account = account;
    e.eventId = eventId;
    e.deviceId = QStringLiteral("cam-front");
    e.role = QStringLiteral("thumbnail");
    e.reason = reason;
    e.detail = QStringLiteral("detail of ") + eventId;
    e.observedSha256 = QStringLiteral("ab").repeated(32);
    e.attestedSha256 = QStringLiteral("cd").repeated(32);
    e.claimCti = QStringLiteral("0102");
    e.attestedDevice = QStringLiteral("cam-other");
    return e;
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void eventRoles();
    void refusedRowsNeverCarryAnImage();
    void filters();
    void paging();
    void pagingAsksTheCloudOnce();
    void refreshEventUpdatesInsertsAndRemoves();
    void refreshEventWithRefusedOnly();
    void accountIsolation();
    void twoEntriesWithOneEventIdAreTwoRows();
    void itemErrors();
    void hourCounts();
    void dayKeysAndLabels();
    void dayLabelsFollowToday();
    void refusedRowsExposeNothingOfTheirEntry();
    void timelineJumpsSkipRefusedRows();
    void nextPlayableSkipsRefusedLoadingAndClipless();
    void devicesAccessFromTheStoreAcrossARestart();
    void devicesModel();
    void refusalsModel();
    void listModelsShowQmlOneSurface();
    void displayTextAndImageUrl();

private:
    store::Store &db() { return *m_store; }
    void add(const StoredEvent &e, const QString &account = kAlice) {
        QVERIFY(addEvent(*m_store, account, e));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Store> m_store;
};

void TestModels::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = openStore(m_dir->path());
    QVERIFY(m_store);
}

void TestModels::cleanup() {
    m_store.reset();
    m_dir.reset();
}

void TestModels::eventRoles() {
    add(listedEvent("evt-v", kNoon, "cam-front", "motion"));
    QVERIFY(markVerified(db(), kAlice, "evt-v", "owner", 'a'));
    add(listedEvent("evt-s", kNoon - 60000, "cam-back", "person", false));
    QVERIFY(markVerified(db(), kAlice, "evt-s", "viewer", 'b'));
    add(listedEvent("evt-r", kNoon - 120000, "cam-front", "sound"));
    QVERIFY(markRefused(db(), kAlice, "evt-r", "foreign_owner"));
    add(listedEvent("evt-l", kNoon - 180000));
    add(listedEvent("evt-u", kNoon - 240000));
    QVERIFY(markRefused(db(), kAlice, "evt-u", "reason_from_a_newer_version"));

    EventsModel m;
    const auto tester = watch(&m);
    QSignalSpy source(&m, &EventsModel::sourceChanged);
    m.setSource(&db(), kAlice);
    QCOMPARE(source.count(), 1);
    QCOMPARE(m.account(), kAlice);
    QCOMPARE(idsOf(m), QStringList({"evt-v", "evt-s", "evt-r", "evt-l", "evt-u"}));
    QCOMPARE(m.count(), 5);
    QCOMPARE(m.verifiedCount(), 2);
    QCOMPARE(m.refusedCount(), 2);
    QCOMPARE(m.loadingCount(), 1);
    QCOMPARE(m.indexOfEvent("evt-l", deviceOf("evt-l")), 3);
    QCOMPARE(m.indexOfEvent("evt-nope", deviceOf("evt-nope")), -1);

    const QHash<int, QByteArray> names = m.roleNames();
    QList<QByteArray> sorted = names.values();
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, QList<QByteArray>({"access", "cameraName", "dayKey", "dayLabel", "deviceId",
                                        "durationMs", "errorText", "eventId", "explanation",
                                        "hasClip", "label", "reason", "reasonText", "shared",
                                        "state", "thumbnailUrl", "time", "timestampMs"}));

    const QMetaEnum states = QMetaEnum::fromType<EventsModel::State>();
    QCOMPARE(states.valueToKey(EventsModel::Loading), "Loading");
    QCOMPARE(states.valueToKey(EventsModel::Verified), "Verified");
    QCOMPARE(states.valueToKey(EventsModel::Refused), "Refused");

    // A verified row of a camera the user owns.
    QVariantMap v = m.get(0);
    QCOMPARE(QSet<QString>(v.keyBegin(), v.keyEnd()).size(), names.size());
    QCOMPARE(v["eventId"].toString(), "evt-v");
    QCOMPARE(v["deviceId"].toString(), "cam-front");
    QCOMPARE(v["cameraName"].toString(), "cam-front camera");
    QCOMPARE(v["label"].toString(), "motion");
    QCOMPARE(v["timestampMs"].metaType(), QMetaType::fromType<qint64>());
    QCOMPARE(v["timestampMs"].toLongLong(), kNoon);
    const QDateTime time = v["time"].toDateTime();
    QCOMPARE(time, QDateTime::fromMSecsSinceEpoch(kNoon));
    QCOMPARE(time.timeSpec(), Qt::LocalTime);
    QCOMPARE(time.time(), QTime(12, 0));
    QCOMPARE(v["dayKey"].toString(), "2026-06-15");
    QCOMPARE(v["durationMs"].toLongLong(), 12000);
    QCOMPARE(v["state"].toInt(), int(EventsModel::Verified));
    QCOMPARE(v["reason"].toString(), QString());
    QCOMPARE(v["reasonText"].toString(), QString());
    QCOMPARE(v["access"].toString(), "owner");
    QCOMPARE(v["shared"].toBool(), false);
    QCOMPARE(v["thumbnailUrl"].metaType(), QMetaType::fromType<QUrl>());
    QCOMPARE(v["thumbnailUrl"].toUrl(), expectedImageUrl(kAlice, "evt-v", 'a'));
    QCOMPARE(v["thumbnailUrl"].toUrl().toString(),
             "image://verified/" + store::MediaCache::partitionName(kAlice) + "/evt-v/cam-front/" +
                 QString::fromLatin1(fakeSha256('a').toHex().left(16)));
    QCOMPARE(v["hasClip"].toBool(), true);
    QCOMPARE(v["errorText"].toString(), QString());
    // data() and get() agree on every role.
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        QCOMPARE(m.data(m.index(0), it.key()), v[QString::fromLatin1(it.value())]);

    // Verified, shared with the user; no clip.
    const QVariantMap s = m.get(1);
    QCOMPARE(s["access"].toString(), "viewer");
    QCOMPARE(s["shared"].toBool(), true);
    QCOMPARE(s["hasClip"].toBool(), false);
    QCOMPARE(s["label"].toString(), "person");
    QCOMPARE(s["thumbnailUrl"].toUrl(), expectedImageUrl(kAlice, "evt-s", 'b'));

    // Refused: the reason and its sentence, no access, no image.
    const QVariantMap r = m.get(2);
    QCOMPARE(r["state"].toInt(), int(EventsModel::Refused));
    QCOMPARE(r["reason"].toString(), "foreign_owner");
    QCOMPARE(r["reasonText"].toString(), trust::reasonText(trust::Reason::ForeignOwner));
    QCOMPARE(r["access"].toString(), QString());
    QCOMPARE(r["shared"].toBool(), false);
    QCOMPARE(r["thumbnailUrl"].metaType(), QMetaType::fromType<QUrl>());
    QVERIFY(r["thumbnailUrl"].toUrl().isEmpty());

    // Loading: nothing decided yet.
    const QVariantMap l = m.get(3);
    QCOMPARE(l["state"].toInt(), int(EventsModel::Loading));
    QCOMPARE(l["reason"].toString(), QString());
    QCOMPARE(l["access"].toString(), QString());
    QVERIFY(l["thumbnailUrl"].toUrl().isEmpty());

    // A reason code this version does not know is shown as it is.
    QCOMPARE(m.get(4)["reasonText"].toString(), "reason_from_a_newer_version");

    QVERIFY(m.get(5).isEmpty());
    QVERIFY(m.get(-1).isEmpty());
    QVERIFY(!m.data(m.index(0), Qt::UserRole + 100).isValid());
}

void TestModels::refusedRowsNeverCarryAnImage() {
    // The store row of a refusal still holds a hash and a role (a bug elsewhere, or a
    // verdict that changed): the model shows neither.
    add(listedEvent("evt-1", kNoon));
    QVERIFY(db().events().setVerification(kAlice, {"evt-1", "cam-front"},
                                          store::VerificationState::Refused, "media_mismatch",
                                          "owner", fakeSha256('x'), nullptr));
    add(listedEvent("evt-2", kNoon - 1000));
    QVERIFY(db().events().setVerification(kAlice, {"evt-2", "cam-front"},
                                          store::VerificationState::Loading, {}, "owner",
                                          fakeSha256('y'), nullptr));
    add(listedEvent("evt-3", kNoon - 2000));
    QVERIFY(markVerified(db(), kAlice, "evt-3", "owner", 'z'));

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QCOMPARE(m.count(), 3);
    QVERIFY(roleOf(m, "evt-1", EventsModel::ThumbnailUrlRole).toUrl().isEmpty());
    QCOMPARE(roleOf(m, "evt-1", EventsModel::AccessRole).toString(), QString());
    QVERIFY(roleOf(m, "evt-2", EventsModel::ThumbnailUrlRole).toUrl().isEmpty());
    QCOMPARE(roleOf(m, "evt-2", EventsModel::AccessRole).toString(), QString());
    QVERIFY(!roleOf(m, "evt-3", EventsModel::ThumbnailUrlRole).toUrl().isEmpty());

    // Verified, then refused (e.g. a revocation): the URL goes with the same change.
    QSignalSpy changed(&m, &EventsModel::dataChanged);
    QVERIFY(markRefused(db(), kAlice, "evt-3", "device_revoked"));
    m.refreshEvent("evt-3", deviceOf("evt-3"));
    QCOMPARE(changed.count(), 1);
    const QList<int> roles = rolesOf(changed, 0);
    for (const int role : {int(EventsModel::StateRole), int(EventsModel::ReasonRole),
                           int(EventsModel::ReasonTextRole), int(EventsModel::AccessRole),
                           int(EventsModel::ThumbnailUrlRole)})
        QVERIFY2(roles.contains(role), qPrintable(QString::number(role)));
    QVERIFY(!roles.contains(EventsModel::EventIdRole));
    // The same change blanks what the row showed of its entry.
    for (const int role : {int(EventsModel::CameraNameRole), int(EventsModel::LabelRole),
                           int(EventsModel::TimeRole), int(EventsModel::DayLabelRole)})
        QVERIFY2(roles.contains(role), qPrintable(QString::number(role)));
    QVERIFY(roleOf(m, "evt-3", EventsModel::ThumbnailUrlRole).toUrl().isEmpty());
    QCOMPARE(roleOf(m, "evt-3", EventsModel::ReasonTextRole).toString(),
             trust::reasonText(trust::Reason::DeviceRevoked));

    // New signed bytes send a verified event back to Loading: no image either.
    add(listedEvent("evt-4", kNoon - 3000));
    QVERIFY(markVerified(db(), kAlice, "evt-4", "owner", 'w'));
    m.refreshEvent("evt-4", deviceOf("evt-4"));
    QVERIFY(!roleOf(m, "evt-4", EventsModel::ThumbnailUrlRole).toUrl().isEmpty());
    StoredEvent resigned = listedEvent("evt-4", kNoon - 3000);
    resigned.attestation = "another attestation";
    add(resigned);
    m.refreshEvent("evt-4", deviceOf("evt-4"));
    QCOMPARE(roleOf(m, "evt-4", EventsModel::StateRole).toInt(), int(EventsModel::Loading));
    QVERIFY(roleOf(m, "evt-4", EventsModel::ThumbnailUrlRole).toUrl().isEmpty());

    for (int row = 0; row < m.rowCount(); ++row) {
        const QVariantMap item = m.get(row);
        if (item["state"].toInt() != EventsModel::Verified)
            QVERIFY2(item["thumbnailUrl"].toUrl().isEmpty(),
                     qPrintable(item["eventId"].toString()));
    }
}

void TestModels::filters() {
    QList<StoredEvent> events;
    for (int i = 0; i < 12; ++i) {
        StoredEvent e =
            listedEvent(QStringLiteral("evt-%1").arg(i, 2, 10, QLatin1Char('0')), kNoon - i * 60000,
                        i % 2 ? "cam-back" : "cam-front", i % 3 == 0 ? "person" : "motion");
        add(e);
        if (i % 4 == 0) {
            QVERIFY(markRefused(db(), kAlice, e.id));
            e.state = store::VerificationState::Refused;
        } else if (i % 4 == 1) {
            QVERIFY(markVerified(db(), kAlice, e.id));
            e.state = store::VerificationState::Verified;
        }
        events.append(e);
    }
    const auto all = [](const StoredEvent &) { return true; };
    // A camera, label or day filter never matches a refused entry (its listing is the
    // cloud's word about a foreign item).
    const auto notRefused = [](const StoredEvent &e) {
        return e.state != store::VerificationState::Refused;
    };

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QCOMPARE(idsOf(m), expectedOrder(events, all));
    QVERIFY(!m.filtered());

    QSignalSpy camera(&m, &EventsModel::cameraFilterChanged);
    QSignalSpy label(&m, &EventsModel::labelFilterChanged);
    QSignalSpy since(&m, &EventsModel::sinceMsChanged);
    QSignalSpy until(&m, &EventsModel::untilMsChanged);
    QSignalSpy refused(&m, &EventsModel::refusedOnlyChanged);
    QSignalSpy filtered(&m, &EventsModel::filteredChanged);
    QSignalSpy resets(&m, &EventsModel::modelReset);

    m.setCameraFilter("cam-back");
    QCOMPARE(camera.count(), 1);
    QCOMPARE(filtered.count(), 1);
    QVERIFY(m.filtered());
    QCOMPARE(resets.count(), 1);
    QCOMPARE(idsOf(m),
             expectedOrder(events, [](const StoredEvent &e) { return e.deviceId == "cam-back"; }));
    // The same value again: no signal, no reload.
    m.setCameraFilter("cam-back");
    QCOMPARE(camera.count(), 1);
    QCOMPARE(resets.count(), 1);

    m.setLabelFilter("person");
    QCOMPARE(label.count(), 1);
    QCOMPARE(filtered.count(), 1); // still filtered
    QCOMPARE(idsOf(m), expectedOrder(events, [](const StoredEvent &e) {
                 return e.deviceId == "cam-back" && e.kind == "person";
             }));
    QCOMPARE(idsOf(m), QStringList({"evt-03", "evt-09"}));

    m.clearFilters();
    QCOMPARE(camera.count(), 2);
    QCOMPARE(label.count(), 2);
    QCOMPARE(since.count(), 0);
    QCOMPARE(filtered.count(), 2);
    QVERIFY(!m.filtered());
    QCOMPARE(m.cameraFilter(), QString());
    QCOMPARE(idsOf(m), expectedOrder(events, all));
    const int resetsBefore = resets.count();
    m.clearFilters(); // nothing to clear: nothing happens
    QCOMPARE(resets.count(), resetsBefore);
    QCOMPARE(filtered.count(), 2);

    m.setLabelFilter("person");
    QCOMPARE(idsOf(m), expectedOrder(events, [&](const StoredEvent &e) {
                 return e.kind == "person" && notRefused(e);
             }));
    m.setLabelFilter({});

    // since inclusive, until exclusive: evt-05 is at since, evt-02 at until.
    const qint64 sinceMs = kNoon - 5 * 60000;
    const qint64 untilMs = kNoon - 2 * 60000;
    m.setSinceMs(sinceMs);
    QCOMPARE(since.count(), 1);
    QCOMPARE(m.sinceMs(), sinceMs);
    QCOMPARE(idsOf(m), QStringList({"evt-01", "evt-02", "evt-03", "evt-05"}));
    m.setUntilMs(untilMs);
    QCOMPARE(until.count(), 1);
    QCOMPARE(idsOf(m), QStringList({"evt-03", "evt-05"}));
    m.setSinceMs(0);
    QCOMPARE(m.sinceMs(), 0);
    QCOMPARE(idsOf(m), expectedOrder(events, [&](const StoredEvent &e) {
                 return e.timestampMs < untilMs && notRefused(e);
             }));
    m.setUntilMs(0);
    QVERIFY(!m.filtered());
    QCOMPARE(idsOf(m), expectedOrder(events, all));

    m.setRefusedOnly(true);
    QCOMPARE(refused.count(), 1);
    QVERIFY(m.filtered());
    QCOMPARE(idsOf(m), QStringList({"evt-00", "evt-04", "evt-08"}));
    QCOMPARE(m.refusedCount(), 3);
    QCOMPARE(m.verifiedCount(), 0);

    // Everything at once.
    m.setCameraFilter("cam-front");
    m.setLabelFilter("person");
    m.setSinceMs(kNoon - 6 * 60000);
    m.setUntilMs(kNoon + 1);
    QCOMPARE(idsOf(m), QStringList()); // blocked only, and a refused entry matches no filter
    QVERIFY(isStorePrefix(m, db()));

    const int resetsBeforeClear = resets.count();
    m.clearFilters();
    QCOMPARE(resets.count(), resetsBeforeClear + 1); // one reload for all five
    QCOMPARE(camera.count(), 4);
    QCOMPARE(label.count(), 6);
    QCOMPARE(since.count(), 4);
    QCOMPARE(until.count(), 4);
    QCOMPARE(refused.count(), 2);
    QVERIFY(!m.filtered());
    QVERIFY(!m.refusedOnly());
    QCOMPARE(m.untilMs(), 0);
    QCOMPARE(m.labelFilter(), QString());
    QCOMPARE(idsOf(m), expectedOrder(events, all));
    QCOMPARE(m.count(), 12);
}

void TestModels::paging() {
    // Seven events per timestamp, so every page boundary (60, 120, 180) falls between
    // events of equal time, ordered by ID only; IDs run against insertion order.
    QList<StoredEvent> events;
    for (int i = 0; i < 200; ++i) {
        const StoredEvent e = listedEvent(QStringLiteral("evt-%1").arg(199 - i, 3, 10, QChar('0')),
                                          kNoon - (i / 7) * 1000);
        add(e);
        events.append(e);
    }
    const QStringList expected = expectedOrder(events, [](const StoredEvent &) { return true; });

    EventsModel m;
    const auto tester = watch(&m);
    QVERIFY(!m.canFetchMore({}));
    m.setSource(&db(), kAlice);
    QCOMPARE(m.pageSize(), 60);
    QCOMPARE(m.count(), 60);
    QVERIFY(m.canFetchMore({}));
    QVERIFY(!m.canFetchMore(m.index(0))); // a list: no children to fetch

    QSignalSpy inserted(&m, &EventsModel::rowsInserted);
    QSignalSpy counted(&m, &EventsModel::countChanged);
    QSignalSpy cloud(&m, &EventsModel::moreNeededFromCloud);
    m.fetchMore({});
    QCOMPARE(m.count(), 120);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 60);
    QCOMPARE(inserted.at(0).at(2).toInt(), 119);
    QCOMPARE(counted.count(), 1);
    m.fetchMore({});
    QCOMPARE(m.count(), 180);
    QVERIFY(m.canFetchMore({}));
    m.fetchMore({});
    QCOMPARE(m.count(), 200);
    QVERIFY(!m.canFetchMore({})); // the store is exhausted and the cloud has nothing more
    m.fetchMore({});
    QCOMPARE(m.count(), 200);
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(cloud.count(), 0);

    QCOMPARE(idsOf(m), expected);
    for (int i = 0; i < 200; ++i)
        QCOMPARE(m.indexOfEvent(expected.at(i), deviceOf(expected.at(i))), i);
    QCOMPARE(m.loadingCount(), 200);

    // A reload starts again at one page.
    m.reload();
    QCOMPARE(m.count(), 60);
    QCOMPARE(idsOf(m), expected.mid(0, 60));
}

void TestModels::pagingAsksTheCloudOnce() {
    for (int i = 0; i < 200; ++i)
        add(listedEvent(QStringLiteral("evt-%1").arg(i, 3, 10, QChar('0')), kNoon - i * 1000));

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QSignalSpy cloud(&m, &EventsModel::moreNeededFromCloud);
    QSignalSpy hasMore(&m, &EventsModel::cloudHasMoreChanged);
    m.setCloudHasMore(true);
    QVERIFY(m.cloudHasMore());
    QCOMPARE(hasMore.count(), 1);

    m.fetchMore({});
    m.fetchMore({});
    QCOMPARE(m.count(), 180);
    QCOMPARE(cloud.count(), 0); // the store still had rows
    m.fetchMore({});
    QCOMPARE(m.count(), 200);
    QCOMPARE(cloud.count(), 1); // the store is exhausted, the cloud has more
    // A view keeps asking while it waits: one request is enough.
    QVERIFY(m.canFetchMore({}));
    m.fetchMore({});
    m.fetchMore({});
    QCOMPARE(cloud.count(), 1);
    QCOMPARE(m.count(), 200);

    // The cloud's next page arrives: the sync layer stores it and refreshes each event.
    for (int i = 200; i < 205; ++i) {
        const QString id = QStringLiteral("evt-%1").arg(i, 3, 10, QChar('0'));
        add(listedEvent(id, kNoon - i * 1000));
        m.refreshEvent(id, deviceOf(id));
    }
    QCOMPARE(m.count(), 205);
    QVERIFY(isStorePrefix(m, db()));
    QCOMPARE(cloud.count(), 1);
    m.fetchMore({}); // new rows arrived: exhausted again is a new request
    QCOMPARE(cloud.count(), 2);
    m.fetchMore({});
    QCOMPARE(cloud.count(), 2);

    // The sync layer answers (nothing matched): the next fetch may ask again.
    m.setCloudHasMore(true);
    QCOMPARE(hasMore.count(), 1);
    m.fetchMore({});
    QCOMPARE(cloud.count(), 3);

    m.setCloudHasMore(false);
    QCOMPARE(hasMore.count(), 2);
    QVERIFY(!m.canFetchMore({}));
    m.fetchMore({});
    QCOMPARE(cloud.count(), 3);

    // Less than a page in the store: asks on the first fetch.
    EventsModel small;
    const auto smallTester = watch(&small);
    small.setSource(&db(), kBob);
    QCOMPARE(small.count(), 0);
    QVERIFY(!small.canFetchMore({}));
    small.setCloudHasMore(true);
    QVERIFY(small.canFetchMore({}));
    QSignalSpy smallCloud(&small, &EventsModel::moreNeededFromCloud);
    small.fetchMore({});
    QCOMPARE(smallCloud.count(), 1);
    // Another account's cloud state is not carried over.
    small.setSource(&db(), kAlice);
    QVERIFY(!small.cloudHasMore());
}

void TestModels::refreshEventUpdatesInsertsAndRemoves() {
    const auto idOf = [](int i) { return QStringLiteral("evt-%1").arg(i, 3, 10, QChar('0')); };
    const auto tsOf = [](int i) { return kNoon - i * 60000; };
    for (int i = 0; i < 100; ++i)
        add(listedEvent(idOf(i), tsOf(i)));

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QCOMPARE(m.count(), 60);

    QSignalSpy changed(&m, &EventsModel::dataChanged);
    QSignalSpy inserted(&m, &EventsModel::rowsInserted);
    QSignalSpy removed(&m, &EventsModel::rowsRemoved);
    QSignalSpy verifiedCount(&m, &EventsModel::verifiedCountChanged);

    // Verified in place: one dataChanged naming the roles that changed.
    QVERIFY(markVerified(db(), kAlice, idOf(10), "owner", 'q'));
    m.refreshEvent(idOf(10), deviceOf(idOf(10)));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 10);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 10);
    const QList<int> roles = rolesOf(changed, 0);
    QVERIFY(roles.contains(EventsModel::StateRole));
    QVERIFY(roles.contains(EventsModel::ThumbnailUrlRole));
    QVERIFY(roles.contains(EventsModel::AccessRole));
    QVERIFY(!roles.contains(EventsModel::EventIdRole));
    QVERIFY(!roles.contains(EventsModel::LabelRole));
    QVERIFY(!roles.contains(EventsModel::ErrorTextRole));
    QCOMPARE(m.verifiedCount(), 1);
    QCOMPARE(m.loadingCount(), 59);
    QCOMPARE(verifiedCount.count(), 1);
    QCOMPARE(roleOf(m, idOf(10), EventsModel::ThumbnailUrlRole).toUrl(),
             expectedImageUrl(kAlice, idOf(10), 'q'));
    // Nothing changed: no signal.
    m.refreshEvent(idOf(10), deviceOf(idOf(10)));
    QCOMPARE(changed.count(), 1);

    // A new newest event goes on top.
    add(listedEvent("evt-top", kNoon + 60000));
    m.refreshEvent("evt-top", deviceOf("evt-top"));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(eventIdAt(m, 0), "evt-top");
    QCOMPARE(m.indexOfEvent(idOf(10), deviceOf(idOf(10))), 11);
    QCOMPARE(m.count(), 61);

    // One inside the loaded range goes to its place.
    add(listedEvent("evt-mid", tsOf(20) - 30000));
    m.refreshEvent("evt-mid", deviceOf("evt-mid"));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(m.indexOfEvent("evt-mid", deviceOf("evt-mid")),
             m.indexOfEvent(idOf(20), deviceOf(idOf(20))) + 1);
    QVERIFY(isStorePrefix(m, db()));

    // One past the last loaded row while the store has more: fetchMore brings it.
    add(listedEvent("evt-late", tsOf(80) - 30000));
    m.refreshEvent("evt-late", deviceOf("evt-late"));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(m.indexOfEvent("evt-late", deviceOf("evt-late")), -1);
    QCOMPARE(m.count(), 62);
    m.fetchMore({});
    QCOMPARE(m.count(), 103);
    QCOMPARE(m.indexOfEvent("evt-late", deviceOf("evt-late")),
             m.indexOfEvent(idOf(80), deviceOf(idOf(80))) + 1);
    QVERIFY(!m.canFetchMore({}));
    QVERIFY(isStorePrefix(m, db()));

    // At the end of an exhausted store: appended.
    add(listedEvent("evt-oldest", tsOf(500)));
    m.refreshEvent("evt-oldest", deviceOf("evt-oldest"));
    QCOMPARE(eventIdAt(m, m.count() - 1), "evt-oldest");
    QCOMPARE(m.count(), 104);

    // A new timestamp moves the row (same signed bytes: its verdict stays).
    QVERIFY(markVerified(db(), kAlice, idOf(5), "owner", 'm'));
    add(listedEvent(idOf(5), kNoon + 120000));
    const int removedBefore = removed.count();
    m.refreshEvent(idOf(5), deviceOf(idOf(5)));
    QCOMPARE(removed.count(), removedBefore + 1);
    QCOMPARE(eventIdAt(m, 0), idOf(5));
    QCOMPARE(roleOf(m, idOf(5), EventsModel::StateRole).toInt(), int(EventsModel::Verified));
    QCOMPARE(m.count(), 104);
    QVERIFY(isStorePrefix(m, db()));

    // Gone from the store: refreshEvent removes it, so does removeEvent.
    QVERIFY(db().events().remove(kAlice, {idOf(30), deviceOf(idOf(30))}, nullptr));
    m.refreshEvent(idOf(30), deviceOf(idOf(30)));
    QCOMPARE(m.indexOfEvent(idOf(30), deviceOf(idOf(30))), -1);
    QVERIFY(db().events().remove(kAlice, {idOf(31), deviceOf(idOf(31))}, nullptr));
    m.removeEvent(idOf(31), deviceOf(idOf(31)));
    QCOMPARE(m.indexOfEvent(idOf(31), deviceOf(idOf(31))), -1);
    QCOMPARE(m.count(), 102);
    QVERIFY(isStorePrefix(m, db()));
    for (int row = 0; row < m.count(); ++row)
        QCOMPARE(m.indexOfEvent(eventIdAt(m, row), deviceOf(eventIdAt(m, row))), row);

    // Unknown events change nothing.
    const int signalsBefore = changed.count() + inserted.count() + removed.count();
    m.refreshEvent("evt-nowhere", deviceOf("evt-nowhere"));
    m.removeEvent("evt-nowhere", deviceOf("evt-nowhere"));
    QCOMPARE(changed.count() + inserted.count() + removed.count(), signalsBefore);

    // An event the filter excludes is not inserted; one that leaves the filter goes.
    m.setCameraFilter("cam-front");
    const int rows = m.count();
    add(listedEvent("evt-back", kNoon + 180000, "cam-back"));
    m.refreshEvent("evt-back", deviceOf("evt-back"));
    QCOMPARE(m.indexOfEvent("evt-back", deviceOf("evt-back")), -1);
    // The same event ID listed by another camera is another entry: excluded, while the
    // cam-front entry goes once the store no longer has it.
    QVERIFY(db().events().remove(kAlice, {idOf(1), "cam-front"}, nullptr));
    add(listedEvent(idOf(1), tsOf(1), "cam-back"));
    m.refreshEvent(idOf(1), "cam-back");
    m.refreshEvent(idOf(1), "cam-front");
    QCOMPARE(m.indexOfEvent(idOf(1), "cam-back"), -1);
    QCOMPARE(m.indexOfEvent(idOf(1), "cam-front"), -1);
    QCOMPARE(m.count(), rows - 1);
    QVERIFY(isStorePrefix(m, db()));
}

void TestModels::refreshEventWithRefusedOnly() {
    const auto idOf = [](int i) { return QStringLiteral("evt-%1").arg(i, 3, 10, QChar('0')); };
    for (int i = 0; i < 10; ++i)
        add(listedEvent(idOf(i), kNoon - i * 60000));
    for (const int i : {2, 5, 7})
        QVERIFY(markRefused(db(), kAlice, idOf(i)));

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    m.setRefusedOnly(true);
    QCOMPARE(idsOf(m), QStringList({idOf(2), idOf(5), idOf(7)}));
    QCOMPARE(m.refusedCount(), 3);

    QSignalSpy removed(&m, &EventsModel::rowsRemoved);
    QSignalSpy inserted(&m, &EventsModel::rowsInserted);
    QSignalSpy refusedCount(&m, &EventsModel::refusedCountChanged);

    // Verified after all (e.g. a retry with the right bytes): it leaves the refused list.
    QVERIFY(markVerified(db(), kAlice, idOf(5)));
    m.refreshEvent(idOf(5), deviceOf(idOf(5)));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(idsOf(m), QStringList({idOf(2), idOf(7)}));
    QCOMPARE(m.refusedCount(), 2);
    QCOMPARE(refusedCount.count(), 1);

    // Newly refused events join it in order.
    QVERIFY(markRefused(db(), kAlice, idOf(1), "media_mismatch"));
    m.refreshEvent(idOf(1), deviceOf(idOf(1)));
    QVERIFY(markRefused(db(), kAlice, idOf(9), "claim_missing"));
    m.refreshEvent(idOf(9), deviceOf(idOf(9)));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(idsOf(m), QStringList({idOf(1), idOf(2), idOf(7), idOf(9)}));
    QCOMPARE(m.refusedCount(), 4);
    QVERIFY(isStorePrefix(m, db()));

    // Still loading: not refused, not shown.
    m.refreshEvent(idOf(3), deviceOf(idOf(3)));
    QCOMPARE(m.indexOfEvent(idOf(3), deviceOf(idOf(3))), -1);

    for (int row = 0; row < m.count(); ++row)
        QVERIFY(m.get(row)["thumbnailUrl"].toUrl().isEmpty());
}

void TestModels::accountIsolation() {
    // The same event ID in both accounts, with different verdicts.
    add(listedEvent("evt-1", kNoon), kAlice);
    QVERIFY(markVerified(db(), kAlice, "evt-1", "owner", 'a'));
    add(listedEvent("evt-2", kNoon - 60000), kAlice);
    QVERIFY(markRefused(db(), kAlice, "evt-2"));
    add(listedEvent("evt-1", kNoon, "cam-bob"), kBob);
    QVERIFY(markRefused(db(), kBob, "evt-1", "media_mismatch"));
    add(listedEvent("evt-3", kNoon - 30000, "cam-bob"), kBob);
    QVERIFY(markVerified(db(), kBob, "evt-3", "owner", 'b'));

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QCOMPARE(idsOf(m), QStringList({"evt-1", "evt-2"}));
    QCOMPARE(roleOf(m, "evt-1", EventsModel::DeviceIdRole).toString(), "cam-front");
    QCOMPARE(roleOf(m, "evt-1", EventsModel::ThumbnailUrlRole).toUrl(),
             expectedImageUrl(kAlice, "evt-1", 'a'));

    // Bob's events do not reach Alice's model, whatever the sync layer says.
    QSignalSpy inserted(&m, &EventsModel::rowsInserted);
    QSignalSpy changed(&m, &EventsModel::dataChanged);
    m.refreshEvent("evt-3", deviceOf("evt-3"));
    QCOMPARE(inserted.count(), 0);
    QVERIFY(markVerified(db(), kBob, "evt-1", "viewer", 'c'));
    m.refreshEvent("evt-1", deviceOf("evt-1"));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(roleOf(m, "evt-1", EventsModel::AccessRole).toString(), "owner");
    // Alice's verified evt-1 (evt-2 is refused: not counted), none of Bob's.
    QCOMPARE(m.hourCounts(kDay).at(11).toInt() + m.hourCounts(kDay).at(12).toInt(), 1);
    m.setCloudHasMore(false);
    m.fetchMore({});
    QCOMPARE(idsOf(m), QStringList({"evt-1", "evt-2"}));

    // Switching accounts: Bob's rows with Bob's partition; Alice's errors do not follow.
    m.setItemError("evt-1", deviceOf("evt-1"), "timeout");
    QSignalSpy source(&m, &EventsModel::sourceChanged);
    m.setSource(&db(), kBob);
    QCOMPARE(source.count(), 1);
    QCOMPARE(m.account(), kBob);
    QCOMPARE(idsOf(m), QStringList({"evt-1", "evt-3"}));
    QCOMPARE(roleOf(m, "evt-1", EventsModel::DeviceIdRole).toString(), "cam-bob");
    QCOMPARE(roleOf(m, "evt-1", EventsModel::ErrorTextRole).toString(), QString());
    QCOMPARE(roleOf(m, "evt-3", EventsModel::ThumbnailUrlRole).toUrl(),
             expectedImageUrl(kBob, "evt-3", 'b'));
    QVERIFY(store::MediaCache::partitionName(kAlice) != store::MediaCache::partitionName(kBob));

    // No store or no account: empty.
    m.setSource(nullptr, kAlice);
    QCOMPARE(m.count(), 0);
    QVERIFY(!m.canFetchMore({}));
    m.fetchMore({});
    m.refreshEvent("evt-1", deviceOf("evt-1"));
    QCOMPARE(m.count(), 0);
    QCOMPARE(m.hourCounts(kDay), QVariantList(24, 0));
    m.setSource(&db(), QString());
    QCOMPARE(m.count(), 0);
    QCOMPARE(m.verifiedCount(), 0);
    m.setSource(&db(), kAlice);
    QCOMPARE(m.count(), 2);
}

// trust.md §6 v2: a listing may carry one event ID twice (two cameras, or a foreign entry
// reusing an ID). The model shows two rows, each with its own state, tile, error and
// place, across a page boundary too, and a change to one never touches the other.
void TestModels::twoEntriesWithOneEventIdAreTwoRows() {
    const int newer = EventsModel::kPageSize - 1; // the pair straddles the first page's end
    for (int i = 0; i < newer; ++i)
        add(listedEvent(QStringLiteral("evt-new-%1").arg(i, 2, 10, QChar('0')), kNoon + 60000 + i));
    add(listedEvent("evt-dup", kNoon, "cam-front"));
    add(listedEvent("evt-dup", kNoon, "cam-back"));
    const store::EventKey front{"evt-dup", "cam-front"};
    const store::EventKey back{"evt-dup", "cam-back"};
    QVERIFY(db().events().setVerification(kAlice, front, store::VerificationState::Verified, {},
                                          "owner", fakeSha256('f'), nullptr));

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QCOMPARE(m.count(), EventsModel::kPageSize);
    m.fetchMore({});
    QCOMPARE(m.count(), newer + 2);
    const int frontRow = m.indexOfEvent("evt-dup", "cam-front");
    const int backRow = m.indexOfEvent("evt-dup", "cam-back");
    QVERIFY(frontRow >= 0 && backRow >= 0 && frontRow != backRow);
    QCOMPARE(m.get(frontRow)["deviceId"].toString(), "cam-front");
    QCOMPARE(m.get(backRow)["deviceId"].toString(), "cam-back");
    QCOMPARE(m.get(frontRow)["state"].toInt(), int(EventsModel::Verified));
    QCOMPARE(m.get(backRow)["state"].toInt(), int(EventsModel::Loading));
    QCOMPARE(
        m.get(frontRow)["thumbnailUrl"].toUrl(),
        model::verifiedImageUrl(store::MediaCache::partitionName(kAlice), front, fakeSha256('f')));
    QVERIFY(m.get(backRow)["thumbnailUrl"].toUrl().isEmpty());
    QCOMPARE(m.indexOfEvent("evt-dup", "cam-other"), -1);

    // The other entry is refused: only its row changes.
    QSignalSpy changed(&m, &EventsModel::dataChanged);
    QVERIFY(db().events().setVerification(kAlice, back, store::VerificationState::Refused,
                                          "foreign_owner", {}, {}, nullptr));
    m.refreshEvent("evt-dup", "cam-back");
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), backRow);
    QCOMPARE(m.get(backRow)["state"].toInt(), int(EventsModel::Refused));
    QCOMPARE(m.get(frontRow)["state"].toInt(), int(EventsModel::Verified));
    QVERIFY(!m.get(frontRow)["thumbnailUrl"].toUrl().isEmpty());
    QCOMPARE(m.verifiedCount(), 1);
    QCOMPARE(m.refusedCount(), 1);

    // Errors and removal are per entry too.
    m.setItemError("evt-dup", "cam-back", "timeout");
    QCOMPARE(m.get(backRow)["errorText"].toString(), "timeout");
    QCOMPARE(m.get(frontRow)["errorText"].toString(), QString());
    QVERIFY(db().events().remove(kAlice, back, nullptr));
    m.removeEvent("evt-dup", "cam-back");
    QCOMPARE(m.count(), newer + 1);
    QCOMPARE(m.indexOfEvent("evt-dup", "cam-back"), -1);
    QVERIFY(m.indexOfEvent("evt-dup", "cam-front") >= 0);
    QCOMPARE(m.get(m.indexOfEvent("evt-dup", "cam-front"))["state"].toInt(),
             int(EventsModel::Verified));
}

void TestModels::itemErrors() {
    const auto idOf = [](int i) { return QStringLiteral("evt-%1").arg(i, 3, 10, QChar('0')); };
    for (int i = 0; i < 70; ++i)
        add(listedEvent(idOf(i), kNoon - i * 60000));

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QSignalSpy changed(&m, &EventsModel::dataChanged);

    m.setItemError(idOf(3), deviceOf(idOf(3)), "The cloud did not answer in time");
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 3);
    QCOMPARE(rolesOf(changed, 0), QList<int>({EventsModel::ErrorTextRole}));
    QCOMPARE(roleOf(m, idOf(3), EventsModel::ErrorTextRole).toString(),
             "The cloud did not answer in time");
    QCOMPARE(roleOf(m, idOf(4), EventsModel::ErrorTextRole).toString(), QString());
    m.setItemError(idOf(3), deviceOf(idOf(3)), "The cloud did not answer in time");
    QCOMPARE(changed.count(), 1);

    // For an event not loaded yet: it shows when the row comes.
    m.setItemError(idOf(65), deviceOf(idOf(65)), "HTTP 503");
    QCOMPARE(changed.count(), 1);
    m.fetchMore({});
    QCOMPARE(roleOf(m, idOf(65), EventsModel::ErrorTextRole).toString(), "HTTP 503");

    // Kept across reloads of the same account.
    m.setLabelFilter("motion");
    QCOMPARE(roleOf(m, idOf(3), EventsModel::ErrorTextRole).toString(),
             "The cloud did not answer in time");
    m.reload();
    QCOMPARE(roleOf(m, idOf(3), EventsModel::ErrorTextRole).toString(),
             "The cloud did not answer in time");

    // Cleared by an empty message.
    changed.clear();
    m.setItemError(idOf(3), deviceOf(idOf(3)), QString());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(roleOf(m, idOf(3), EventsModel::ErrorTextRole).toString(), QString());

    // Removing the event forgets its error.
    m.fetchMore({});
    QVERIFY(db().events().remove(kAlice, {idOf(65), deviceOf(idOf(65))}, nullptr));
    m.removeEvent(idOf(65), deviceOf(idOf(65)));
    QCOMPARE(m.indexOfEvent(idOf(65), deviceOf(idOf(65))), -1);
    add(listedEvent(idOf(65), kNoon - 65 * 60000));
    m.refreshEvent(idOf(65), deviceOf(idOf(65)));
    QVERIFY(m.indexOfEvent(idOf(65), deviceOf(idOf(65))) >= 0);
    QCOMPARE(roleOf(m, idOf(65), EventsModel::ErrorTextRole).toString(), QString());
}

void TestModels::hourCounts() {
    const QDate next = kDay.addDays(1);
    add(listedEvent("evt-h0a", localMs(kDay, 0, 0, 0, 0)));
    add(listedEvent("evt-h0b", localMs(kDay, 0, 59)));
    add(listedEvent("evt-h7a", localMs(kDay, 7, 30), "cam-front"));
    add(listedEvent("evt-h7b", localMs(kDay, 7, 30), "cam-front", "person"));
    add(listedEvent("evt-h7c", localMs(kDay, 7, 31), "cam-back"));
    QVERIFY(markRefused(db(), kAlice, "evt-h7c"));
    add(listedEvent("evt-h23", localMs(kDay, 23, 59, 59, 999)));
    add(listedEvent("evt-before", localMs(kDay.addDays(-1), 23, 59)));
    add(listedEvent("evt-after", localMs(next, 0, 0)));
    for (int i = 0; i < 70; ++i)
        add(listedEvent(QStringLiteral("evt-h10-%1").arg(i), localMs(kDay, 10, i / 60, i % 60)));
    add(listedEvent("evt-bob", localMs(kDay, 7, 0)), kBob);

    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QCOMPARE(m.count(), 60); // counts cover the store, not only the loaded rows

    const auto expect = [](std::initializer_list<std::pair<int, int>> nonZero) {
        QVariantList counts(24, 0);
        for (const auto &[hour, n] : nonZero)
            counts[hour] = n;
        return counts;
    };
    QVariantList counts = m.hourCounts(kDay);
    QCOMPARE(counts.size(), 24);
    // evt-h7c is refused: its time is not shown, not even as a bar.
    QCOMPARE(counts, expect({{0, 2}, {7, 2}, {10, 70}, {23, 1}}));
    QCOMPARE(counts.at(0).metaType(), QMetaType::fromType<int>());
    QCOMPARE(m.hourCounts(next), expect({{0, 1}}));
    QCOMPARE(m.hourCounts(kDay.addDays(-1)), expect({{23, 1}}));
    QCOMPARE(m.hourCounts(QDate()), QVariantList(24, 0));

    // The model's filters apply.
    m.setCameraFilter("cam-back");
    QCOMPARE(m.hourCounts(kDay), expect({}));
    m.setCameraFilter({});
    m.setLabelFilter("person");
    QCOMPARE(m.hourCounts(kDay), expect({{7, 1}}));
    m.setLabelFilter({});
    m.setRefusedOnly(true);
    QCOMPARE(m.hourCounts(kDay), expect({}));
    m.setRefusedOnly(false);
    m.setSinceMs(localMs(kDay, 7, 0));
    m.setUntilMs(localMs(kDay, 10, 0, 30));
    QCOMPARE(m.hourCounts(kDay), expect({{7, 2}, {10, 30}}));
    QCOMPARE(m.hourCounts(next), QVariantList(24, 0));
}

void TestModels::dayKeysAndLabels() {
    // Around a pinned today: today, yesterday, earlier this year, another year; both ends
    // of a local day belong to it.
    const QDate today(2026, 12, 5);
    add(listedEvent("evt-d0", localMs(today, 23, 59, 59, 999)));
    add(listedEvent("evt-d1", localMs(today, 0, 0)));
    add(listedEvent("evt-d2", localMs(today.addDays(-1), 23, 59)));
    add(listedEvent("evt-d3", localMs(QDate(2026, 12, 3), 7, 31)));
    add(listedEvent("evt-d4", localMs(QDate(2026, 11, 29), 12)));
    add(listedEvent("evt-d5", localMs(QDate(2025, 12, 31), 22)));
    for (const char *id : {"evt-d0", "evt-d2", "evt-d4"})
        QVERIFY(markVerified(db(), kAlice, id));

    EventsModel m;
    const auto tester = watch(&m);
    m.pinToday(today);
    QCOMPARE(m.today(), today);
    m.setSource(&db(), kAlice);
    const QLocale locale;
    const auto key = [&m](const char *id) {
        return roleOf(m, id, EventsModel::DayKeyRole).toString();
    };
    const auto label = [&m](const char *id) {
        return roleOf(m, id, EventsModel::DayLabelRole).toString();
    };
    QCOMPARE(key("evt-d0"), "2026-12-05");
    QCOMPARE(key("evt-d1"), "2026-12-05");
    QCOMPARE(key("evt-d2"), "2026-12-04");
    QCOMPARE(label("evt-d0"), "Today");
    QCOMPARE(label("evt-d1"), "Today");
    QCOMPARE(label("evt-d2"), "Yesterday");
    QCOMPARE(label("evt-d3"), locale.toString(QDate(2026, 12, 3), "dddd d MMMM"));
    QCOMPARE(label("evt-d4"), locale.toString(QDate(2026, 11, 29), "dddd d MMMM"));
    QCOMPARE(label("evt-d5"), locale.toString(QDate(2025, 12, 31), "dddd d MMMM yyyy"));
    if (locale.language() == QLocale::C || locale.language() == QLocale::English)
        QCOMPARE(label("evt-d3"), "Thursday 3 December");
    // The label is the day of the row's own time, whatever its neighbours.
    for (int row = 0; row < m.rowCount(); ++row) {
        const QDateTime time = m.data(m.index(row), EventsModel::TimeRole).toDateTime();
        QCOMPARE(m.data(m.index(row), EventsModel::DayKeyRole).toString(),
                 time.date().toString(Qt::ISODate));
    }
}

void TestModels::dayLabelsFollowToday() {
    const QDate today(2026, 12, 5);
    add(listedEvent("evt-t", localMs(today, 9)));
    add(listedEvent("evt-y", localMs(today.addDays(-1), 9)));
    EventsModel m;
    const auto tester = watch(&m);
    m.pinToday(today);
    m.setSource(&db(), kAlice);
    QSignalSpy changed(&m, &EventsModel::dataChanged);
    QSignalSpy todayChanged(&m, &EventsModel::todayChanged);
    // Midnight passes: every label moves on by a day, and the view is told.
    m.pinToday(today.addDays(1));
    QCOMPARE(todayChanged.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
    QCOMPARE(rolesOf(changed, 0), QList<int>({EventsModel::DayLabelRole}));
    QCOMPARE(roleOf(m, "evt-t", EventsModel::DayLabelRole).toString(), "Yesterday");
    QCOMPARE(roleOf(m, "evt-y", EventsModel::DayLabelRole).toString(),
             QLocale().toString(today.addDays(-1), "dddd d MMMM"));
    // The same today again changes nothing.
    m.pinToday(today.addDays(1));
    QCOMPARE(changed.count(), 1);
    // Unpinned, it follows the clock.
    m.pinToday({});
    QCOMPARE(m.today(), QDate::currentDate());
}

void TestModels::refusedRowsExposeNothingOfTheirEntry() {
    // A refused entry with a name, label, time, duration and clip that would each be
    // recognisable anywhere they appeared.
    StoredEvent e = listedEvent("evt-foreign", localMs(QDate(2026, 12, 4), 19, 47, 13),
                                "cam-neighbour", "zebrakind");
    e.deviceName = QStringLiteral("Living Room of Somebody Else");
    e.durationMs = 987654;
    add(e);
    QVERIFY(markRefused(db(), kAlice, "evt-foreign", "foreign_owner"));
    // The same entry verified, to show the roles do carry all this when it is allowed.
    StoredEvent own = e;
    own.id = QStringLiteral("evt-own");
    own.deviceId = QStringLiteral("cam-front");
    add(own);
    QVERIFY(markVerified(db(), kAlice, "evt-own"));

    EventsModel m;
    const auto tester = watch(&m);
    m.pinToday(QDate(2026, 12, 5));
    m.setSource(&db(), kAlice);
    const QStringList tells{"Living",    "Somebody",   "zebrakind",
                            "987654",    "19:47",      "2026-12",
                            "Yesterday", "December",   QString::number(e.timestampMs),
                            "/clip",     "Thursday 4", "Dec"};
    // What a role's value would read as (a time as its ISO text, a number as digits).
    const auto mentions = [&tells](const QVariant &v) {
        const QString text = v.toString();
        for (const QString &tell : tells)
            if (text.contains(tell))
                return tell;
        return QString();
    };
    const QHash<int, QByteArray> names = m.roleNames();
    const int refusedRow = m.indexOfEvent("evt-foreign", "cam-neighbour");
    const int ownRow = m.indexOfEvent("evt-own", "cam-front");
    QVERIFY(refusedRow >= 0 && ownRow >= 0);
    QStringList ownTells;
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        const QVariant refused = m.data(m.index(refusedRow), it.key());
        QVERIFY2(mentions(refused).isEmpty(),
                 qPrintable(it.value() + " says " + mentions(refused)));
        ownTells << mentions(m.data(m.index(ownRow), it.key()));
    }
    // get() (what QML reads) says no more than data().
    const QVariantMap map = m.get(refusedRow);
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        QVERIFY2(mentions(it.value()).isEmpty(), qPrintable(it.key()));
    // The blanks are blanks, not zeros that would read as a time.
    const QVariantMap r = map;
    QCOMPARE(r["cameraName"].toString(), QString());
    QCOMPARE(r["label"].toString(), QString());
    QVERIFY(!r["time"].isValid());
    QVERIFY(!r["timestampMs"].isValid());
    QVERIFY(!r["durationMs"].isValid());
    QCOMPARE(r["dayKey"].toString(), QString());
    QCOMPARE(r["dayLabel"].toString(), QString());
    QCOMPARE(r["hasClip"].toBool(), false);
    QCOMPARE(r["reason"].toString(), "foreign_owner");
    QCOMPARE(r["eventId"].toString(), "evt-foreign");
    // The verified copy does carry them: the test's tells are real.
    ownTells.removeAll(QString());
    QVERIFY(ownTells.contains("Living"));
    QVERIFY(ownTells.contains("zebrakind"));
    QVERIFY(ownTells.contains("Yesterday"));
}

void TestModels::timelineJumpsSkipRefusedRows() {
    add(listedEvent("evt-r", localMs(kDay, 11)));
    QVERIFY(markRefused(db(), kAlice, "evt-r"));
    add(listedEvent("evt-10", localMs(kDay, 10, 30)));
    add(listedEvent("evt-8", localMs(kDay, 8)));
    add(listedEvent("evt-prev", localMs(kDay.addDays(-1), 23)));
    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QCOMPARE(idsOf(m), QStringList({"evt-r", "evt-10", "evt-8", "evt-prev"}));
    QCOMPARE(m.newestTime(), QDateTime::fromMSecsSinceEpoch(localMs(kDay, 10, 30)));
    QCOMPARE(m.firstRowAtOrBefore(kDay, 23), 1); // not the refused row at 11:00
    QCOMPARE(m.firstRowAtOrBefore(kDay, 10), 1);
    QCOMPARE(m.firstRowAtOrBefore(kDay, 9), 2);
    QCOMPARE(m.firstRowAtOrBefore(kDay, 7), -1); // not the day before
    QCOMPARE(m.firstRowAtOrBefore(kDay.addDays(-1), 23), 3);
    QCOMPARE(m.firstRowAtOrBefore(kDay, 24), -1);
    QCOMPARE(m.firstRowAtOrBefore(QDate(), 3), -1);
    m.setRefusedOnly(true);
    QVERIFY(qAbs(m.newestTime().secsTo(QDateTime::currentDateTime())) < 60);
}

// The player's previous/next and --play-first-clip: only verified rows with a clip.
void TestModels::nextPlayableSkipsRefusedLoadingAndClipless() {
    add(listedEvent("evt-a", kNoon));
    QVERIFY(markVerified(db(), kAlice, "evt-a"));
    add(listedEvent("evt-refused", kNoon - 60000));
    QVERIFY(markRefused(db(), kAlice, "evt-refused"));
    add(listedEvent("evt-noclip", kNoon - 120000, "cam-front", "motion", false));
    QVERIFY(markVerified(db(), kAlice, "evt-noclip"));
    add(listedEvent("evt-loading", kNoon - 180000));
    add(listedEvent("evt-b", kNoon - 240000));
    QVERIFY(markVerified(db(), kAlice, "evt-b"));
    add(listedEvent("evt-last-refused", kNoon - 300000));
    QVERIFY(markRefused(db(), kAlice, "evt-last-refused"));
    EventsModel m;
    const auto tester = watch(&m);
    m.setSource(&db(), kAlice);
    QCOMPARE(idsOf(m), QStringList({"evt-a", "evt-refused", "evt-noclip", "evt-loading", "evt-b",
                                    "evt-last-refused"}));
    QCOMPARE(m.nextPlayable(-1, 1), 0); // the first playable row
    QCOMPARE(m.nextPlayable(0, 1), 4);
    QCOMPARE(m.nextPlayable(4, 1), -1); // only a refused row after it
    QCOMPARE(m.nextPlayable(4, -1), 0);
    QCOMPARE(m.nextPlayable(0, -1), -1);
    QCOMPARE(m.nextPlayable(5, -1), 4);
    QCOMPARE(m.nextPlayable(2, -1), 0); // from a row that is itself not playable
    QCOMPARE(m.nextPlayable(-1, -1), -1);
    QCOMPARE(m.nextPlayable(6, -3), 4); // a larger step is a direction
    QCOMPARE(m.nextPlayable(0, 0), -1);
    m.setRefusedOnly(true);
    QCOMPARE(m.nextPlayable(-1, 1), -1);
}

void TestModels::devicesAccessFromTheStoreAcrossARestart() {
    add(listedEvent("evt-own-old", kNoon - 3600000, "cam-front"));
    add(listedEvent("evt-own-new", kNoon, "cam-front"));
    add(listedEvent("evt-shared", kNoon, "cam-back"));
    add(listedEvent("evt-refused", kNoon, "cam-foreign"));
    add(listedEvent("evt-loading", kNoon, "cam-pending"));
    QVERIFY(markVerified(db(), kAlice, "evt-own-old", "viewer"));
    QVERIFY(markVerified(db(), kAlice, "evt-own-new", "owner")); // the newest verdict wins
    QVERIFY(markVerified(db(), kAlice, "evt-shared", "viewer"));
    QVERIFY(markRefused(db(), kAlice, "evt-refused"));
    add(listedEvent("evt-bob", kNoon, "cam-front"), kBob);
    QVERIFY(markVerified(db(), kBob, "evt-bob", "viewer"));

    // A second start: the store is opened again from disk, with nothing in memory.
    m_store.reset();
    m_store = openStore(m_dir->path());
    QVERIFY(m_store);
    DevicesModel d;
    const auto tester = watch(&d);
    d.setDevices({{"cam-front", "Front", "VF-1", true},
                  {"cam-back", "Back", "VF-1", true},
                  {"cam-foreign", "Neighbour", "VF-1", true},
                  {"cam-pending", "Pending", "VF-1", true}});
    QSignalSpy changed(&d, &DevicesModel::dataChanged);
    d.loadVerified(db().events().verifiedDevices(kAlice));
    QCOMPARE(changed.count(), 2); // the two cameras with verified events
    const auto row = [&d](const char *id) { return d.get(d.indexOfDevice(id)); };
    QCOMPARE(row("cam-front")["access"].toString(), "owner");
    QCOMPARE(row("cam-front")["verifiedCount"].toInt(), 2);
    QCOMPARE(row("cam-back")["access"].toString(), "shared");
    QCOMPARE(row("cam-back")["verifiedCount"].toInt(), 1);
    QCOMPARE(row("cam-foreign")["access"].toString(), QString()); // refused: nothing learnt
    QCOMPARE(row("cam-pending")["access"].toString(), QString());
    // Loaded again with nothing verified (after a purge): unknown again.
    d.loadVerified({});
    QCOMPARE(row("cam-front")["access"].toString(), QString());
    QCOMPARE(row("cam-front")["verifiedCount"].toInt(), 0);
}

void TestModels::devicesModel() {
    DevicesModel d;
    const auto tester = watch(&d);
    QSignalSpy counted(&d, &DevicesModel::countChanged);
    QCOMPARE(d.count(), 0);

    // Access learnt before the camera is listed is kept for it.
    d.setAccess("cam-10", "owner");
    d.setDevices({
        {"cam-10", "Camera 10", "VF-1", true},
        {"cam-2", "camera 2", "VF-1", false},
        {"cam-z", "Garden", "VF-2", false},
        {"cam-g", "Garden", "VF-2", true},
        {"cam-a", "attic", "VF-2", false},
        {"cam-2", "A duplicate entry", "X", true},
        {"cam-evil", QStringLiteral("\u202Eroodtnorf\u0007 "), "VF-3", true},
        {"", "No ID", "VF-3", true},
    });
    QCOMPARE(counted.count(), 1);
    QCOMPARE(d.count(), 6);
    QStringList order;
    for (int row = 0; row < d.rowCount(); ++row)
        order.append(d.data(d.index(row), DevicesModel::DeviceIdRole).toString());
    // By name as people read it (case-insensitive, numbers by value), then by ID.
    QCOMPARE(order, QStringList({"cam-a", "cam-2", "cam-10", "cam-g", "cam-z", "cam-evil"}));

    QHash<int, QByteArray> names = d.roleNames();
    QList<QByteArray> sorted = names.values();
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted,
             QList<QByteArray>({"access", "deviceId", "model", "name", "online", "verifiedCount"}));

    QVariantMap ten = d.get(d.indexOfDevice("cam-10"));
    QCOMPARE(ten["deviceId"].toString(), "cam-10");
    QCOMPARE(ten["name"].toString(), "Camera 10");
    QCOMPARE(ten["model"].toString(), "VF-1");
    QCOMPARE(ten["online"].toBool(), true);
    QCOMPARE(ten["access"].toString(), "owner");
    QCOMPARE(ten["verifiedCount"].toInt(), 0);
    QCOMPARE(d.get(d.indexOfDevice("cam-2"))["name"].toString(), "camera 2"); // first entry kept
    QCOMPARE(d.get(d.indexOfDevice("cam-2"))["online"].toBool(), false);
    QCOMPARE(d.get(d.indexOfDevice("cam-2"))["access"].toString(), QString());
    // A name is display text: no reordering controls, no control characters.
    QCOMPARE(d.nameOf("cam-evil"), "roodtnorf");
    QCOMPARE(d.nameOf("cam-g"), "Garden");
    QCOMPARE(d.nameOf("cam-unknown"), QString());
    QVERIFY(d.get(99).isEmpty());

    QSignalSpy changed(&d, &DevicesModel::dataChanged);
    d.setAccess("cam-2", "viewer");
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), d.indexOfDevice("cam-2"));
    QCOMPARE(rolesOf(changed, 0), QList<int>({DevicesModel::AccessRole}));
    QCOMPARE(d.get(d.indexOfDevice("cam-2"))["access"].toString(), "shared");
    d.setAccess("cam-2", "viewer");
    QCOMPARE(changed.count(), 1);
    d.setAccess("cam-2", "administrator"); // not a role a verdict gives: unknown
    QCOMPARE(d.get(d.indexOfDevice("cam-2"))["access"].toString(), QString());
    QCOMPARE(changed.count(), 2);
    d.setAccess("cam-2", "owner");
    QCOMPARE(d.get(d.indexOfDevice("cam-2"))["access"].toString(), "owner");
    d.setAccess("cam-unlisted", "owner");
    QCOMPARE(changed.count(), 3);

    d.setVerifiedCount("cam-g", 7);
    QCOMPARE(changed.count(), 4);
    QCOMPARE(rolesOf(changed, 3), QList<int>({DevicesModel::VerifiedCountRole}));
    QCOMPARE(d.get(d.indexOfDevice("cam-g"))["verifiedCount"].toInt(), 7);

    // A new listing keeps what verified events taught.
    d.setDevices({{"cam-g", "Garden", "VF-2", false},
                  {"cam-unlisted", "Porch", "VF-1", true},
                  {"cam-2", "camera 2", "VF-1", true}});
    QCOMPARE(counted.count(), 2);
    QCOMPARE(d.count(), 3);
    QCOMPARE(d.nameOf("cam-10"), QString());
    QCOMPARE(d.get(d.indexOfDevice("cam-g"))["verifiedCount"].toInt(), 7);
    QCOMPARE(d.get(d.indexOfDevice("cam-unlisted"))["access"].toString(), "owner");
    QCOMPARE(d.get(d.indexOfDevice("cam-2"))["access"].toString(), "owner");
    QCOMPARE(d.get(0)["name"].toString(), "camera 2");

    d.setDevices({});
    QCOMPARE(d.count(), 0);
    QCOMPARE(counted.count(), 3);
}

void TestModels::refusalsModel() {
    QCOMPARE(db().audit().append(auditEntry(kAlice, "evt-1", 1000, "foreign_owner"), nullptr) > 0,
             true);
    QVERIFY(db().audit().append(auditEntry(kAlice, "evt-3", 3000, "media_mismatch"), nullptr));
    QVERIFY(db().audit().append(auditEntry(kAlice, "evt-2", 2000, "unknown_code"), nullptr));
    QVERIFY(db().audit().append(auditEntry(kBob, "evt-b", 2500, "foreign_owner"), nullptr));

    RefusalsModel r;
    const auto tester = watch(&r);
    QSignalSpy counted(&r, &RefusalsModel::countChanged);
    QSignalSpy source(&r, &RefusalsModel::sourceChanged);
    r.setSource(&db(), kAlice);
    QCOMPARE(source.count(), 1);
    QCOMPARE(r.account(), kAlice);
    QCOMPARE(r.count(), 3);
    QCOMPARE(counted.count(), 1);

    QHash<int, QByteArray> names = r.roleNames();
    QList<QByteArray> sorted = names.values();
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, QList<QByteArray>({"attestedDevice", "attestedSha256", "claimCti", "detail",
                                        "deviceId", "eventId", "mediaRole", "observedSha256",
                                        "reason", "reasonText", "time", "timeMs"}));

    // Newest first.
    QCOMPARE(r.get(0)["eventId"].toString(), "evt-3");
    QCOMPARE(r.get(1)["eventId"].toString(), "evt-2");
    QCOMPARE(r.get(2)["eventId"].toString(), "evt-1");

    const QVariantMap first = r.get(0);
    QCOMPARE(first["time"].toDateTime(), QDateTime::fromMSecsSinceEpoch(3000));
    QCOMPARE(first["timeMs"].toLongLong(), 3000);
    QCOMPARE(first["deviceId"].toString(), "cam-front");
    QCOMPARE(first["mediaRole"].toString(), "thumbnail");
    QCOMPARE(first["reason"].toString(), "media_mismatch");
    QCOMPARE(first["reasonText"].toString(), trust::reasonText(trust::Reason::MediaMismatch));
    QCOMPARE(first["detail"].toString(), "detail of evt-3");
    QCOMPARE(first["observedSha256"].toString(), QStringLiteral("ab").repeated(32));
    QCOMPARE(first["attestedSha256"].toString(), QStringLiteral("cd").repeated(32));
    QCOMPARE(first["claimCti"].toString(), "0102");
    QCOMPARE(first["attestedDevice"].toString(), "cam-other");
    QCOMPARE(r.get(1)["reasonText"].toString(), "unknown_code");
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        QCOMPARE(r.data(r.index(0), it.key()), first[QString::fromLatin1(it.value())]);

    // New refusals show after a reload.
    QVERIFY(db().audit().append(auditEntry(kAlice, "evt-4", 4000, "claim_missing"), nullptr));
    r.reload();
    QCOMPARE(r.count(), 4);
    QCOMPARE(counted.count(), 2);
    QCOMPARE(r.get(0)["eventId"].toString(), "evt-4");

    // Only the signed-in account's entries.
    r.setSource(&db(), kBob);
    QCOMPARE(r.count(), 1);
    QCOMPARE(r.get(0)["eventId"].toString(), "evt-b");
    r.setSource(nullptr, kBob);
    QCOMPARE(r.count(), 0);

    // The newest kLimit only.
    for (int i = 0; i < RefusalsModel::kLimit + 5; ++i)
        QVERIFY(db().audit().append(
            auditEntry(kBob, QStringLiteral("evt-n%1").arg(i), 10000 + i, "foreign_owner"),
            nullptr));
    r.setSource(&db(), kBob);
    QCOMPARE(r.count(), RefusalsModel::kLimit);
    QCOMPARE(r.get(0)["timeMs"].toLongLong(), 10000 + RefusalsModel::kLimit + 4);
}

// What QML reaches through the meta-object is the same on all three models (RowListModel):
// `count` with its notify signal, and get(row) by role name, empty out of range.
void TestModels::listModelsShowQmlOneSurface() {
    add(listedEvent("evt-v", kNoon));
    QVERIFY(markVerified(db(), kAlice, "evt-v"));
    QVERIFY(db().audit().append(auditEntry(kAlice, "evt-r", 1000, "foreign_owner"), nullptr));
    EventsModel events;
    DevicesModel devices;
    RefusalsModel refusals;
    const QList<QAbstractListModel *> models{&events, &devices, &refusals};
    std::vector<std::unique_ptr<Tester>> testers;
    for (QAbstractListModel *m : models)
        testers.push_back(watch(m));

    std::vector<std::unique_ptr<QSignalSpy>> spies;
    for (QAbstractListModel *m : models) {
        const QMetaObject *meta = m->metaObject();
        const QMetaProperty count = meta->property(meta->indexOfProperty("count"));
        QVERIFY(count.isValid());
        QVERIFY(count.hasNotifySignal());
        QCOMPARE(count.read(m).toInt(), 0);
        QVERIFY(meta->indexOfMethod("get(int)") >= 0);
        spies.push_back(std::make_unique<QSignalSpy>(m, count.notifySignal()));
    }
    events.setSource(&db(), kAlice);
    devices.setDevices({{"cam-front", "Front", "VF-1", true}, {"cam-back", "Back", "VF-2", false}});
    refusals.setSource(&db(), kAlice);
    const QList<int> counts{1, 2, 1};
    const QList<QString> firstRole{"eventId", "deviceId", "eventId"};
    const QList<QString> firstValue{"evt-v", "cam-back", "evt-r"};
    for (int i = 0; i < models.size(); ++i) {
        QAbstractListModel *m = models.at(i);
        QCOMPARE(m->property("count").toInt(), counts.at(i));
        QCOMPARE(m->rowCount(), counts.at(i));
        QCOMPARE(spies.at(i)->count(), 1);
        QVariantMap row;
        QVERIFY(QMetaObject::invokeMethod(m, "get", Q_RETURN_ARG(QVariantMap, row), Q_ARG(int, 0)));
        QCOMPARE(row.value(firstRole.at(i)).toString(), firstValue.at(i));
        QCOMPARE(row.keys().size(), m->roleNames().size());
        QVERIFY(QMetaObject::invokeMethod(m, "get", Q_RETURN_ARG(QVariantMap, row),
                                          Q_ARG(int, counts.at(i))));
        QVERIFY(row.isEmpty());
    }
    // Unchanged size: no count signal.
    devices.setDevices(
        {{"cam-front", "Front 2", "VF-1", true}, {"cam-back", "Back", "VF-2", false}});
    QCOMPARE(spies.at(1)->count(), 1);
    devices.setDevices({});
    QCOMPARE(spies.at(1)->count(), 2);
    QCOMPARE(devices.property("count").toInt(), 0);
}

void TestModels::displayTextAndImageUrl() {
    QCOMPARE(model::displayText(QStringLiteral("  Front door  ")), "Front door");
    QCOMPARE(model::displayText(QStringLiteral("Front\u202E\u2066door\n\t")), "Frontdoor");
    QCOMPARE(model::displayText(QStringLiteral("Caf\u00e9 \U0001F4F7")),
             QStringLiteral("Caf\u00e9 \U0001F4F7"));
    QCOMPARE(model::displayText(QString(200, 'x')).size(), model::kMaxDisplayTextLength);
    // A cut never splits a surrogate pair.
    const QString camera = QStringLiteral("\U0001F4F7");
    const QString cut = model::displayText(QString(model::kMaxDisplayTextLength - 1, 'x') + camera);
    QCOMPARE(cut.size(), model::kMaxDisplayTextLength - 1);
    QVERIFY(!cut.back().isHighSurrogate());

    const QString partition = store::MediaCache::partitionName(kAlice);
    const QByteArray sha = fakeSha256('k');
    const store::EventKey key{"evt-1", "cam-front"};
    QCOMPARE(model::verifiedImageUrl(partition, key, sha).toString(),
             "image://verified/" + partition + "/evt-1/cam-front/" +
                 QString::fromLatin1(sha.toHex().left(16)));
    // Event and device IDs from the cloud cannot add path segments, a query or a fragment,
    // and the URL reads back as exactly the entry it was made for.
    const store::EventKey oddKey{"../x/evt?a#b", "cam/../%2F?d"};
    const QUrl odd = model::verifiedImageUrl(partition, oddKey, sha);
    QVERIFY(odd.isValid());
    QCOMPARE(odd.host(), "verified");
    QCOMPARE(odd.query(), QString());
    QCOMPARE(odd.fragment(), QString());
    QCOMPARE(odd.path(QUrl::FullyEncoded).count('/'), 4);
    const auto parsed = model::parseVerifiedImageId(
        odd.toString(QUrl::FullyEncoded).mid(QStringLiteral("image://verified/").size()));
    QVERIFY(parsed);
    QCOMPARE(parsed->partition, partition);
    QCOMPARE(parsed->key, oddKey);
    // Two entries with one event ID: two URLs.
    QVERIFY(model::verifiedImageUrl(partition, {"evt-1", "cam-back"}, sha) !=
            model::verifiedImageUrl(partition, key, sha));
    QVERIFY(model::verifiedImageUrl(partition, key, QByteArray(7, 'a')).isEmpty());
    QVERIFY(model::verifiedImageUrl(partition, key, {}).isEmpty());
    QVERIFY(model::verifiedImageUrl({}, key, sha).isEmpty());
    QVERIFY(model::verifiedImageUrl(partition, {{}, "cam-front"}, sha).isEmpty());
    QVERIFY(model::verifiedImageUrl(partition, {"evt-1", {}}, sha).isEmpty());
    // An ID of the old three-part shape, or any part missing or malformed, is no entry.
    const QString hash = QString::fromLatin1(sha.toHex().left(16));
    QVERIFY(!model::parseVerifiedImageId(partition + "/evt-1/" + hash));
    QVERIFY(!model::parseVerifiedImageId(partition + "/evt-1//" + hash));
    QVERIFY(!model::parseVerifiedImageId(partition + "/evt-1/cam-front/" + hash + "/x"));
    QVERIFY(!model::parseVerifiedImageId(partition + "/evt-1/cam-front/XYZ"));
    QVERIFY(model::parseVerifiedImageId(partition + "/evt-1/cam-front/" + hash));
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
