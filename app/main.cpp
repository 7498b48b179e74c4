// veriframe: the app. With no flags it starts the reference cloud in-process on a free
// loopback port with the demo world, signs in as the demo user and opens the Events tab
// (automation.md). Every thumbnail it shows comes through the "verified" image provider.
#include "AppOptions.h"
#include "AppSession.h"
#include "AutomationDriver.h"
#include "BundledAnchors.h"
#include "PrivateFiles.h"
#include "VerifiedImageProvider.h"

#ifdef VERIFRAME_EMBEDDED_CLOUD
#include "CloudHost.h"
#endif

#include <QDir>
#include <QGuiApplication>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>
#include <QtQml/QQmlExtensionPlugin>
#include <algorithm>
#include <cstdio>
#include <optional>

#include <openssl/crypto.h>

extern "C" {
#include <libavutil/avutil.h>
#include <libavutil/log.h>
}

Q_IMPORT_QML_PLUGIN(VeriframePlugin)

using namespace vf;

namespace {

int usageError(const QString &message) {
    std::fprintf(stderr, "veriframe: %s\n%s", qPrintable(message),
                 qPrintable(app::AppOptions::usage()));
    return 2;
}

void installTranslation(QGuiApplication &application, QTranslator &translator,
                        const QString &language) {
    application.removeTranslator(&translator);
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale); // dates and numbers follow the language too
    if (translator.load(locale, QStringLiteral("veriframe"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        application.installTranslator(&translator);
}

// --help, --version, or a usage error (when errors are final): the exit code; else nothing.
std::optional<int> answerWithoutStarting(const app::AppOptions::ParseResult &parsed,
                                         bool errorsAreFinal) {
    if (parsed.help) {
        std::fputs(qPrintable(app::AppOptions::usage()), stdout);
        return 0;
    }
    if (parsed.version) {
        std::printf("veriframe %s\n", VERIFRAME_VERSION);
        return 0;
    }
    if (!parsed.options && errorsAreFinal)
        return usageError(parsed.error);
    return std::nullopt;
}

} // namespace

int main(int argc, char **argv) {
    // Everything this process writes (database, cache, logs, exports) is private from the
    // first byte, whatever umask it was started with (store/PrivateFiles.h).
    store::restrictUmask();
    // --help, --version and usage errors need no display: answered before QGuiApplication,
    // which aborts where there is none. Qt's own single-dash options (-platform ...) are
    // only known once it has taken them out, so with any of them the check waits for it.
    {
        QStringList raw;
        for (int i = 1; i < argc; ++i)
            raw << QString::fromLocal8Bit(argv[i]);
        const bool qtOptions = std::any_of(raw.cbegin(), raw.cend(), [](const QString &a) {
            return a.startsWith(u'-') && !a.startsWith(QLatin1String("--")) && a != u"-h";
        });
        const auto early = app::AppOptions::parse(raw);
        if (const std::optional<int> done = answerWithoutStarting(early, !qtOptions))
            return *done;
    }
    QGuiApplication application(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("Veriframe"));
    QGuiApplication::setApplicationName(QStringLiteral("veriframe"));
    QGuiApplication::setApplicationVersion(QStringLiteral(VERIFRAME_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.veriframe.Veriframe"));

    auto parsed = app::AppOptions::parse(application.arguments().mid(1));
    if (const std::optional<int> done = answerWithoutStarting(parsed, true))
        return *done;
    app::AppOptions options = *parsed.options;
    if (const QString error =
            app::resolvePassword(options, qEnvironmentVariable("VERIFRAME_PASSWORD"));
        !error.isEmpty())
        return usageError(error);
    av_log_set_level(AV_LOG_ERROR); // FFmpeg's per-frame chatter is not for users

    // --language, else the language picked in Settings (stored by the QML), else the system's.
    if (options.language.isEmpty())
        options.language = QSettings().value(QStringLiteral("appearance/language")).toString();
    QTranslator translator;
    installTranslation(application, translator, options.language);
    QQuickStyle::setStyle(QStringLiteral("Material"));

    const QString dataDir = options.dataDir.isEmpty()
                                ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                : QDir(options.dataDir).absolutePath();
    if (!QDir().mkpath(dataDir)) {
        std::fprintf(stderr, "veriframe: cannot create the data directory %s\n",
                     qPrintable(dataDir));
        return 1;
    }

    auto gate = std::make_shared<app::CurrentGate>();
    app::AppSession session(options.embedded(), gate);
    app::AppSession::setInstance(&session);
    session.setSuggestedUsername(options.user);
    session.setVersions(
        {{QStringLiteral("app"), QStringLiteral(VERIFRAME_VERSION)},
         {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
         {QStringLiteral("openssl"), QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION))},
         {QStringLiteral("ffmpeg"), QString::fromLatin1(av_version_info())}});

    QQmlApplicationEngine engine;
    engine.addImageProvider(QString::fromLatin1(app::VerifiedImageProvider::kProviderId),
                            new app::VerifiedImageProvider(gate));
    engine.setInitialProperties({{QStringLiteral("initialTheme"), options.theme},
                                 {QStringLiteral("language"), options.language},
                                 {QStringLiteral("diagnostic"), options.diagnostic},
                                 {QStringLiteral("playFirstClip"), options.playFirstClip},
                                 {QStringLiteral("blockedOnly"), options.blockedOnly},
                                 {QStringLiteral("openSection"), options.openSection}});
    engine.load(QUrl(QStringLiteral("qrc:/Veriframe/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (window && options.width > 0) {
        window->resize(options.width, options.height);
    }

    // Settings → Language: switch at once, without a restart.
    QObject::connect(&session, &app::AppSession::languageRequested, &engine,
                     [&](const QString &language) {
                         installTranslation(application, translator, language);
                         engine.retranslate();
                         session.retranslate(); // day headers, the labels' words
                     });

    // --export-diagnostics FILE: after the first sync, the bundle, then exit.
    if (!options.exportDiagnostics.isEmpty()) {
        QObject::connect(&session, &app::AppSession::becameIdle, &application, [&] {
            const QString error =
                session.exportDiagnostics(QUrl::fromLocalFile(options.exportDiagnostics));
            if (!error.isEmpty())
                std::fprintf(stderr, "veriframe: %s\n", qPrintable(error));
            application.exit(error.isEmpty() ? 0 : 1);
        });
        QObject::connect(&session, &app::AppSession::stateChanged, &application, [&] {
            if (session.state() == app::AppSession::State::Failed) {
                std::fprintf(stderr, "veriframe: %s\n", qPrintable(session.lastError()));
                application.exit(1);
            }
        });
    }

    app::AutomationDriver driver(session, options.screenshot, options.quitWhenIdle);
    driver.setWindow(window);
    QObject::connect(&driver, &app::AutomationDriver::finished, &application,
                     [&](int code) { application.exit(code); });

    // What to do once a cloud is known: its client, the automation log, the sign-in.
    auto attach = [&](const QUrl &server, std::shared_ptr<const trust::TrustAnchors> anchors,
                      const QString &user, const QString &password) {
        sync::ClientOptions client;
        client.server = server;
        client.dataDir = dataDir + QStringLiteral("/client");
        client.anchors = std::move(anchors);
        QString error;
        if (!session.attach(client, &error))
            return;
        if (!options.automationLog.isEmpty() &&
            !session.client()->automationLog().open(options.automationLog, &error)) {
            session.failStarting(error);
            return;
        }
        if (!options.exportDiagnostics.isEmpty()) {
            // "After the first sync" never comes when it fails for good: the bundle (support's
            // view of exactly that failure) is written all the same, and the run exits 1.
            QObject::connect(
                session.client(), &sync::ClientSession::firstSyncFailed, &application,
                [&](const net::ApiError &failure) {
                    std::fprintf(stderr, "veriframe: the first sync failed: %s\n",
                                 qPrintable(failure.describe()));
                    const QString exportError =
                        session.exportDiagnostics(QUrl::fromLocalFile(options.exportDiagnostics));
                    if (!exportError.isEmpty())
                        std::fprintf(stderr, "veriframe: %s\n", qPrintable(exportError));
                    application.exit(1);
                });
        }
        if (options.noRemember)
            session.setStaySignedIn(false);
        if (options.signOut) {
            // automation.md v2 --sign-out: the kept account is revoked at the cloud when
            // reachable, its secrets and data deleted; then the run ends.
            QObject::connect(session.keeper(), &app::SessionKeeper::signedOutKept, &application,
                             [&](bool found) {
                                 if (!found)
                                     std::fprintf(stderr,
                                                  "veriframe: no kept session to sign out of\n");
                                 application.exit(0);
                             });
            session.keeper()->signOutKept(user);
            return;
        }
        if (!user.isEmpty() && !password.isEmpty()) {
            session.signIn(user, password);
            return;
        }
        // automation.md v2: --user NAME without a password, or no --user at all: the kept
        // session (NAME's, or the last one signed in), else the sign-in page.
        QObject::connect(&session, &app::AppSession::resumeLookedUp, &application, [&](bool found) {
            if (found || !options.quitWhenIdle)
                return;
            std::fprintf(stderr,
                         "veriframe: no kept session%s and no password: "
                         "nothing to sign in with\n",
                         user.isEmpty() ? "" : qPrintable(QStringLiteral(" for ") + user));
            application.exit(1);
        });
        session.resumeKept(user);
    };

#ifdef VERIFRAME_EMBEDDED_CLOUD
    std::unique_ptr<cloud::CloudHost> host;
#endif
    if (options.embedded()) {
#ifdef VERIFRAME_EMBEDDED_CLOUD
        cloud::CloudConfig config;
        config.dataDir = dataDir + QStringLiteral("/embedded-cloud");
        config.demo = true;
        QString error;
        const auto plan = cloud::FaultPlan::parse(options.fault, config.seed, &error);
        if (!plan)
            return usageError(QStringLiteral("--fault: %1").arg(error));
        config.faults = *plan;
        host = std::make_unique<cloud::CloudHost>(config);
        QObject::connect(host.get(), &cloud::CloudHost::failed, &session, [&](const QString &why) {
            session.failStarting(QStringLiteral("the embedded cloud: %1").arg(why));
        });
        QObject::connect(host.get(), &cloud::CloudHost::started, &session, [&](const QUrl &url) {
            // The in-process cloud is part of this app: its anchors are local files it wrote,
            // never downloaded. --device-roots/--owner-authorities override them.
            auto loaded =
                options.deviceRoots.isEmpty()
                    ? host->trustAnchors()
                    : trust::TrustAnchors::fromFiles(options.deviceRoots, options.ownerAuthorities);
            if (!loaded.anchors) {
                session.failStarting(loaded.error);
                return;
            }
            QVariantList accounts;
            for (const cloud::DemoUser &u : host->world().users)
                accounts.append(QVariantMap{{QStringLiteral("username"), u.username},
                                            {QStringLiteral("password"), u.password}});
            session.setDemoAccounts(accounts);
            QString user = options.user.isEmpty() ? QStringLiteral("alice") : options.user;
            QString password = options.password;
            if (options.user.isEmpty() || password.isEmpty()) {
                if (const cloud::DemoUser *demo = host->world().user(user))
                    password = demo->password;
            }
            attach(url, loaded.anchors, user, password);
        });
        host->startAsync();
#else
        return usageError(QStringLiteral("this build has no embedded cloud: give --server"));
#endif
    } else {
        // Without anchors on the command line: the bundled demo roots, said out loud, since
        // anyone holding the published demo keys could sign for them.
        if (options.deviceRoots.isEmpty())
            std::fprintf(stderr, "%s\n", qPrintable(app::BundledAnchors::warning()));
        auto loaded =
            options.deviceRoots.isEmpty()
                ? app::BundledAnchors::load()
                : trust::TrustAnchors::fromFiles(options.deviceRoots, options.ownerAuthorities);
        if (!loaded.anchors)
            return usageError(loaded.error);
        attach(QUrl(options.server), loaded.anchors, options.user, options.password);
    }

    const int code = application.exec();
    // The engine (and its image provider) first, then the session and the cloud.
    engine.deleteLater();
    return code;
}
