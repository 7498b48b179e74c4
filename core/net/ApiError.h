#pragma once
// Every way a cloud call can fail, as the UI needs it: what happened, in words, and whether
// trying again may help (cloud-api.md §7: "a clear, retryable error").
#include <QString>

namespace vf::net {

struct ApiError {
    enum class Kind {
        Network,      // connection refused, reset, DNS, TLS handshake
        Timeout,      // a stall, a JSON answer past its deadline, media below its rate floor
        Http,         // an unexpected status (see httpStatus)
        Unauthorized, // 401: the session is gone
        Malformed,    // the body is not what cloud-api.md says
        TooLarge,     // over the size limit for its kind
        PinMismatch,  // TLS peer key not among the pinned SPKI hashes
        Cancelled,    // the caller no longer needs it
        Redirect,     // a 3xx answer: never followed (cloud-api.md §7 v2), never retried
        Insecure,     // plain http:// to a host that is not loopback: nothing is sent
    };
    Kind kind = Kind::Network;
    int httpStatus = 0;
    QString message;

    bool retryable() const {
        switch (kind) {
        case Kind::Network:
        case Kind::Timeout:
            return true;
        case Kind::Http:
            return httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
        default:
            return false;
        }
    }
    QString describe() const;
};

} // namespace vf::net
