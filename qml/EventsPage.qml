import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// The Events tab: a grid of verified thumbnails grouped by day (sticky day headers), newest
// first, paging as it scrolls, with the blocked banner, filters and the hour timeline.
Page {
    id: page
    objectName: "eventsPage"
    property bool phone: false
    property bool privacyMode: false
    property int imagesLoading: 0
    signal openEvent(var item)
    // var: Qt 6.4's qmllint does not know qint64 properties of the foreign model type.
    readonly property var events: AppSession.events

    background: Rectangle { color: Theme.background }

    function dayLabel(day) {
        const today = new Date()
        const d = new Date(day + "T00:00:00")
        const diff = Math.round((new Date(today.getFullYear(), today.getMonth(), today.getDate()) - d) / 86400000)
        if (diff === 0) return qsTr("Today")
        if (diff === 1) return qsTr("Yesterday")
        return d.toLocaleDateString(Qt.locale(), "dddd d MMMM")
    }
    function timelineDay() {
        const m = page.events
        if (m.sinceMs > 0) return new Date(m.sinceMs)
        return m.count > 0 ? m.get(0).time : new Date()
    }
    // Keyboard: move the focus to the tile of an event (a source row of the events model).
    function focusEvent(sourceRow) {
        if (sourceRow < 0 || sourceRow >= page.events.count)
            return
        const row = AppSession.tileRows.rowOfSourceRow(sourceRow)
        grid.positionViewAtIndex(row, ListView.Contain)
        const rowItem = grid.itemAtIndex(row)
        if (!rowItem)
            return
        const first = rowItem.firstSourceRow
        const tile = rowItem.children[sourceRow - first]
        if (tile)
            tile.forceActiveFocus()
    }
    function jumpToHour(hour) {
        const m = page.events
        const day = timeline.day
        for (let i = 0; i < m.count; ++i) {
            const t = m.get(i).time
            if (t.getDate() === day.getDate() && t.getMonth() === day.getMonth() && t.getHours() <= hour) {
                grid.positionViewAtIndex(AppSession.tileRows.rowOfSourceRow(i), ListView.Beginning)
                return
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: page.phone ? 8 : 16
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Events")
                font.pixelSize: 22
                font.weight: Font.Bold
                color: Theme.text
                Layout.fillWidth: true
            }
            Label {
                objectName: "syncStatus"
                // What the list shows: with "Blocked only" on, the blocked count.
                text: AppSession.busy ? qsTr("Checking…")
                      : AppSession.events.refusedOnly ? qsTr("%n blocked", "", AppSession.events.refusedCount)
                      : qsTr("%n verified", "", AppSession.events.verifiedCount)
                color: Theme.textMuted
            }
            ToolButton {
                objectName: "filtersButton"
                visible: page.phone
                text: "\u2630"
                checkable: true
                checked: !page.phone
                Accessible.name: qsTr("Filters")
                onToggled: filters.visible = checked
            }
            ToolButton {
                objectName: "refreshButton"
                text: "\u21BB"
                font.pixelSize: 20
                enabled: !AppSession.busy
                Accessible.name: qsTr("Refresh")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Refresh (F5)")
                onClicked: AppSession.refresh()
            }
        }

        BlockedBanner {
            Layout.fillWidth: true
            blockedCount: AppSession.events.refusedCount
            reportsPending: AppSession.reportsPending
            onShowBlocked: AppSession.events.refusedOnly = true
        }

        RevocationStaleBanner {
            Layout.fillWidth: true
            stale: AppSession.revocationStale
            issuedMs: AppSession.revocationIssuedMs
            onRetry: AppSession.refresh()
        }

        FilterBar {
            id: filters
            Layout.fillWidth: true
            visible: !page.phone
            model: AppSession.events
            devices: AppSession.devices
        }

        HourTimeline {
            id: timeline
            Layout.fillWidth: true
            visible: AppSession.events.count > 0
            model: AppSession.events
            day: page.timelineDay()
            onHourPicked: (hour) => page.jumpToHour(hour)
        }

        ListView {
            id: grid
            objectName: "eventsGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacing
            model: AppSession.tileRows
            reuseItems: false
            boundsBehavior: Flickable.DragOverBounds
            visible: AppSession.events.count > 0
            Binding {
                target: grid.model
                property: "columns"
                value: Math.max(page.phone ? 2 : 1, Math.floor(grid.width / Theme.tileMinWidth))
            }
            section.property: "day"
            section.criteria: ViewSection.FullString
            section.labelPositioning: ViewSection.InlineLabels | ViewSection.CurrentLabelAtStart
            section.delegate: Rectangle {
                required property string section
                width: grid.width
                height: 36
                color: Theme.background
                Label {
                    anchors.verticalCenter: parent.verticalCenter
                    text: page.dayLabel(parent.section)
                    font.pixelSize: 15
                    font.weight: Font.DemiBold
                    color: Theme.text
                    Accessible.role: Accessible.Heading
                }
            }
            delegate: Row {
                id: tileRow
                required property var items
                required property int itemCount
                required property int firstSourceRow
                spacing: Theme.spacing
                width: grid.width
                Repeater {
                    model: tileRow.itemCount
                    delegate: EventTile {
                        required property int index
                        width: (grid.width - Theme.spacing * (AppSession.tileRows.columns - 1)) / AppSession.tileRows.columns
                        height: implicitHeight
                        item: tileRow.items[index]
                        privacyMode: page.privacyMode
                        onOpened: (item) => page.openEvent(item)
                        onNavigate: (delta) => page.focusEvent(item.sourceRow + delta)
                        onImageStateChanged: (loading) => page.imagesLoading += loading ? 1 : -1
                    }
                }
            }
            // Pull down past the top to refresh (touch).
            property bool pulled: false
            onContentYChanged: if (contentY < -90 && dragging) pulled = true
            onDraggingChanged: if (!dragging && pulled) { pulled = false; AppSession.refresh() }
            footer: Item {
                width: grid.width
                height: AppSession.events.cloudHasMore || AppSession.busy ? 56 : 16
                BusyIndicator { anchors.centerIn: parent; running: AppSession.busy; visible: running }
            }
            ScrollBar.vertical: ScrollBar {}
        }

        StatePanel {
            objectName: "eventsState"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: AppSession.events.count === 0
            symbol: AppSession.listingError !== "" ? "\u26A0" : AppSession.busy ? "\u231B" : "\u2601"
            title: AppSession.listingError !== "" ? qsTr("Can't reach the cloud")
                 : AppSession.busy ? qsTr("Loading your events…")
                 : AppSession.events.filtered ? qsTr("No events match these filters")
                 : qsTr("No events yet")
            message: AppSession.listingError !== "" ? AppSession.listingError
                   : AppSession.events.filtered ? "" : qsTr("Events from your cameras appear here once they are verified.")
            actionText: AppSession.listingError !== "" ? qsTr("Try again")
                      : AppSession.events.filtered ? qsTr("Clear filters") : ""
            onAction: AppSession.listingError !== "" ? AppSession.refresh() : AppSession.events.clearFilters()
        }

        Label {
            objectName: "offlineNote"
            Layout.fillWidth: true
            visible: AppSession.listingError !== "" && AppSession.events.count > 0
            text: qsTr("Offline: showing what was already verified. %1").arg(AppSession.listingError)
            color: Theme.warning
            wrapMode: Text.Wrap
        }
    }
}
