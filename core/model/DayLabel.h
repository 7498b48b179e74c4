#pragma once
// The day an event belongs to, as the Events grid groups and heads it: the local calendar
// day of its time, named relative to "today" ("Today", "Yesterday", "Thursday 3 December").
// Computed here, once, from the event time, so every header and tile agrees on it.
#include <QDate>
#include <QString>

namespace vf::model {

// The local date of a time (ms since the epoch), e.g. "2026-12-03"; "" for no time.
QString dayKeyOf(qint64 timestampMs);

// The header of a local day seen on `today`, in the default locale (QLocale()) and the
// installed translation; the year is added when it is not today's year.
QString dayLabelOf(const QDate &day, const QDate &today);

// The header of a group with no dated row: blocked items, whose entry's time is not shown.
QString undatedDayLabel();

} // namespace vf::model
