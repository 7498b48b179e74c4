// veriframe-cloud: the reference cloud as a program (automation.md). All the work is in the
// veriframe_cloud library; this parses the flags, starts the server on the main thread and
// runs until SIGINT/SIGTERM.
#include "CloudConfig.h"
#include "CloudServer.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char c = 1;
    // Only async-signal-safe work here: wake the event loop, which quits cleanly.
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

void quitOnSignals(QCoreApplication &app) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("veriframe-cloud"));
    QStringList args = app.arguments();
    args.removeFirst();
    const auto parsed = vf::cloud::CloudConfig::fromArguments(args);
    if (parsed.help) {
        std::fputs(qPrintable(vf::cloud::CloudConfig::usage()), stdout);
        return 0;
    }
    if (!parsed.config) {
        std::fprintf(stderr, "veriframe-cloud: %s\n\n%s", qPrintable(parsed.error),
                     qPrintable(vf::cloud::CloudConfig::usage()));
        return 2;
    }
    quitOnSignals(app);
    vf::cloud::CloudServer server(*parsed.config);
    const QString error = server.start();
    if (!error.isEmpty()) {
        std::fprintf(stderr, "veriframe-cloud: %s\n", qPrintable(error));
        return 1;
    }
    const auto &world = server.world();
    std::fprintf(stderr,
                 "veriframe-cloud: %s world in %s: %d events (%d per camera), %d clips, %lld "
                 "users, %lld ms%s\n",
                 world.reused ? "reused" : "created", qPrintable(parsed.config->dataDir),
                 world.eventCount, world.eventsPerCamera, world.clipCount,
                 static_cast<long long>(world.users.size()), static_cast<long long>(world.buildMs),
                 parsed.config->faults.isEmpty()
                     ? ""
                     : qPrintable(QStringLiteral(", faults ") + parsed.config->faults.toString()));
    std::printf("listening on %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return app.exec();
}
