#include "DayLabel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace vf::model {

QString dayKeyOf(qint64 timestampMs) {
    return QDateTime::fromMSecsSinceEpoch(timestampMs).date().toString(Qt::ISODate);
}

QString dayLabelOf(const QDate &day, const QDate &today) {
    if (!day.isValid())
        return undatedDayLabel();
    if (day == today)
        return QCoreApplication::translate("DayLabel", "Today");
    if (day == today.addDays(-1))
        return QCoreApplication::translate("DayLabel", "Yesterday");
    // Weekday, day and month say which day it is; a tile only shows its time.
    const QLocale locale;
    return day.year() == today.year() ? locale.toString(day, QStringLiteral("dddd d MMMM"))
                                      : locale.toString(day, QStringLiteral("dddd d MMMM yyyy"));
}

QString undatedDayLabel() {
    return QCoreApplication::translate("DayLabel", "Blocked items");
}

} // namespace vf::model
