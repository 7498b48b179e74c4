#pragma once
// Strict CBOR decoding for signed objects. Any valid encoding is accepted (trust.md §2),
// but the input must be exactly one well-formed item: trailing bytes, truncation and
// maps with duplicate keys are refused, so that no two parsers can read one signed
// object two different ways. v2: an integer outside the signed 64-bit range anywhere in
// the item is refused too (QCborValue reads -2^64 as the integer 0, and other values
// beyond qint64 as doubles), and map lookups tell a key that is absent from a key whose
// value is undefined or null (fieldOf).
#include <QByteArrayView>
#include <QCborMap>
#include <QCborValue>
#include <QString>
#include <optional>

namespace vf::trust {

struct CborDecodeResult {
    std::optional<QCborValue> value;
    QString error; // set when value is empty
};

CborDecodeResult decodeStrictCbor(QByteArrayView bytes);

// True when a map anywhere inside value repeats a key.
bool hasDuplicateMapKeys(const QCborValue &value);

// True when an integer anywhere in the (well-formed) CBOR item is outside qint64, or the
// item nests deeper than any signed object of the protocol may.
bool hasOutOfRangeInteger(QByteArrayView bytes);

// The value of key in map, or nullopt when the key is absent. A present key whose value
// is CBOR undefined or null is returned as that value: it stands for itself (trust.md §2
// v2), so a caller that asks for a type sees a wrong type, never "absent".
std::optional<QCborValue> fieldOf(const QCborMap &map, const QCborValue &key);

} // namespace vf::trust
