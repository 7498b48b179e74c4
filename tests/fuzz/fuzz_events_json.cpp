// libFuzzer target: the JSON readers of the API client (core/net/CloudJson), fed the bytes of
// an answer body exactly as EventSync, ClientSession, ReportSender and ApiCall hand them over:
// parseEventPage (GET /v1/events), parseLoginAnswer (POST /v1/session), parseDevices
// (GET /v1/devices), parseReportStatus (POST /v1/integrity-reports) and parseErrorMessage.
//
// Besides memory safety it checks what CloudJson.h promises:
//  - every reader either gives a value and no error, or no value and an error saying why;
//  - a page is read whole or not at all: it holds one entry per element of "events", in
//    order, each with the "id", "device_id" and "thumbnail" strings of that element;
//  - what was read means exactly what the body said: writing the page back in cloud-api.md's
//    form (with an unknown field added, which must be ignored) and reading it again gives the
//    same page, the next cursor included.
#include "CloudJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <cstdlib>

using namespace vf::net;

namespace {

[[noreturn]] void fail(const char *what) {
    std::fprintf(stderr, "fuzz_events_json: %s\n", what);
    std::abort();
}

template <typename T> void checkShape(const Parsed<T> &parsed, const char *reader) {
    if (parsed.value.has_value() == !parsed.error.isEmpty()) {
        std::fprintf(stderr, "fuzz_events_json: %s: value %d, error \"%s\"\n", reader,
                     int(parsed.value.has_value()), qPrintable(parsed.error));
        std::abort();
    }
}

QJsonValue textOrNull(const QString &text) {
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// The page in cloud-api.md §3's form, as the reference cloud writes it.
QByteArray writePage(const EventPage &page) {
    QJsonArray events;
    for (const ListingEntry &e : page.events) {
        QJsonObject o;
        o.insert(QLatin1String("id"), e.id);
        o.insert(QLatin1String("device_id"), e.deviceId);
        o.insert(QLatin1String("device_name"), e.deviceName);
        o.insert(QLatin1String("kind"), e.kind);
        o.insert(QLatin1String("ts"), e.timestampMs);
        o.insert(QLatin1String("duration_ms"), e.durationMs);
        o.insert(QLatin1String("attestation"), QString::fromLatin1(e.attestation.toBase64()));
        o.insert(QLatin1String("claim"), e.claim.isEmpty()
                                             ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(QString::fromLatin1(e.claim.toBase64())));
        o.insert(QLatin1String("thumbnail"), e.thumbnailPath);
        o.insert(QLatin1String("clip"), textOrNull(e.clipPath));
        o.insert(QLatin1String("x-unknown"), QJsonArray{1, QLatin1String("two")});
        events.append(o);
    }
    QJsonObject root;
    root.insert(QLatin1String("events"), events);
    root.insert(QLatin1String("next_cursor"), textOrNull(page.nextCursor));
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

bool sameEntry(const ListingEntry &a, const ListingEntry &b) {
    return a.id == b.id && a.deviceId == b.deviceId && a.deviceName == b.deviceName &&
           a.kind == b.kind && a.timestampMs == b.timestampMs && a.durationMs == b.durationMs &&
           a.attestation == b.attestation && a.claim == b.claim &&
           a.thumbnailPath == b.thumbnailPath && a.clipPath == b.clipPath;
}

void checkPage(const QByteArray &body, const EventPage &page) {
    // Read whole: the body is a JSON object whose "events" array gave exactly these entries,
    // in order: each element is either an entry or, when it breaks the bounds on cloud
    // strings (cloud-api.md §7 v2), a malformed one named by its clipped IDs.
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonArray events = doc.object().value(QLatin1String("events")).toArray();
    if (!doc.isObject() || events.size() != page.events.size() + page.malformed.size())
        fail("a page does not hold one entry per element of \"events\"");
    qsizetype entry = 0, malformed = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject o = events.at(i).toObject();
        if (!events.at(i).isObject() || !o.value(QLatin1String("id")).isString() ||
            !o.value(QLatin1String("device_id")).isString() ||
            !o.value(QLatin1String("thumbnail")).isString())
            fail("an element of \"events\" that is not an entry was accepted");
        const QString id = o.value(QLatin1String("id")).toString();
        const QString deviceId = o.value(QLatin1String("device_id")).toString();
        const bool outOfBounds =
            id.size() > vf::net::kMaxCloudIdLength ||
            deviceId.size() > vf::net::kMaxCloudIdLength ||
            o.value(QLatin1String("thumbnail")).toString().size() > vf::net::kMaxMediaPathLength ||
            o.value(QLatin1String("clip")).toString().size() > vf::net::kMaxMediaPathLength;
        if (outOfBounds) {
            if (malformed >= page.malformed.size() ||
                !id.startsWith(
                    page.malformed.at(malformed).eventId.left(vf::net::kMaxCloudIdLength / 2)))
                fail("an entry out of bounds is not the malformed one it came from");
            ++malformed;
            continue;
        }
        if (entry >= page.events.size())
            fail("an entry within bounds is missing from the page");
        const ListingEntry &e = page.events.at(entry++);
        if (id != e.id || deviceId != e.deviceId ||
            o.value(QLatin1String("thumbnail")).toString() != e.thumbnailPath)
            fail("an entry is not the element of \"events\" it came from");
    }
    const QJsonValue cursor = doc.object().value(QLatin1String("next_cursor"));
    if (page.nextCursor != (cursor.isString() ? cursor.toString() : QString()))
        fail("the next cursor is not the body's");

    // Means what it said: written back and read again, the page is the same.
    const QByteArray again = writePage(page);
    const Parsed<EventPage> reread = parseEventPage(again);
    if (!reread.value) {
        std::fprintf(stderr, "fuzz_events_json: re-reading %s: %s\n", again.constData(),
                     qPrintable(reread.error));
        std::abort();
    }
    if (reread.value->nextCursor != page.nextCursor)
        fail("the next cursor does not round-trip");
    if (reread.value->events.size() != page.events.size())
        fail("the entries do not round-trip");
    for (qsizetype i = 0; i < page.events.size(); ++i) {
        if (!sameEntry(reread.value->events.at(i), page.events.at(i)))
            fail("an entry does not round-trip");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    const Parsed<EventPage> page = parseEventPage(body);
    checkShape(page, "parseEventPage");
    if (page.value)
        checkPage(body, *page.value);

    const Parsed<LoginAnswer> login = parseLoginAnswer(body);
    checkShape(login, "parseLoginAnswer");
    if (login.value && (login.value->token.isEmpty()))
        fail("a login answer without a token");

    const Parsed<QList<DeviceInfo>> devices = parseDevices(body);
    checkShape(devices, "parseDevices");
    if (devices.value) {
        const QJsonArray listed =
            QJsonDocument::fromJson(body).object().value(QLatin1String("devices")).toArray();
        if (listed.size() != devices.value->size())
            fail("a device list does not hold one device per element of \"devices\"");
    }

    const Parsed<QString> status = parseReportStatus(body);
    checkShape(status, "parseReportStatus");
    if (status.value && *status.value != QLatin1String("stored") &&
        *status.value != QLatin1String("duplicate"))
        fail("a report status other than stored or duplicate");

    (void)parseErrorMessage(body);
    return 0;
}
