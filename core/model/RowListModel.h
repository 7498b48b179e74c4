#pragma once
// What the app's list models share: a flat list of rows, its size as the QML `count`
// property, and get(row), every role of a row by role name (for QML code that needs a
// row's values outside a delegate). A subclass says how many rows it holds and what a row
// is worth for a role; after changing its rows it calls notifyCountChanged().
//
// Subclasses name it in full (`public vf::model::RowListModel`): Qt 6.4's qmltyperegistrar
// finds a base class only by its qualified name, and without it the QML tools (qmllint,
// the compiled bindings) would not see `count` and get() on the subclasses.
#include <QAbstractListModel>
#include <QVariantMap>

namespace vf::model {

class RowListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const final;
    QVariant data(const QModelIndex &index, int role) const final;

    int count() const { return rowsHeld(); }
    // Every role of the row by role name; empty for a row out of range.
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void countChanged();

protected:
    virtual int rowsHeld() const = 0;
    // The row is in range.
    virtual QVariant valueAt(int row, int role) const = 0;
    // Emits countChanged when the count differs from the one last announced.
    void notifyCountChanged();

private:
    int m_announcedCount = 0;
};

} // namespace vf::model
