#include "CloudApi.h"

#include "ByteRange.h"
#include "PasswordHasher.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUuid>

namespace vf::cloud {

namespace {

// The body as a JSON object, or an error sentence.
std::optional<QJsonObject> jsonObject(const QByteArray &body, QString *error) {
    if (body.size() > CloudApi::kMaxJsonBody) {
        *error = QStringLiteral("body over %1 bytes").arg(CloudApi::kMaxJsonBody);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("body is not JSON: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("body must be a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

bool isHex(const QString &s) {
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]*$"));
    return hex.match(s).hasMatch();
}

bool isSha256Hex(const QJsonValue &v) {
    return v.isString() && v.toString().size() == 64 && isHex(v.toString());
}

// cloud-api.md §5 v2: a refused revocation list. It names no event, device or claim: those
// keys are null (present, as the body's shape says; "" or a value would be a media report
// mislabelled), and observed_sha256 is the SHA-256 of the refused payload, never null.
QString revocationReportProblem(const QJsonObject &o) {
    if (o.value(QStringLiteral("reason")).toString() != QLatin1String("revocation_conflict"))
        return QStringLiteral("role \"revocations\" takes reason \"revocation_conflict\"");
    for (const char *key : {"event_id", "device_id"})
        if (!o.value(QLatin1String(key)).isNull())
            return QStringLiteral("%1 must be null for role \"revocations\"")
                .arg(QLatin1String(key));
    for (const char *key : {"attested_device", "claim_id"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isNull())
            return QStringLiteral("%1 must be null for role \"revocations\"")
                .arg(QLatin1String(key));
    }
    if (!isSha256Hex(o.value(QStringLiteral("observed_sha256"))))
        return QStringLiteral("observed_sha256 must be the 64-hex SHA-256 of the refused list");
    return {};
}

// A refused thumbnail or clip (cloud-api.md §5).
QString mediaReportProblem(const QJsonObject &o) {
    for (const char *key : {"event_id", "device_id"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString() || v.toString().isEmpty() || v.toString().size() > 256)
            return QStringLiteral("%1 must be a non-empty string").arg(QLatin1String(key));
    }
    if (o.value(QStringLiteral("reason")).toString() == QLatin1String("revocation_conflict"))
        return QStringLiteral("reason \"revocation_conflict\" takes role \"revocations\"");
    for (const char *key : {"observed_sha256", "claim_id"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isNull() && !(v.isString() && isHex(v.toString())))
            return QStringLiteral("%1 must be hex or null").arg(QLatin1String(key));
    }
    const QJsonValue device = o.value(QStringLiteral("attested_device"));
    if (!device.isUndefined() && !device.isNull() && !device.isString())
        return QStringLiteral("attested_device must be a string or null");
    return {};
}

// Why a report body is malformed (cloud-api.md §5), or empty when it is well-formed.
QString reportProblem(const QJsonObject &o) {
    const QString reportId = o.value(QStringLiteral("report_id")).toString();
    if (QUuid::fromString(reportId).isNull())
        return QStringLiteral("report_id must be a UUID string");
    const QJsonValue reason = o.value(QStringLiteral("reason"));
    if (!reason.isString() || reason.toString().isEmpty() || reason.toString().size() > 256)
        return QStringLiteral("reason must be a non-empty string");
    for (const char *key : {"detail", "app_version"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isString())
            return QStringLiteral("%1 must be a string").arg(QLatin1String(key));
    }
    const QJsonValue time = o.value(QStringLiteral("client_time"));
    if (!time.isUndefined() && !time.isDouble())
        return QStringLiteral("client_time must be a number");
    const QString role = o.value(QStringLiteral("role")).toString();
    if (role == QLatin1String("revocations"))
        return revocationReportProblem(o);
    if (role == QLatin1String("thumbnail") || role == QLatin1String("clip"))
        return mediaReportProblem(o);
    return QStringLiteral("role must be \"thumbnail\", \"clip\" or \"revocations\"");
}

QJsonObject entryJson(const EventEntry &e) {
    const QString base = QStringLiteral("/v1/media/") + e.id;
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("device_id"), e.deviceId},
        {QStringLiteral("device_name"), e.deviceName},
        {QStringLiteral("kind"), e.kind},
        {QStringLiteral("ts"), e.ts},
        {QStringLiteral("duration_ms"), e.durationMs},
        {QStringLiteral("attestation"), QString::fromLatin1(e.attestation.toBase64())},
        {QStringLiteral("claim"), QString::fromLatin1(e.claim.toBase64())},
        {QStringLiteral("thumbnail"), base + QStringLiteral("/thumbnail")},
        {QStringLiteral("clip"),
         e.hasClip ? QJsonValue(base + QStringLiteral("/clip")) : QJsonValue(QJsonValue::Null)},
    };
}

// A dup-id twin: its media URLs name its device, since its event ID is another entry's.
QJsonObject twinJson(const EventEntry &twin) {
    QJsonObject o = entryJson(twin);
    o.insert(QStringLiteral("thumbnail"),
             DuplicateIdEntries::mediaPath(twin.id, twin.deviceId, QStringLiteral("thumbnail")));
    o.insert(QStringLiteral("clip"),
             twin.hasClip ? QJsonValue(DuplicateIdEntries::mediaPath(twin.id, twin.deviceId,
                                                                     QStringLiteral("clip")))
                          : QJsonValue(QJsonValue::Null));
    return o;
}

std::optional<qint64> parseInteger(const QString &text) {
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

} // namespace

CloudApi::CloudApi(CloudDatabase &database, const QString &dataDir, const DemoWorld &world,
                   const FaultPlan &faults, SessionPolicy sessions)
    : m_repository(database, dataDir)
    , m_sessions(database, std::move(sessions))
    , m_world(world)
    , m_faults(faults, m_repository)
    , m_duplicates(m_repository, m_world.pki) {}

CloudApi::CloudApi(CloudDatabase &database, const QString &dataDir, const DemoWorld &world,
                   std::shared_ptr<LiveFaultPlan> faults, SessionPolicy sessions)
    : m_repository(database, dataDir)
    , m_sessions(database, std::move(sessions))
    , m_world(world)
    , m_faults(std::move(faults), m_repository)
    , m_duplicates(m_repository, m_world.pki) {}

FaultInjector::PlanSnapshot CloudApi::faultsFor(const ApiRequest &request) const {
    return request.faults ? request.faults : m_faults.snapshot();
}

bool CloudApi::publishRevocations(quint64 seq, const QByteArray &cose, QString *error) {
    return m_repository.addRevocations(seq, cose, error);
}

void CloudApi::serveConflictingRevocations(quint64 seq, const QByteArray &cose) {
    QMutexLocker lock(&m_conflictMutex);
    m_conflicting = StoredRevocations{seq, cose};
}

int CloudApi::reportCount(const QString &userId) const {
    return m_repository.reportCount(userId);
}

QString CloudApi::encodeCursor(qint64 ts, const QString &id) {
    return QString::fromLatin1(
        (QByteArray::number(ts) + ':' + id.toUtf8())
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<std::pair<qint64, QString>> CloudApi::decodeCursor(const QString &cursor) {
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QByteArray text = *decoded;
    const qsizetype colon = text.indexOf(':');
    if (colon <= 0 || colon == text.size() - 1)
        return std::nullopt;
    bool ok = false;
    const qint64 ts = text.left(colon).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return std::pair{ts, QString::fromUtf8(text.mid(colon + 1))};
}

SessionAuthority::Caller CloudApi::authenticate(const ApiRequest &request) const {
    return m_sessions.authenticate(request.bearerToken(), m_sessions.nowMs());
}

CloudReply CloudApi::unauthorized(const QString &problem) {
    CloudReply r = CloudReply::error(401, problem);
    r.headers << qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer"));
    return r;
}

CloudReply CloudApi::sessionAnswer(const Account &account, const SessionTokens &tokens,
                                   qint64 nowMs) const {
    pki::IdentityPayload identity;
    identity.userId = account.userId;
    identity.username = account.username;
    identity.nbf = nowMs / 1000 - 60; // a minute of slack for a client clock behind ours
    identity.exp = nowMs / 1000 + kIdentityLifetimeS;
    return CloudReply::json(
        200, QJsonObject{{QStringLiteral("token"), tokens.token},
                         {QStringLiteral("user_id"), account.userId},
                         {QStringLiteral("identity"),
                          QString::fromLatin1(m_world.pki.signIdentity(identity).toBase64())},
                         {QStringLiteral("expires_at"), tokens.expiresMs},
                         {QStringLiteral("refresh_token"), tokens.refreshToken}});
}

CloudReply CloudApi::login(const ApiRequest &request) const {
    if (auto moved = FaultInjector::redirectFor(*faultsFor(request), request))
        return *moved;
    QString problem;
    const auto body = jsonObject(request.body, &problem);
    if (!body)
        return CloudReply::error(400, problem);
    const QJsonValue username = body->value(QStringLiteral("username"));
    const QJsonValue password = body->value(QStringLiteral("password"));
    if (!username.isString() || !password.isString())
        return CloudReply::error(400, QStringLiteral("username and password must be strings"));
    const auto account = m_repository.accountByName(username.toString());
    if (!account) {
        // Same work as for a wrong password, so timing does not tell which usernames exist.
        PasswordHasher::hash(password.toString(), QByteArray(16, '\0'));
        return CloudReply::error(401, QStringLiteral("bad username or password"));
    }
    if (!PasswordHasher::matches(password.toString(), account->salt, account->hash))
        return CloudReply::error(401, QStringLiteral("bad username or password"));
    const qint64 nowMs = m_sessions.nowMs();
    const auto tokens = m_sessions.signIn(account->userId, nowMs);
    if (!tokens)
        return CloudReply::error(500, QStringLiteral("cannot store the session"));
    return sessionAnswer(*account, *tokens, nowMs);
}

CloudReply CloudApi::refreshSession(const ApiRequest &request) const {
    // The refresh token is a credential like the password: never handed to another origin.
    if (auto moved = FaultInjector::redirectFor(*faultsFor(request), request))
        return *moved;
    QString problem;
    const auto body = jsonObject(request.body, &problem);
    if (!body)
        return CloudReply::error(400, problem);
    const QJsonValue refreshToken = body->value(QStringLiteral("refresh_token"));
    if (!refreshToken.isString() || refreshToken.toString().isEmpty())
        return CloudReply::error(400, QStringLiteral("refresh_token must be a non-empty string"));
    const qint64 nowMs = m_sessions.nowMs();
    const auto refreshed = m_sessions.refresh(refreshToken.toString(), nowMs);
    if (!refreshed.tokens)
        return CloudReply::error(refreshed.serverError ? 500 : 401, refreshed.problem);
    const auto account = m_repository.accountById(refreshed.userId);
    if (!account)
        return CloudReply::error(500, QStringLiteral("the sign-in's account is gone"));
    return sessionAnswer(*account, *refreshed.tokens, nowMs);
}

CloudReply CloudApi::signOut(const ApiRequest &request) const {
    const qint64 nowMs = m_sessions.nowMs();
    // An expired token still signs out: revoking only takes access away, and a client whose
    // token lapsed must still be able to end the sign-in its refresh token keeps alive.
    const auto caller =
        m_sessions.authenticate(request.bearerToken(), nowMs, /*acceptExpired=*/true);
    if (!caller.ok())
        return unauthorized(caller.problem);
    if (!m_sessions.signOut(caller.signInId, nowMs))
        return CloudReply::error(500, QStringLiteral("cannot revoke the session"));
    return CloudReply::noContent();
}

CloudReply CloudApi::devices(const ApiRequest &request) const {
    const auto caller = authenticate(request);
    if (!caller.ok())
        return unauthorized(caller.problem);
    const QString &user = caller.userId;
    QJsonArray out;
    for (const DeviceEntry &d : m_repository.devicesFor(user, QDateTime::currentSecsSinceEpoch()))
        out.append(QJsonObject{{QStringLiteral("id"), d.id},
                               {QStringLiteral("name"), d.name},
                               {QStringLiteral("model"), d.model},
                               {QStringLiteral("online"), d.online}});
    return CloudReply::json(200, QJsonObject{{QStringLiteral("devices"), out}});
}

CloudReply CloudApi::events(const ApiRequest &request) const {
    if (auto moved = FaultInjector::redirectFor(*faultsFor(request), request))
        return *moved;
    const auto caller = authenticate(request);
    if (!caller.ok())
        return unauthorized(caller.problem);
    const QString &user = caller.userId;
    const QUrlQuery &q = request.query;
    EventFilter filter;
    filter.limit = kDefaultLimit;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        const auto limit = parseInteger(q.queryItemValue(QStringLiteral("limit")));
        if (!limit || *limit < 1 || *limit > kMaxLimit)
            return CloudReply::error(
                400, QStringLiteral("limit must be an integer from 1 to %1").arg(kMaxLimit));
        filter.limit = int(*limit);
    }
    for (const char *key : {"since", "until"}) {
        if (!q.hasQueryItem(QLatin1String(key)))
            continue;
        const auto value = parseInteger(q.queryItemValue(QLatin1String(key)));
        if (!value)
            return CloudReply::error(
                400,
                QStringLiteral("%1 must be milliseconds since the epoch").arg(QLatin1String(key)));
        (qstrcmp(key, "since") == 0 ? filter.since : filter.until) = *value;
    }
    const QString cursor = q.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    if (!cursor.isEmpty()) {
        filter.before = decodeCursor(cursor);
        if (!filter.before)
            return CloudReply::error(400, QStringLiteral("bad cursor"));
    }
    filter.device = q.queryItemValue(QStringLiteral("device"), QUrl::FullyDecoded);
    filter.kind = q.queryItemValue(QStringLiteral("kind"), QUrl::FullyDecoded);
    const int pageSize = filter.limit;
    filter.limit = pageSize + 1; // one more row tells whether there is a next page
    const auto faults = faultsFor(request);
    QList<EventEntry> rows = m_repository.eventsFor(user, filter);
    const bool more = rows.size() > pageSize;
    if (more)
        rows.resize(pageSize);
    QJsonArray events;
    for (const EventEntry &e : std::as_const(rows)) {
        const EventEntry listed = m_faults.applyToEntry(*faults, e, user);
        events.append(entryJson(listed));
        if (listed.id != e.id || listed.deviceId != e.deviceId)
            continue; // mixup replaced the account's entry: no ID of its own to reuse
        if (const auto twin = m_duplicates.foreignTwin(*faults, e, user))
            events.append(twinJson(*twin));
    }
    if (m_traffic)
        m_traffic->eventEntries += events.size();
    // The cursor is cut from the real row, so a fault never disturbs paging.
    const QJsonValue next = more ? QJsonValue(encodeCursor(rows.last().ts, rows.last().id))
                                 : QJsonValue(QJsonValue::Null);
    QJsonObject listing{{QStringLiteral("events"), events}, {QStringLiteral("next_cursor"), next}};
    FaultInjector::padListing(*faults, request.serial, listing);
    return CloudReply::json(200, listing);
}

CloudReply CloudApi::media(const ApiRequest &request, const QString &eventId,
                           const QString &role) const {
    if (auto moved = FaultInjector::redirectFor(*faultsFor(request), request))
        return *moved;
    const auto caller = authenticate(request);
    if (!caller.ok())
        return unauthorized(caller.problem);
    const QString &user = caller.userId;
    if (role != QLatin1String("thumbnail") && role != QLatin1String("clip"))
        return CloudReply::error(404, QStringLiteral("no media role '%1'").arg(role));
    const auto faults = faultsFor(request);
    // ?device=ID: the media of the entry (eventId, ID), a dup-id twin's when it is not the
    // event's own camera.
    const QString device =
        request.query.queryItemValue(QStringLiteral("device"), QUrl::FullyDecoded);
    QString source;
    if (!device.isEmpty()) {
        source = m_duplicates.mediaSource(*faults, eventId, device, user);
        const auto own = source.isEmpty() ? m_repository.eventWithOwnerClaim(eventId)
                                          : std::optional<EventEntry>();
        if (source.isEmpty() && (!own || own->deviceId != device))
            return CloudReply::error(404, QStringLiteral("no such event"));
    }
    // Not 403: an account must not learn which event IDs exist.
    if (source.isEmpty() && !m_repository.canAccess(user, eventId) &&
        !FaultInjector::servesForeignMedia(*faults))
        return CloudReply::error(404, QStringLiteral("no such event"));
    if (source.isEmpty())
        source = m_faults.mediaSource(*faults, eventId, role, user);
    const auto file = m_repository.media(source, role);
    if (!file)
        return CloudReply::error(404, QStringLiteral("event %1 has no %2").arg(eventId, role));
    QFile f(file->path);
    if (!f.open(QIODevice::ReadOnly))
        return CloudReply::error(500, QStringLiteral("media file missing"));
    QByteArray bytes = f.readAll();
    FaultInjector::tamper(*faults, bytes, eventId, role, user);
    const qint64 length = bytes.size();
    const ByteRange range = ByteRange::parse(request.header("range"), length);
    CloudReply reply;
    switch (range.kind) {
    case ByteRange::Kind::None:
        reply = CloudReply::bytes(200, file->mime, std::move(bytes));
        break;
    case ByteRange::Kind::Satisfiable:
        reply = CloudReply::bytes(206, file->mime, bytes.mid(range.first, range.size()));
        reply.headers << qMakePair(QByteArray("Content-Range"), range.contentRange(length));
        break;
    case ByteRange::Kind::Unsatisfiable:
        reply = CloudReply::error(416, QStringLiteral("range not satisfiable"));
        reply.headers << qMakePair(QByteArray("Content-Range"), range.contentRange(length));
        break;
    }
    reply.headers << qMakePair(QByteArray("Accept-Ranges"), QByteArray("bytes"));
    if (m_traffic && reply.status < 300)
        ++m_traffic->mediaBodies;
    return reply;
}

CloudReply CloudApi::fileReport(const ApiRequest &request) const {
    const auto caller = authenticate(request);
    if (!caller.ok())
        return unauthorized(caller.problem);
    const QString &user = caller.userId;
    QString problem;
    const auto body = jsonObject(request.body, &problem);
    if (!body)
        return CloudReply::error(400, problem);
    problem = reportProblem(*body);
    if (!problem.isEmpty())
        return CloudReply::error(400, problem);
    if (m_traffic)
        ++m_traffic->reportsReceived;
    switch (m_repository.storeReport(body->value(QStringLiteral("report_id")).toString(), user,
                                     *body, QDateTime::currentMSecsSinceEpoch())) {
    case CloudRepository::StoreResult::Stored:
        return CloudReply::json(201,
                                QJsonObject{{QStringLiteral("status"), QStringLiteral("stored")}});
    case CloudRepository::StoreResult::Duplicate:
        return CloudReply::json(
            200, QJsonObject{{QStringLiteral("status"), QStringLiteral("duplicate")}});
    case CloudRepository::StoreResult::Failed:
        break;
    }
    return CloudReply::error(500, QStringLiteral("cannot store the report"));
}

CloudReply CloudApi::listReports(const ApiRequest &request) const {
    const auto caller = authenticate(request);
    if (!caller.ok())
        return unauthorized(caller.problem);
    const QString &user = caller.userId;
    QJsonArray reports;
    for (const QJsonObject &o : m_repository.reportsFor(user))
        reports.append(o);
    return CloudReply::json(200, QJsonObject{{QStringLiteral("reports"), reports}});
}

CloudReply CloudApi::revocations(const ApiRequest &request) const {
    if (const auto caller = authenticate(request); !caller.ok())
        return unauthorized(caller.problem);
    const auto stored = m_repository.latestRevocationList();
    if (!stored)
        return CloudReply::error(404, QStringLiteral("no revocation list"));
    QMutexLocker lock(&m_conflictMutex);
    const bool conflicting = m_conflicting && m_conflicting->seq == stored->seq;
    return CloudReply::bytes(200, "application/cose",
                             conflicting ? m_conflicting->cose : stored->cose);
}

} // namespace vf::cloud
