#include "AppSession.h"

#include "AppLog.h"
#include "DiagnosticsBundle.h"
#include "EventLabels.h"
#include "PrivateFiles.h"
#include "Reason.h"
#include "Store.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QSaveFile>

namespace vf::app {

namespace {
AppSession *s_instance = nullptr;
}

AppSession::AppSession(bool embedded, std::shared_ptr<CurrentGate> gate, QObject *parent)
    : QObject(parent)
    , m_embedded(embedded)
    , m_gate(std::move(gate)) {
    m_tileRows.setSource(&m_events);
    connect(&m_events, &vf::model::EventsModel::moreNeededFromCloud, this, &AppSession::loadMore);
}

AppSession::~AppSession() {
    m_gate->set(nullptr);
    if (s_instance == this)
        s_instance = nullptr;
}

AppSession *AppSession::create(QQmlEngine *, QJSEngine *) {
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void AppSession::setInstance(AppSession *instance) {
    s_instance = instance;
}

double AppSession::revocationIssuedMs() const {
    if (!m_client)
        return 0;
    const vf::trust::RevocationStatus status = m_client->revocationStatus();
    return status.held ? double(status.issued) * 1000 : 0;
}

bool AppSession::attach(vf::sync::ClientOptions options, QString *error) {
    m_client = std::make_unique<vf::sync::ClientSession>(std::move(options));
    if (!m_client->open(error)) {
        failStarting(*error);
        return false;
    }
    connect(m_client.get(), &vf::sync::ClientSession::stateChanged, this,
            &AppSession::onClientState);
    connect(m_client.get(), &vf::sync::ClientSession::signedIn, this, &AppSession::onSignedIn);
    connect(m_client.get(), &vf::sync::ClientSession::revocationStaleChanged, this,
            &AppSession::revocationChanged);
    connect(m_client.get(), &vf::sync::ClientSession::signInFailed, this,
            [this](const QString &, const QString &message) {
                m_lastError = message;
                Q_EMIT errorChanged();
            });
    if (!m_embedded) {
        m_vault = std::make_unique<vf::secrets::RefreshTokenVault>();
        m_keeper = std::make_unique<SessionKeeper>(*m_client, *m_vault);
        connect(m_keeper.get(), &SessionKeeper::storeProblemChanged, this,
                &AppSession::keepProblemChanged);
        connect(m_keeper.get(), &SessionKeeper::resumeLookedUp, this,
                [this](SessionKeeper::ResumeOutcome outcome) {
                    Q_EMIT resumeLookedUp(outcome == SessionKeeper::ResumeOutcome::Resuming);
                });
    }
    Q_EMIT serverChanged();
    Q_EMIT staySignedInChanged(); // QML read them before there was a keeper
    Q_EMIT keepProblemChanged();
    setState(State::SignedOut);
    return true;
}

void AppSession::failStarting(const QString &message) {
    m_lastError = message;
    Q_EMIT errorChanged();
    setState(State::Failed);
}

void AppSession::signIn(const QString &username, const QString &password) {
    if (!m_client)
        return;
    m_lastError.clear();
    Q_EMIT errorChanged();
    m_suggestedUsername = username.trimmed();
    if (m_keeper)
        m_keeper->cancelResume();
    m_client->signIn(username.trimmed(), password);
}

void AppSession::resumeKept(const QString &username) {
    if (!m_keeper) {
        Q_EMIT resumeLookedUp(false);
        return;
    }
    m_suggestedUsername = username.trimmed();
    m_keeper->resumeKept(username);
}

void AppSession::setStaySignedIn(bool stay) {
    if (!m_keeper || m_keeper->remember() == stay)
        return;
    m_keeper->setRemember(stay);
    Q_EMIT staySignedInChanged();
}

void AppSession::cancelSignIn() {
    if (m_keeper)
        m_keeper->cancelResume();
    if (m_client)
        m_client->cancelSignIn();
}

void AppSession::signOut() {
    if (!m_client)
        return;
    m_gate->set(nullptr);
    m_events.setSource(nullptr, {});
    m_refusals.setSource(nullptr, {});
    m_devices.setDevices({});
    m_devices.loadVerified({});
    if (m_keeper)
        m_keeper->signOut(); // and the kept session goes
    else
        m_client->signOut();
}

void AppSession::refresh() {
    if (m_client && m_client->events()) {
        m_listingError.clear();
        Q_EMIT listingErrorChanged();
        m_client->refresh();
        m_client->devices()->fetch();
    }
}

void AppSession::retry(const QString &eventId, const QString &deviceId) {
    if (m_client && m_client->events()) {
        m_events.setItemError(eventId, deviceId, {});
        m_client->events()->retry({eventId, deviceId});
    }
}

void AppSession::loadMore() {
    if (m_client && m_client->events())
        m_client->events()->fetchMore();
}

void AppSession::noteEventChanged(const QString &eventId, const QString &deviceId) {
    m_events.refreshEvent(eventId, deviceId);
    m_refusals.reload();
    Q_EMIT reportsChanged();
    if (m_client && m_client->reports())
        m_client->reports()->kick();
}

QString AppSession::exportDiagnostics(const QUrl &file) {
    if (!m_client || m_client->userId().isEmpty())
        return tr("Sign in first: the bundle describes the signed-in account.");
    vf::sync::BundleOptions options;
    options.versions = m_versions;
    const QJsonObject bundle = vf::sync::buildDiagnosticsBundle(*m_client, options);
    QSaveFile out(file.isLocalFile() ? file.toLocalFile() : file.toString());
    const QByteArray json = QJsonDocument(bundle).toJson(QJsonDocument::Indented);
    if (!out.open(QIODevice::WriteOnly) || !vf::store::restrictToOwner(out) ||
        out.write(json) != json.size() || !out.commit())
        return tr("Cannot write %1: %2").arg(out.fileName(), out.errorString());
    return {};
}

QVariantMap AppSession::diagnosticsSnapshot(int maxEvents) {
    if (!m_client || m_client->userId().isEmpty())
        return {};
    vf::sync::BundleOptions options;
    options.versions = m_versions;
    options.maxEvents = qBound(1, maxEvents, 5000);
    options.forDisplay = true;
    return vf::sync::buildDiagnosticsBundle(*m_client, options).toVariantMap();
}

bool AppSession::dismissBlocked(const QString &eventId, const QString &deviceId) {
    if (!m_client || !m_client->store() || m_client->userId().isEmpty())
        return false;
    QString error;
    if (!m_client->store()->events().setDismissed(m_client->userId(), {eventId, deviceId}, true,
                                                  &error)) {
        qCWarning(lcApp, "dismiss: %s", qPrintable(error));
        return false;
    }
    m_events.refreshEvent(eventId, deviceId);
    return true;
}

QString AppSession::supportDetails(const QString &eventId, const QString &deviceId) {
    if (!m_client || !m_client->store() || m_client->userId().isEmpty())
        return {};
    const QString account = m_client->userId();
    const auto event = m_client->store()->events().find(account, {eventId, deviceId});
    if (!event || event->state != vf::store::VerificationState::Refused)
        return {};
    QString report = QStringLiteral("sent");
    const QList<vf::store::QueuedReport> pending = m_client->store()->outbox().pending(account);
    for (const vf::store::QueuedReport &q : pending) {
        if (q.report.eventId == eventId && q.report.deviceId == deviceId)
            report = QStringLiteral("queued, %1 attempts so far").arg(q.attempts);
    }
    // Plain text, one fact a line, the same in every language for support's tools: the
    // labels stay English.
    return QStringLiteral("Veriframe blocked item\nreason: %1\nevent_id: %2\ndevice_id: %3\n"
                          "report: %4\napp: %5\n")
        .arg(event->reason, eventId, deviceId, report, m_client->options().appVersion);
}

QStringList AppSession::checkLabels() const {
    QStringList labels;
    for (int n = 1; n <= vf::trust::kCheckCount; ++n)
        labels.append(vf::trust::checkText(static_cast<vf::trust::Reason>(n)));
    return labels;
}

QVariantList AppSession::eventLabels() const {
    QVariantList list;
    for (const vf::model::EventLabel &label : vf::model::eventLabels()) {
        list.append(QVariantMap{
            {QStringLiteral("key"), QString::fromLatin1(label.key)},
            {QStringLiteral("name"), vf::model::eventLabelName(QString::fromLatin1(label.key))},
            {QStringLiteral("color"), QString::fromLatin1(label.color)},
            {QStringLiteral("darkColor"), QString::fromLatin1(label.darkColor)}});
    }
    return list;
}

void AppSession::retranslate() {
    m_events.retranslate(); // day headers come from the model
    Q_EMIT languageChanged();
}

void AppSession::copySupportDetails(const QString &eventId, const QString &deviceId) {
    const QString text = supportDetails(eventId, deviceId);
    if (!text.isEmpty() && QGuiApplication::clipboard())
        QGuiApplication::clipboard()->setText(text);
}

QString AppSession::userId() const {
    return m_client ? m_client->userId() : QString();
}

QString AppSession::username() const {
    return m_client ? m_client->username() : QString();
}

QString AppSession::serverLabel() const {
    if (!m_client)
        return {};
    const QUrl url = m_client->options().server;
    return m_embedded ? tr("Demo cloud on this computer (%1)").arg(url.authority())
                      : url.toDisplayString();
}

int AppSession::reportsPending() const {
    return m_client && m_client->reports() ? m_client->reports()->pending() : 0;
}

void AppSession::onClientState(vf::sync::ClientSession::State state) {
    using S = vf::sync::ClientSession::State;
    switch (state) {
    case S::SignedOut:
        setState(State::SignedOut);
        break;
    case S::SigningIn:
        m_gate->set(nullptr); // the previous account's gate is closing
        setState(State::SigningIn);
        break;
    case S::Syncing:
        setState(State::Syncing);
        break;
    case S::Ready:
        setState(State::Ready);
        Q_EMIT reportsChanged();
        Q_EMIT becameIdle();
        break;
    case S::Failed:
        setState(State::Failed);
        break;
    }
}

void AppSession::onSignedIn() {
    vf::sync::ClientSession &client = *m_client;
    const QString account = client.userId();
    client.gate()->setRefusalObserver([this](const vf::store::EventKey &key) {
        // From an image provider thread: the display gate found a cached item no longer
        // valid (revoked since). The tile turns refused on the GUI thread.
        QMetaObject::invokeMethod(
            this,
            [this, key] {
                m_events.refreshEvent(key.eventId, key.deviceId);
                m_refusals.reload();
                Q_EMIT reportsChanged();
            },
            Qt::QueuedConnection);
    });
    m_gate->set(client.gate());
    m_events.setSource(client.store(), account);
    m_refusals.setSource(client.store(), account);
    // Before any sync: what earlier runs verified is already known (the sync only
    // announces entries it verifies now, not those verified before).
    reloadDeviceAccess();

    vf::sync::EventSync *sync = client.events();
    connect(sync, &vf::sync::EventSync::eventChanged, &m_events,
            &vf::model::EventsModel::refreshEvent);
    connect(sync, &vf::sync::EventSync::eventChanged, this,
            &AppSession::scheduleDeviceAccessReload);
    connect(sync, &vf::sync::EventSync::eventRefused, &m_refusals,
            &vf::model::RefusalsModel::reload);
    connect(sync, &vf::sync::EventSync::itemFailed, &m_events,
            &vf::model::EventsModel::setItemError);
    connect(sync, &vf::sync::EventSync::pageLoaded, this,
            [this](const QStringList &, bool hasMore) {
                if (!m_listingError.isEmpty()) {
                    m_listingError.clear();
                    Q_EMIT listingErrorChanged();
                }
                m_events.setCloudHasMore(hasMore);
            });
    connect(sync, &vf::sync::EventSync::listingFailed, this,
            [this](const vf::net::ApiError &error) {
                m_listingError = error.describe();
                Q_EMIT listingErrorChanged();
            });
    connect(sync, &vf::sync::EventSync::reportQueued, this, &AppSession::reportsChanged);
    connect(client.reports(), &vf::sync::ReportSender::pendingChanged, this,
            &AppSession::reportsChanged);
    connect(client.devices(), &vf::sync::DeviceSync::devicesChanged, &m_devices,
            [this](const QList<vf::store::DeviceDescription> &devices) {
                m_devices.setDevices(devices);
            });
    client.devices()->fetch();
    Q_EMIT stateChanged();
}

void AppSession::scheduleDeviceAccessReload() {
    if (m_deviceAccessReloadQueued)
        return;
    m_deviceAccessReloadQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_deviceAccessReloadQueued = false;
            reloadDeviceAccess();
        },
        Qt::QueuedConnection);
}

void AppSession::reloadDeviceAccess() {
    if (!m_client || !m_client->store() || m_client->userId().isEmpty()) {
        m_devices.loadVerified({});
        return;
    }
    m_devices.loadVerified(m_client->store()->events().verifiedDevices(m_client->userId()));
}

void AppSession::setState(State state) {
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

} // namespace vf::app
