#include "CloudConfig.h"

namespace vf::cloud {

namespace {

// "127.0.0.1:8080", "[::1]:0", "localhost:0". The reference cloud holds private keys and
// hands out media by ID: it listens on loopback only.
bool parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *error) {
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        *error = QStringLiteral("--listen expects HOST:PORT, got '%1'").arg(text);
        return false;
    }
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535) {
        *error = QStringLiteral("--listen: bad port in '%1'").arg(text);
        return false;
    }
    QHostAddress a;
    if (host == QLatin1String("localhost"))
        a = QHostAddress(QHostAddress::LocalHost);
    else if (!a.setAddress(host)) {
        *error = QStringLiteral("--listen: '%1' is not an IP address").arg(host);
        return false;
    }
    if (!a.isLoopback()) {
        *error = QStringLiteral("--listen: %1 is not a loopback address").arg(host);
        return false;
    }
    *address = a;
    *port = quint16(p);
    return true;
}

} // namespace

QString CloudConfig::usage() {
    return QStringLiteral(
               "usage: veriframe-cloud --listen 127.0.0.1:PORT --data DIR [--demo] [--seed N]\n"
               "                       [--fault NAME:P,...] [--events-per-camera N]\n"
               "                       [--clips-per-camera N] [--fresh-pki]\n"
               "                       [--crowd USERS:CAMERAS:EVENTS[:HEAVY]] [--latency MS]\n"
               "                       [--revocation-padding N] [--token-ttl SECONDS]\n"
               "\n"
               "The Veriframe reference cloud (cloud-api.md) on loopback.\n"
               "  --listen HOST:PORT  loopback address; PORT 0 picks a free port\n"
               "  --data DIR          database, media and PKI; reused across runs\n"
               "  --demo              create (or reuse) the demo world in DIR\n"
               "  --seed N            demo world content and fault decisions (default 1)\n"
               "  --fault SPEC        comma list of NAME:PROBABILITY, NAME one of\n"
               "                      %1\n"
               "  --events-per-camera N\n"
               "                      demo events per camera (6 cameras), 1..%2, over the\n"
               "                      last seven days (default %3)\n"
               "  --clips-per-camera N\n"
               "                      only the N newest non-sound events of each camera get\n"
               "                      an H.264 clip (default: all of them)\n"
               "  --crowd USERS:CAMERAS:EVENTS[:HEAVY]\n"
               "                      add USERS accounts crowd-00000... (password\n"
               "                      <name>-demo) owning CAMERAS cameras with EVENTS small\n"
               "                      events each over the last day; the first HEAVY\n"
               "                      accounts share half of the cameras (the storm test)\n"
               "  --latency MS        answer every request MS ms after it arrived (a network\n"
               "                      round trip; default 0)\n"
               "  --revocation-padding N\n"
               "                      add N random 32-byte entries, 0..%4, to the revocation\n"
               "                      list (a large list, under the client's 4 MiB limit);\n"
               "                      another N than the list in force publishes seq + 1\n"
               "  --token-ttl SECONDS how long a login's or refresh's token works, 1..%5\n"
               "                      (default %6, an hour); refresh tokens last 90 days\n"
               "  --fresh-pki         mint a PKI for this DIR instead of using the bundled\n"
               "                      demo PKI (whose roots the app trusts by default)\n"
               "A DIR whose world was built with other counts or the other PKI is rebuilt.\n"
               "Writes DIR/trust/device-roots.pem, DIR/trust/owner-authorities.pem and\n"
               "DIR/users.json, then prints 'listening on http://HOST:PORT'.\n"
               "Exit status: 0 on SIGINT/SIGTERM, 1 when it cannot start, 2 on bad flags.\n")
        .arg(FaultPlan::names().join(QStringLiteral(", ")))
        .arg(kMaxEventsPerCamera)
        .arg(kDefaultEventsPerCamera)
        .arg(kMaxRevocationPadding)
        .arg(SessionPolicy::kMaxTokenTtlS)
        .arg(SessionPolicy::kDefaultTokenTtlS);
}

QString CloudConfig::revocationPaddingProblem() const {
    if (revocationPadding < 0 || revocationPadding > kMaxRevocationPadding)
        return QStringLiteral("--revocation-padding must be an integer from 0 to %1, got %2")
            .arg(kMaxRevocationPadding)
            .arg(revocationPadding);
    return {};
}

QString CloudConfig::worldSizeProblem() const {
    if (eventsPerCamera < 1 || eventsPerCamera > kMaxEventsPerCamera)
        return QStringLiteral("--events-per-camera must be an integer from 1 to %1, got %2")
            .arg(kMaxEventsPerCamera)
            .arg(eventsPerCamera);
    if (clipsPerCamera < kAllClips)
        return QStringLiteral("--clips-per-camera must be a non-negative integer, got %1")
            .arg(clipsPerCamera);
    return {};
}

CloudConfig::ParseResult CloudConfig::fromArguments(const QStringList &arguments) {
    ParseResult result;
    CloudConfig config;
    bool haveListen = false;
    QString faultSpec;
    int latencyMs = 0;
    auto fail = [&result](const QString &message) {
        result.error = message;
        return result;
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            result.help = true;
            return result;
        } else if (arg == QLatin1String("--demo")) {
            config.demo = true;
        } else if (arg == QLatin1String("--fresh-pki")) {
            config.freshPki = true;
        } else if (arg == QLatin1String("--listen") || arg == QLatin1String("--data") ||
                   arg == QLatin1String("--seed") || arg == QLatin1String("--fault") ||
                   arg == QLatin1String("--events-per-camera") ||
                   arg == QLatin1String("--clips-per-camera") || arg == QLatin1String("--crowd") ||
                   arg == QLatin1String("--latency") ||
                   arg == QLatin1String("--revocation-padding") ||
                   arg == QLatin1String("--token-ttl")) {
            if (!hasValue)
                return fail(QStringLiteral("%1 needs a value").arg(arg));
            const QString value = arguments.at(++i);
            if (arg == QLatin1String("--listen")) {
                QString error;
                if (!parseListen(value, &config.address, &config.port, &error))
                    return fail(error);
                haveListen = true;
            } else if (arg == QLatin1String("--data")) {
                if (value.isEmpty())
                    return fail(QStringLiteral("--data needs a directory"));
                config.dataDir = value;
            } else if (arg == QLatin1String("--latency")) {
                bool ok = false;
                latencyMs = value.toInt(&ok);
                if (!ok || latencyMs < 0 || latencyMs > 10000)
                    return fail(QStringLiteral("--latency expects milliseconds from 0 to 10000, "
                                               "got '%1'")
                                    .arg(value));
            } else if (arg == QLatin1String("--crowd")) {
                QString error;
                const auto crowd = CrowdSpec::parse(value, &error);
                if (!crowd)
                    return fail(QStringLiteral("--crowd: %1").arg(error));
                config.crowd = *crowd;
            } else if (arg == QLatin1String("--seed")) {
                bool ok = false;
                config.seed = value.toULongLong(&ok);
                if (!ok)
                    return fail(QStringLiteral("--seed expects a non-negative integer"));
            } else if (arg == QLatin1String("--events-per-camera")) {
                bool ok = false;
                const int n = value.toInt(&ok);
                if (!ok || n < 1 || n > kMaxEventsPerCamera)
                    return fail(QStringLiteral(
                                    "--events-per-camera expects an integer from 1 to %1, got '%2'")
                                    .arg(kMaxEventsPerCamera)
                                    .arg(value));
                config.eventsPerCamera = n;
            } else if (arg == QLatin1String("--revocation-padding")) {
                bool ok = false;
                const int n = value.toInt(&ok);
                if (!ok || n < 0 || n > kMaxRevocationPadding)
                    return fail(QStringLiteral("--revocation-padding expects an integer from 0 "
                                               "to %1, got '%2'")
                                    .arg(kMaxRevocationPadding)
                                    .arg(value));
                config.revocationPadding = n;
            } else if (arg == QLatin1String("--token-ttl")) {
                bool ok = false;
                config.sessions.tokenTtlS = value.toLongLong(&ok);
                if (const QString problem = config.sessions.problem(); !ok || !problem.isEmpty())
                    return fail(QStringLiteral("--token-ttl expects seconds from 1 to %1, got '%2'")
                                    .arg(SessionPolicy::kMaxTokenTtlS)
                                    .arg(value));
            } else if (arg == QLatin1String("--clips-per-camera")) {
                bool ok = false;
                const int n = value.toInt(&ok);
                if (!ok || n < 0)
                    return fail(QStringLiteral(
                                    "--clips-per-camera expects a non-negative integer, got '%1'")
                                    .arg(value));
                config.clipsPerCamera = n;
            } else {
                faultSpec = value;
            }
        } else {
            return fail(QStringLiteral("unknown argument '%1'").arg(arg));
        }
    }
    if (!haveListen)
        return fail(QStringLiteral("--listen HOST:PORT is required"));
    if (config.dataDir.isEmpty())
        return fail(QStringLiteral("--data DIR is required"));
    QString error;
    auto plan = FaultPlan::parse(faultSpec, config.seed, &error);
    if (!plan)
        return fail(QStringLiteral("--fault: %1").arg(error));
    plan->setLatencyMs(latencyMs);
    config.faults = *plan;
    result.config = config;
    return result;
}

} // namespace vf::cloud
