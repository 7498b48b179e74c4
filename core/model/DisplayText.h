#pragma once
// Names that come from the cloud (camera names) are untrusted: they are shown, never
// used to decide anything. This keeps them from disguising themselves on screen.
#include <QString>

namespace vf::model {

// Longest name shown; the rest is cut so one name cannot push a tile's content away.
constexpr int kMaxDisplayTextLength = 80;

// text without control characters and bidirectional overrides (a right-to-left override
// can make "gro.kcab" read as another name), trimmed and cut to kMaxDisplayTextLength.
QString displayText(const QString &untrusted);

} // namespace vf::model
