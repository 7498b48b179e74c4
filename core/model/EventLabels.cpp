#include "EventLabels.h"

#include "DisplayText.h"

#include <QCoreApplication>

#include <array>

namespace vf::model {

namespace {

constexpr std::array kLabels{
    EventLabel{"person", QT_TRANSLATE_NOOP("EventLabel", "Person"), "#3558d6", "#7aa2ff"},
    EventLabel{"vehicle", QT_TRANSLATE_NOOP("EventLabel", "Vehicle"), "#b45f06", "#f7b267"},
    EventLabel{"animal", QT_TRANSLATE_NOOP("EventLabel", "Animal"), "#2e7d32", "#8bd17c"},
    EventLabel{"motion", QT_TRANSLATE_NOOP("EventLabel", "Motion"), "#7b1fa2", "#d9a0ff"},
    EventLabel{"sound", QT_TRANSLATE_NOOP("EventLabel", "Sound"), "#ad1457", "#f48fb1"},
};

} // namespace

std::span<const EventLabel> eventLabels() {
    return kLabels;
}

const EventLabel *findEventLabel(const QString &key) {
    for (const EventLabel &label : kLabels) {
        if (key == QLatin1String(label.key))
            return &label;
    }
    return nullptr;
}

QString eventLabelName(const QString &key) {
    if (const EventLabel *label = findEventLabel(key))
        return QCoreApplication::translate(kEventLabelContext, label->name);
    return displayText(key);
}

} // namespace vf::model
