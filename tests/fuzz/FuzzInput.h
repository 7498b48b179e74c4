#pragma once
// The fuzzers' input layout, shared with the seed generator:
//   [flags: 1 byte][u16 BE attestation length][attestation][u16 BE claim length][claim][media]
// flags bit 0: role clip, bit 1: verify as the viewer, bit 2: stream (no media bytes).
#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace vf::fuzz {

struct VerifierInput {
    quint8 flags = 0;
    QByteArray attestation;
    QByteArray claim;
    QByteArray media;
};

inline QByteArray encode(const VerifierInput &in) {
    QByteArray out(1, static_cast<char>(in.flags));
    for (const QByteArray *part : {&in.attestation, &in.claim}) {
        const quint16 n = static_cast<quint16>(std::min<qsizetype>(part->size(), 0xffff));
        out.append(static_cast<char>(n >> 8)).append(static_cast<char>(n & 0xff));
        out.append(part->first(n));
    }
    return out + in.media;
}

inline std::optional<VerifierInput> decode(QByteArrayView data) {
    VerifierInput in;
    if (data.isEmpty())
        return std::nullopt;
    in.flags = static_cast<quint8>(data.at(0));
    data = data.sliced(1);
    for (QByteArray *part : {&in.attestation, &in.claim}) {
        if (data.size() < 2)
            return std::nullopt;
        const qsizetype n =
            (static_cast<quint8>(data.at(0)) << 8) | static_cast<quint8>(data.at(1));
        data = data.sliced(2);
        if (data.size() < n)
            return std::nullopt;
        *part = data.first(n).toByteArray();
        data = data.sliced(n);
    }
    in.media = data.toByteArray();
    return in;
}

// The fixed identities the seeds are made for.
inline constexpr const char *kOwner = "user-alice";
inline constexpr const char *kViewer = "user-bob";
inline constexpr const char *kEvent = "evt-fuzz-0001";
inline constexpr const char *kDevice = "cam-fuzz-01";

// The thumbnail the seeds' cameras sign, and fuzz_listing's media endpoint serves.
inline QByteArray seedThumbnail() {
    return QByteArray(2048, 'T');
}

} // namespace vf::fuzz
