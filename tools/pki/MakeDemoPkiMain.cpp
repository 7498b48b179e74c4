// veriframe-make-demo-pki: mints the demo PKI the repository ships (tools/cloud/demo-pki and
// resources/trust). It is run once by hand, not by the build: the app bundles the demo roots'
// certificates as its default trust anchors (automation.md), so they must stay the same from
// build to build. Its private keys are published with the source; resources/README.md says
// what that means for anyone who points the app at another cloud.
#include "TestPki.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <cstdio>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--out"));
    if (at < 0 || at + 1 >= args.size()) {
        std::fprintf(stderr, "usage: veriframe-make-demo-pki --out DIR\n");
        return 2;
    }
    vf::pki::TestPki::Options options;
    // Twenty years from the start of 2026: long enough for the demo, short enough that a
    // verifier still meets a real expiry date.
    options.notBefore = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    options.notAfter = QDateTime(QDate(2046, 1, 1), QTime(0, 0), Qt::UTC);
    options.namePrefix = QStringLiteral("Veriframe Demo");
    options.organization = QStringLiteral("Veriframe Demo PKI (published keys, demo only)");
    const vf::pki::TestPki pki = vf::pki::TestPki::create(options);
    if (!pki.isValid() || !pki.save(args.at(at + 1))) {
        std::fprintf(stderr, "veriframe-make-demo-pki: cannot create or save the PKI in %s\n",
                     qPrintable(args.at(at + 1)));
        return 1;
    }
    std::printf("demo PKI written to %s\n", qPrintable(args.at(at + 1)));
    return 0;
}
