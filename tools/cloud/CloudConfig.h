#pragma once
// How a reference cloud runs: the flags of `veriframe-cloud` (automation.md), also filled in
// directly by the app and the tests when they host the cloud in-process.
#include "FaultPlan.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace vf::cloud {

struct CloudConfig {
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; // 0: the system picks a free port
    QString dataDir;
    bool demo = false;
    quint64 seed = 1;
    FaultPlan faults;

    // A nested type could not hold an optional of its (then incomplete) enclosing class.
    struct ParseResult;

    // arguments without the program name:
    // --listen HOST:PORT --data DIR [--demo] [--seed N] [--fault SPEC]
    static ParseResult fromArguments(const QStringList &arguments);
    static QString usage();
};

struct CloudConfig::ParseResult {
    std::optional<CloudConfig> config;
    QString error;     // set when config is empty and help is false
    bool help = false; // --help: print usage(), exit 0
};

} // namespace vf::cloud
