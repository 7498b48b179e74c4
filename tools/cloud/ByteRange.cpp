#include "ByteRange.h"

namespace vf::cloud {

namespace {

bool parseNumber(const QByteArray &text, qint64 *out) {
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    *out = text.toLongLong();
    return true;
}

} // namespace

ByteRange ByteRange::parse(const QByteArray &header, qint64 length) {
    ByteRange r;
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes="))
        return r;
    const QByteArray spec = value.mid(6).trimmed();
    if (spec.contains(','))
        return r;
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return r;
    const QByteArray a = spec.left(dash).trimmed();
    const QByteArray b = spec.mid(dash + 1).trimmed();
    qint64 first = 0;
    qint64 last = 0;
    if (a.isEmpty()) { // suffix: the last N bytes
        qint64 n = 0;
        if (!parseNumber(b, &n))
            return r;
        if (n == 0 || length == 0) {
            r.kind = Kind::Unsatisfiable;
            return r;
        }
        first = qMax<qint64>(0, length - n);
        last = length - 1;
    } else {
        if (!parseNumber(a, &first))
            return r;
        if (b.isEmpty())
            last = length - 1;
        else if (!parseNumber(b, &last) || last < first)
            return r;
        if (first >= length) {
            r.kind = Kind::Unsatisfiable;
            return r;
        }
        last = qMin(last, length - 1);
    }
    r.kind = Kind::Satisfiable;
    r.first = first;
    r.last = last;
    return r;
}

QByteArray ByteRange::contentRange(qint64 length) const {
    if (kind == Kind::Satisfiable)
        return "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' +
               QByteArray::number(length);
    return "bytes */" + QByteArray::number(length);
}

} // namespace vf::cloud
