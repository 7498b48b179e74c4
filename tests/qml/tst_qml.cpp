// Qt Quick Test runner for the Veriframe QML module's components. The AppSession singleton
// exists without a cloud (signed out, empty models) so components can be instantiated alone.
// `fixture` fills its Events model from a real temporary store, for the tests of the Events
// page over several days (headers, a second start, blocked-only).
#include "AppSession.h"
#include "Store.h"

#include <QAccessible>
#include <QDateTime>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickImageProvider>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(VeriframePlugin)

namespace {
const QString kAccount = QStringLiteral("usr-fixture");
}

// Events written into a store as the sync layer would leave them, shown by AppSession's
// Events model. Times are local ("2026-12-03T07:31"), so headers are checked against
// known days whatever the machine's zone.
class EventsFixture : public QObject {
    Q_OBJECT
public:
    explicit EventsFixture(vf::app::AppSession *session, QObject *parent)
        : QObject(parent)
        , m_session(session) {}

    // Stores an entry; state is EventsModel.State. False (with a warning) on failure.
    Q_INVOKABLE bool addEvent(const QString &id, const QString &localTime, int state,
                              const QString &cameraName = QStringLiteral("Front door"),
                              const QString &kind = QStringLiteral("person"),
                              const QString &reason = QStringLiteral("foreign_owner")) {
        if (!open())
            return false;
        vf::store::StoredEvent e;
        e.id = id;
        e.deviceId = QStringLiteral("cam-") + cameraName.toLower().replace(u' ', u'-');
        e.deviceName = cameraName;
        e.kind = kind;
        const QDateTime time = QDateTime::fromString(localTime, Qt::ISODate);
        if (!time.isValid()) {
            qWarning("bad time %s", qPrintable(localTime));
            return false;
        }
        e.timestampMs = time.toMSecsSinceEpoch();
        e.durationMs = 12000;
        e.attestation = "attestation of " + id.toUtf8();
        e.claim = "claim of " + id.toUtf8();
        e.thumbnailUrl = QStringLiteral("/v1/events/%1/thumbnail").arg(id);
        e.clipUrl = QStringLiteral("/v1/events/%1/clip").arg(id);
        QString error;
        if (!m_store->events().upsert(kAccount, e, &error)) {
            qWarning("upsert: %s", qPrintable(error));
            return false;
        }
        const auto verification = vf::store::VerificationState(state);
        if (verification != vf::store::VerificationState::Loading &&
            !m_store->events().setVerification(
                kAccount, e.key(), verification,
                verification == vf::store::VerificationState::Refused ? reason : QString(),
                verification == vf::store::VerificationState::Verified ? QStringLiteral("owner")
                                                                       : QString(),
                verification == vf::store::VerificationState::Verified ? QByteArray(32, 'a')
                                                                       : QByteArray(),
                &error)) {
            qWarning("setVerification: %s", qPrintable(error));
            return false;
        }
        // As the sync layer does after it changed the store.
        m_session->events()->refreshEvent(e.id, e.deviceId);
        return true;
    }
    // The Events model shows the fixture's store.
    Q_INVOKABLE bool attach() {
        if (!open())
            return false;
        m_session->events()->setSource(m_store.get(), kAccount);
        return true;
    }
    // A second start: the store is closed and opened again from disk, and a new source
    // set, as a new process would.
    Q_INVOKABLE bool restart() {
        m_session->events()->setSource(nullptr, {});
        m_store.reset();
        return attach();
    }
    // Back to the empty model the component tests expect; the store is deleted.
    Q_INVOKABLE void reset() {
        m_session->events()->setSource(nullptr, {});
        m_session->events()->clearFilters();
        m_session->events()->pinToday({});
        m_session->devices()->setDevices({});
        m_session->devices()->loadVerified({});
        m_store.reset();
        m_dir.reset();
    }
    // The cameras page's list: [{deviceId, name, model, online, access ("owner", "viewer"
    // or "")}], as the cloud's listing and the stored verified entries would give it.
    Q_INVOKABLE void setCameras(const QVariantList &cameras) {
        QList<vf::store::DeviceDescription> devices;
        QList<vf::store::VerifiedDevice> verified;
        for (const QVariant &v : cameras) {
            const QVariantMap c = v.toMap();
            vf::store::DeviceDescription device;
            device.id = c.value("deviceId").toString();
            device.name = c.value("name").toString();
            device.model = c.value("model").toString();
            device.online = c.value("online").toBool();
            devices.append(device);
            if (!c.value("access").toString().isEmpty())
                verified.append({device.id, c.value("access").toString(), 1});
        }
        m_session->devices()->setDevices(devices);
        m_session->devices()->loadVerified(verified);
    }
    // Does what a screen reader does to an item: its accessible action by name ("Press",
    // "Toggle", as QAccessibleActionInterface names them). False if the item has no such
    // action.
    Q_INVOKABLE bool accessibleAction(QObject *item, const QString &action) {
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(item);
        QAccessibleActionInterface *actions = accessible ? accessible->actionInterface() : nullptr;
        if (!actions || !actions->actionNames().contains(action))
            return false;
        actions->doAction(action);
        return true;
    }
    // "Today" for day headers ("" follows the clock again).
    Q_INVOKABLE void pinToday(const QString &isoDate) {
        m_session->events()->pinToday(QDate::fromString(isoDate, Qt::ISODate));
    }

private:
    bool open() {
        if (m_store)
            return true;
        if (!m_dir)
            m_dir = std::make_unique<QTemporaryDir>();
        QString error;
        m_store = vf::store::Store::open(m_dir->path(), &error);
        if (!m_store)
            qWarning("Store::open: %s", qPrintable(error));
        return m_store != nullptr;
    }

    vf::app::AppSession *m_session;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<vf::store::Store> m_store;
};

// The test engine's "verified" images: a plain grey picture, so verified tiles load
// (what the real provider checks is tested in tests/e2e/tst_image_provider).
class GreyImageProvider : public QQuickImageProvider {
public:
    GreyImageProvider()
        : QQuickImageProvider(QQuickImageProvider::Image) {}
    QImage requestImage(const QString &, QSize *size, const QSize &) override {
        QImage image(64, 36, QImage::Format_RGB32);
        image.fill(Qt::gray);
        if (size)
            *size = image.size();
        return image;
    }
};

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
            m_fixture = new EventsFixture(m_session, this);
        }
        engine->rootContext()->setContextProperty(QStringLiteral("fixture"), m_fixture);
        engine->addImageProvider(QStringLiteral("verified"), new GreyImageProvider);
    }
    void cleanupTestCase() {
        // The model lets go of the store before the fixture deletes it.
        m_fixture->reset();
    }

private:
    vf::app::AppSession *m_session = nullptr;
    EventsFixture *m_fixture = nullptr;
};

QUICK_TEST_MAIN_WITH_SETUP(veriframe_qml, Setup)
#include "tst_qml.moc"
