#pragma once
// The answer to "may these bytes be shown to this account?", with everything support's
// diagnostic mode shows about how it was reached: each check run (name, pass/fail,
// microseconds) and the evidence it looked at. Never the media bytes themselves.
#include "AttestationPayload.h"
#include "CertificateChain.h"
#include "Reason.h"

#include <QJsonObject>
#include <QList>

namespace vf::trust {

enum class GrantRole { None, Owner, Viewer };
QString grantRoleName(GrantRole role); // "owner", "viewer", ""

struct CheckTrace {
    Reason check; // the check's number and name (its reason code)
    bool passed = false;
    qint64 micros = 0;
    // Decided by content alone and taken from a held verdict of the same bytes (the memo,
    // trust.md §6) instead of being run again: micros is then 0.
    bool memoised = false;
};

struct Evidence {
    QString attestedEventId;
    QString attestedDeviceId;
    qint64 captureTimeMs = 0;
    QByteArray ownerCti; // A.own
    QString algorithm;   // "ES256" / "EdDSA"
    QList<CertificateInfo> devicePath;
    QList<CertificateInfo> claimPath;
    QByteArray claimCti;
    QString claimRole;
    QString claimSubject; // diagnostics pseudonymise it before showing
    QString claimDeviceId;
    qint64 claimNotBefore = 0;
    std::optional<qint64> claimExpires;
    std::optional<MediaDescriptor> attestedMedia;
    QByteArray observedSha256; // of the bytes checked (empty for streams)
    qint64 observedLength = -1;
};

struct Verdict {
    Reason reason = Reason::Malformed; // Reason::None when verified
    QString detail;
    GrantRole role = GrantRole::None;
    QList<CheckTrace> trace;
    Evidence evidence;
    // Every check passed except that the bytes have not been seen yet (a clip to stream):
    // only ClipStreamVerifier may release them, segment by segment.
    bool mediaPending = false;

    bool verified() const { return reason == Reason::None && !mediaPending; }
    bool authorisedForStream() const { return reason == Reason::None && mediaPending; }
    // The attested MIME type of the role's bytes ("image/jpeg" / "video/mp4", trust.md §5
    // v2) once verified or authorised for streaming, else empty: the one decoder the bytes
    // may be handed to, never one chosen by sniffing them.
    QString attestedType() const {
        return reason == Reason::None && evidence.attestedMedia ? evidence.attestedMedia->type
                                                                : QString();
    }
    // veriframe-verify's output: {"verdict":"verified","role":...} or
    // {"verdict":"refused","reason":...,"detail":...}
    QJsonObject toJson() const;
    // The full trace and evidence, for diagnostics.
    QJsonObject traceJson() const;
};

} // namespace vf::trust
