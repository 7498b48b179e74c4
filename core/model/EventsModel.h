#pragma once
// The Events tab: one account's events from the store, newest first, a page at a time.
// The model reads only the store (the sync layer writes it and tells the model what
// changed) and holds no media: a verified row carries an image:// URL that the verified
// image provider resolves from the verified cache; a refused or loading row carries none.
//
// A refused row exposes nothing taken from its entry: no camera name, label, time, day,
// duration or clip (the cloud's words about a refused item are not repeated to anyone,
// on screen or through accessibility); only its IDs, the verdict and its reason.
#include "EventRow.h"
#include "RowListModel.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>

namespace vf::store {
class Store;
}

namespace vf::model {

// The base named in full for the QML tools (see RowListModel.h).
class EventsModel : public vf::model::RowListModel {
    Q_OBJECT
    Q_PROPERTY(QString account READ account NOTIFY sourceChanged)
    Q_PROPERTY(
        QString cameraFilter READ cameraFilter WRITE setCameraFilter NOTIFY cameraFilterChanged)
    Q_PROPERTY(QString labelFilter READ labelFilter WRITE setLabelFilter NOTIFY labelFilterChanged)
    Q_PROPERTY(qint64 sinceMs READ sinceMs WRITE setSinceMs NOTIFY sinceMsChanged)
    Q_PROPERTY(qint64 untilMs READ untilMs WRITE setUntilMs NOTIFY untilMsChanged)
    Q_PROPERTY(bool refusedOnly READ refusedOnly WRITE setRefusedOnly NOTIFY refusedOnlyChanged)
    Q_PROPERTY(bool filtered READ filtered NOTIFY filteredChanged)
    Q_PROPERTY(bool cloudHasMore READ cloudHasMore NOTIFY cloudHasMoreChanged)
    Q_PROPERTY(int pageSize READ pageSize CONSTANT)
    Q_PROPERTY(int verifiedCount READ verifiedCount NOTIFY verifiedCountChanged)
    Q_PROPERTY(int refusedCount READ refusedCount NOTIFY refusedCountChanged)
    Q_PROPERTY(int loadingCount READ loadingCount NOTIFY loadingCountChanged)
    Q_PROPERTY(QDate today READ today NOTIFY todayChanged)

public:
    // Same values as store::VerificationState.
    enum State { Loading = 0, Verified = 1, Refused = 2 };
    Q_ENUM(State)

    enum Role {
        EventIdRole = Qt::UserRole + 1,
        DeviceIdRole,
        CameraNameRole,
        LabelRole,
        TimestampMsRole,
        TimeRole,
        DayKeyRole,   // the local date of the event, "yyyy-MM-dd"
        DayLabelRole, // that date named relative to today(): "Today", "Thursday 3 December"
        DurationMsRole,
        StateRole,
        ReasonRole,
        ReasonTextRole,
        AccessRole,
        SharedRole,
        ThumbnailUrlRole,
        HasClipRole,
        ErrorTextRole,
        ExplanationRole, // refused rows: what happened, for a person
    };

    static constexpr int kPageSize = 60;

    explicit EventsModel(QObject *parent = nullptr);

    // The store must outlive the model (or be replaced by setSource(nullptr, {}) first).
    // A null store or an empty account leaves the model empty.
    void setSource(vf::store::Store *store, const QString &account);
    QString account() const { return m_account; }

    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString cameraFilter() const { return m_filter.deviceId; }
    void setCameraFilter(const QString &deviceId);
    QString labelFilter() const { return m_filter.kind; }
    void setLabelFilter(const QString &kind);
    qint64 sinceMs() const { return m_filter.sinceMs.value_or(0); }
    void setSinceMs(qint64 ms); // 0: unset
    qint64 untilMs() const { return m_filter.untilMs.value_or(0); }
    void setUntilMs(qint64 ms); // 0: unset
    bool refusedOnly() const { return m_filter.refusedOnly; }
    void setRefusedOnly(bool on);
    bool filtered() const;
    Q_INVOKABLE void clearFilters();

    // Whether the cloud listing has pages the store has not seen yet (the sync layer's
    // word). Every call re-arms moreNeededFromCloud: it answers the previous request.
    bool cloudHasMore() const { return m_cloudHasMore; }
    void setCloudHasMore(bool more);

    int pageSize() const { return kPageSize; }
    int verifiedCount() const { return m_verifiedCount; }
    int refusedCount() const { return m_refusedCount; }
    int loadingCount() const { return m_loadingCount; }

    // The local date day labels are relative to. It follows the clock (checked at each
    // local midnight, at least hourly, and at every reload) unless pinned by pinToday
    // (tests); every row's label changes with it.
    QDate today() const { return m_today; }
    void pinToday(const QDate &today);
    // After the language changed: day labels are built again in it.
    void retranslate();

    // Rows are entries, named by (event ID, device ID) like everything the client holds
    // (trust.md §6 v2): two entries with one event ID are two rows, each with its own
    // state, tile and error, and nothing done to one touches the other.
    //
    // The sync layer, on the GUI thread, after it changed the store: re-reads the entry
    // and updates, moves, inserts or removes its row. An entry outside the loaded range
    // is left for fetchMore.
    void refreshEvent(const QString &eventId, const QString &deviceId);
    // After the sync layer removed the entry from the store (e.g. a revocation purge).
    void removeEvent(const QString &eventId, const QString &deviceId);
    // A transient, retryable fetch error shown on the row; an empty message clears it.
    // Kept for entries not loaded yet, and across reloads of the same account.
    void setItemError(const QString &eventId, const QString &deviceId, const QString &message);
    // Drops the loaded rows and reads the first page again.
    Q_INVOKABLE void reload();

    Q_INVOKABLE int indexOfEvent(const QString &eventId, const QString &deviceId) const;
    // Events per local hour (24 ints) of that local day among the store's events that
    // pass the filters, loaded or not: the timeline's bars.
    // Refused entries are not counted: their time is not shown.
    Q_INVOKABLE QVariantList hourCounts(const QDate &day) const;
    // The first loaded row, newest first, of that local day at or before the end of that
    // local hour, not refused (the timeline's "jump to"); -1 if none.
    Q_INVOKABLE int firstRowAtOrBefore(const QDate &day, int hour) const;
    // The row of the next loaded row after `row` in the direction of `step` (+1: older,
    // -1: newer) that the player can open: verified and with a clip; -1 if none. From
    // row -1 with step +1 it is the first playable row.
    Q_INVOKABLE int nextPlayable(int row, int step) const;
    // The time of the newest loaded row that is not refused (the timeline's day); now if
    // there is none.
    Q_INVOKABLE QDateTime newestTime() const;

Q_SIGNALS:
    void sourceChanged();
    void cameraFilterChanged();
    void labelFilterChanged();
    void sinceMsChanged();
    void untilMsChanged();
    void refusedOnlyChanged();
    void filteredChanged();
    void cloudHasMoreChanged();
    void verifiedCountChanged();
    void refusedCountChanged();
    void loadingCountChanged();
    void todayChanged();
    // The store has nothing after the last row but the cloud has more: the sync layer
    // should fetch the next cloud page. Emitted once per request (see setCloudHasMore).
    void moreNeededFromCloud();

protected:
    int rowsHeld() const override { return int(m_rows.size()); }
    QVariant valueAt(int row, int role) const override { return value(m_rows.at(row), role); }

private:
    // After m_filter changed: reads the first page again and updates `filtered`.
    void applyFilter();
    QVariant value(const EventRow &row, int role) const;
    QList<int> changedRoles(const EventRow &before, const EventRow &after) const;
    std::optional<EventRow> readRow(const store::EventKey &key) const;
    // Reads the page after the last row and appends it; false when it was empty.
    bool loadNextPage();
    void insertEventRow(int position, EventRow row);
    void removeEventRow(int row);
    void rebuildIndex();
    void updateCounts();
    bool hasSource() const { return m_store && !m_account.isEmpty(); }
    void setToday(const QDate &today);
    void followClock();
    void armMidnightTimer();

    vf::store::Store *m_store = nullptr;
    QString m_account;
    QString m_partition; // MediaCache::partitionName(m_account), for image URLs
    store::EventFilter m_filter;
    QList<EventRow> m_rows;
    QHash<store::EventKey, int> m_index; // entry -> row
    QHash<store::EventKey, QString> m_errors;
    bool m_storeExhausted = true; // the last store read returned less than a page
    bool m_cloudHasMore = false;
    bool m_cloudAsked = false;
    // Set while the model changes and emits: a view (or QAbstractItemModelTester) calling
    // fetchMore from a change signal would otherwise page from a half-applied state.
    bool m_changing = false;
    bool m_lastFiltered = false;
    int m_verifiedCount = 0;
    int m_refusedCount = 0;
    int m_loadingCount = 0;
    QDate m_today;
    bool m_todayPinned = false;
    QTimer m_midnight;
};

} // namespace vf::model
