#pragma once
// The signed-in session as QML sees it (a singleton, created by main before the engine
// loads): sign-in, state, the Events/Cameras/Refusals models, refresh and retry. It wires
// the client core's signals to the models; it decides nothing about trust itself.
#include "ClientSession.h"
#include "CurrentGate.h"
#include "DevicesModel.h"
#include "EventsModel.h"
#include "RefreshTokenVault.h"
#include "RefusalsModel.h"
#include "SessionKeeper.h"
#include "TileRowsModel.h"

#include <QJsonObject>
#include <QObject>
#include <QQmlEngine>
#include <QVariantList>

namespace vf::app {

class AppSession : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(QString userId READ userId NOTIFY stateChanged)
    Q_PROPERTY(QString username READ username NOTIFY stateChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY errorChanged)
    Q_PROPERTY(QString listingError READ listingError NOTIFY listingErrorChanged)
    Q_PROPERTY(QString serverLabel READ serverLabel NOTIFY serverChanged)
    // What the sign-in page starts with: --user, else the last account signed in.
    Q_PROPERTY(QString suggestedUsername READ suggestedUsername NOTIFY stateChanged)
    Q_PROPERTY(bool embedded READ embedded CONSTANT)
    // "Stay signed in" (cloud-api.md §1 v2): offered for a cloud given with --server (the
    // embedded one has a new address each run); on by default, for the next sign-in.
    Q_PROPERTY(bool canStaySignedIn READ canStaySignedIn NOTIFY serverChanged)
    Q_PROPERTY(bool staySignedIn READ staySignedIn WRITE setStaySignedIn NOTIFY staySignedInChanged)
    // Why the session cannot be kept on this system (no secret store, a locked keyring);
    // empty when it can.
    Q_PROPERTY(QString keepProblem READ keepProblem NOTIFY keepProblemChanged)
    Q_PROPERTY(QVariantList demoAccounts READ demoAccounts NOTIFY serverChanged)
    Q_PROPERTY(int reportsPending READ reportsPending NOTIFY reportsChanged)
    // trust.md §7 v2: the held revocation list is out of date (or none could be had).
    Q_PROPERTY(bool revocationStale READ revocationStale NOTIFY revocationChanged)
    // When the held list was issued, in ms since the epoch; 0 when none is held.
    Q_PROPERTY(double revocationIssuedMs READ revocationIssuedMs NOTIFY revocationChanged)
    Q_PROPERTY(vf::model::EventsModel *events READ events CONSTANT)
    Q_PROPERTY(vf::model::TileRowsModel *tileRows READ tileRows CONSTANT)
    Q_PROPERTY(vf::model::DevicesModel *devices READ devices CONSTANT)
    Q_PROPERTY(vf::model::RefusalsModel *refusals READ refusals CONSTANT)
    // The one labels table (model::eventLabels) in the current language, in the label
    // filter's order: {key, name, color, darkColor} each.
    Q_PROPERTY(QVariantList eventLabels READ eventLabels NOTIFY languageChanged)
public:
    enum class State { Starting, SignedOut, SigningIn, Syncing, Ready, Failed };
    Q_ENUM(State)

    AppSession(bool embedded, std::shared_ptr<CurrentGate> gate, QObject *parent = nullptr);
    ~AppSession() override;

    // The singleton main created; QML gets exactly that one.
    static AppSession *create(QQmlEngine *, QJSEngine *);
    static void setInstance(AppSession *instance);

    // Once the cloud is known (at once, or when the embedded cloud has started).
    bool attach(vf::sync::ClientOptions options, QString *error);
    void setDemoAccounts(const QVariantList &accounts) {
        m_demoAccounts = accounts;
        Q_EMIT serverChanged();
    }
    // The embedded cloud could not start: nothing to sign in to.
    void failStarting(const QString &message);
    vf::sync::ClientSession *client() { return m_client.get(); }

    Q_INVOKABLE void signIn(const QString &username, const QString &password);
    // Resumes the session kept for username at this cloud (or the last one signed in when
    // empty); resumeLookedUp(found) says whether there was one.
    void resumeKept(const QString &username);
    SessionKeeper *keeper() { return m_keeper.get(); }
    bool canStaySignedIn() const { return m_keeper != nullptr; }
    bool staySignedIn() const { return m_keeper && m_keeper->remember(); }
    void setStaySignedIn(bool stay);
    QString keepProblem() const { return m_keeper ? m_keeper->storeProblem() : QString(); }
    Q_INVOKABLE void cancelSignIn();
    void setSuggestedUsername(const QString &username) { m_suggestedUsername = username; }
    QString suggestedUsername() const { return m_suggestedUsername; }
    Q_INVOKABLE void signOut();
    Q_INVOKABLE void refresh();
    // Entries are (event ID, device ID) (trust.md §6 v2).
    Q_INVOKABLE void retry(const QString &eventId, const QString &deviceId);
    Q_INVOKABLE void loadMore();
    // An event's state changed outside the sync (the player refused its clip).
    Q_INVOKABLE void noteEventChanged(const QString &eventId, const QString &deviceId);
    // Settings → Language ("" = the system's); main installs the translation.
    Q_INVOKABLE void setLanguage(const QString &language) { Q_EMIT languageRequested(language); }
    // The support bundle (no media, no tokens, pseudonymised IDs) to a file; empty on
    // success, else why not.
    Q_INVOKABLE QString exportDiagnostics(const QUrl &file);
    void setVersions(const QJsonObject &versions) { m_versions = versions; }
    // Diagnostic mode's view of everything (the bundle's content, as QML data). Computed
    // on demand: it verifies every event again.
    Q_INVOKABLE QVariantMap diagnosticsSnapshot(int maxEvents = 400);
    // A blocked item leaves the grid and the counts (it stays in diagnostics); false if it
    // is not a blocked item of this account.
    Q_INVOKABLE bool dismissBlocked(const QString &eventId, const QString &deviceId);
    // What support needs about a blocked item, as text (verdict, IDs, report state, app
    // version; nothing of the entry's listing); copySupportDetails puts it on the clipboard.
    Q_INVOKABLE QString supportDetails(const QString &eventId, const QString &deviceId);
    Q_INVOKABLE void copySupportDetails(const QString &eventId, const QString &deviceId);
    // What the fifteen checks of trust.md §6 establish, in order: what a verified item
    // passed (its state is verified only when every one did, and again at display).
    Q_INVOKABLE QStringList checkLabels() const;
    QVariantList eventLabels() const;
    // After main installed another language: what the models and the labels table give
    // is made again in it.
    void retranslate();

    State state() const { return m_state; }
    bool busy() const { return m_state == State::SigningIn || m_state == State::Syncing; }
    QString userId() const;
    QString username() const;
    QString lastError() const { return m_lastError; }
    QString listingError() const { return m_listingError; }
    QString serverLabel() const;
    bool embedded() const { return m_embedded; }
    QVariantList demoAccounts() const { return m_demoAccounts; }
    int reportsPending() const;
    bool revocationStale() const { return m_client && m_client->revocationStale(); }
    double revocationIssuedMs() const;
    vf::model::EventsModel *events() { return &m_events; }
    vf::model::TileRowsModel *tileRows() { return &m_tileRows; }
    vf::model::DevicesModel *devices() { return &m_devices; }
    vf::model::RefusalsModel *refusals() { return &m_refusals; }

Q_SIGNALS:
    void stateChanged();
    void errorChanged();
    void listingErrorChanged();
    void serverChanged();
    void reportsChanged();
    void revocationChanged();
    void becameIdle();
    void languageRequested(const QString &language);
    void languageChanged();
    void staySignedInChanged();
    void keepProblemChanged();
    // After resumeKept(): whether a kept session was found (and is being resumed).
    void resumeLookedUp(bool found);

private:
    void onClientState(vf::sync::ClientSession::State state);
    void onSignedIn();
    // Cameras' access and verified counts from the store's verified entries, at most once
    // per event-loop turn however many entries the sync changed.
    void scheduleDeviceAccessReload();
    void reloadDeviceAccess();
    void setState(State state);

    bool m_embedded;
    std::shared_ptr<CurrentGate> m_gate;
    std::unique_ptr<vf::sync::ClientSession> m_client;
    // After the client: they use it, and go first.
    std::unique_ptr<vf::secrets::RefreshTokenVault> m_vault;
    std::unique_ptr<SessionKeeper> m_keeper;
    vf::model::EventsModel m_events;
    vf::model::TileRowsModel m_tileRows;
    vf::model::DevicesModel m_devices;
    vf::model::RefusalsModel m_refusals;
    QVariantList m_demoAccounts;
    QJsonObject m_versions;
    State m_state = State::Starting;
    QString m_lastError;
    QString m_listingError;
    QString m_suggestedUsername;
    bool m_deviceAccessReloadQueued = false;
};

} // namespace vf::app
