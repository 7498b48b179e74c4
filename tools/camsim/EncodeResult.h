#pragma once
// The outcome of an encode: the bytes, or a sentence saying why there are none. Encoders
// never throw and never abort on bad input; callers (the demo cloud, tests) show the error.
#include <QByteArray>
#include <QString>
#include <utility>

namespace vf::camsim {

struct EncodeResult {
    QByteArray bytes; // empty on failure
    QString error;    // empty on success

    bool ok() const { return error.isEmpty(); }
    explicit operator bool() const { return ok(); }

    static EncodeResult success(QByteArray bytes) { return {std::move(bytes), QString()}; }
    static EncodeResult failure(QString error) { return {QByteArray(), std::move(error)}; }
};

} // namespace vf::camsim
