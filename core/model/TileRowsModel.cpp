#include "TileRowsModel.h"

#include "DayLabel.h"

namespace vf::model {

TileRowsModel::TileRowsModel(QObject *parent)
    : QAbstractListModel(parent) {}

void TileRowsModel::setSource(QAbstractItemModel *source) {
    if (source == m_source)
        return;
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    m_dayKeyRole = -1;
    m_dayLabelRole = -1;
    if (m_source) {
        const QHash<int, QByteArray> names = m_source->roleNames();
        m_dayKeyRole = names.key(QByteArrayLiteral("dayKey"), -1);
        m_dayLabelRole = names.key(QByteArrayLiteral("dayLabel"), -1);
        // Any change of the source: lay out again and turn the difference into row signals.
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(m_source, signal, this, &TileRowsModel::relayout);
        connect(m_source, &QAbstractItemModel::rowsMoved, this, &TileRowsModel::relayout);
        connect(m_source, &QAbstractItemModel::modelReset, this, &TileRowsModel::relayout);
        connect(m_source, &QAbstractItemModel::layoutChanged, this, &TileRowsModel::relayout);
        connect(m_source, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    const int from = rowOfSourceRow(topLeft.row());
                    const int to = rowOfSourceRow(bottomRight.row());
                    if (from < 0 || to < 0) {
                        relayout();
                        return;
                    }
                    // A changed day moves the event to another group: lay out again.
                    if (layout() != m_rows) {
                        relayout();
                        return;
                    }
                    Q_EMIT dataChanged(index(from), index(to), {ItemsRole});
                });
    }
    relayout();
    Q_EMIT sourceChanged();
}

void TileRowsModel::setColumns(int columns) {
    columns = qBound(1, columns, 64);
    if (columns == m_columns)
        return;
    m_columns = columns;
    relayout();
    Q_EMIT columnsChanged();
}

QList<TileRowsModel::Row> TileRowsModel::layout() const {
    QList<Row> rows;
    if (!m_source || m_dayKeyRole < 0 || m_dayLabelRole < 0)
        return rows;
    const int n = m_source->rowCount();
    const auto dayOf = [this](int i) {
        return m_source->index(i, 0).data(m_dayKeyRole).toString();
    };
    const auto labelOf = [this](int i) {
        return m_source->index(i, 0).data(m_dayLabelRole).toString();
    };
    // Undated rows at the top join the first dated row's day.
    QString day;
    QString label = undatedDayLabel();
    for (int i = 0; i < n; ++i) {
        if (!dayOf(i).isEmpty()) {
            day = dayOf(i);
            label = labelOf(i);
            break;
        }
    }
    for (int i = 0; i < n; ++i) {
        const QString own = dayOf(i);
        if (!own.isEmpty() && own != day) {
            day = own;
            label = labelOf(i);
        }
        const bool newDay = rows.isEmpty() || rows.last().day != day;
        if (newDay || rows.last().count == m_columns)
            rows.append(Row{day, label, newDay, i, 0});
        ++rows.last().count;
    }
    return rows;
}

void TileRowsModel::relayout() {
    const QList<Row> next = layout();
    const int common = int(qMin(next.size(), m_rows.size()));
    // Rows present before and after: changed in place when they differ.
    int firstChanged = -1, lastChanged = -1;
    for (int i = 0; i < common; ++i) {
        if (next.at(i) == m_rows.at(i))
            continue;
        if (firstChanged < 0)
            firstChanged = i;
        lastChanged = i;
    }
    if (next.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(next.size()) - 1);
        for (int i = common; i < next.size(); ++i)
            m_rows.append(next.at(i));
        endInsertRows();
    } else if (next.size() < m_rows.size()) {
        beginRemoveRows({}, int(next.size()), int(m_rows.size()) - 1);
        m_rows.resize(next.size());
        endRemoveRows();
    }
    for (int i = 0; i < common; ++i)
        m_rows[i] = next.at(i);
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged), index(lastChanged));
    // The items of every row may have changed values even when the layout did not.
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {ItemsRole});
    Q_EMIT countChanged();
}

bool TileRowsModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && m_source && m_source->canFetchMore({});
}

void TileRowsModel::fetchMore(const QModelIndex &parent) {
    if (!parent.isValid() && m_source)
        m_source->fetchMore({});
}

int TileRowsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariantMap TileRowsModel::itemAt(int sourceRow) const {
    QVariantMap item;
    const QModelIndex index = m_source->index(sourceRow, 0);
    const QHash<int, QByteArray> names = m_source->roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        item.insert(QString::fromLatin1(it.value()), index.data(it.key()));
    item.insert(QStringLiteral("sourceRow"), sourceRow);
    return item;
}

QVariant TileRowsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !m_source)
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case DayKeyRole:
        return row.day;
    case DayLabelRole:
        return row.label;
    case FirstOfDayRole:
        return row.firstOfDay;
    case FirstSourceRowRole:
        return row.first;
    case ItemCountRole:
        return row.count;
    case ItemsRole: {
        QVariantList items;
        for (int i = 0; i < row.count; ++i)
            items.append(itemAt(row.first + i));
        return items;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> TileRowsModel::roleNames() const {
    return {{DayKeyRole, "dayKey"},
            {DayLabelRole, "dayLabel"},
            {FirstOfDayRole, "firstOfDay"},
            {ItemsRole, "items"},
            {FirstSourceRowRole, "firstSourceRow"},
            {ItemCountRole, "itemCount"}};
}

int TileRowsModel::rowOfSourceRow(int sourceRow) const {
    // Rows are in source order: binary search on the first source row.
    int lo = 0, hi = int(m_rows.size()) - 1;
    while (lo <= hi) {
        const int mid = (lo + hi) / 2;
        const Row &r = m_rows.at(mid);
        if (sourceRow < r.first)
            hi = mid - 1;
        else if (sourceRow >= r.first + r.count)
            lo = mid + 1;
        else
            return mid;
    }
    return -1;
}

QString TileRowsModel::dayLabelOfRow(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).label : QString();
}

} // namespace vf::model
