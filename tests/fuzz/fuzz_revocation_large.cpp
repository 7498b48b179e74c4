// libFuzzer target: large revocation lists (trust.md §7 v2: up to 4 MiB, about 100,000
// entries) behind a valid signature. The input is a small recipe (FuzzRevocationRecipe.h)
// that expands into a payload of up to 4 MiB + 64 KiB, or a raw payload; the harness signs it
// with the fuzz world's authority key (tools/pki signCoseSign1, as the authority would) and
// offers it to the held book of fuzz_revocation. fuzz_revocation's mutations break the
// signature, so its inputs rarely get past it; here every input reaches the payload parser
// (strict CBOR, the map's rules) with lists of any size.
//
// Besides fuzz_revocation's checks (FuzzRevocationBook.h) it aborts when:
//  - a list with a defect (a wrong fingerprint, a duplicate key, a truncation...) is accepted;
//  - an accepted list is not read whole: the list in force does not hold exactly the
//    distinct devices and claims of the payload, its seq and issued (and next, when the
//    reader keeps it);
//  - v2 (once the book has the same-seq rule): a list issued over 5 minutes ahead is accepted.
#include "FuzzRevocationBook.h"
#include "FuzzRevocationRecipe.h"

#include <QSet>
#include <limits>

using namespace vf;

namespace {

constexpr qint64 kMaxPayloadBytes = fuzz::kMaxRevocationBytes + 64 * 1024;

void head(QByteArray &out, int major, quint64 n) {
    const char m = char(major << 5);
    if (n < 24) {
        out.append(char(m | char(n)));
        return;
    }
    int bytes = n <= 0xff ? 1 : n <= 0xffff ? 2 : n <= 0xffffffffULL ? 4 : 8;
    out.append(char(m | char(bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27)));
    for (int i = bytes - 1; i >= 0; --i)
        out.append(char((n >> (8 * i)) & 0xff));
}

void text(QByteArray &out, const char *s) {
    const QByteArray t(s);
    head(out, 3, quint64(t.size()));
    out.append(t);
}

void integer(QByteArray &out, qint64 v) {
    if (v >= 0)
        head(out, 0, quint64(v));
    else
        head(out, 1, quint64(-(v + 1)));
}

struct Built {
    QByteArray payload;
    bool defective = false;
    quint64 seq = 0;
    qint64 issued = 0;
    std::optional<qint64> next;
    quint32 devices = 0, claims = 0; // entries written
    qsizetype claimLength = 0;
};

QByteArray entry(const QByteArray &material, quint32 index, qsizetype length) {
    QByteArray e(length, '\0');
    for (qsizetype i = 0; i < length && !material.isEmpty(); ++i)
        e[i] = material.at((qsizetype(index) * 7 + i) % material.size());
    for (qsizetype i = 0; i < std::min<qsizetype>(4, length); ++i)
        e[i] = char(e.at(i) ^ char(index >> (8 * (3 - i))));
    return e;
}

Built build(const fuzz::RevocationRecipe &r, qint64 nowSeconds) {
    using Defect = fuzz::RevocationRecipe::Defect;
    using Recipe = fuzz::RevocationRecipe;
    Built b;
    const std::optional<Defect> defect = r.defectKind();
    const auto is = [&defect](Defect d) { return defect == d; };
    // At most kMaxPayloadBytes: devices take 34 bytes each, claims their length + 1 to 3.
    const qsizetype claimBytes = r.claimLength + 3;
    const quint32 devices = quint32(std::min<qint64>(r.devices, kMaxPayloadBytes / 34));
    const quint32 claims =
        quint32(std::min<qint64>(r.claims, (kMaxPayloadBytes - qint64(devices) * 34) / claimBytes));
    b.devices = is(Defect::NoDevices) ? 0 : devices;
    b.claims = is(Defect::ClaimsMap) ? 0 : claims;
    b.claimLength = r.claimLength;
    const quint64 seqs[] = {fuzz::kHeldRevocationSeq - 1, fuzz::kHeldRevocationSeq,
                            fuzz::kHeldRevocationSeq + 1, std::numeric_limits<quint64>::max()};
    b.seq = seqs[r.seqChoice()];
    b.issued = r.has(Recipe::IssuedAhead) ? nowSeconds + 301 + quint8(r.defect) : nowSeconds;
    if (r.has(Recipe::WithNext))
        b.next = b.issued + 3600;

    QByteArray &out = b.payload;
    out.reserve(qsizetype(devices) * 34 + qsizetype(claims) * claimBytes + 128);
    int pairs = 4 - is(Defect::NoDevices) + r.has(Recipe::WithNext) + r.has(Recipe::UnknownKey) +
                is(Defect::DuplicateSeq) + is(Defect::MapTooLong);
    head(out, 5, quint64(pairs));
    text(out, "seq");
    if (is(Defect::NegativeSeq))
        integer(out, -1 - qint64(b.seq & 0xffff));
    else
        head(out, 0, b.seq);
    text(out, "issued");
    if (is(Defect::IssuedText))
        text(out, "now");
    else
        integer(out, b.issued);
    const auto arrayHead = [&](quint32 n) {
        if (r.has(Recipe::Indefinite))
            out.append(char(0x9f));
        else
            head(out, 4, n);
    };
    const auto arrayEnd = [&] {
        if (r.has(Recipe::Indefinite))
            out.append(char(0xff));
    };
    const quint32 badDevice = devices ? r.defectAt % devices : 0;
    const quint32 badClaim = claims ? r.defectAt % claims : 0;
    bool placed = false; // an entry defect needs an entry to sit in
    if (!is(Defect::NoDevices)) {
        text(out, "devices");
        arrayHead(devices);
        for (quint32 i = 0; i < devices; ++i) {
            QByteArray fingerprint = entry(r.material, i, 32);
            if (i == badDevice && defect && *defect <= Defect::DeviceTagged) {
                placed = true;
                switch (*defect) {
                case Defect::DeviceShort:
                    fingerprint.chop(1);
                    break;
                case Defect::DeviceLong:
                    fingerprint.append('\0');
                    break;
                case Defect::DeviceText:
                    head(out, 3, 32);
                    out.append(fingerprint);
                    continue;
                case Defect::DeviceInteger:
                    head(out, 0, i);
                    continue;
                case Defect::DeviceTagged:
                    head(out, 6, 24);
                    break;
                default:
                    break;
                }
            }
            head(out, 2, quint64(fingerprint.size()));
            out.append(fingerprint);
        }
        arrayEnd();
    }
    text(out, "claims");
    if (is(Defect::ClaimsMap)) {
        head(out, 5, 0);
    } else {
        arrayHead(claims);
        for (quint32 i = 0; i < claims; ++i) {
            const QByteArray cti = entry(r.material, i, r.claimLength);
            if (i == badClaim && (is(Defect::ClaimText) || is(Defect::ClaimArray))) {
                placed = true;
                if (is(Defect::ClaimText)) {
                    head(out, 3, quint64(cti.size()));
                    out.append(cti);
                } else {
                    head(out, 4, 1);
                    head(out, 2, quint64(cti.size()));
                    out.append(cti);
                }
                continue;
            }
            head(out, 2, quint64(cti.size()));
            out.append(cti);
        }
        arrayEnd();
    }
    if (b.next) {
        text(out, "next");
        integer(out, *b.next);
    }
    if (r.has(Recipe::UnknownKey)) {
        text(out, "x-ext");
        text(out, "ignored");
    }
    if (is(Defect::DuplicateSeq)) {
        text(out, "seq");
        head(out, 0, b.seq);
    }
    if (is(Defect::Truncated))
        out.chop(1);
    if (is(Defect::Trailing))
        out.append('\0');
    b.defective = defect && (placed || *defect > Defect::ClaimArray);
    return b;
}

[[noreturn]] void fail(const char *what) {
    fuzz::revocationFailure(what);
}

// The distinct entries of a list built without a defect.
QSet<QByteArray> entries(const QByteArray &material, quint32 count, qsizetype length) {
    QSet<QByteArray> out;
    out.reserve(count);
    for (quint32 i = 0; i < count; ++i)
        out.insert(entry(material, i, length));
    return out;
}

// v2's list keeps "next"; a v1 list has nothing to compare.
template <typename List> bool sameNext(const List &list, std::optional<qint64> next) {
    if constexpr (requires { list.next; })
        return list.next == next;
    else
        return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const auto recipe = fuzz::decodeRecipe(
        QByteArrayView(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    if (!recipe)
        return 0;
    const fuzz::World &w = fuzz::world();
    const qint64 nowSeconds = w.nowMs / 1000;
    const bool raw = recipe->has(fuzz::RevocationRecipe::Raw);
    const Built built = raw ? Built{recipe->material} : build(*recipe, nowSeconds);
    const QByteArray signedList =
        pki::signCoseSign1(built.payload, w.pki.authority.key, w.pki.authority.x5chain);
    if (signedList.isEmpty())
        fail("the authority could not sign");
    const fuzz::Offered offered = fuzz::offerToHeldBook(signedList);
    if (raw || offered.update.outcome != trust::RevocationBook::Outcome::Accepted)
        return 0;

    if (built.defective)
        fail("a list with a defect was accepted");
    const trust::RevocationList &list = *offered.inForce;
    if (list.seq != built.seq || list.issued != built.issued)
        fail("the list in force does not have the payload's seq and issued");
    if (list.devices != entries(recipe->material, built.devices, 32) ||
        list.claims != entries(recipe->material, built.claims, built.claimLength))
        fail("the list in force does not hold exactly the payload's entries");
    if (!sameNext(list, built.next))
        fail("the list in force does not have the payload's next");
    if constexpr (fuzz::kHasSameSeqRule<trust::RevocationBook>) {
        if (built.issued > nowSeconds + 300)
            fail("a list issued more than 5 minutes ahead was accepted");
    }
    return 0;
}
