#include "ClipStreamVerifier.h"

namespace vf::trust {

ClipStreamVerifier::ClipStreamVerifier(MediaDescriptor media, qint64 firstSegment)
    : m_media(std::move(media))
    , m_nextSegment(firstSegment)
    , m_fromStart(firstSegment == 0) {
    const bool segmented = m_media.segmentLength > 0;
    if (firstSegment < 0 || (firstSegment > 0 && !segmented) ||
        (segmented && firstSegment > m_media.segmentHashes.size())) {
        refuse(QStringLiteral("cannot start at segment %1").arg(firstSegment));
        return;
    }
    m_offset = segmented ? firstSegment * m_media.segmentLength : 0;
}

QByteArray ClipStreamVerifier::refuse(const QString &why) {
    m_state = State::Refused;
    m_detail = why;
    m_pending.clear();
    m_pending.squeeze(); // refused bytes are dropped from memory
    return {};
}

bool ClipStreamVerifier::checkSegment(qint64 index, QByteArrayView bytes) {
    return index < m_media.segmentHashes.size() && sha256(bytes) == m_media.segmentHashes.at(index);
}

QByteArray ClipStreamVerifier::feed(QByteArrayView chunk) {
    if (m_state != State::Streaming)
        return {};
    if (chunk.size() > m_media.length - m_offset)
        return refuse(QStringLiteral("more bytes than the %1 attested").arg(m_media.length));
    m_offset += chunk.size();
    if (m_fromStart)
        m_whole.add(chunk);
    m_pending.append(chunk);
    if (m_media.segmentLength <= 0)
        return {}; // no segment hashes: everything waits for finish()

    QByteArray released;
    while (m_pending.size() >= m_media.segmentLength) {
        const QByteArrayView segment = QByteArrayView(m_pending).first(m_media.segmentLength);
        if (!checkSegment(m_nextSegment, segment))
            return refuse(
                QStringLiteral("segment %1 does not match its attested hash").arg(m_nextSegment));
        released.append(segment);
        m_pending.remove(0, m_media.segmentLength);
        ++m_nextSegment;
    }
    m_verified += released.size();
    return released;
}

QByteArray ClipStreamVerifier::finish() {
    if (m_state != State::Streaming)
        return {};
    if (m_offset != m_media.length)
        return refuse(
            QStringLiteral("%1 bytes received, %2 attested").arg(m_offset).arg(m_media.length));
    if (m_media.segmentLength > 0 && !m_pending.isEmpty() &&
        !checkSegment(m_nextSegment, m_pending)) {
        return refuse(
            QStringLiteral("segment %1 does not match its attested hash").arg(m_nextSegment));
    }
    if (m_fromStart && m_whole.result() != m_media.sha256)
        return refuse(QStringLiteral("the clip's SHA-256 differs from the attested one"));
    QByteArray released = std::exchange(m_pending, {});
    m_verified += released.size();
    m_state = State::Complete;
    return released;
}

} // namespace vf::trust
