// The grid's rows: grouped by day, at most `columns` per row, updated by row signals (never
// a reset) as the source changes, under QAbstractItemModelTester.
#include "TileRowsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using vf::model::TileRowsModel;

namespace {
constexpr int kDay = Qt::UserRole + 7;

class DayModel : public QStandardItemModel {
public:
    QHash<int, QByteArray> roleNames() const override {
        return {{kDay, "day"}, {Qt::DisplayRole, "eventId"}};
    }
    void add(const QString &day, const QString &id, int at = -1) {
        auto *item = new QStandardItem(id);
        item->setData(day, kDay);
        if (at < 0)
            appendRow(item);
        else
            insertRow(at, item);
    }
};

QStringList shape(const TileRowsModel &m) {
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r) {
        const QModelIndex i = m.index(r, 0);
        QStringList ids;
        for (const QVariant &v : i.data(TileRowsModel::ItemsRole).toList())
            ids << v.toMap().value("eventId").toString();
        out << i.data(TileRowsModel::DayRole).toString() + ":" + ids.join(',');
    }
    return out;
}
} // namespace

class TileRowsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupsByDayAndColumns() {
        DayModel source;
        for (const char *id : {"a", "b", "c"})
            source.add("d1", id);
        for (const char *id : {"d", "e"})
            source.add("d2", id);
        TileRowsModel rows;
        QAbstractItemModelTester tester(&rows,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        rows.setColumns(2);
        rows.setSource(&source);
        QCOMPARE(shape(rows), (QStringList{"d1:a,b", "d1:c", "d2:d,e"}));
        QCOMPARE(rows.rowOfSourceRow(2), 1);
        QCOMPARE(rows.rowOfSourceRow(4), 2);
        QCOMPARE(rows.rowOfSourceRow(9), -1);
        rows.setColumns(3);
        QCOMPARE(shape(rows), (QStringList{"d1:a,b,c", "d2:d,e"}));
    }

    void appendsAndChangesNeverReset() {
        DayModel source;
        source.add("d1", "a");
        TileRowsModel rows;
        QAbstractItemModelTester tester(&rows,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        rows.setColumns(2);
        rows.setSource(&source);
        QSignalSpy reset(&rows, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&rows, &QAbstractItemModel::rowsInserted);
        source.add("d1", "b");
        source.add("d2", "c");
        source.add("d2", "d");
        source.add("d2", "e");
        QCOMPARE(shape(rows), (QStringList{"d1:a,b", "d2:c,d", "d2:e"}));
        QCOMPARE(inserted.size(), 2);
        source.add("d0", "z", 0); // a newer event on top
        QCOMPARE(shape(rows), (QStringList{"d0:z", "d1:a,b", "d2:c,d", "d2:e"}));
        source.item(1)->setText("A"); // a tile's data changes
        QCOMPARE(shape(rows).at(1), QStringLiteral("d1:A,b"));
        source.removeRows(0, 3);
        QCOMPARE(shape(rows), (QStringList{"d2:c,d", "d2:e"}));
        QCOMPARE(reset.size(), 0);
        rows.setSource(nullptr);
        QCOMPARE(rows.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TileRowsTest)
#include "tst_tile_rows.moc"
