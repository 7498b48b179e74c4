#include "RowListModel.h"

namespace vf::model {

int RowListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : rowsHeld();
}

QVariant RowListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return valueAt(index.row(), role);
}

QVariantMap RowListModel::get(int row) const {
    QVariantMap map;
    if (row < 0 || row >= rowsHeld())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), valueAt(row, it.key()));
    return map;
}

void RowListModel::notifyCountChanged() {
    const int now = rowsHeld();
    if (now == m_announcedCount)
        return;
    m_announcedCount = now;
    Q_EMIT countChanged();
}

} // namespace vf::model
