import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// Camera, label, day and "blocked only" filters over the events model; what is active is
// visible and clearable.
Flow {
    id: bar
    objectName: "filterBar"
    // var: Qt 6.4's qmllint cannot match the foreign model types through AppSession.
    required property var model
    required property var devices
    spacing: Theme.spacing

    ComboBox {
        id: camera
        objectName: "cameraFilter"
        width: 200
        textRole: "name"
        valueRole: "deviceId"
        Accessible.name: qsTr("Camera filter")
        model: cameraList()
        function cameraList() {
            const list = [{ name: qsTr("All cameras"), deviceId: "" }]
            for (let i = 0; i < bar.devices.count; ++i)
                list.push(bar.devices.get(i))
            return list
        }
        Connections {
            target: bar.devices
            function onCountChanged() { camera.model = camera.cameraList() }
        }
        currentIndex: Math.max(0, indexOfValue(bar.model.cameraFilter))
        onActivated: bar.model.cameraFilter = currentValue
    }
    ComboBox {
        id: label
        objectName: "labelFilter"
        width: 150
        textRole: "name"
        valueRole: "key"
        Accessible.name: qsTr("Label filter")
        // "All labels", then the one labels table's, in its order and words.
        model: labelList()
        function labelList() {
            const list = [{ name: qsTr("All labels"), key: "" }]
            const labels = AppSession.eventLabels
            for (let i = 0; i < labels.length; ++i)
                list.push(labels[i])
            return list
        }
        currentIndex: Math.max(0, indexOfValue(bar.model.labelFilter))
        onActivated: bar.model.labelFilter = currentValue
    }
    Button {
        id: dayButton
        objectName: "dayFilter"
        text: bar.model.sinceMs > 0 ? Qt.formatDate(new Date(bar.model.sinceMs), Locale.ShortFormat) : qsTr("Any day")
        Accessible.name: qsTr("Day filter: %1").arg(text)
        onClicked: calendar.open()
        Accessible.onPressAction: if (enabled) clicked()
        Popup {
            id: calendar
            y: dayButton.height
            padding: 8
            ColumnLayout {
                RowLayout {
                    ToolButton { text: "\u2039"; Accessible.name: qsTr("Previous month"); onClicked: grid.shift(-1); Accessible.onPressAction: if (enabled) clicked() }
                    Label { Layout.fillWidth: true; horizontalAlignment: Text.AlignHCenter; text: grid.heading }
                    ToolButton { text: "\u203A"; Accessible.name: qsTr("Next month"); onClicked: grid.shift(1); Accessible.onPressAction: if (enabled) clicked() }
                }
                DayOfWeekRow { Layout.fillWidth: true }
                MonthGrid {
                    id: grid
                    objectName: "calendar"
                    property string heading: Qt.formatDate(new Date(year, month, 1), "MMMM yyyy")
                    function shift(n) {
                        const d = new Date(year, month + n, 1)
                        year = d.getFullYear(); month = d.getMonth()
                    }
                    month: new Date().getMonth()
                    year: new Date().getFullYear()
                    Layout.fillWidth: true
                    onClicked: (date) => {
                        const start = new Date(date.getFullYear(), date.getMonth(), date.getDate())
                        const end = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1)
                        bar.model.sinceMs = start.getTime()
                        bar.model.untilMs = end.getTime()
                        calendar.close()
                    }
                }
            }
        }
    }
    Switch {
        objectName: "refusedOnlyFilter"
        text: qsTr("Blocked only")
        checked: bar.model.refusedOnly
        onToggled: bar.model.refusedOnly = checked
        // A screen reader's Toggle or Press flips it as a click does (Qt 6.4 would flip
        // `checked` without `toggled`, leaving the list unfiltered).
        Accessible.onToggleAction: { toggle(); toggled() }
        Accessible.onPressAction: { toggle(); toggled() }
    }
    Button {
        objectName: "clearFilters"
        visible: bar.model.filtered
        flat: true
        text: qsTr("Clear filters")
        onClicked: bar.model.clearFilters()
        Accessible.onPressAction: if (enabled) clicked()
    }
}
