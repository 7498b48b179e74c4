#pragma once
// How long the reference cloud's sign-ins last (cloud-api.md §1 v2) and the clock that
// measures them. Tests give the cloud a clock of their own, so a token expires when the test
// moves that clock, never after a sleep.
#include <QString>

#include <functional>

namespace vf::cloud {

struct SessionPolicy {
    static constexpr qint64 kDefaultTokenTtlS = 3600;
    // A token outliving the refresh token that renews it would make the refresh pointless.
    static constexpr qint64 kMaxTokenTtlS = 90LL * 24 * 3600;
    // Each refresh token, from when it is issued: a sign-in renewed at least this often
    // lasts, one left unused this long needs the password again.
    static constexpr qint64 kRefreshTokenLifetimeS = 90LL * 24 * 3600;

    qint64 tokenTtlS = kDefaultTokenTtlS; // --token-ttl SECONDS
    // Milliseconds since the epoch, called on worker threads; empty: the system clock.
    std::function<qint64()> clockMs;

    qint64 nowMs() const;
    // Why tokenTtlS is out of range, or empty (checked by the flag parser and again at start,
    // for configs filled in directly).
    QString problem() const;
};

} // namespace vf::cloud
