#pragma once
// When to try a report again after a network error or a 5xx: exponential from 1 s,
// doubling, capped at 5 min, with jitter so that many clients coming back from one
// outage do not all retry in the same second.
#include <QtGlobal>
#include <functional>

namespace vf::store {

class BackoffPolicy {
public:
    enum class Jitter {
        None,  // exactly the ceiling (for tests and diagnostics)
        Full,  // uniform in [0, ceiling]
        Equal, // ceiling/2 + uniform in [0, ceiling/2]: never sooner than half the ceiling
    };
    // Uniform integer in [low, high]; injectable so tests are deterministic.
    using Random = std::function<qint64(qint64 low, qint64 high)>;

    static constexpr qint64 kBaseMs = 1000;
    static constexpr qint64 kCapMs = 5 * 60 * 1000;

    explicit BackoffPolicy(Jitter jitter = Jitter::Equal, Random random = {});

    // The un-jittered delay after the n-th failed attempt (n >= 1): 1 s, 2 s, 4 s, ... 300 s.
    static qint64 ceilingMs(int failedAttempts);
    qint64 delayMs(int failedAttempts) const;

private:
    Jitter m_jitter;
    Random m_random;
};

} // namespace vf::store
