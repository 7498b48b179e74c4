#include "DiagnosticsBundle.h"

#include "ClientSession.h"
#include "Reason.h"
#include "Store.h"
#include "ThumbnailJudge.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <map>

namespace vf::sync {

using vf::store::VerificationState;

namespace {

QString stateName(VerificationState state) {
    switch (state) {
    case VerificationState::Loading:
        return QStringLiteral("loading");
    case VerificationState::Verified:
        return QStringLiteral("verified");
    case VerificationState::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

QJsonValue orNull(const QString &s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// Each check of a trace gets what it establishes as "label": the trace's "name" is the
// check's reason code, which reads as a failure ("signature_invalid") beside a passing check.
void labelChecks(QJsonObject &trace) {
    QJsonArray checks = trace.value(QStringLiteral("checks")).toArray();
    for (qsizetype i = 0; i < checks.size(); ++i) {
        QJsonObject check = checks.at(i).toObject();
        const auto reason =
            vf::trust::reasonFromCode(check.value(QStringLiteral("name")).toString());
        check.insert(QStringLiteral("label"), reason
                                                  ? vf::trust::checkText(*reason)
                                                  : check.value(QStringLiteral("name")).toString());
        checks[i] = check;
    }
    trace.insert(QStringLiteral("checks"), checks);
}

QJsonArray rootSubjects(const vf::trust::TrustAnchors &anchors, vf::trust::RootSet set) {
    QJsonArray out;
    for (const QByteArray &der : anchors.rootsDer(set)) {
        const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
        vf::trust::X509Ptr cert(d2i_X509(nullptr, &p, der.size()));
        if (!cert)
            continue;
        const vf::trust::CertificateInfo info = vf::trust::describeCertificate(cert.get());
        out.append(QJsonObject{{QStringLiteral("subject"), info.subject},
                               {QStringLiteral("sha256"), QString::fromLatin1(info.sha256.toHex())},
                               {QStringLiteral("not_after"), info.notAfter.toString(Qt::ISODate)}});
    }
    return out;
}

} // namespace

QString pseudonym(const QString &id, const QByteArray &salt) {
    return QStringLiteral("u-") +
           QString::fromLatin1(
               QMessageAuthenticationCode::hash(id.toUtf8(), salt, QCryptographicHash::Sha256)
                   .toHex()
                   .left(16));
}

QJsonObject buildDiagnosticsBundle(ClientSession &session, const BundleOptions &options) {
    QByteArray salt = options.salt;
    if (salt.isEmpty()) {
        salt.resize(32);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), 8);
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonObject bundle{{QStringLiteral("format"), QStringLiteral("veriframe-diagnostics/1")},
                       {QStringLiteral("created_ms"), now},
                       {QStringLiteral("versions"), options.versions}};
    const QString account = session.userId();
    vf::store::Store *store = session.store();
    if (account.isEmpty() || !store) {
        bundle.insert(QStringLiteral("error"), QStringLiteral("nobody is signed in"));
        return bundle;
    }
    bundle.insert(QStringLiteral("account"),
                  QJsonObject{{QStringLiteral("user"), pseudonym(account, salt)},
                              {QStringLiteral("state"), int(session.state())}});

    // Trust store and revocations.
    const auto anchors = session.options().anchors;
    QJsonObject trust{
        {QStringLiteral("anchors_sha256"), QString::fromLatin1(anchors->fingerprint().toHex())},
        {QStringLiteral("device_roots"), rootSubjects(*anchors, vf::trust::RootSet::Device)},
        {QStringLiteral("owner_authorities"),
         rootSubjects(*anchors, vf::trust::RootSet::OwnerAuthority)}};
    if (const auto list = session.revocationBook() ? session.revocationBook()->current() : nullptr)
        trust.insert(QStringLiteral("revocations"),
                     QJsonObject{{QStringLiteral("seq"), qint64(list->seq)},
                                 {QStringLiteral("devices"), list->devices.size()},
                                 {QStringLiteral("claims"), list->claims.size()},
                                 {QStringLiteral("last_fetch"),
                                  session.revocations() ? session.revocations()->lastOutcome()
                                                        : QString()}});
    else
        trust.insert(QStringLiteral("revocations"), QJsonValue(QJsonValue::Null));
    // trust.md §7 v2: a list the client could not accept is shown, with why and when, even
    // while none is held and after later fetches found nothing new.
    const auto refusal =
        session.revocations() ? session.revocations()->lastRefusal() : std::nullopt;
    trust.insert(QStringLiteral("revocation_refusal"),
                 refusal ? QJsonValue(QJsonObject{{QStringLiteral("reason"), refusal->reason},
                                                  {QStringLiteral("at"), refusal->atMs}})
                         : QJsonValue(QJsonValue::Null));
    // trust.md §7 v2: whether the list in force is out of date, and by which dates.
    const vf::trust::RevocationStatus status = session.revocationStatus();
    const QJsonValue none(QJsonValue::Null);
    trust.insert(
        QStringLiteral("revocation_freshness"),
        QJsonObject{
            {QStringLiteral("stale"), status.stale},
            {QStringLiteral("shown_as_stale"), session.revocationStale()},
            {QStringLiteral("issued"), status.held ? QJsonValue(status.issued) : none},
            {QStringLiteral("next"), status.held && status.next ? QJsonValue(*status.next) : none},
            {QStringLiteral("stale_after"), status.held ? QJsonValue(status.staleAfter) : none}});
    bundle.insert(QStringLiteral("trust"), trust);

    // Reports: what the outbox holds and whether each refusal was acknowledged.
    QHash<vf::store::EventKey, vf::store::QueuedReport> pendingByEvent;
    QJsonArray reports;
    for (const vf::store::QueuedReport &q : store->outbox().pending(account)) {
        pendingByEvent.insert({q.report.eventId, q.report.deviceId}, q);
        reports.append(QJsonObject{
            {QStringLiteral("report_id"), q.report.reportId},
            {QStringLiteral("event_id"), q.report.eventId},
            {QStringLiteral("role"), q.report.role},
            {QStringLiteral("reason"), q.report.reason},
            {QStringLiteral("status"), q.status == vf::store::QueuedReport::Status::Pending
                                           ? QStringLiteral("pending")
                                           : QStringLiteral("rejected")},
            {QStringLiteral("attempts"), q.attempts},
            {QStringLiteral("next_attempt_ms"), q.nextAttemptAtMs},
            {QStringLiteral("last_error"), orNull(q.lastError)}});
    }
    const vf::store::OutboxStats stats = store->outbox().stats(account);
    bundle.insert(QStringLiteral("outbox"),
                  QJsonObject{{QStringLiteral("pending"), stats.pending},
                              {QStringLiteral("rejected"), stats.rejected},
                              {QStringLiteral("acknowledged"), stats.acknowledged},
                              {QStringLiteral("reports"), reports}});

    // Audit log (refusals), newest first.
    QJsonArray audit;
    vf::store::AuditFilter all;
    all.limit = options.maxEvents;
    QSet<vf::store::EventKey> audited;
    for (const vf::store::AuditEntry &a : store->audit().list(account, all)) {
        audited.insert({a.eventId, a.deviceId});
        audit.append(QJsonObject{{QStringLiteral("time_ms"), a.timeMs},
                                 {QStringLiteral("event_id"), a.eventId},
                                 {QStringLiteral("device_id"), a.deviceId},
                                 {QStringLiteral("role"), a.role},
                                 {QStringLiteral("reason"), a.reason},
                                 {QStringLiteral("detail"), a.detail},
                                 {QStringLiteral("observed_sha256"), orNull(a.observedSha256)},
                                 {QStringLiteral("attested_sha256"), orNull(a.attestedSha256)},
                                 {QStringLiteral("claim_cti"), orNull(a.claimCti)},
                                 {QStringLiteral("attested_device"), orNull(a.attestedDevice)}});
    }
    bundle.insert(QStringLiteral("audit"), audit);

    // Every event: its trace, computed again now. Verified events are checked on their
    // cached bytes (as at display); the others without bytes (refused bytes were dropped),
    // with the recorded reason beside it.
    QJsonArray events;
    std::map<qint64, std::pair<int, QHash<QString, int>>> perHour; // verified, refusals
    const SyncContext context{account, store, session.mediaVerifier(), &session.automationLog(),
                              session.options().appVersion};
    vf::store::EventFilter everyEvent;
    everyEvent.includeDismissed = true; // dismissed from the grid, never from support's view
    const auto rows = store->events().page(account, everyEvent, std::nullopt, options.maxEvents);
    for (const vf::store::StoredEvent &e : rows) {
        std::optional<QByteArray> bytes;
        if (e.state == VerificationState::Verified)
            bytes = store->media().load(account, e.thumbnailSha256);
        const vf::trust::Verdict verdict = context.verifier->verify(mediaRequest(
            context, e, vf::trust::MediaRole::Thumbnail, bytes ? &*bytes : nullptr, now));
        QJsonObject trace = verdict.traceJson();
        QJsonObject claim = trace.value(QStringLiteral("claim")).toObject();
        claim.insert(QStringLiteral("subject"),
                     verdict.evidence.claimSubject.isEmpty()
                         ? QJsonValue(QJsonValue::Null)
                         : QJsonValue(pseudonym(verdict.evidence.claimSubject, salt)));
        trace.insert(QStringLiteral("claim"), claim);
        if (options.forDisplay)
            labelChecks(trace);
        QJsonObject event{
            {QStringLiteral("event_id"), e.id},
            {QStringLiteral("device_id"), e.deviceId},
            {QStringLiteral("ts"), e.timestampMs},
            {QStringLiteral("kind"), e.kind},
            {QStringLiteral("state"), stateName(e.state)},
            {QStringLiteral("recorded_reason"), orNull(e.reason)},
            {QStringLiteral("checked_on"),
             bytes ? QStringLiteral("cached bytes") : QStringLiteral("signed objects only")},
            {QStringLiteral("trace"), trace}};
        if (options.forDisplay && e.state == VerificationState::Verified)
            event.insert(QStringLiteral("camera_name"), e.deviceName);
        if (e.dismissed)
            event.insert(QStringLiteral("dismissed"), true);
        if (e.state == VerificationState::Refused) {
            const auto pending = pendingByEvent.find(e.key());
            event.insert(QStringLiteral("report"),
                         pending != pendingByEvent.end()
                             ? QStringLiteral("queued")
                             : (audited.contains(e.key()) ? QStringLiteral("acknowledged")
                                                          : QStringLiteral("unknown")));
        }
        events.append(event);
        auto &hour = perHour[e.timestampMs / 3600000 * 3600000];
        if (e.state == VerificationState::Verified)
            ++hour.first;
        else if (e.state == VerificationState::Refused)
            ++hour.second[e.reason];
    }
    bundle.insert(QStringLiteral("events"), events);

    QJsonArray outcomes;
    for (const auto &[hourMs, counts] : perHour) {
        QJsonObject refused;
        int refusedTotal = 0;
        for (auto it = counts.second.begin(); it != counts.second.end(); ++it) {
            refused.insert(it.key(), it.value());
            refusedTotal += it.value();
        }
        // The total too, so that a reader (the Diagnostics page's bars) need not add up
        // the reasons itself.
        outcomes.append(QJsonObject{{QStringLiteral("hour_ms"), hourMs},
                                    {QStringLiteral("verified"), counts.first},
                                    {QStringLiteral("refused"), refused},
                                    {QStringLiteral("refused_total"), refusedTotal}});
    }
    bundle.insert(QStringLiteral("outcomes_per_hour"), outcomes);

    QJsonArray network;
    for (const vf::net::NetworkRecord &r : session.api().networkLog().records())
        network.append(QJsonObject{{QStringLiteral("started_ms"), r.startedMs},
                                   {QStringLiteral("method"), r.method},
                                   {QStringLiteral("path"), r.path},
                                   {QStringLiteral("status"), r.status},
                                   {QStringLiteral("latency_ms"), r.latencyMs},
                                   {QStringLiteral("bytes"), r.bytes},
                                   {QStringLiteral("attempts"), r.attempts},
                                   {QStringLiteral("error"), orNull(r.error)}});
    bundle.insert(QStringLiteral("network"), network);
    return bundle;
}

} // namespace vf::sync
