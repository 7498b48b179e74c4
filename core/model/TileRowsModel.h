#pragma once
// The Events grid as rows of tiles grouped by day: each row holds up to `columns` events
// of one day, so a ListView can show a grid with sticky day headers (its sections) and
// page on reaching the end. Changes in the source become row changes, inserts and removals
// (never a reset), so scrolling keeps its place while the sync fills tiles in.
#include <QAbstractListModel>
#include <QPointer>

namespace vf::model {

class TileRowsModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QAbstractItemModel *source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(int columns READ columns WRITE setColumns NOTIFY columnsChanged)
    Q_PROPERTY(int count READ rowCountProperty NOTIFY countChanged)
public:
    enum Role { DayRole = Qt::UserRole + 1, ItemsRole, FirstSourceRowRole, ItemCountRole };

    explicit TileRowsModel(QObject *parent = nullptr);

    QAbstractItemModel *source() const { return m_source; }
    // The source's rows must be ordered by day (newest first, as EventsModel is) and have a
    // role named "day".
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

Q_SIGNALS:
    void sourceChanged();
    void columnsChanged();
    void countChanged();

private:
    struct Row {
        QString day;
        int first = 0; // first source row
        int count = 0;
        bool operator==(const Row &) const = default;
    };
    QList<Row> layout() const;
    void relayout();
    QVariantMap itemAt(int sourceRow) const;

    QPointer<QAbstractItemModel> m_source;
    int m_columns = 4;
    int m_dayRole = -1;
    QList<Row> m_rows;
};

} // namespace vf::model
