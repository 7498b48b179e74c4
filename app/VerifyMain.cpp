// veriframe-verify: the trust verdict of core/trust on files, for support and scripting.
// Contract: ../shared/spec/automation.md. Exit 0 verified, 1 refused, 2 usage or I/O error.
#include "AttestationVerifier.h"
#include "RevocationList.h"
#include "TrustAnchors.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <cstdio>

using namespace vf::trust;

namespace {
constexpr int kExitVerified = 0;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;

int usageError(const QString &message) {
    std::fprintf(stderr, "veriframe-verify: %s\n", qPrintable(message));
    std::fprintf(stderr, "Try 'veriframe-verify --help'.\n");
    return kExitUsage;
}

// Reads at most limit bytes (+1, so that an oversized file is still seen as oversized).
std::optional<QByteArray> readFile(const QString &path, qint64 limit, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray bytes = file.read(limit + 1);
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return bytes;
}
} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("veriframe-verify"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VERIFRAME_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Checks a camera event's attestation, owner claim and media against trust.md and "
        "prints the verdict as JSON."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version."));
    const QCommandLineOption deviceRoots(QStringLiteral("device-roots"),
                                         QStringLiteral("PEM bundle of device roots."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption authorities(QStringLiteral("owner-authorities"),
                                         QStringLiteral("PEM bundle of owner-authority roots."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QStringLiteral("The signed-in user ID (U)."),
                                  QStringLiteral("USER_ID"));
    const QCommandLineOption attestation(QStringLiteral("attestation"),
                                         QStringLiteral("The attestation (raw COSE bytes)."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption claim(QStringLiteral("claim"),
                                   QStringLiteral("The claim (raw COSE bytes); an empty file "
                                                  "stands for an entry without a claim."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption media(QStringLiteral("media"), QStringLiteral("The media bytes."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("thumbnail or clip."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption eventId(QStringLiteral("event-id"),
                                     QStringLiteral("The listing entry's event ID."),
                                     QStringLiteral("ID"));
    const QCommandLineOption deviceId(QStringLiteral("device-id"),
                                      QStringLiteral("The listing entry's device ID."),
                                      QStringLiteral("ID"));
    const QCommandLineOption revocations(QStringLiteral("revocations"),
                                         QStringLiteral("A signed revocation list (raw COSE)."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption now(QStringLiteral("now"),
                                 QStringLiteral("The clock for time checks, seconds since the "
                                                "epoch (default: the system clock)."),
                                 QStringLiteral("UNIX_SECONDS"));
    const QCommandLineOption trace(QStringLiteral("trace"),
                                   QStringLiteral("Add every check run, with timings, and the "
                                                  "evidence (certificates, claim, hashes)."));
    parser.addOptions({help, version, deviceRoots, authorities, user, attestation, claim, media,
                       role, eventId, deviceId, revocations, now, trace});

    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return kExitVerified;
    }
    if (parser.isSet(version)) {
        std::printf("veriframe-verify %s\n", VERIFRAME_VERSION);
        return kExitVerified;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument %1")
                              .arg(parser.positionalArguments().constFirst()));
    for (const QCommandLineOption *required : {&deviceRoots, &authorities, &user, &attestation,
                                               &claim, &media, &role, &eventId, &deviceId}) {
        if (!parser.isSet(*required))
            return usageError(QStringLiteral("--%1 is required").arg(required->names().first()));
        if (parser.values(*required).size() > 1)
            return usageError(
                QStringLiteral("--%1 is given more than once").arg(required->names().first()));
    }
    const std::optional<MediaRole> mediaRole = mediaRoleFromName(parser.value(role));
    if (!mediaRole)
        return usageError(
            QStringLiteral("--role must be thumbnail or clip, not \"%1\"").arg(parser.value(role)));
    qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(now)) {
        bool ok = false;
        const qint64 seconds = parser.value(now).toLongLong(&ok);
        if (!ok || seconds < -9'000'000'000'000LL || seconds > 9'000'000'000'000LL)
            return usageError(QStringLiteral("--now must be whole seconds since the epoch"));
        nowMs = seconds * 1000;
    }

    const TrustAnchors::LoadResult anchors =
        TrustAnchors::fromFiles(parser.value(deviceRoots), parser.value(authorities));
    if (!anchors.anchors)
        return usageError(anchors.error);

    QString error;
    // Signed objects over 16 KiB are refused as malformed: reading one byte past the
    // limit is enough to know.
    const auto attestationBytes = readFile(parser.value(attestation), 16 * 1024, &error);
    const auto claimBytes =
        attestationBytes ? readFile(parser.value(claim), 16 * 1024, &error) : std::nullopt;
    const auto mediaBytes = claimBytes
                                ? readFile(parser.value(media), mediaSizeLimit(*mediaRole), &error)
                                : std::nullopt;
    if (!mediaBytes)
        return usageError(error);

    AttestationVerifier verifier(anchors.anchors);
    if (parser.isSet(revocations)) {
        const auto listBytes =
            readFile(parser.value(revocations), vf::trust::kMaxRevocationListSize, &error);
        if (!listBytes)
            return usageError(error);
        const RevocationParseResult list =
            verifyRevocationList(*listBytes, *anchors.anchors, nowMs / 1000);
        if (!list.list) // never verify against "no revocations" when a list was given
            return usageError(
                QStringLiteral("the revocation list is not valid: %1").arg(list.error));
        verifier.setRevocations(std::make_shared<RevocationList>(*list.list), 1);
    }

    VerificationRequest request;
    request.eventId = parser.value(eventId);
    request.deviceId = parser.value(deviceId);
    request.attestation = *attestationBytes;
    request.claim = *claimBytes;
    request.role = *mediaRole;
    request.media = &*mediaBytes;
    request.userId = parser.value(user);
    request.nowMs = nowMs;
    const Verdict verdict = verifier.verify(request);

    const QJsonObject output = parser.isSet(trace) ? verdict.traceJson() : verdict.toJson();
    std::fputs(QJsonDocument(output).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    return verdict.verified() ? kExitVerified : kExitRefused;
}
