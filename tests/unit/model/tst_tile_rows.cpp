// The grid's rows: grouped by day, at most `columns` per row, updated by row signals (never
// a reset) as the source changes, under QAbstractItemModelTester; headers (firstOfDay,
// dayLabel) only from the source's day roles, undated (refused) rows inside a day.
#include "TileRowsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using vf::model::TileRowsModel;

namespace {
constexpr int kDay = Qt::UserRole + 7;
constexpr int kLabel = Qt::UserRole + 8;

class DayModel : public QStandardItemModel {
public:
    QHash<int, QByteArray> roleNames() const override {
        return {{kDay, "dayKey"}, {kLabel, "dayLabel"}, {Qt::DisplayRole, "eventId"}};
    }
    // day "": a row without a day (a refused entry).
    void add(const QString &day, const QString &id, int at = -1) {
        auto *item = new QStandardItem(id);
        item->setData(day, kDay);
        item->setData(day.isEmpty() ? QString() : "label of " + day, kLabel);
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
        out << i.data(TileRowsModel::DayKeyRole).toString() + ":" + ids.join(',');
    }
    return out;
}

// The headers the view draws: the label of each row that starts a day.
QStringList headers(const TileRowsModel &m) {
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r) {
        const QModelIndex i = m.index(r, 0);
        if (i.data(TileRowsModel::FirstOfDayRole).toBool())
            out << i.data(TileRowsModel::DayLabelRole).toString();
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
        rows.setColumns(2);
        QCOMPARE(headers(rows), (QStringList{"label of d1", "label of d2"}));
        QCOMPARE(rows.index(1, 0).data(TileRowsModel::FirstOfDayRole).toBool(), false);
        QCOMPARE(rows.index(1, 0).data(TileRowsModel::DayLabelRole).toString(), "label of d1");
        QCOMPARE(rows.dayLabelOfRow(2), "label of d2");
        QCOMPARE(rows.dayLabelOfRow(3), QString());
    }

    void undatedRowsStayInTheirNeighboursDay() {
        DayModel source;
        source.add("", "r0"); // newest, refused: joins the first dated day
        source.add("d1", "a");
        source.add("", "r1"); // between two days: stays in the day before it
        source.add("d2", "b");
        source.add("", "r2");
        TileRowsModel rows;
        QAbstractItemModelTester tester(&rows,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        rows.setColumns(4);
        rows.setSource(&source);
        QCOMPARE(shape(rows), (QStringList{"d1:r0,a,r1", "d2:b,r2"}));
        QCOMPARE(headers(rows), (QStringList{"label of d1", "label of d2"}));

        // Only undated rows (blocked-only): one group, one header, however many rows.
        DayModel blocked;
        for (const char *id : {"x", "y", "z"})
            blocked.add("", id);
        rows.setColumns(2);
        rows.setSource(&blocked);
        QCOMPARE(shape(rows), (QStringList{":x,y", ":z"}));
        QCOMPARE(headers(rows), (QStringList{"Blocked items"}));
    }

    void headersFollowTheSourcesLabels() {
        // A label changes (midnight: "Today" becomes "Yesterday") with no row moving.
        DayModel source;
        source.add("d1", "a");
        source.add("d2", "b");
        TileRowsModel rows;
        QAbstractItemModelTester tester(&rows,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        rows.setSource(&source);
        QSignalSpy changed(&rows, &QAbstractItemModel::dataChanged);
        source.item(0)->setData("Yesterday", kLabel);
        QCOMPARE(headers(rows), (QStringList{"Yesterday", "label of d2"}));
        QVERIFY(!changed.isEmpty());
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
