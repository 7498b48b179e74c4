#include "EventsModel.h"

#include "DayLabel.h"
#include "ReasonText.h"
#include "Store.h"
#include "VerifiedImageUrl.h"

#include <QDateTime>
#include <QScopedValueRollback>
#include <QUrl>
#include <algorithm>
#include <array>

namespace vf::model {

namespace {

std::optional<store::EventCursor> cursorAfter(const EventRow &row) {
    return store::EventCursor{row.timestampMs, row.id, row.deviceId};
}

} // namespace

EventsModel::EventsModel(QObject *parent)
    : RowListModel(parent)
    , m_today(QDate::currentDate()) {
    m_midnight.setSingleShot(true);
    connect(&m_midnight, &QTimer::timeout, this, [this] {
        followClock();
        armMidnightTimer();
    });
    armMidnightTimer();
}

void EventsModel::armMidnightTimer() {
    // Just after the next local midnight; at most an hour away, so a clock or time-zone
    // change (or a suspended machine) is noticed within the hour.
    const QDateTime now = QDateTime::currentDateTime();
    const qint64 toMidnight = now.msecsTo(now.date().addDays(1).startOfDay()) + 1000;
    m_midnight.start(int(std::clamp<qint64>(toMidnight, 1000, 3600 * 1000)));
}

void EventsModel::followClock() {
    if (!m_todayPinned)
        setToday(QDate::currentDate());
}

void EventsModel::pinToday(const QDate &today) {
    m_todayPinned = today.isValid();
    setToday(m_todayPinned ? today : QDate::currentDate());
}

void EventsModel::setToday(const QDate &today) {
    if (today == m_today)
        return;
    m_today = today;
    retranslate();
    Q_EMIT todayChanged();
}

void EventsModel::retranslate() {
    if (m_rows.isEmpty())
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {DayLabelRole});
}

void EventsModel::setSource(vf::store::Store *store, const QString &account) {
    if (store == m_store && account == m_account)
        return;
    const bool accountChanged = account != m_account;
    m_store = store;
    m_account = account;
    m_partition = account.isEmpty() ? QString() : store::MediaCache::partitionName(account);
    if (accountChanged) {
        // Errors and the cloud's state belong to the previous account's listing.
        m_errors.clear();
        if (m_cloudHasMore) {
            m_cloudHasMore = false;
            Q_EMIT cloudHasMoreChanged();
        }
    }
    reload();
    Q_EMIT sourceChanged();
}

QHash<int, QByteArray> EventsModel::roleNames() const {
    static const QHash<int, QByteArray> names{
        {EventIdRole, "eventId"},
        {DeviceIdRole, "deviceId"},
        {CameraNameRole, "cameraName"},
        {LabelRole, "label"},
        {TimestampMsRole, "timestampMs"},
        {TimeRole, "time"},
        {DayKeyRole, "dayKey"},
        {DayLabelRole, "dayLabel"},
        {DurationMsRole, "durationMs"},
        {StateRole, "state"},
        {ReasonRole, "reason"},
        {ReasonTextRole, "reasonText"},
        {AccessRole, "access"},
        {SharedRole, "shared"},
        {ThumbnailUrlRole, "thumbnailUrl"},
        {HasClipRole, "hasClip"},
        {ErrorTextRole, "errorText"},
        {ExplanationRole, "explanation"},
    };
    return names;
}

QVariant EventsModel::value(const EventRow &row, int role) const {
    // A refused entry's listing is the cloud's word about an item that failed
    // verification: none of it (name, label, time, day, duration, clip) leaves the model.
    const bool refused = row.state == store::VerificationState::Refused;
    switch (role) {
    case EventIdRole:
        return row.id;
    case DeviceIdRole:
        return row.deviceId;
    case CameraNameRole:
        return refused ? QString() : row.cameraName;
    case LabelRole:
        return refused ? QString() : row.kind;
    case TimestampMsRole:
        return refused ? QVariant() : QVariant(row.timestampMs);
    case TimeRole:
        return refused ? QVariant() : QVariant(QDateTime::fromMSecsSinceEpoch(row.timestampMs));
    case DayKeyRole:
        return refused ? QString() : dayKeyOf(row.timestampMs);
    case DayLabelRole:
        return refused
                   ? QString()
                   : dayLabelOf(QDateTime::fromMSecsSinceEpoch(row.timestampMs).date(), m_today);
    case DurationMsRole:
        return refused ? QVariant() : QVariant(row.durationMs);
    case StateRole:
        return int(row.state);
    case ReasonRole:
        return row.reason;
    case ReasonTextRole:
        return reasonTextForCode(row.reason);
    case AccessRole:
        return row.access;
    case SharedRole:
        return row.access == QLatin1String("viewer");
    case ThumbnailUrlRole:
        // Checked again here, not only when the row was built: whatever happens to a
        // row, a refused or loading one never points at an image.
        if (row.state != store::VerificationState::Verified)
            return QUrl();
        return verifiedImageUrl(m_partition, row.key(), row.thumbnailSha256);
    case HasClipRole:
        return !refused && row.hasClip;
    case ErrorTextRole:
        return row.errorText;
    case ExplanationRole:
        return refused ? explanationForCode(row.reason) : QString();
    default:
        return {};
    }
}

QList<int> EventsModel::changedRoles(const EventRow &before, const EventRow &after) const {
    QList<int> roles;
    const QList<int> all = roleNames().keys();
    for (const int role : all) {
        if (value(before, role) != value(after, role))
            roles.append(role);
    }
    std::sort(roles.begin(), roles.end());
    return roles;
}

bool EventsModel::canFetchMore(const QModelIndex &parent) const {
    if (parent.isValid() || !hasSource())
        return false;
    return !m_storeExhausted || m_cloudHasMore;
}

void EventsModel::fetchMore(const QModelIndex &parent) {
    if (parent.isValid() || !hasSource() || m_changing)
        return;
    loadNextPage();
    updateCounts();
    if (m_storeExhausted && m_cloudHasMore && !m_cloudAsked) {
        m_cloudAsked = true;
        Q_EMIT moreNeededFromCloud();
    }
}

bool EventsModel::loadNextPage() {
    const std::optional<store::EventCursor> after =
        m_rows.isEmpty() ? std::nullopt : cursorAfter(m_rows.constLast());
    const QList<store::StoredEvent> page =
        m_store->events().page(m_account, m_filter, after, kPageSize);
    m_storeExhausted = page.size() < kPageSize;

    QList<EventRow> fresh;
    fresh.reserve(page.size());
    for (const store::StoredEvent &event : page) {
        // Keyset paging never returns a loaded row unless its timestamp changed in the
        // store without a refreshEvent; one row per event keeps the index exact.
        if (m_index.contains(event.key()))
            continue;
        EventRow row = EventRow::fromStored(event);
        row.errorText = m_errors.value(event.key());
        fresh.append(std::move(row));
    }
    if (fresh.isEmpty())
        return false;

    const QScopedValueRollback<bool> changing(m_changing, true);
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(fresh.size()) - 1);
    for (EventRow &row : fresh) {
        m_index.insert(row.key(), int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    m_cloudAsked = false; // new rows arrived: the next exhaustion is a new request
    endInsertRows();
    return true;
}

void EventsModel::setCameraFilter(const QString &deviceId) {
    if (deviceId == m_filter.deviceId)
        return;
    m_filter.deviceId = deviceId;
    applyFilter();
    Q_EMIT cameraFilterChanged();
}

void EventsModel::setLabelFilter(const QString &kind) {
    if (kind == m_filter.kind)
        return;
    m_filter.kind = kind;
    applyFilter();
    Q_EMIT labelFilterChanged();
}

void EventsModel::setSinceMs(qint64 ms) {
    if (ms == sinceMs())
        return;
    m_filter.sinceMs = ms == 0 ? std::nullopt : std::optional<qint64>(ms);
    applyFilter();
    Q_EMIT sinceMsChanged();
}

void EventsModel::setUntilMs(qint64 ms) {
    if (ms == untilMs())
        return;
    m_filter.untilMs = ms == 0 ? std::nullopt : std::optional<qint64>(ms);
    applyFilter();
    Q_EMIT untilMsChanged();
}

void EventsModel::setRefusedOnly(bool on) {
    if (on == m_filter.refusedOnly)
        return;
    m_filter.refusedOnly = on;
    applyFilter();
    Q_EMIT refusedOnlyChanged();
}

bool EventsModel::filtered() const {
    return !m_filter.deviceId.isEmpty() || !m_filter.kind.isEmpty() || m_filter.sinceMs ||
           m_filter.untilMs || m_filter.refusedOnly;
}

void EventsModel::clearFilters() {
    if (!filtered())
        return;
    const store::EventFilter before = m_filter;
    m_filter = store::EventFilter();
    // One reload for all of them, then the signals of those that changed.
    applyFilter();
    if (!before.deviceId.isEmpty())
        Q_EMIT cameraFilterChanged();
    if (!before.kind.isEmpty())
        Q_EMIT labelFilterChanged();
    if (before.sinceMs)
        Q_EMIT sinceMsChanged();
    if (before.untilMs)
        Q_EMIT untilMsChanged();
    if (before.refusedOnly)
        Q_EMIT refusedOnlyChanged();
}

void EventsModel::applyFilter() {
    reload();
    const bool now = filtered();
    if (now != m_lastFiltered) {
        m_lastFiltered = now;
        Q_EMIT filteredChanged();
    }
}

void EventsModel::setCloudHasMore(bool more) {
    m_cloudAsked = false;
    if (more == m_cloudHasMore)
        return;
    m_cloudHasMore = more;
    Q_EMIT cloudHasMoreChanged();
}

std::optional<EventRow> EventsModel::readRow(const store::EventKey &key) const {
    const std::optional<store::StoredEvent> event = m_store->events().find(m_account, key);
    if (!event)
        return std::nullopt;
    EventRow row = EventRow::fromStored(*event);
    row.errorText = m_errors.value(key);
    return row;
}

void EventsModel::refreshEvent(const QString &eventId, const QString &deviceId) {
    if (!hasSource() || m_changing)
        return;
    const store::EventKey key{eventId, deviceId};
    const std::optional<EventRow> row = readRow(key);
    const bool belongs = row && passes(m_filter, *row);
    const int at = m_index.value(key, -1);

    if (at >= 0 && belongs) {
        const bool last = at == m_rows.size() - 1;
        const bool inPlace = (at == 0 || sortsBefore(m_rows.at(at - 1), *row)) &&
                             (last || sortsBefore(*row, m_rows.at(at + 1)));
        if (inPlace) {
            const QList<int> roles = changedRoles(m_rows.at(at), *row);
            m_rows[at] = *row;
            if (!roles.isEmpty()) {
                const QScopedValueRollback<bool> changing(m_changing, true);
                const QModelIndex i = index(at);
                Q_EMIT dataChanged(i, i, roles);
            }
            updateCounts();
            return;
        }
    }
    // Gone, filtered out, or its timestamp moved it: out of its old place first.
    if (at >= 0)
        removeEventRow(at);

    if (belongs) {
        const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), *row, sortsBefore);
        const int position = int(it - m_rows.cbegin());
        if (position < m_rows.size()) {
            // Inside the loaded range: paging goes on after the last row, so it would
            // never come otherwise.
            insertEventRow(position, *row);
        } else if (m_storeExhausted) {
            // Past the last row of a store that had no more: read on from the last row
            // rather than insert it alone, so events stored before it without a refresh
            // are not skipped by the next page.
            loadNextPage();
        }
        // Otherwise it sorts after rows fetchMore has yet to read: it comes in order then.
    }
    updateCounts();
}

void EventsModel::removeEvent(const QString &eventId, const QString &deviceId) {
    const store::EventKey key{eventId, deviceId};
    m_errors.remove(key);
    const int at = m_index.value(key, -1);
    if (at < 0 || m_changing)
        return;
    removeEventRow(at);
    updateCounts();
}

void EventsModel::setItemError(const QString &eventId, const QString &deviceId,
                               const QString &message) {
    const store::EventKey key{eventId, deviceId};
    if (message.isEmpty())
        m_errors.remove(key);
    else
        m_errors.insert(key, message);
    const int at = m_index.value(key, -1);
    if (at < 0 || m_rows.at(at).errorText == message)
        return;
    m_rows[at].errorText = message;
    const QScopedValueRollback<bool> changing(m_changing, true);
    const QModelIndex i = index(at);
    Q_EMIT dataChanged(i, i, {ErrorTextRole});
}

void EventsModel::reload() {
    followClock();
    {
        const QScopedValueRollback<bool> changing(m_changing, true);
        beginResetModel();
        m_rows.clear();
        m_storeExhausted = true;
        m_cloudAsked = false;
        if (hasSource()) {
            const QList<store::StoredEvent> page =
                m_store->events().page(m_account, m_filter, std::nullopt, kPageSize);
            m_storeExhausted = page.size() < kPageSize;
            m_rows.reserve(page.size());
            for (const store::StoredEvent &event : page) {
                EventRow row = EventRow::fromStored(event);
                row.errorText = m_errors.value(event.key());
                m_rows.append(std::move(row));
            }
        }
        rebuildIndex();
        endResetModel();
    }
    updateCounts();
}

void EventsModel::insertEventRow(int position, EventRow row) {
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginInsertRows(QModelIndex(), position, position);
    m_rows.insert(position, std::move(row));
    rebuildIndex();
    m_cloudAsked = false; // new rows arrived
    endInsertRows();
}

void EventsModel::removeEventRow(int row) {
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    rebuildIndex();
    endRemoveRows();
}

void EventsModel::rebuildIndex() {
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).key(), i);
}

void EventsModel::updateCounts() {
    int verified = 0;
    int refused = 0;
    int loading = 0;
    for (const EventRow &row : std::as_const(m_rows)) {
        switch (row.state) {
        case store::VerificationState::Verified:
            ++verified;
            break;
        case store::VerificationState::Refused:
            ++refused;
            break;
        case store::VerificationState::Loading:
            ++loading;
            break;
        }
    }
    const auto update = [this](int &field, int now, void (EventsModel::*signal)()) {
        if (field != now) {
            field = now;
            Q_EMIT(this->*signal)();
        }
    };
    notifyCountChanged();
    update(m_verifiedCount, verified, &EventsModel::verifiedCountChanged);
    update(m_refusedCount, refused, &EventsModel::refusedCountChanged);
    update(m_loadingCount, loading, &EventsModel::loadingCountChanged);
}

int EventsModel::indexOfEvent(const QString &eventId, const QString &deviceId) const {
    return m_index.value(store::EventKey{eventId, deviceId}, -1);
}

QVariantList EventsModel::hourCounts(const QDate &day) const {
    std::array<int, 24> counts{};
    if (hasSource() && day.isValid()) {
        // The local day, intersected with the since/until filters.
        store::EventFilter filter = m_filter;
        const qint64 dayStart = day.startOfDay().toMSecsSinceEpoch();
        const qint64 dayEnd = day.addDays(1).startOfDay().toMSecsSinceEpoch();
        filter.sinceMs = std::max(dayStart, m_filter.sinceMs.value_or(dayStart));
        filter.untilMs = std::min(dayEnd, m_filter.untilMs.value_or(dayEnd));
        if (*filter.sinceMs < *filter.untilMs) {
            // Times and verdicts only: no row's signatures are read for a bar plot.
            for (const store::TimelinePoint &point :
                 m_store->events().timeline(m_account, filter)) {
                if (point.state == store::VerificationState::Refused)
                    continue; // its time is not shown, not even as a bar
                // Local wall-clock hour: on a DST day the repeated hour counts twice
                // as many minutes, the skipped one none.
                const QDateTime local = QDateTime::fromMSecsSinceEpoch(point.timestampMs);
                ++counts[size_t(local.time().hour())];
            }
        }
    }
    QVariantList list;
    list.reserve(24);
    for (const int n : counts)
        list.append(n);
    return list;
}

int EventsModel::firstRowAtOrBefore(const QDate &day, int hour) const {
    if (!day.isValid() || hour < 0 || hour > 23)
        return -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        const EventRow &row = m_rows.at(i);
        if (row.state == store::VerificationState::Refused)
            continue;
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(row.timestampMs);
        if (local.date() == day && local.time().hour() <= hour)
            return i;
        if (local.date() < day)
            break; // newest first: the rest is older
    }
    return -1;
}

int EventsModel::nextPlayable(int row, int step) const {
    if (step == 0)
        return -1;
    const int direction = step > 0 ? 1 : -1;
    for (int i = row + direction; i >= 0 && i < m_rows.size(); i += direction) {
        const EventRow &candidate = m_rows.at(i);
        if (candidate.state == store::VerificationState::Verified && candidate.hasClip)
            return i;
    }
    return -1;
}

QDateTime EventsModel::newestTime() const {
    for (const EventRow &row : m_rows) {
        if (row.state != store::VerificationState::Refused)
            return QDateTime::fromMSecsSinceEpoch(row.timestampMs);
    }
    return QDateTime::currentDateTime();
}

} // namespace vf::model
