// The app's session over two runs on one data directory, against the reference cloud: what
// the first run verified is still known on the second. The cameras page's "Yours" / "Shared
// with you" comes from the stored verified entries, not only from the verdicts a run makes
// (a second run does not verify again what is stored verified, so it announces nothing).
#include "AppSession.h"
#include "TestCloud.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vf;

class EventsTabRestartTest : public QObject {
    Q_OBJECT

    QTemporaryDir cloudDir;
    QTemporaryDir clientDir;
    cloud::test::TestCloud cloud;

    // A session on clientDir, signed in as alice and synced.
    std::unique_ptr<app::AppSession> start() {
        auto session =
            std::make_unique<app::AppSession>(false, std::make_shared<app::CurrentGate>());
        app::AppSession::setInstance(session.get());
        sync::ClientOptions options;
        options.server = cloud.host().url();
        options.dataDir = clientDir.path();
        options.anchors = cloud.host().trustAnchors().anchors;
        QString error;
        if (!session->attach(options, &error)) {
            qWarning("attach: %s", qPrintable(error));
            return nullptr;
        }
        session->setStaySignedIn(false); // no keyring here (tst_app_sessions has one)
        session->signIn("alice", cloud.world().user("alice")->password);
        return session;
    }
    // Device ID -> the cameras page's access ("owner", "shared" or "").
    static QHash<QString, QString> accessOf(app::AppSession &session) {
        QHash<QString, QString> access;
        model::DevicesModel *devices = session.devices();
        for (int row = 0; row < devices->count(); ++row) {
            const QVariantMap camera = devices->get(row);
            access.insert(camera["deviceId"].toString(), camera["access"].toString());
        }
        return access;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(cloud.start(cloudDir.path()).isEmpty()); }

    void camerasStayVerifiedAfterARestart() {
        QHash<QString, QString> first;
        {
            auto session = start();
            QVERIFY(session);
            QTRY_VERIFY_WITH_TIMEOUT(session->state() == app::AppSession::State::Ready, 120000);
            QTRY_VERIFY_WITH_TIMEOUT(session->devices()->count() > 0, 30000);
            first = accessOf(*session);
            // The demo world gives alice cameras of her own, verified on this first run.
            QVERIFY2(first.values().contains("owner"), qPrintable(first.keys().join(',')));
            app::AppSession::setInstance(nullptr);
        }
        auto session = start();
        QVERIFY(session);
        // Known as soon as the cameras are listed, before this run verifies anything...
        QTRY_VERIFY_WITH_TIMEOUT(session->devices()->count() == first.size(), 60000);
        QCOMPARE(accessOf(*session), first);
        // ...and still once this run's sync is done.
        QTRY_VERIFY_WITH_TIMEOUT(session->state() == app::AppSession::State::Ready, 120000);
        QCOMPARE(accessOf(*session), first);
    }
};

QTEST_MAIN(EventsTabRestartTest)
#include "tst_events_tab_restart.moc"
