#pragma once
// The command line of automation.md's `veriframe` section, parsed without side effects so
// the tests can check every flag. Flags are a contract with outside suites: more are
// welcome, these must keep working.
#include <QString>
#include <QStringList>
#include <optional>

namespace vf::app {

struct AppOptions {
    QString server; // empty: the embedded default (in-process reference cloud, demo world)
    QString user;
    QString passwordFile;
    QString password; // from --password-file or VERIFRAME_PASSWORD, filled by resolve()
    QString deviceRoots;
    QString ownerAuthorities;
    QString dataDir; // empty: the platform's app data folder
    bool diagnostic = false;
    QString automationLog;
    bool quitWhenIdle = false;
    QString screenshot;
    QString exportDiagnostics;
    QString fault; // embedded default only
    // automation.md v2: sign in for this run only (keep no session in the secret store);
    // sign the kept account of --server/--user out and exit.
    bool noRemember = false;
    bool signOut = false;
    // Beyond the contract: window size for screenshots and the phone layout, theme.
    int width = 0;
    int height = 0;
    QString theme;    // "light", "dark" or "" (the system's)
    QString language; // "en", "fr" or "" (the system's)
    bool playFirstClip = false;
    bool blockedOnly = false; // start with the "blocked only" filter on
    QString openSection;      // events, cameras, settings, diagnostics // open the player on the
                              // newest verified clip once idle

    bool embedded() const { return server.isEmpty(); }

    struct ParseResult;
    // arguments without the program name
    static ParseResult parse(const QStringList &arguments);
    static QString usage();
};

struct AppOptions::ParseResult {
    std::optional<AppOptions> options;
    QString error;     // usage error: print with usage(), exit 2
    bool help = false; // --help: print usage(), exit 0
    bool version = false;
};

// Reads the password (file, else VERIFRAME_PASSWORD) when a user was given. Empty on
// success, else why not (exit 2).
QString resolvePassword(AppOptions &options, const QString &environmentPassword);

} // namespace vf::app
