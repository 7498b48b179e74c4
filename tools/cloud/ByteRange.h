#pragma once
// The single-range form of an HTTP Range header (RFC 9110 §14.1.2), which is what a client
// streaming a clip segment by segment sends: "bytes=A-B", "bytes=A-" or "bytes=-N".
#include <QByteArray>

namespace vf::cloud {

struct ByteRange {
    enum class Kind {
        None,          // no usable Range header: answer 200 with everything
        Satisfiable,   // 206 with [first, last]
        Unsatisfiable, // 416 with Content-Range: bytes */length
    };
    Kind kind = Kind::None;
    qint64 first = 0;
    qint64 last = 0; // inclusive

    // Unparseable or multi-range headers give None: RFC 9110 lets a server ignore Range.
    static ByteRange parse(const QByteArray &header, qint64 length);

    qint64 size() const { return last - first + 1; }
    QByteArray contentRange(qint64 length) const;
};

} // namespace vf::cloud
