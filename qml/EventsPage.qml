import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// The Events tab: a grid of verified thumbnails grouped by day (sticky day headers), newest
// first, paging as it scrolls, with the blocked banner, filters and the hour timeline.
Page {
    id: page
    objectName: "eventsPage"
    Accessible.name: qsTr("Events")
    property bool phone: false
    property bool privacyMode: false
    property int imagesLoading: 0
    // Phone only: the filter bar opened with ☰. On desktop the bar is always shown; the
    // state is a property, not a write to `visible`, so no binding is broken by toggling.
    property bool filtersOpen: false
    signal openEvent(var item)
    // var: Qt 6.4's qmllint does not know qint64 properties of the foreign model type.
    readonly property var events: AppSession.events

    background: Rectangle { color: Theme.background }

    // The timeline's day: the day filter's, else the newest event's (refused ones have no
    // time to show). Read again as rows arrive and change state.
    function timelineDay() {
        const m = page.events
        if (m.sinceMs > 0) return new Date(m.sinceMs)
        const changes = m.count + m.verifiedCount + m.loadingCount
        return changes > 0 ? m.newestTime() : new Date()
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
        const tile = rowItem.tileAt(sourceRow - rowItem.firstSourceRow)
        if (tile)
            tile.forceActiveFocus()
    }
    // Keyboard: Tab from a tile to the next or previous one, if there is one.
    // Past either end, to the control before the list or after it: the focus chain's own
    // next item would be whichever tile the list happened to make next.
    function tabFrom(sourceRow, delta, event) {
        const next = sourceRow + delta
        if (next >= 0 && next < page.events.count) {
            focusEvent(next)
        } else {
            const target = delta > 0 ? offlineNote.nextItemInFocusChain(true) : content.nextItemInFocusChain(false)
            if (!target)
                return
            target.forceActiveFocus(delta > 0 ? Qt.TabFocusReason : Qt.BacktabFocusReason)
        }
        event.accepted = true
    }
    // A tile that takes the focus (Tab, a click) is brought fully into view, clear of the
    // sticky day header.
    function reveal(tile) {
        const top = tile.mapToItem(grid.contentItem, 0, 0).y
        const clearance = stickyHeader.height + Theme.spacing
        const minY = grid.originY
        const maxY = Math.max(minY, grid.originY + grid.contentHeight - grid.height)
        if (top - clearance < grid.contentY)
            grid.contentY = Math.max(minY, top - clearance)
        else if (top + tile.height > grid.contentY + grid.height)
            grid.contentY = Math.min(maxY, top + tile.height - grid.height)
    }
    // A row's tiles are made again when the row changes (a page of events arrives and
    // fills the last row, the columns change): the keyboard's tile is then destroyed while
    // it has the focus. The focus goes back to the same event's new tile, once the list has
    // settled, so Tab goes on from where the person was.
    property var refocusKey: null
    function keepFocusOn(item) {
        refocusKey = { eventId: item.eventId, deviceId: item.deviceId }
        refocusTimer.restart()
    }
    Timer {
        id: refocusTimer
        interval: 0
        onTriggered: {
            if (!page.refocusKey || !page.visible)
                return
            const row = page.events.indexOfEvent(page.refocusKey.eventId, page.refocusKey.deviceId)
            page.refocusKey = null
            if (row >= 0)
                page.focusEvent(row)
        }
    }
    function jumpToHour(hour) {
        const row = page.events.firstRowAtOrBefore(timeline.day, hour)
        if (row >= 0)
            grid.positionViewAtIndex(AppSession.tileRows.rowOfSourceRow(row), ListView.Beginning)
    }

    // A day's header. Its text is the model's dayLabel of the rows below it, never worked
    // out here, so it cannot disagree with them.
    component DayHeader: Rectangle {
        property alias text: headerLabel.text
        height: 36
        color: Theme.background
        Label {
            id: headerLabel
            anchors.verticalCenter: parent.verticalCenter
            font.pixelSize: Theme.fontSubtitle
            font.weight: Font.DemiBold
            color: Theme.text
            Accessible.role: Accessible.Heading
            Accessible.name: text
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
                font.pixelSize: Theme.fontHeadline
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
                checked: page.filtersOpen
                Accessible.name: qsTr("Filters")
                onClicked: page.filtersOpen = !page.filtersOpen
                Accessible.onPressAction: if (enabled) clicked()
            }
            ToolButton {
                objectName: "refreshButton"
                text: "\u21BB"
                font.pixelSize: Theme.fontGlyph
                enabled: !AppSession.busy
                Accessible.name: qsTr("Refresh")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Refresh (F5)")
                onClicked: AppSession.refresh()
                Accessible.onPressAction: if (enabled) clicked()
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
            visible: !page.phone || page.filtersOpen
            model: AppSession.events
            devices: AppSession.devices
        }

        HourTimeline {
            id: timeline
            Layout.fillWidth: true
            // Refused entries' times are not shown, so blocked-only has no bars to show.
            visible: AppSession.events.count > 0 && !AppSession.events.refusedOnly
            model: AppSession.events
            day: page.timelineDay()
            onHourPicked: (hour) => page.jumpToHour(hour)
        }

        // The list and its empty state share one area: the bars above keep their place
        // whether or not there are events, and the empty state is centred in it.
        Item {
            id: content
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: grid
                objectName: "eventsGrid"
                anchors.fill: parent
                clip: true
                spacing: 0 // each row carries its own bottom spacing: no gaps between rows
                model: AppSession.tileRows
                reuseItems: false
                boundsBehavior: Flickable.DragOverBounds
                visible: AppSession.events.count > 0
                Binding {
                    target: grid.model
                    property: "columns"
                    value: Math.max(page.phone ? 2 : 1, Math.floor(grid.width / Theme.tileMinWidth))
                }
                // The row at the top of the viewport, for the sticky header (read again as
                // rows come, go or change height, not only on scrolling).
                readonly property var topRow: grid.contentHeight >= 0 && grid.count >= 0
                    ? grid.itemAt(grid.width / 2, grid.contentY + 1) : null
                delegate: Column {
                    id: tileRow
                    required property var items
                    required property int itemCount
                    required property int firstSourceRow
                    required property bool firstOfDay
                    required property string dayLabel
                    objectName: "tileRow"
                    width: grid.width
                    bottomPadding: Theme.spacing
                    function tileAt(i) { return tiles.itemAt(i) }
                    DayHeader {
                        objectName: "dayHeader"
                        width: tileRow.width
                        visible: tileRow.firstOfDay
                        text: tileRow.dayLabel
                    }
                    Row {
                        spacing: Theme.spacing
                        width: tileRow.width
                        Repeater {
                            id: tiles
                            model: tileRow.itemCount
                            delegate: EventTile {
                                required property int index
                                width: (grid.width - Theme.spacing * (AppSession.tileRows.columns - 1)) / AppSession.tileRows.columns
                                height: implicitHeight
                                item: tileRow.items[index]
                                privacyMode: page.privacyMode
                                onOpened: (item) => page.openEvent(item)
                                onNavigate: (delta) => page.focusEvent(item.sourceRow + delta)
                                onTabbed: (delta, event) => page.tabFrom(item.sourceRow, delta, event)
                                onActiveFocusChanged: if (activeFocus) page.reveal(this)
                                Component.onDestruction: if (activeFocus && item) page.keepFocusOn(item)
                                onImageStateChanged: (loading) => page.imagesLoading += loading ? 1 : -1
                            }
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

            // The day of the rows at the top, while their own header is scrolled away: the
            // dayLabel of the top row, as the model gives it.
            DayHeader {
                id: stickyHeader
                objectName: "stickyDayHeader"
                anchors { left: grid.left; right: grid.right; top: grid.top }
                visible: grid.visible && grid.topRow !== null
                         && !(grid.topRow.firstOfDay && grid.contentY <= grid.topRow.y)
                text: grid.topRow ? grid.topRow.dayLabel : ""
                Accessible.ignored: true // the same heading is in the list
            }

            StatePanel {
                objectName: "eventsState"
                anchors.centerIn: parent
                width: Math.min(parent.width - 32, 480)
                visible: AppSession.events.count === 0
                busy: AppSession.listingError === "" && AppSession.busy
                symbol: AppSession.listingError !== "" ? "\u26A0" : "\u2601"
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
        }

        Label {
            id: offlineNote
            objectName: "offlineNote"
            Layout.fillWidth: true
            visible: AppSession.listingError !== "" && AppSession.events.count > 0
            text: qsTr("Offline: showing what was already verified. %1").arg(AppSession.listingError)
            color: Theme.warning
            wrapMode: Text.Wrap
        }
    }
}
