import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// Events per hour of one day as a small bar plot; a tap on a bar jumps there. One Tab stop:
// Left and Right choose among the hours that have events, Home and End the first and last,
// and Enter or Space jumps there.
Item {
    id: timeline
    required property var model // the EventsModel
    property date day: new Date()
    property var counts: []
    // The hour the keyboard is on (-1: none yet; the first key picks the latest with events).
    property int currentHour: -1
    signal hourPicked(int hour)

    objectName: "hourTimeline"
    implicitHeight: 64
    activeFocusOnTab: true
    Accessible.role: Accessible.Slider
    Accessible.name: currentHour >= 0
        ? qsTr("Timeline: %1:00, %n event(s)", "", counts[currentHour] || 0).arg(currentHour)
        : qsTr("Timeline of the day's events")
    Accessible.description: qsTr("Left and right arrows choose an hour, Enter shows its events.")
    Accessible.onPressAction: if (currentHour >= 0) hourPicked(currentHour)

    function recount() { counts = timeline.model.hourCounts(day) }
    Component.onCompleted: recount()
    onDayChanged: recount()
    Connections {
        target: timeline.model
        function onCountChanged() { timeline.recount() }
        function onVerifiedCountChanged() { timeline.recount() }
    }
    readonly property int maxCount: Math.max(1, ...counts)

    // The nearest hour with events from `from` in direction `step` (from included), -1 if none.
    function hourWithEvents(from, step) {
        for (let h = from; h >= 0 && h < 24; h += step)
            if ((counts[h] || 0) > 0)
                return h
        return -1
    }
    function moveTo(hour) { if (hour >= 0) currentHour = hour }
    Keys.onLeftPressed: moveTo(hourWithEvents(currentHour < 0 ? 23 : currentHour - 1, -1))
    Keys.onRightPressed: moveTo(hourWithEvents(currentHour < 0 ? 0 : currentHour + 1, 1))
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Home) {
            moveTo(hourWithEvents(0, 1))
            event.accepted = true
        } else if (event.key === Qt.Key_End) {
            moveTo(hourWithEvents(23, -1))
            event.accepted = true
        }
    }
    Keys.onReturnPressed: if (currentHour >= 0) hourPicked(currentHour)
    Keys.onEnterPressed: if (currentHour >= 0) hourPicked(currentHour)
    Keys.onSpacePressed: if (currentHour >= 0) hourPicked(currentHour)
    onActiveFocusChanged: if (activeFocus && currentHour < 0) moveTo(hourWithEvents(23, -1))

    Rectangle {
        anchors.fill: parent
        anchors.margins: -2
        visible: timeline.activeFocus
        color: "transparent"
        border.width: 2
        border.color: Theme.accent
        radius: 4
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacingTiny
        Repeater {
            model: 24
            delegate: Item {
                required property int index
                readonly property int count: timeline.counts.length === 24 ? timeline.counts[index] : 0
                readonly property bool current: timeline.activeFocus && timeline.currentHour === index
                Layout.fillWidth: true
                Layout.fillHeight: true
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("%1:00, %n event(s)", "", count).arg(index)
                Accessible.onPressAction: if (count > 0) timeline.hourPicked(index)
                Rectangle {
                    anchors { left: parent.left; right: parent.right; bottom: hourLabel.top; bottomMargin: 2 }
                    height: Math.max(count > 0 ? 3 : 1, (parent.height - 16) * count / timeline.maxCount)
                    radius: 2
                    color: parent.current ? Theme.text : count > 0 ? Theme.accent : Theme.divider
                }
                Label {
                    id: hourLabel
                    anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom }
                    visible: index % 6 === 0 || parent.current
                    text: index
                    font.pixelSize: Theme.fontTiny
                    font.weight: parent.current ? Font.Bold : Font.Normal
                    color: parent.current ? Theme.text : Theme.textMuted
                }
                MouseArea {
                    anchors.fill: parent
                    enabled: count > 0
                    onClicked: { timeline.currentHour = index; timeline.hourPicked(index) }
                }
            }
        }
    }
}
