// libFuzzer target: the listing path as the client runs it, without the network and the
// store. The input is the body of a GET /v1/events answer. It goes to the API client's
// reader (core/net parseEventPage, as EventSync::onPage hands it over); each entry becomes
// the event the store would hold (EventSync's fromListing, field for field), and its
// thumbnail is judged by the real verifier (core/trust AttestationVerifier) through the
// request core/sync builds for it (ThumbnailJudge's mediaRequest, what judgeThumbnail
// verifies) and AttestationMediaVerifier, once for each of two signed-in accounts. The
// store writes that judgeThumbnail then does are left out: they need a data directory.
//
// The thumbnail bytes are the harness's "media endpoint": a path ending in /thumbnail serves
// the seed world's thumbnail (fuzz::seedThumbnail(), what the seeds' cameras signed), any
// other path serves its own UTF-8 bytes; so the seed pages verify and mutations start there.
//
// Besides memory safety it aborts when:
//  - a page is not read whole or not at all: a value and an error, or neither; or a page
//    that does not hold one entry per element of the body's "events" array;
//  - a verdict says verified for bytes whose SHA-256 is not the observed one, or not the
//    attested one; for an account the claim does not name; for an entry whose event ID or
//    device ID is not the attestation's; for an entry without a claim.
#include "CloudJson.h"
#include "FuzzInput.h"
#include "FuzzWorld.h"
#include "MediaVerifier.h"
#include "ThumbnailJudge.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <cstdlib>

using namespace vf;

namespace {

[[noreturn]] void fail(const char *what) {
    std::fprintf(stderr, "fuzz_listing: %s\n", what);
    std::abort();
}

// Entries the reader refused one by one while keeping the page (cloud-api.md §7 v2), when
// this version of the reader has them.
template <typename Page> qsizetype refusedEntries(const Page &page) {
    if constexpr (requires { page.malformed.size(); })
        return page.malformed.size();
    else
        return 0;
}

void checkWhole(const QByteArray &body, const net::Parsed<net::EventPage> &page) {
    if (page.value.has_value() == !page.error.isEmpty())
        fail("parseEventPage gave a value and an error, or neither");
    if (!page.value)
        return;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue events = doc.object().value(QLatin1String("events"));
    if (!doc.isObject() || !events.isArray())
        fail("a page was read from a body without an \"events\" array");
    if (page.value->events.size() + refusedEntries(*page.value) != events.toArray().size())
        fail("a page does not account for every element of \"events\"");
}

// EventSync's fromListing: the row the store would keep for a listing entry.
store::StoredEvent storedEvent(const net::ListingEntry &e) {
    store::StoredEvent s;
    s.id = e.id;
    s.deviceId = e.deviceId;
    s.deviceName = e.deviceName;
    s.kind = e.kind;
    s.timestampMs = e.timestampMs;
    s.durationMs = e.durationMs;
    s.attestation = e.attestation;
    s.claim = e.claim;
    s.thumbnailUrl = e.thumbnailPath;
    s.clipUrl = e.clipPath;
    return s;
}

QByteArray servedThumbnail(const QString &path) {
    if (path.endsWith(QLatin1String("/thumbnail")))
        return fuzz::seedThumbnail();
    return path.toUtf8();
}

void checkVerdict(const net::ListingEntry &entry, const QString &account, const QByteArray &bytes,
                  const trust::Verdict &verdict) {
    if (!verdict.verified())
        return;
    const trust::Evidence &e = verdict.evidence;
    const QByteArray sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    if (e.observedSha256 != sha256 || !e.attestedMedia || e.attestedMedia->sha256 != sha256)
        fail("verified bytes whose SHA-256 is not the observed and attested one");
    if (e.claimSubject != account)
        fail("verified for an account the claim does not name");
    if (e.attestedEventId != entry.id || e.attestedDeviceId != entry.deviceId)
        fail("verified an entry whose event or device ID is not the attestation's");
    if (entry.claim.isEmpty() || verdict.role == trust::GrantRole::None)
        fail("verified without a claim or a role");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz::World &w = fuzz::world();
    // One verifier and memo for the whole run, as one signed-in client has (content-keyed
    // memo: a result carries over only to the same chain or claim bytes).
    static trust::VerificationMemo memo(64, 64);
    static const trust::AttestationVerifier verifier(w.anchors, &memo);
    static const sync::AttestationMediaVerifier mediaVerifier(verifier);

    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const net::Parsed<net::EventPage> page = net::parseEventPage(body);
    checkWhole(body, page);
    if (!page.value)
        return 0; // a half-read listing never reaches the verifier

    for (const char *account : {fuzz::kOwner, fuzz::kViewer}) {
        sync::SyncContext context;
        context.account = QString::fromLatin1(account);
        context.verifier = &mediaVerifier;
        for (const net::ListingEntry &entry : page.value->events) {
            const store::StoredEvent event = storedEvent(entry);
            const QByteArray bytes = servedThumbnail(event.thumbnailUrl);
            const trust::VerificationRequest request =
                sync::mediaRequest(context, event, trust::MediaRole::Thumbnail, &bytes, w.nowMs);
            checkVerdict(entry, context.account, bytes, context.verifier->verify(request));
        }
    }
    return 0;
}
