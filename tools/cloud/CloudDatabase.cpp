#include "CloudDatabase.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>

#include <iterator>

namespace vf::cloud {

namespace {

QAtomicInteger<quint64> g_nextInstance = 0;
QAtomicInteger<quint64> g_nextThread = 0;
// Thread IDs are reused by the OS once a thread ends; this number never is, so a connection
// opened by a finished thread can never be handed to a new one.
thread_local const quint64 t_threadNumber = ++g_nextThread;

// Version 1: everything the API serves. Demo accounts keep their password in clear as well
// (demo_password): it is published in DIR/users.json by design, and rewritten on every run. Claims
// carry `unlocks`, the owner cti whose events they open (their own cti for an owner, the grant for
// a viewer), so a listing is one indexed join from the account's claims to the events signed with
// that cti.
const char *const kSchemaV1[] = {
    "CREATE TABLE users(id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
    " password_salt BLOB NOT NULL, password_hash BLOB NOT NULL, demo_password TEXT NOT NULL)",
    "CREATE TABLE sessions(token TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),"
    " created_ms INTEGER NOT NULL)",
    "CREATE TABLE cameras(id TEXT PRIMARY KEY, name TEXT NOT NULL, model TEXT NOT NULL,"
    " key_type TEXT NOT NULL, online INTEGER NOT NULL DEFAULT 1)",
    "CREATE TABLE claims(cti BLOB PRIMARY KEY, device_id TEXT NOT NULL REFERENCES cameras(id),"
    " user_id TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL, grant_cti BLOB,"
    " unlocks BLOB NOT NULL, nbf INTEGER NOT NULL, exp INTEGER, cwt BLOB NOT NULL)",
    "CREATE INDEX claims_by_user ON claims(user_id, unlocks)",
    "CREATE TABLE events(id TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES cameras(id),"
    " own_cti BLOB NOT NULL, kind TEXT NOT NULL, ts INTEGER NOT NULL,"
    " duration_ms INTEGER NOT NULL, attestation BLOB NOT NULL, payload BLOB NOT NULL)",
    "CREATE INDEX events_by_owner ON events(own_cti, ts DESC, id DESC)",
    "CREATE TABLE media(event_id TEXT NOT NULL REFERENCES events(id), role TEXT NOT NULL,"
    " mime TEXT NOT NULL, file TEXT NOT NULL, length INTEGER NOT NULL,"
    " PRIMARY KEY(event_id, role))",
    "CREATE TABLE reports(report_id TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
    " received_ms INTEGER NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX reports_by_user ON reports(user_id, received_ms)",
    "CREATE TABLE revocations(seq INTEGER PRIMARY KEY, cose BLOB NOT NULL)",
    "CREATE TABLE world(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
};

// Version 2: sessions that last (cloud-api.md §1 v2). A sign-in is one password login and
// every token renewed from it (its "family"); revoking it revokes them all. Access tokens
// (sessions) get an expiry: those of a version 1 database, which never expired, get 0 and
// stop working, so their clients sign in again once. Refresh tokens are kept only as their
// SHA-256 (a copy of this file must not sign anyone in); a used one is kept, marked, so a
// replay is recognised.
const char *const kSchemaV2[] = {
    "CREATE TABLE sign_ins(id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),"
    " created_ms INTEGER NOT NULL, revoked_ms INTEGER)",
    "ALTER TABLE sessions ADD COLUMN sign_in TEXT REFERENCES sign_ins(id)",
    "ALTER TABLE sessions ADD COLUMN expires_ms INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX sessions_by_sign_in ON sessions(sign_in)",
    "CREATE TABLE refresh_tokens(sha256 BLOB PRIMARY KEY,"
    " sign_in TEXT NOT NULL REFERENCES sign_ins(id), expires_ms INTEGER NOT NULL,"
    " used_ms INTEGER)",
    "CREATE INDEX refresh_tokens_by_sign_in ON refresh_tokens(sign_in)",
};

struct SchemaStep {
    int version; // the version the database has once the step is applied
    const char *const *begin;
    const char *const *end;
};

const SchemaStep kSchemaSteps[] = {
    {1, std::begin(kSchemaV1), std::end(kSchemaV1)},
    {2, std::begin(kSchemaV2), std::end(kSchemaV2)},
};

} // namespace

CloudDatabase::CloudDatabase(QString path)
    : m_path(std::move(path))
    , m_prefix(QStringLiteral("vfcloud-%1-").arg(++g_nextInstance)) {}

CloudDatabase::~CloudDatabase() {
    QMutexLocker lock(&m_mutex);
    // removeDatabase closes the driver; fetching the handle here would warn, as the
    // connections belong to (finished) worker threads.
    for (const QString &name : std::as_const(m_connectionNames))
        QSqlDatabase::removeDatabase(name);
}

QSqlDatabase CloudDatabase::connection() {
    const QString name = m_prefix + QString::number(t_threadNumber);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    {
        QMutexLocker lock(&m_mutex);
        m_connectionNames << name;
    }
    db.setDatabaseName(m_path);
    // Writers (logins, reports) are rare and short; readers must not fail while one runs.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        qWarning("veriframe-cloud: cannot open %s: %s", qPrintable(m_path),
                 qPrintable(db.lastError().text()));
        return db;
    }
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    return db;
}

QString CloudDatabase::migrate() {
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return QStringLiteral("cannot open database %1: %2").arg(m_path, db.lastError().text());
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return QStringLiteral("cannot read schema version: %1").arg(q.lastError().text());
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion)
        return QStringLiteral("database schema %1 is newer than this program (%2)")
            .arg(version)
            .arg(kSchemaVersion);
    if (version == kSchemaVersion)
        return {};
    // Every step the file lacks, in one transaction: a failed migration leaves it as it was.
    db.transaction();
    for (const SchemaStep &step : kSchemaSteps) {
        if (step.version <= version)
            continue;
        for (auto statement = step.begin; statement != step.end; ++statement) {
            if (!q.exec(QString::fromLatin1(*statement))) {
                const QString error = q.lastError().text();
                db.rollback();
                return QStringLiteral("schema %1: %2").arg(step.version).arg(error);
            }
        }
    }
    q.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
    if (!db.commit())
        return QStringLiteral("schema commit: %1").arg(db.lastError().text());
    return {};
}

} // namespace vf::cloud
