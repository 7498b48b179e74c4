#pragma once
// The hashes of a media map (trust.md §5): "len", "sha256" of the whole item, and with a
// segment length "seg", "segs" = the SHA-256 of each consecutive seg-byte slice, the last one
// possibly shorter. The camera signs these; a client streaming a clip checks each segment as
// it arrives and never hands unverified bytes to the decoder.
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <optional>

namespace vf::camsim {

struct SegmentHashes {
    qint64 length = 0;          // "len"
    QByteArray sha256;          // "sha256", 32 bytes
    qint64 segmentLength = 0;   // "seg"
    QList<QByteArray> segments; // "segs", 32 bytes each; none for empty input
};

class SegmentHasher {
public:
    // 16 KiB by default. Clips here run ~25 KiB per one-second fragment (~100 KiB for 4 s),
    // and a streaming client may hand bytes to the decoder only once their segment has
    // verified: with 16 KiB segments playback can start after ~1 s worth of data, with 64 KiB
    // it would wait for most of a 4 s clip. The cost is 34 bytes of CBOR per segment in the
    // attestation, ~240 bytes for a demo clip.
    static constexpr qint64 kDefaultSegmentLength = 16 * 1024;
    // The attestation as a whole is capped at 16 KiB (trust.md §2), x5chain included, so the
    // segment list must stay bounded: 256 hashes are ~8.5 KiB, leaving room for three
    // certificates and the rest of the payload.
    static constexpr qint64 kMaxSegments = 256;

    explicit SegmentHasher(qint64 segmentLength = kDefaultSegmentLength);

    qint64 segmentLength() const { return m_segmentLength; }
    bool isValid() const { return m_segmentLength > 0; }

    // std::nullopt when the segment length is not positive.
    std::optional<SegmentHashes> hash(QByteArrayView bytes) const;

    // The segment length for media of this length: the default, doubled until the item
    // needs at most kMaxSegments segments (a 512 MiB clip gets 2 MiB segments).
    static qint64 segmentLengthFor(qint64 length);

    // ceil(length / segmentLength): how many "segs" a verifier should expect.
    static qint64 segmentCount(qint64 length, qint64 segmentLength);

private:
    qint64 m_segmentLength;
};

} // namespace vf::camsim
