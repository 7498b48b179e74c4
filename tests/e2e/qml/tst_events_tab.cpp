// Qt Quick Test driving the real app window (Main.qml) against the reference cloud hosted
// in-process with the incident on: sign in, filter by camera and by blocked, open an event,
// open a blocked tile's details, turn diagnostic mode on, export the bundle.
#include "AppSession.h"
#include "ClientSession.h"
#include "TestCloud.h"
#include "VerifiedImageProvider.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(VeriframePlugin)

// What the tests ask of the cloud's revocation authority while the window runs.
class Authority : public QObject {
    Q_OBJECT
public:
    Authority(vf::cloud::test::TestCloud &cloud, vf::app::AppSession &session)
        : m_cloud(cloud)
        , m_session(session) {}
    // The list in force re-signed under the next seq, issued `ageDays` ago with its next
    // list due a day after that (trust.md §7 v2: stale once next + 72 h has passed). Empty
    // on success, else why not.
    Q_INVOKABLE QString publishListIssuedDaysAgo(int ageDays) {
        const auto book = m_session.client() ? m_session.client()->revocationBook() : nullptr;
        const auto held = book ? book->current() : nullptr;
        if (!held)
            return QStringLiteral("no list held");
        vf::pki::RevocationPayload list;
        list.seq = held->seq + 1;
        list.issued = QDateTime::currentSecsSinceEpoch() - qint64(ageDays) * 86400;
        list.next = list.issued + 86400;
        for (const QByteArray &d : held->devices)
            list.devices << d;
        for (const QByteArray &c : held->claims)
            list.claims << c;
        return m_cloud.host().publishRevocations(list.seq,
                                                 m_cloud.world().pki.signRevocations(list));
    }

private:
    vf::cloud::test::TestCloud &m_cloud;
    vf::app::AppSession &m_session;
};

class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable() {
        QCoreApplication::setOrganizationName(QStringLiteral("VeriframeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_events_tab"));
        QString error = m_cloud.start(m_cloudDir.path(), QStringLiteral("mixup:0.3"));
        if (!error.isEmpty())
            qFatal("cloud: %s", qPrintable(error));
        auto anchors = m_cloud.host().trustAnchors();
        m_session = std::make_unique<vf::app::AppSession>(false, m_gate);
        vf::app::AppSession::setInstance(m_session.get());
        vf::sync::ClientOptions options;
        options.server = m_cloud.host().url();
        options.dataDir = m_clientDir.path();
        options.anchors = anchors.anchors;
        if (!m_session->attach(options, &error))
            qFatal("client: %s", qPrintable(error));
        // The person's keyring is not this test's (staying signed in: tst_app_sessions).
        m_session->setStaySignedIn(false);
    }
    void qmlEngineAvailable(QQmlEngine *engine) {
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->addImageProvider(QStringLiteral("verified"),
                                 new vf::app::VerifiedImageProvider(m_gate));
        engine->rootContext()->setContextProperty(
            QStringLiteral("alicePassword"),
            m_cloud.world().user(QStringLiteral("alice"))->password);
        m_authority = std::make_unique<Authority>(m_cloud, *m_session);
        engine->rootContext()->setContextProperty(QStringLiteral("authority"), m_authority.get());
        engine->rootContext()->setContextProperty(
            QStringLiteral("exportPath"), m_clientDir.filePath(QStringLiteral("bundle.json")));
    }
    void cleanupTestCase() {
        m_authority.reset();
        m_session.reset();
        m_cloud.stop();
        // No pool thread may still be running when the process exits: LeakSanitizer's
        // stop-the-world at exit crashed on a loaded CI machine (issue 16 note).
        QThreadPool::globalInstance()->waitForDone();
    }

private:
    QTemporaryDir m_cloudDir;
    QTemporaryDir m_clientDir;
    vf::cloud::test::TestCloud m_cloud;
    std::shared_ptr<vf::app::CurrentGate> m_gate = std::make_shared<vf::app::CurrentGate>();
    std::unique_ptr<vf::app::AppSession> m_session;
    std::unique_ptr<Authority> m_authority;
};

QUICK_TEST_MAIN_WITH_SETUP(veriframe_events_tab, Setup)
#include "tst_events_tab.moc"
