// Qt Quick Test driving the real app window (Main.qml) against the reference cloud hosted
// in-process with the incident on: sign in, filter by camera and by blocked, open an event,
// open a blocked tile's details, turn diagnostic mode on, export the bundle.
#include "AppSession.h"
#include "TestCloud.h"
#include "VerifiedImageProvider.h"

#include <QCoreApplication>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(VeriframePlugin)

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
    }
    void qmlEngineAvailable(QQmlEngine *engine) {
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->addImageProvider(QStringLiteral("verified"),
                                 new vf::app::VerifiedImageProvider(m_gate));
        engine->rootContext()->setContextProperty(
            QStringLiteral("alicePassword"),
            m_cloud.world().user(QStringLiteral("alice"))->password);
        engine->rootContext()->setContextProperty(
            QStringLiteral("exportPath"), m_clientDir.filePath(QStringLiteral("bundle.json")));
    }
    void cleanupTestCase() {
        m_session.reset();
        m_cloud.stop();
    }

private:
    QTemporaryDir m_cloudDir;
    QTemporaryDir m_clientDir;
    vf::cloud::test::TestCloud m_cloud;
    std::shared_ptr<vf::app::CurrentGate> m_gate = std::make_shared<vf::app::CurrentGate>();
    std::unique_ptr<vf::app::AppSession> m_session;
};

QUICK_TEST_MAIN_WITH_SETUP(veriframe_events_tab, Setup)
#include "tst_events_tab.moc"
