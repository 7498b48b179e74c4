#pragma once
// Verifies a clip as it streams (trust.md §5 "seg"/"segs"): bytes arrive in chunks of any
// size, and a segment is released only once its SHA-256 matches the attested one. The
// first mismatch refuses the whole clip (media_mismatch) and drops what is buffered.
// Without segment hashes nothing is released before the whole clip has matched.
#include "AttestationPayload.h"
#include "OpenSsl.h"

#include <QByteArray>

namespace vf::trust {

class ClipStreamVerifier {
public:
    enum class State { Streaming, Complete, Refused };

    // Only for a descriptor taken from a verdict that is authorisedForStream().
    // firstSegment > 0 starts mid-clip (seeking with Range): segments are still checked
    // one by one, but the whole-clip hash cannot be, so it needs segment hashes.
    explicit ClipStreamVerifier(MediaDescriptor media, qint64 firstSegment = 0);

    // Returns the bytes that became verified with this chunk (possibly none).
    QByteArray feed(QByteArrayView chunk);
    // After the last chunk: checks the total length (and the whole hash from the start);
    // returns the remaining verified bytes.
    QByteArray finish();

    State state() const { return m_state; }
    QString detail() const { return m_detail; }
    qint64 offset() const { return m_offset; }          // bytes consumed so far, clip offset
    qint64 verifiedBytes() const { return m_verified; } // bytes released so far
    const MediaDescriptor &media() const { return m_media; }

private:
    QByteArray refuse(const QString &why);
    bool checkSegment(qint64 index, QByteArrayView bytes);

    MediaDescriptor m_media;
    State m_state = State::Streaming;
    QString m_detail;
    QByteArray m_pending;
    qint64 m_offset = 0;
    qint64 m_verified = 0;
    qint64 m_nextSegment = 0;
    bool m_fromStart = true;
    Sha256Stream m_whole;
};

} // namespace vf::trust
