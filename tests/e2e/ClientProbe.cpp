// vf_client_probe: the client core as a headless process, for the tests that must kill a
// client with SIGKILL and start it again on the same data directory. It signs in, syncs
// the first page, shows (through the display gate) every verified thumbnail, and exits 0
// once idle, or once idle with every report acknowledged (--until-drained).
//   vf_client_probe --server URL --data-dir DIR --user NAME --password PW
//                   --device-roots FILE --owner-authorities FILE --log FILE
//                   [--until-drained] [--follow-all-pages]
// Exit codes: 0 done, 1 sign-in refused or store unusable, 2 usage, 3 timed out.
#include "ClientSession.h"
#include "Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QImage>
#include <QTimer>

#include <csignal>
#include <execinfo.h>
#include <unistd.h>

using namespace vf;

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define VF_SANITIZED
#endif
#endif

namespace {

// A crash (an abort from the allocator, a segfault) prints the stack to stderr before the
// process dies, so that a failure seen once on a loaded CI machine says where it was.
void printStackAndDie(int signal) {
    void *frames[64];
    const int depth = backtrace(frames, 64);
    const char header[] = "vf_client_probe: crashed; stack:\n";
    (void)!write(STDERR_FILENO, header, sizeof header - 1);
    backtrace_symbols_fd(frames, depth, STDERR_FILENO);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

} // namespace

int main(int argc, char **argv) {
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) && !defined(VF_SANITIZED)
    // (Sanitizer builds keep their own handlers, which report more.)
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE})
        std::signal(sig, printStackAndDie);
#endif
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    for (const char *name :
         {"server", "data-dir", "user", "password", "device-roots", "owner-authorities", "log"})
        parser.addOption({QString::fromLatin1(name), QString::fromLatin1(name), "value"});
    parser.addOption({"until-drained", "wait for every report to be acknowledged"});
    parser.addOption({"follow-all-pages", "sync every page, not just the first"});
    parser.process(app);
    for (const char *name :
         {"server", "data-dir", "user", "password", "device-roots", "owner-authorities", "log"}) {
        if (!parser.isSet(QString::fromLatin1(name))) {
            qCritical("vf_client_probe: --%s is required", name);
            return 2;
        }
    }
    const auto anchors = trust::TrustAnchors::fromFiles(parser.value("device-roots"),
                                                        parser.value("owner-authorities"));
    if (!anchors.anchors) {
        qCritical("vf_client_probe: %s", qPrintable(anchors.error));
        return 2;
    }
    sync::ClientOptions options;
    options.server = QUrl(parser.value("server"));
    options.dataDir = parser.value("data-dir");
    options.anchors = anchors.anchors;
    options.sync.followAllPages = parser.isSet("follow-all-pages");
    sync::ClientSession session(options);
    QString error;
    if (!session.open(&error) || !session.automationLog().open(parser.value("log"), &error)) {
        qCritical("vf_client_probe: %s", qPrintable(error));
        return 1;
    }
    const bool untilDrained = parser.isSet("until-drained");
    auto finishIfDone = [&] {
        if (!session.isIdle())
            return;
        if (untilDrained && session.reports()->pending() > 0)
            return;
        app.exit(0);
    };
    QObject::connect(&session, &sync::ClientSession::signInFailed, &app,
                     [&](const QString &code, const QString &message) {
                         qCritical("vf_client_probe: sign-in refused (%s): %s", qPrintable(code),
                                   qPrintable(message));
                         app.exit(1);
                     });
    QObject::connect(&session, &sync::ClientSession::idle, &app, [&] {
        // What a user would see: every verified thumbnail, through the gate.
        const QString account = session.userId();
        for (const store::StoredEvent &e :
             session.store()->events().page(account, {}, std::nullopt, 100000)) {
            if (e.state != store::VerificationState::Verified)
                continue;
            session.gate()->releaseThumbnail(e.key(), [](const QByteArray &bytes) {
                const QImage image = QImage::fromData(bytes, "JPEG");
                if (image.isNull())
                    qWarning("vf_client_probe: a verified thumbnail does not decode");
            });
        }
        finishIfDone();
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, finishIfDone);
    poll.start(100);
    QTimer::singleShot(120000, &app, [&] {
        qCritical("vf_client_probe: not idle after 120 s");
        app.exit(3);
    });
    session.signIn(parser.value("user"), parser.value("password"));
    return app.exec();
}
