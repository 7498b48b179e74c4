#include "SegmentHasher.h"

#include <QCryptographicHash>
#include <algorithm>

namespace vf::camsim {

SegmentHasher::SegmentHasher(qint64 segmentLength)
    : m_segmentLength(segmentLength) {}

qint64 SegmentHasher::segmentCount(qint64 length, qint64 segmentLength) {
    if (length <= 0 || segmentLength <= 0)
        return 0;
    return (length - 1) / segmentLength + 1;
}

qint64 SegmentHasher::segmentLengthFor(qint64 length) {
    qint64 segment = kDefaultSegmentLength;
    while (segmentCount(length, segment) > kMaxSegments)
        segment *= 2;
    return segment;
}

std::optional<SegmentHashes> SegmentHasher::hash(QByteArrayView bytes) const {
    if (!isValid())
        return std::nullopt;

    SegmentHashes out;
    out.length = bytes.size();
    out.segmentLength = m_segmentLength;
    out.segments.reserve(segmentCount(out.length, m_segmentLength));

    // One pass: each slice feeds both the whole-item hash and its own.
    QCryptographicHash whole(QCryptographicHash::Sha256);
    qsizetype offset = 0;
    while (offset < bytes.size()) {
        // min() before adding, so a huge segment length cannot overflow the offset.
        const auto take =
            static_cast<qsizetype>(std::min<qint64>(m_segmentLength, bytes.size() - offset));
        const QByteArrayView slice = bytes.sliced(offset, take);
        whole.addData(slice);
        out.segments.append(QCryptographicHash::hash(slice, QCryptographicHash::Sha256));
        offset += take;
    }
    out.sha256 = whole.result();
    return out;
}

} // namespace vf::camsim
