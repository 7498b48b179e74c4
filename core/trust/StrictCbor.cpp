#include "StrictCbor.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <algorithm>

namespace vf::trust {

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
    if (hasDuplicateMapKeys(value))
        return {std::nullopt, QStringLiteral("a CBOR map repeats a key")};
    return {std::move(value), {}};
}

} // namespace vf::trust
