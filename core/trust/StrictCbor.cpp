#include "StrictCbor.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <algorithm>

namespace vf::trust {
namespace {
// Far deeper than any protocol object (an attestation nests four levels), far shallower
// than the stack: a deeper item is refused rather than walked.
constexpr int kMaxNesting = 64;
// CBOR additional information 27: an 8-byte argument follows the initial byte.
constexpr quint8 kEightByteArgument = 27;

// Walks one item. An integer's value is read from its encoded head, not through Qt's
// conversions: major type 0 is the argument n, major type 1 is -1 - n, and both fit in
// qint64 exactly when n < 2^63, that is when an 8-byte argument's top bit is clear.
bool walkFindsOutOfRange(QCborStreamReader &reader, QByteArrayView bytes, int depth) {
    if (depth > kMaxNesting)
        return true;
    switch (reader.type()) {
    case QCborStreamReader::UnsignedInteger:
    case QCborStreamReader::NegativeInteger: {
        const qint64 offset = reader.currentOffset();
        if (offset < 0 || offset >= bytes.size())
            return true;
        const auto head = static_cast<quint8>(bytes.at(offset));
        if ((head & 0x1f) == kEightByteArgument &&
            (offset + 1 >= bytes.size() || (static_cast<quint8>(bytes.at(offset + 1)) & 0x80)))
            return true;
        reader.next();
        return false;
    }
    case QCborStreamReader::Array:
    case QCborStreamReader::Map:
        if (!reader.enterContainer())
            return true;
        while (reader.lastError() == QCborError::NoError && reader.hasNext()) {
            if (walkFindsOutOfRange(reader, bytes, depth + 1))
                return true;
        }
        return reader.lastError() != QCborError::NoError || !reader.leaveContainer();
    case QCborStreamReader::Tag:
        reader.next(); // to the tagged item, which is walked as part of this one
        return reader.lastError() != QCborError::NoError ||
               walkFindsOutOfRange(reader, bytes, depth + 1);
    default:
        reader.next();
        return reader.lastError() != QCborError::NoError;
    }
}
} // namespace

bool hasDuplicateMapKeys(const QCborValue &value) {
    if (value.isTag())
        return hasDuplicateMapKeys(value.taggedValue());
    if (value.isArray()) {
        const QCborArray array = value.toArray();
        return std::any_of(array.begin(), array.end(),
                           [](const QCborValue &v) { return hasDuplicateMapKeys(v); });
    }
    if (!value.isMap())
        return false;
    const QCborMap map = value.toMap();
    QList<QCborValue> keys;
    keys.reserve(map.size());
    for (auto it = map.begin(); it != map.end(); ++it) {
        keys.append(it.key());
        if (hasDuplicateMapKeys(it.value()))
            return true;
    }
    std::sort(keys.begin(), keys.end(),
              [](const QCborValue &a, const QCborValue &b) { return a.compare(b) < 0; });
    return std::adjacent_find(keys.begin(), keys.end(),
                              [](const QCborValue &a, const QCborValue &b) {
                                  return a.compare(b) == 0;
                              }) != keys.end();
}

bool hasOutOfRangeInteger(QByteArrayView bytes) {
    const QByteArray copy = bytes.toByteArray();
    QCborStreamReader reader(copy);
    return walkFindsOutOfRange(reader, copy, 0);
}

std::optional<QCborValue> fieldOf(const QCborMap &map, const QCborValue &key) {
    const auto it = map.constFind(key);
    if (it == map.constEnd())
        return std::nullopt;
    return it.value();
}

CborDecodeResult decodeStrictCbor(QByteArrayView bytes) {
    if (bytes.isEmpty())
        return {std::nullopt, QStringLiteral("empty CBOR input")};
    QCborStreamReader reader(bytes.toByteArray());
    QCborValue value = QCborValue::fromCbor(reader);
    const QCborError error = reader.lastError();
    if (error != QCborError::NoError)
        return {std::nullopt, QStringLiteral("CBOR error: %1").arg(error.toString())};
    if (value.isInvalid())
        return {std::nullopt, QStringLiteral("CBOR error: invalid item")};
    if (reader.currentOffset() != bytes.size()) {
        return {std::nullopt, QStringLiteral("%1 trailing byte(s) after the CBOR item")
                                  .arg(bytes.size() - reader.currentOffset())};
    }
    if (hasOutOfRangeInteger(bytes))
        return {std::nullopt,
                QStringLiteral("an integer is outside the signed 64-bit range (or the item "
                               "nests too deeply)")};
    if (hasDuplicateMapKeys(value))
        return {std::nullopt, QStringLiteral("a CBOR map repeats a key")};
    return {std::move(value), {}};
}

} // namespace vf::trust
