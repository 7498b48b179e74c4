#include "AppOptions.h"

#include "ApiClient.h"

#include <QFile>
#include <QHash>
#include <QSize>
#include <QUrl>

namespace vf::app {

QString AppOptions::usage() {
    return QStringLiteral(
        "usage: veriframe [options]\n"
        "With no options: starts the reference cloud in-process with the demo world, signs in\n"
        "as the demo user and opens the Events tab.\n"
        "  --server URL                use this cloud instead (https://; http:// only for\n"
        "                              127.0.0.1, ::1 or localhost)\n"
        "  --user NAME                 username (password: --password-file or VERIFRAME_PASSWORD;\n"
        "                              without one, NAME's kept session, else the sign-in page)\n"
        "  --password-file FILE        file holding the password\n"
        "  --device-roots FILE         PEM bundle of device roots (default: bundled demo anchors)\n"
        "  --owner-authorities FILE    PEM bundle of owner-authority roots\n"
        "  --data-dir DIR              database and cache (default: the app data folder)\n"
        "  --diagnostic                start in support diagnostic mode\n"
        "  --automation-log FILE       append one JSON object per line (automation.md)\n"
        "  --quit-when-idle            exit 0 once idle, 1 on a fatal error\n"
        "  --screenshot FILE           when idle, save a PNG of the window\n"
        "  --export-diagnostics FILE   after the first sync, write the support bundle and exit\n"
        "  --fault SPEC                embedded default only: faults of the in-process cloud\n"
        "  --no-remember               sign in for this run only: keep no session\n"
        "  --sign-out                  sign the kept account of --server (and --user) out,\n"
        "                              delete its session and its data, exit 0\n"
        "  --size WxH                  window size (e.g. 390x844 for the phone layout)\n"
        "  --theme light|dark          colour scheme (default: the system's)\n"
        "  --language en|fr            language (default: the system's)\n"
        "  --play-first-clip           once idle, play the newest verified clip (screenshots)\n"
        "  --blocked-only              start with the Events tab showing blocked items only\n"
        "  --open SECTION              events, cameras, settings or diagnostics\n"
        "  --help, --version\n");
}

AppOptions::ParseResult AppOptions::parse(const QStringList &arguments) {
    ParseResult result;
    AppOptions o;
    auto fail = [&](const QString &message) {
        result.error = message;
        return result;
    };
    const QHash<QString, QString *> valued{
        {QStringLiteral("--server"), &o.server},
        {QStringLiteral("--user"), &o.user},
        {QStringLiteral("--password-file"), &o.passwordFile},
        {QStringLiteral("--device-roots"), &o.deviceRoots},
        {QStringLiteral("--owner-authorities"), &o.ownerAuthorities},
        {QStringLiteral("--data-dir"), &o.dataDir},
        {QStringLiteral("--automation-log"), &o.automationLog},
        {QStringLiteral("--screenshot"), &o.screenshot},
        {QStringLiteral("--export-diagnostics"), &o.exportDiagnostics},
        {QStringLiteral("--fault"), &o.fault},
        {QStringLiteral("--theme"), &o.theme},
        {QStringLiteral("--language"), &o.language},
        {QStringLiteral("--open"), &o.openSection},
    };
    QString size;
    for (int i = 0; i < arguments.size(); ++i) {
        QString arg = arguments.at(i);
        QString inlineValue;
        bool hasInline = false;
        if (arg.startsWith(QLatin1String("--")) && arg.contains(u'=')) {
            inlineValue = arg.mid(arg.indexOf(u'=') + 1);
            arg = arg.left(arg.indexOf(u'='));
            hasInline = true;
        }
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            result.help = true;
            return result;
        }
        if (arg == QLatin1String("--version")) {
            result.version = true;
            return result;
        }
        if (arg == QLatin1String("--diagnostic")) {
            o.diagnostic = true;
        } else if (arg == QLatin1String("--quit-when-idle")) {
            o.quitWhenIdle = true;
        } else if (arg == QLatin1String("--play-first-clip")) {
            o.playFirstClip = true;
        } else if (arg == QLatin1String("--blocked-only")) {
            o.blockedOnly = true;
        } else if (arg == QLatin1String("--no-remember")) {
            o.noRemember = true;
        } else if (arg == QLatin1String("--sign-out")) {
            o.signOut = true;
        } else if (valued.contains(arg) || arg == QLatin1String("--size")) {
            QString value;
            if (hasInline) {
                value = inlineValue;
            } else {
                if (i + 1 >= arguments.size())
                    return fail(QStringLiteral("%1 expects a value").arg(arg));
                value = arguments.at(++i);
            }
            if (value.isEmpty())
                return fail(QStringLiteral("%1 expects a non-empty value").arg(arg));
            if (arg == QLatin1String("--size"))
                size = value;
            else
                *valued.value(arg) = value;
        } else {
            return fail(QStringLiteral("unknown argument: %1").arg(arguments.at(i)));
        }
    }
    if (!o.server.isEmpty()) {
        if (!o.fault.isEmpty())
            return fail(
                QStringLiteral("--fault only applies to the embedded default (no --server)"));
        if (!o.server.startsWith(QLatin1String("http://")) &&
            !o.server.startsWith(QLatin1String("https://")))
            return fail(QStringLiteral("--server expects an https:// URL (http:// only for a "
                                       "cloud on this computer)"));
        // cloud-api.md §7 v2: plain http:// only to a loopback host, never a password in
        // clear text across a network; the client refuses such a URL again on its own.
        const QString problem = vf::net::ApiClient::originProblem(QUrl(o.server, QUrl::StrictMode));
        if (!problem.isEmpty())
            return fail(
                QStringLiteral("--server %1: %2").arg(QUrl(o.server).toDisplayString(), problem));
    }
    if (o.deviceRoots.isEmpty() != o.ownerAuthorities.isEmpty())
        return fail(QStringLiteral("--device-roots and --owner-authorities go together"));
    // The embedded cloud listens on a new port each run: a session kept for it could never be
    // found again, so there is none to keep or to sign out of.
    if (o.signOut && o.server.isEmpty())
        return fail(QStringLiteral("--sign-out needs --server (the embedded cloud keeps no "
                                   "session)"));
    if (!o.passwordFile.isEmpty() && o.user.isEmpty())
        return fail(QStringLiteral("--password-file needs --user"));
    if (!o.theme.isEmpty() && o.theme != QLatin1String("light") && o.theme != QLatin1String("dark"))
        return fail(QStringLiteral("--theme expects light or dark"));
    if (!o.language.isEmpty() && o.language != QLatin1String("en") &&
        o.language != QLatin1String("fr"))
        return fail(QStringLiteral("--language expects en or fr"));
    if (!o.openSection.isEmpty() &&
        !QStringList{"events", "cameras", "settings", "diagnostics"}.contains(o.openSection))
        return fail(QStringLiteral("--open expects events, cameras, settings or diagnostics"));
    if (o.openSection == QLatin1String("diagnostics"))
        o.diagnostic = true;
    if (!size.isEmpty()) {
        const QStringList wh = size.split(u'x');
        bool okW = false, okH = false;
        const int w = wh.size() == 2 ? wh.at(0).toInt(&okW) : 0;
        const int h = wh.size() == 2 ? wh.at(1).toInt(&okH) : 0;
        if (!okW || !okH || w < 240 || h < 240 || w > 7680 || h > 4320)
            return fail(QStringLiteral("--size expects WIDTHxHEIGHT, e.g. 390x844"));
        o.width = w;
        o.height = h;
    }
    result.options = o;
    return result;
}

QString resolvePassword(AppOptions &options, const QString &environmentPassword) {
    if (options.user.isEmpty())
        return {};
    if (!options.passwordFile.isEmpty()) {
        QFile f(options.passwordFile);
        if (!f.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read the password file %1: %2")
                .arg(options.passwordFile, f.errorString());
        // One line; a trailing newline (echo > file) is not part of the password.
        QByteArray bytes = f.readAll();
        while (bytes.endsWith('\n') || bytes.endsWith('\r'))
            bytes.chop(1);
        options.password = QString::fromUtf8(bytes);
        return {};
    }
    options.password = environmentPassword;
    return {};
}

} // namespace vf::app
