#pragma once
// fuzz_revocation_large's input: a small recipe for a revocation list payload (trust.md §7)
// of up to 4 MiB, or a raw payload; the harness signs what it builds with the fuzz world's
// authority key, so the payload parser behind the signature sees every input.
//   [flags][u24 BE devices][u24 BE claims][claim ID length][defect kind][u24 BE defect at]
//   [material...]
// Entry i is 32 (devices) or "claim ID length" (claims) bytes of the material, cycled, with
// i in its first bytes so that entries differ. The payload is written by hand (canonical
// CBOR heads) because QCborMap would take most of the time at 100,000 entries.
#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace vf::fuzz {

struct RevocationRecipe {
    enum Flag : quint8 {
        Raw = 1,          // the rest of the input is the payload, signed as is
        WithNext = 2,     // "next": issued + 3600
        Indefinite = 4,   // indefinite-length arrays (valid CBOR)
        IssuedAhead = 8,  // issued 301 s or more ahead of the clock (v2: refused)
        UnknownKey = 16,  // an extra "x-ext" key (ignored by the reader)
        SeqShift = 5,     // bits 5-6: seq is held - 1, held, held + 1, or 2^64 - 1
        WithDefect = 128, // one defect (below): the list must be refused
    };
    enum class Defect : quint8 {
        DeviceShort,   // a 31-byte fingerprint
        DeviceLong,    // a 33-byte fingerprint
        DeviceText,    // a fingerprint as a text string
        DeviceInteger, // a fingerprint as an integer
        DeviceTagged,  // a fingerprint inside tag 24
        ClaimText,     // a claim ID as a text string
        ClaimArray,    // a claim ID as an array
        DuplicateSeq,  // "seq" twice
        Truncated,     // the payload's last byte cut
        Trailing,      // a byte after the map
        NoDevices,     // "devices" left out
        ClaimsMap,     // "claims" a map
        NegativeSeq,   // "seq" a negative integer
        IssuedText,    // "issued" a text string
        MapTooLong,    // the map's head counts one more pair than it holds
        Count
    };

    quint8 flags = 0;
    quint32 devices = 0; // 24 bits
    quint32 claims = 0;  // 24 bits
    quint8 claimLength = 16;
    quint8 defect = 0;
    quint32 defectAt = 0; // 24 bits
    QByteArray material;  // or the raw payload

    bool has(Flag f) const { return flags & f; }
    int seqChoice() const { return (flags >> SeqShift) & 3; }
    std::optional<Defect> defectKind() const {
        if (!has(WithDefect))
            return std::nullopt;
        return Defect(defect % quint8(Defect::Count));
    }
};

inline constexpr qsizetype kRecipeHeaderSize = 12;

inline QByteArray encodeRecipe(const RevocationRecipe &r) {
    QByteArray out;
    out.append(char(r.flags));
    if (r.has(RevocationRecipe::Raw))
        return out + r.material;
    const auto u24 = [&out](quint32 v) {
        out.append(char((v >> 16) & 0xff)).append(char((v >> 8) & 0xff)).append(char(v & 0xff));
    };
    u24(r.devices);
    u24(r.claims);
    out.append(char(r.claimLength)).append(char(r.defect));
    u24(r.defectAt);
    return out + r.material;
}

inline std::optional<RevocationRecipe> decodeRecipe(QByteArrayView in) {
    if (in.isEmpty())
        return std::nullopt;
    RevocationRecipe r;
    r.flags = quint8(in.at(0));
    if (r.has(RevocationRecipe::Raw)) {
        r.material = in.sliced(1).toByteArray();
        return r;
    }
    if (in.size() < kRecipeHeaderSize)
        return std::nullopt;
    const auto byte = [&in](qsizetype i) { return quint32(quint8(in.at(i))); };
    const auto u24 = [&byte](qsizetype i) {
        return byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    };
    r.devices = u24(1);
    r.claims = u24(4);
    r.claimLength = quint8(byte(7));
    r.defect = quint8(byte(8));
    r.defectAt = u24(9);
    r.material = in.sliced(kRecipeHeaderSize).toByteArray();
    return r;
}

} // namespace vf::fuzz
