#pragma once
// The one table of detection labels: the key the cloud and the store use ("person"), the
// word a person reads ("Person", "Personne") and the chip's colour in each theme. The
// filters, the label chip, tiles' accessible names and the colours all come from it.
#include <QString>

#include <span>

namespace vf::model {

struct EventLabel {
    const char *key; // as events carry it: "person", "vehicle"...
    // The English word, marked for translation in the context kEventLabelContext.
    const char *name;
    const char *color;     // the chip's text colour (its background is a tint of it), light theme
    const char *darkColor; // the same in the dark theme
};

// The context of the labels' words in the translation files.
inline constexpr const char *kEventLabelContext = "EventLabel";

// Every label Veriframe knows, in the order the label filter lists them.
std::span<const EventLabel> eventLabels();

// The label with that key, or nullptr (a label from a newer camera or cloud).
const EventLabel *findEventLabel(const QString &key);

// The translated word for a key. An unknown key is shown as it is (through displayText, as
// it comes from the cloud); "" for "".
QString eventLabelName(const QString &key);

} // namespace vf::model
