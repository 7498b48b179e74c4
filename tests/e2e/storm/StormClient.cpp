// vf_storm_client: one headless client of the reconnect storm (vf_storm). It signs in, syncs
// every page, then asks the app's own image provider (VerifiedImageProvider, the only way a
// thumbnail reaches the screen) for the thumbnail of *every* event its store holds, verified
// or refused, foreign ones included, as a grid scrolled end to end would; and exits 0 once
// idle with every report acknowledged. vf_storm kills it with SIGKILL and starts it again on
// the same data directory at will.
//   vf_storm_client --server URL --data-dir DIR --user NAME --password PW
//                   --device-roots FILE --owner-authorities FILE --log FILE --summary FILE
//                   [--timeout-s N]
// Exit codes: 0 done, 1 sign-in refused or store unusable, 2 usage, 3 timed out.
#include "ClientSession.h"
#include "CurrentGate.h"
#include "EventSync.h"
#include "MediaCache.h"
#include "ReportSender.h"
#include "RevocationSync.h"
#include "Store.h"
#include "VerifiedImageProvider.h"

#include <QCommandLineParser>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickTextureFactory>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>

#include <memory>

using namespace vf;

namespace {

struct ImagePass {
    int asked = 0;
    int images = 0;
    int errors = 0;
};

// Every event of the account through the provider, in pages of a grid's size; the
// responses are collected once the provider's pool is done with each page.
ImagePass requestEveryThumbnail(sync::ClientSession &session,
                                app::VerifiedImageProvider &provider) {
    ImagePass pass;
    const QString account = session.userId();
    const QString partition = store::MediaCache::partitionName(account);
    const auto events = session.store()->events().page(account, {}, std::nullopt, 1'000'000);
    constexpr qsizetype kPage = 48;
    for (qsizetype first = 0; first < events.size(); first += kPage) {
        std::vector<std::unique_ptr<QQuickImageResponse>> responses;
        for (qsizetype i = first; i < qMin(events.size(), first + kPage); ++i) {
            const store::StoredEvent &e = events.at(i);
            const QString id = partition + u'/' +
                               QString::fromLatin1(QUrl::toPercentEncoding(e.id)) + u'/' +
                               QString::fromLatin1(e.thumbnailSha256.toHex().left(16));
            responses.emplace_back(provider.requestImageResponse(id, QSize(96, 54)));
            ++pass.asked;
        }
        provider.waitForDone();
        for (const auto &response : responses) {
            if (!response->errorString().isEmpty()) {
                ++pass.errors;
                continue;
            }
            std::unique_ptr<QQuickTextureFactory> factory(response->textureFactory());
            if (factory && !factory->image().isNull())
                ++pass.images;
            else
                ++pass.errors;
        }
    }
    return pass;
}

} // namespace

int main(int argc, char **argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    const char *const required[] = {"server",       "data-dir",          "user", "password",
                                    "device-roots", "owner-authorities", "log",  "summary"};
    for (const char *name : required)
        parser.addOption({QString::fromLatin1(name), QString::fromLatin1(name), "value"});
    parser.addOption(
        {"timeout-s", "give up after this many seconds (default 900)", "seconds", "900"});
    parser.process(app);
    for (const char *name : required) {
        if (!parser.isSet(QString::fromLatin1(name))) {
            qCritical("vf_storm_client: --%s is required", name);
            return 2;
        }
    }
    const auto anchors = trust::TrustAnchors::fromFiles(parser.value("device-roots"),
                                                        parser.value("owner-authorities"));
    if (!anchors.anchors) {
        qCritical("vf_storm_client: %s", qPrintable(anchors.error));
        return 2;
    }
    sync::ClientOptions options;
    options.server = QUrl(parser.value("server"));
    options.dataDir = parser.value("data-dir");
    options.anchors = anchors.anchors;
    options.sync.followAllPages = true;
    sync::ClientSession session(options);
    QString error;
    if (!session.open(&error) || !session.automationLog().open(parser.value("log"), &error)) {
        qCritical("vf_storm_client: %s", qPrintable(error));
        return 1;
    }
    auto current = std::make_shared<app::CurrentGate>();
    app::VerifiedImageProvider provider(current);

    bool imagesDone = false;
    ImagePass pass;
    int recoveries = 0; // syncs started again after a failure
    auto finishIfDone = [&] {
        if (!imagesDone || !session.isIdle() || session.reports()->pending() > 0)
            return;
        const QString account = session.userId();
        int verified = 0, refused = 0;
        const auto events = session.store()->events().page(account, {}, std::nullopt, 1'000'000);
        for (const store::StoredEvent &e : events)
            (e.state == store::VerificationState::Verified ? verified : refused)++;
        const QJsonObject summary{{"user_id", account},          {"events", int(events.size())},
                                  {"verified", verified},        {"refused", refused},
                                  {"images_asked", pass.asked},  {"images", pass.images},
                                  {"image_errors", pass.errors}, {"recoveries", recoveries}};
        QSaveFile out(parser.value("summary"));
        if (!out.open(QIODevice::WriteOnly) ||
            out.write(QJsonDocument(summary).toJson(QJsonDocument::Compact)) < 0 || !out.commit()) {
            qCritical("vf_storm_client: cannot write the summary");
            app.exit(1);
            return;
        }
        app.exit(0);
    };
    QObject::connect(&session, &sync::ClientSession::signInFailed, &app,
                     [&](const QString &code, const QString &message) {
                         qCritical("vf_storm_client: sign-in refused (%s): %s", qPrintable(code),
                                   qPrintable(message));
                         app.exit(1);
                     });
    // Idle after a 503 stretch can mean a listing or some thumbnails failed: like the app's
    // retry, sync again a second later until everything is judged.
    auto unfinished = [&] {
        QList<store::EventKey> loading;
        for (const store::StoredEvent &e :
             session.store()->events().page(session.userId(), {}, std::nullopt, 1'000'000))
            if (e.state == store::VerificationState::Loading)
                loading << e.key();
        return std::pair{!session.events()->lastError().isEmpty(), loading};
    };
    // A listing that fails before its first page ever loaded leaves the sync not idle (the
    // app shows the error and its Retry button): retry as the user would, a second later.
    QObject::connect(&session, &sync::ClientSession::signedIn, &app, [&] {
        QObject::connect(session.events(), &sync::EventSync::listingFailed, &app, [&] {
            ++recoveries;
            QTimer::singleShot(1000, &app, [&session] {
                if (session.events() && !session.events()->firstPageLoaded())
                    session.refresh();
            });
        });
    });
    QObject::connect(&session, &sync::ClientSession::idle, &app, [&] {
        if (const auto [listingFailed, loading] = unfinished();
            listingFailed || !loading.isEmpty()) {
            ++recoveries;
            // Copies by name: clang 14 cannot capture structured bindings.
            QTimer::singleShot(1000, &app,
                               [&session, listingFailed = listingFailed, loading = loading] {
                                   if (!session.events())
                                       return;
                                   if (listingFailed)
                                       session.refresh();
                                   for (const store::EventKey &key : loading)
                                       session.events()->retry(key);
                               });
            return;
        }
        if (!imagesDone) {
            current->set(session.gate());
            pass = requestEveryThumbnail(session, provider);
            imagesDone = true;
        }
        finishIfDone();
    });
    // A client that is not done after a minute says where it stands, every 30 s.
    QTimer stall;
    QObject::connect(&stall, &QTimer::timeout, &app, [&] {
        sync::EventSync *events = session.events();
        qWarning("vf_storm_client %s: state %d, listing %s (in flight %d, more %d), "
                 "revocations %s, reports pending %d, images done %d, last error '%s'",
                 qPrintable(parser.value("user")), int(session.state()),
                 events ? (events->isIdle() ? "idle" : "busy") : "none",
                 events ? events->inFlight() : -1, events ? int(events->hasMore()) : -1,
                 session.revocations() ? (session.revocations()->isFetching() ? "fetching" : "done")
                                       : "none",
                 session.reports() ? session.reports()->pending() : -1, int(imagesDone),
                 qPrintable(events ? events->lastError() : session.lastError()));
    });
    QTimer::singleShot(60000, &app, [&stall] { stall.start(30000); });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, finishIfDone);
    poll.start(100);
    const int timeoutS = parser.value("timeout-s").toInt();
    QTimer::singleShot(qMax(1, timeoutS) * 1000, &app, [&] {
        qCritical("vf_storm_client: not done after %d s", timeoutS);
        app.exit(3);
    });
    session.signIn(parser.value("user"), parser.value("password"));
    return app.exec();
}
