// The event player end to end: an AppSession signed in to the reference cloud, a ClipPlayer
// pushing frames into a QVideoSink. A verified clip plays; the same clip tampered in
// transit is refused at its first bad segment: playback stops, no frame of it is shown
// after that, the event turns refused and the report is queued.
#include "AppSession.h"
#include "ClipPlayer.h"
#include "Store.h"
#include "TestCloud.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QVideoFrame>
#include <QVideoSink>

using namespace vf;

class PlayerTest : public QObject {
    Q_OBJECT

    QTemporaryDir cloudDir;
    QTemporaryDir clientDir;
    cloud::test::TestCloud cloud;
    std::unique_ptr<app::AppSession> session;
    QString clipEvent;
    QString clipDevice;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(cloud.start(cloudDir.path()).isEmpty());
        auto anchors = cloud.host().trustAnchors();
        QVERIFY(anchors.anchors);
        session = std::make_unique<app::AppSession>(false, std::make_shared<app::CurrentGate>());
        app::AppSession::setInstance(session.get());
        sync::ClientOptions options;
        options.server = cloud.host().url();
        options.dataDir = clientDir.path();
        options.anchors = anchors.anchors;
        QString error;
        QVERIFY2(session->attach(options, &error), qPrintable(error));
        session->signIn("alice", cloud.world().user("alice")->password);
        QTRY_VERIFY_WITH_TIMEOUT(session->state() == app::AppSession::State::Ready, 60000);
        const QString account = session->userId();
        for (const auto &e : session->client()->store()->events().page(account, {}, {}, 1000))
            if (e.state == store::VerificationState::Verified && !e.clipUrl.isEmpty()) {
                clipEvent = e.id;
                clipDevice = e.deviceId;
                break;
            }
        QVERIFY(!clipEvent.isEmpty());
    }

    // The player is given its session (QML: `session: AppSession`); without one it says it
    // cannot play instead of looking for one or crashing.
    void withoutASessionThePlayerFails() {
        app::ClipPlayer player;
        player.setDeviceId(clipDevice);
        player.setEventId(clipEvent);
        QTest::ignoreMessage(QtWarningMsg, "ClipPlayer: no session set, nothing to play from");
        player.play();
        QCOMPARE(player.state(), app::ClipPlayer::State::Failed);
        QVERIFY(!player.errorText().isEmpty());
        QVERIFY(!player.canDownload());
        QSignalSpy sessionChanged(&player, &app::ClipPlayer::sessionChanged);
        player.setSession(session.get());
        QCOMPARE(sessionChanged.size(), 1);
        QCOMPARE(player.state(), app::ClipPlayer::State::Idle);
        player.play();
        QVERIFY(player.state() != app::ClipPlayer::State::Failed);
        player.stop();
    }

    void aVerifiedClipPlays() {
        QVideoSink sink;
        int frames = 0;
        QSize size;
        connect(&sink, &QVideoSink::videoFrameChanged, this, [&](const QVideoFrame &f) {
            if (f.isValid()) {
                ++frames;
                size = f.size();
            }
        });
        app::ClipPlayer player;
        player.setSession(session.get());
        player.setVideoSink(&sink);
        player.setDeviceId(clipDevice);
        player.setEventId(clipEvent);
        QSignalSpy first(&player, &app::ClipPlayer::firstFrame);
        player.setSpeed(4.0);
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(first.size() == 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(player.state() == app::ClipPlayer::State::Finished, 20000);
        QVERIFY(frames >= 10);
        // At the end the position is the whole clip (the time label says "0:02 / 0:02").
        QVERIFY(player.duration() > 0);
        QCOMPARE(player.position(), player.duration());
        QCOMPARE(size, QSize(320, 180));
        QTRY_VERIFY(player.canDownload());
        QTemporaryDir out;
        QCOMPARE(player.saveTo(QUrl::fromLocalFile(out.filePath("clip.mp4"))), QString());
        QFile saved(out.filePath("clip.mp4"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), cloud.client()
                                      .get(session->client()
                                               ->store()
                                               ->events()
                                               .find(session->userId(), {clipEvent, clipDevice})
                                               ->clipUrl,
                                           cloud.session("alice").token)
                                      .body);
    }

    void aTamperedClipStopsAtOnce() {
        QVERIFY(cloud.host().setFaultSpec("tamper:1").isEmpty());
        QVideoSink sink;
        app::ClipPlayer player;
        player.setSession(session.get());
        player.setVideoSink(&sink);
        player.setDeviceId(clipDevice);
        player.setEventId(clipEvent);
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(player.state() == app::ClipPlayer::State::Refused, 20000);
        QCOMPARE(player.refusedReason(), QStringLiteral("media_mismatch"));
        QVERIFY(!player.canDownload());
        // No frame after the refusal.
        int late = 0;
        connect(&sink, &QVideoSink::videoFrameChanged, this,
                [&](const QVideoFrame &f) { late += f.isValid() ? 1 : 0; });
        QTest::qWait(500);
        QCOMPARE(late, 0);
        const QString account = session->userId();
        QCOMPARE(session->client()->store()->events().find(account, {clipEvent, clipDevice})->state,
                 store::VerificationState::Refused);
        // The player told its session: the tile turned refused too.
        const int row = session->events()->indexOfEvent(clipEvent, clipDevice);
        QVERIFY(row >= 0);
        QCOMPARE(session->events()->get(row).value("state").toInt(),
                 int(model::EventsModel::Refused));
        bool reported = false;
        for (const auto &q : session->client()->store()->outbox().pending(account))
            reported |= q.report.eventId == clipEvent && q.report.role == "clip";
        reported |= session->client()->store()->outbox().acknowledgedCount(account) > 0;
        QVERIFY(reported);
        QVERIFY(cloud.host().setFaultSpec({}).isEmpty());
    }
};

QTEST_MAIN(PlayerTest)
#include "tst_player.moc"
