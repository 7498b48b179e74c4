// Qt Quick Test runner for the Veriframe QML module's components. The AppSession singleton
// exists without a cloud (signed out, empty models) so components can be instantiated alone.
#include "AppSession.h"

#include <QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(VeriframePlugin)

class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine) {
        // Qt 6.4 puts a static module's qmldir at qrc:/<URI>/ (no qt-project.org prefix).
        engine->addImportPath(QStringLiteral("qrc:/"));
        if (!m_session) {
            m_session =
                new vf::app::AppSession(false, std::make_shared<vf::app::CurrentGate>(), this);
            vf::app::AppSession::setInstance(m_session);
        }
    }

private:
    vf::app::AppSession *m_session = nullptr;
};

QUICK_TEST_MAIN_WITH_SETUP(veriframe_qml, Setup)
#include "tst_qml.moc"
