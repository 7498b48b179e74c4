#pragma once
// Strict CBOR decoding for signed objects. Any valid encoding is accepted (trust.md §2),
// but the input must be exactly one well-formed item: trailing bytes, truncation and
// maps with duplicate keys are refused, so that no two parsers can read one signed
// object two different ways.
#include <QByteArrayView>
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

} // namespace vf::trust
