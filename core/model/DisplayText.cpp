#include "DisplayText.h"

#include <QList>
#include <algorithm>

namespace vf::model {

namespace {

bool isBidiControl(char32_t c) {
    // LRE..RLO and LRI..PDI: they reorder the text around them.
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

QString displayText(const QString &untrusted) {
    QString out;
    out.reserve(std::min<qsizetype>(untrusted.size(), kMaxDisplayTextLength));
    for (const char32_t c : untrusted.toUcs4()) {
        if (isBidiControl(c) || QChar::category(c) == QChar::Other_Control)
            continue;
        out.append(QString::fromUcs4(&c, 1));
    }
    out = out.trimmed();
    if (out.size() > kMaxDisplayTextLength) {
        out.truncate(kMaxDisplayTextLength);
        // Never leave half of a surrogate pair at the cut.
        if (out.back().isHighSurrogate())
            out.chop(1);
    }
    return out;
}

} // namespace vf::model
