import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// Events per hour of one day as a small bar plot; a tap on a bar jumps there.
Item {
    id: timeline
    required property var model // the EventsModel
    property date day: new Date()
    property var counts: []
    signal hourPicked(int hour)

    objectName: "hourTimeline"
    implicitHeight: 64
    function recount() { counts = timeline.model.hourCounts(day) }
    Component.onCompleted: recount()
    onDayChanged: recount()
    Connections {
        target: timeline.model
        function onCountChanged() { timeline.recount() }
        function onVerifiedCountChanged() { timeline.recount() }
    }
    readonly property int maxCount: Math.max(1, ...counts)

    RowLayout {
        anchors.fill: parent
        spacing: 2
        Repeater {
            model: 24
            delegate: Item {
                required property int index
                readonly property int count: timeline.counts.length === 24 ? timeline.counts[index] : 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("%1:00, %n event(s)", "", count).arg(index)
                Rectangle {
                    anchors { left: parent.left; right: parent.right; bottom: hourLabel.top; bottomMargin: 2 }
                    height: Math.max(count > 0 ? 3 : 1, (parent.height - 16) * count / timeline.maxCount)
                    radius: 2
                    color: count > 0 ? Theme.accent : Theme.divider
                }
                Label {
                    id: hourLabel
                    anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom }
                    visible: index % 6 === 0
                    text: index
                    font.pixelSize: 10
                    color: Theme.textMuted
                }
                MouseArea { anchors.fill: parent; enabled: count > 0; onClicked: timeline.hourPicked(index) }
            }
        }
    }
}
