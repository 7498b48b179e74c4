#pragma once
// The Events grid as rows of tiles grouped by day: each row holds up to `columns` events
// of one day, so a ListView can show a grid with day headers and page on reaching the end.
// Changes in the source become row changes, inserts and removals (never a reset), so
// scrolling keeps its place while the sync fills tiles in.
//
// The day of a row and its header come only from the source's "dayKey" and "dayLabel"
// roles (computed in C++ from the event time): a row says whether it starts its day
// (firstOfDay, where the view draws the header) and which day it is in, so a header can
// never disagree with the tiles below it. A source row without a day (a refused entry,
// whose time is not shown) joins the day of the row before it (or, at the top, of the
// first dated row after it); when no row has a day, they form one undated group.
#include <QAbstractListModel>
#include <QPointer>

namespace vf::model {

class TileRowsModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QAbstractItemModel *source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(int columns READ columns WRITE setColumns NOTIFY columnsChanged)
    Q_PROPERTY(int count READ rowCountProperty NOTIFY countChanged)
public:
    enum Role {
        DayKeyRole = Qt::UserRole + 1,
        ItemsRole,
        FirstSourceRowRole,
        ItemCountRole,
        DayLabelRole,
        FirstOfDayRole,
    };

    explicit TileRowsModel(QObject *parent = nullptr);

    QAbstractItemModel *source() const { return m_source; }
    // The source's rows must be ordered by day (newest first, as EventsModel is) and have
    // roles named "dayKey" and "dayLabel".
    void setSource(QAbstractItemModel *source);
    int columns() const { return m_columns; }
    void setColumns(int columns);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Paging goes to the source, so a view of the rows pages the events.
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    int rowCountProperty() const { return rowCount(); }

    // The grid row holding a source row (for keyboard navigation and "jump to").
    Q_INVOKABLE int rowOfSourceRow(int sourceRow) const;
    // The header of the day a grid row is in ("" for a row out of range).
    Q_INVOKABLE QString dayLabelOfRow(int row) const;

Q_SIGNALS:
    void sourceChanged();
    void columnsChanged();
    void countChanged();

private:
    struct Row {
        QString day;   // the group's day key ("" for the undated group)
        QString label; // its header
        bool firstOfDay = false;
        int first = 0; // first source row
        int count = 0;
        bool operator==(const Row &) const = default;
    };
    QList<Row> layout() const;
    void relayout();
    QVariantMap itemAt(int sourceRow) const;

    QPointer<QAbstractItemModel> m_source;
    int m_columns = 4;
    int m_dayKeyRole = -1;
    int m_dayLabelRole = -1;
    QList<Row> m_rows;
};

} // namespace vf::model
