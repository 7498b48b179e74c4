#pragma once
// Which lies the reference cloud tells, and how often (`--fault NAME:P,...`). Each fault is
// the cloud misbehaving in one way a client must survive (trust.md: the cloud is untrusted
// plumbing). Decisions are a pure function of (seed, fault, subject, user), so a run is
// reproducible: the same event refused for the same account on every run with the same seed.
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>

namespace vf::cloud {

enum class Fault {
    Mixup,      // a listing entry of another user's, with that user's attestation and claim
    ClaimSwap,  // the right event with a claim of another camera
    ThumbSwap,  // the right listing, the thumbnail bytes of another event
    Tamper,     // bytes flipped in served thumbnails and clips
    Forge,      // an attestation signed by a camera no device root knows
    StaleClaim, // a transferred camera's new-epoch event with its former owner's claim
    Slow,       // latency added before answering
    Error,      // 503 instead of an answer
    // cloud-api.md §7 v2, the client's network rules:
    Redirect,   // 307 to another origin (another port) on login, listing and media
    Drip,       // the answer sent one byte at a time, slowly (a deadline, not a stall timer)
    BigListing, // a listing padded over the client's 8 MiB JSON limit
    DupId,      // a listing also carries another user's entry that reuses one of this user's IDs
};

class FaultPlan {
public:
    // Latency of a request picked by `slow`: well above loopback noise, well below the
    // client's 15 s stall limit (cloud-api.md §7).
    static constexpr int kSlowDelayMs = 400;
    // drip: one byte of the answer every this long (headers at once).
    static constexpr int kDripIntervalMs = 1000;
    // big-listing: the size the listing is padded to (an unknown field, which a client
    // ignores, so only its size limit stands between it and the answer).
    static constexpr qsizetype kBigListingBytes = 9LL * 1024 * 1024;

    FaultPlan() = default;

    // "mixup:0.2,tamper:0.1"; empty: no faults. nullopt with *error set on a bad name, a
    // probability outside [0, 1] or a malformed item.
    static std::optional<FaultPlan> parse(const QString &spec, quint64 seed, QString *error);

    static QString name(Fault fault);
    static std::optional<Fault> fromName(QStringView name);
    static QStringList names();

    double probability(Fault fault) const { return m_probability.value(fault, 0.0); }
    bool isActive(Fault fault) const { return probability(fault) > 0.0; }
    bool isEmpty() const { return m_probability.isEmpty(); }
    quint64 seed() const { return m_seed; }

    // Whether fault hits this subject (an event ID, a request number) for this user.
    bool applies(Fault fault, QStringView subject, QStringView userId) const;

    // A stable number for picking a substitute (which foreign event, which other claim).
    quint64 pick(Fault fault, QStringView subject, QStringView userId) const;

    QString toString() const;

    // Not a lie but a network: every answer leaves this long after its request arrived (a
    // round trip; `--latency MS`, 0 on loopback). Benchmarks use it to measure the client
    // as it meets a real cloud, where waiting, not CPU, bounds a sync.
    int latencyMs() const { return m_latencyMs; }
    void setLatencyMs(int ms) { m_latencyMs = qMax(0, ms); }

    // Where `redirect` sends the client ("http://HOST:PORT", no path: the request's path and
    // query are kept). Empty (the default): the request's host on the next port.
    QString redirectOrigin() const { return m_redirectOrigin; }
    void setRedirectOrigin(const QString &origin) { m_redirectOrigin = origin; }

private:
    QHash<Fault, double> m_probability;
    quint64 m_seed = 0;
    int m_latencyMs = 0;
    QString m_redirectOrigin;
};

// The plan in force while a cloud runs, replaceable at any time from any thread (tests switch
// `error` on and off under load). Readers take an immutable snapshot and decide everything
// of one request with it; set() never changes a snapshot already taken.
class LiveFaultPlan {
public:
    explicit LiveFaultPlan(FaultPlan plan = {})
        : m_plan(std::make_shared<const FaultPlan>(std::move(plan))) {}

    std::shared_ptr<const FaultPlan> snapshot() const {
        QMutexLocker lock(&m_mutex);
        return m_plan;
    }
    // Snapshots taken after it returns see plan.
    void set(FaultPlan plan) {
        auto next = std::make_shared<const FaultPlan>(std::move(plan));
        QMutexLocker lock(&m_mutex);
        m_plan.swap(next);
        // The old plan is released after the lock, by whoever holds it last.
    }

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const FaultPlan> m_plan;
};

} // namespace vf::cloud
