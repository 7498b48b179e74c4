#pragma once
// The sentence shown for a stored reason code. Codes come from our own verifier, but the
// store may hold codes from a newer version: an unknown code is shown as it is rather
// than hidden.
#include <QString>

namespace vf::model {

// trust::reasonText of the code when it is known, the code itself otherwise ("" for "").
QString reasonTextForCode(const QString &code);

// What happened, for a person, in a few sentences: what the check found, what Veriframe did
// (not opened, not kept, reported) and what it means for them. "" for "".
QString explanationForCode(const QString &code);

} // namespace vf::model
