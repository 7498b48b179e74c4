// Child process of tst_refresh_token_vault: one of each vault operation, in order, printing
// "<operation> <status>" per line, then "done". The test runs it where it cannot run itself:
// with no session bus (no secret store at all, a private empty home) and beside a locked
// keyring.
#include "RefreshTokenVault.h"

#include <QCoreApplication>
#include <QMetaEnum>
#include <QTimer>
#include <cstdio>

using vf::secrets::RefreshTokenVault;
using vf::secrets::SecretStoreStatus;
using vf::secrets::SessionAccount;

namespace {

void print(const char *operation, SecretStoreStatus status) {
    std::printf("%s %s\n", operation,
                QMetaEnum::fromType<SecretStoreStatus>().valueToKey(int(status)));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s REFRESH_TOKEN\n", argv[0]);
        return 2;
    }
    const QByteArray token(argv[1]);
    const SessionAccount account =
        SessionAccount::atServer(QUrl(QStringLiteral("https://cloud.test")), QStringLiteral("u1"));

    RefreshTokenVault vault;
    QObject::connect(&vault, &RefreshTokenVault::stored,
                     [](const SessionAccount &, SecretStoreStatus s) { print("store", s); });
    QObject::connect(
        &vault, &RefreshTokenVault::loaded,
        [](const SessionAccount &, SecretStoreStatus s, const QByteArray &) { print("load", s); });
    QObject::connect(&vault, &RefreshTokenVault::removed,
                     [](const SessionAccount &, SecretStoreStatus s) { print("remove", s); });
    QObject::connect(&vault, &RefreshTokenVault::accountsListed,
                     [&app](const QList<SessionAccount> &, SecretStoreStatus s) {
                         print("list", s);
                         std::printf("done\n");
                         app.quit();
                     });
    // A store that never answers is a failure too, not a hang of the test.
    QTimer::singleShot(30000, &app, [] {
        std::fprintf(stderr, "no answer in 30 s\n");
        QCoreApplication::exit(1);
    });
    vault.store(account, token);
    vault.load(account);
    vault.remove(account);
    vault.listAccounts();
    return app.exec();
}
