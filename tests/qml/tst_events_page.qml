import QtQuick
import QtTest
import Veriframe
import "ItemSearch.js" as Search

// The Events page over a real store (the `fixture`), on days around a pinned "today":
// every day header matches the tiles below it (after new events, after the view was hidden
// and shown, on a second start from the store, at midnight), blocked-only has a single
// header, a blocked tile carries nothing of its entry, and the bars above the list stay put
// when it empties.
TestCase {
    id: testCase
    name: "EventsPage"
    when: windowShown
    visible: true
    width: 900
    height: 3000 // every row of these tests is instantiated at once

    Component { id: pageComponent; EventsPage { width: testCase.width; height: testCase.height } }
    Component { id: spyComponent; SignalSpy {} }

    readonly property string today: "2026-12-05"

    function texts(root, out) {
        const children = root.children || []
        for (let i = 0; i < children.length; ++i) {
            const c = children[i]
            if (c.visible && typeof c.text === "string" && c.text !== "") out.push(c.text)
            if (c.visible && c.Accessible.name) out.push(c.Accessible.name)
            texts(c, out)
        }
        return out
    }

    // The header a day must have, worked out here from the tile's own time, independently
    // of the model's labels.
    function expectedLabel(time) {
        const base = new Date(2026, 11, 5)
        const day = new Date(time.getFullYear(), time.getMonth(), time.getDate())
        const diff = Math.round((base - day) / 86400000)
        if (diff === 0) return "Today"
        if (diff === 1) return "Yesterday"
        return day.toLocaleDateString(Qt.locale(), day.getFullYear() === 2026 ? "dddd d MMMM" : "dddd d MMMM yyyy")
    }

    function addWeek() {
        const V = EventsModel.Verified, R = EventsModel.Refused, L = EventsModel.Loading
        const events = [
            ["e01", "2026-12-05T09:15", V], ["e02", "2026-12-05T07:31", V],
            ["e03", "2026-12-05T00:10", L],
            ["e04", "2026-12-04T23:50", V], ["e05", "2026-12-04T12:00", R],
            ["e06", "2026-12-03T18:00", V], ["e07", "2026-12-03T17:00", V],
            ["e08", "2026-12-03T16:00", V], ["e09", "2026-12-03T15:00", V],
            ["e10", "2026-12-03T14:00", V],
            ["e11", "2026-11-29T10:00", V], ["e12", "2026-11-29T09:00", R],
            ["e13", "2025-12-31T22:00", V]
        ]
        for (const e of events)
            verify(fixture.addEvent(e[0], e[1], e[2]), e[0])
    }

    function makePage() {
        fixture.pinToday(today)
        verify(fixture.attach())
        const page = createTemporaryObject(pageComponent, testCase)
        verify(page)
        const grid = Search.byName(page, "eventsGrid")
        tryVerify(() => grid.count > 0 && rowsOf(page).length === grid.count)
        return page
    }
    function rowsOf(page) {
        const grid = Search.byName(page, "eventsGrid")
        const rows = []
        const children = grid.contentItem.children
        for (let i = 0; i < children.length; ++i)
            if (children[i].objectName === "tileRow" && children[i].visible) rows.push(children[i])
        rows.sort((a, b) => a.y - b.y)
        return rows
    }
    // Every row's header and tiles agree: a header starts each day once, and every dated
    // tile below it is of that day. Returns the headers in order.
    function checkHeaders(page) {
        const grid = Search.byName(page, "eventsGrid")
        tryVerify(() => rowsOf(page).length === grid.count)
        const rows = rowsOf(page)
        verify(rows.length > 0)
        const headers = []
        let current = null
        for (const row of rows) {
            const header = Search.byName(row, "dayHeader")
            if (header.visible) {
                verify(headers.indexOf(header.text) < 0, "a second header " + header.text)
                headers.push(header.text)
                current = header.text
            }
            verify(current !== null, "tiles above the first header")
            for (let i = 0; i < row.itemCount; ++i) {
                const item = row.items[i]
                if (item.state === EventsModel.Refused)
                    continue // no time, no day: it sits in the day of its neighbours
                compare(item.dayLabel, current, item.eventId)
                compare(expectedLabel(item.time), current, item.eventId)
            }
        }
        return headers
    }

    function idOf(row) { return row.eventId }
    function cleanup() {
        fixture.reset()
    }

    function test_headersMatchTheTilesAcrossDays() {
        addWeek()
        const page = makePage()
        const headers = checkHeaders(page)
        compare(headers.length, 5)
        compare(headers[0], "Today")
        compare(headers[1], "Yesterday")
        // A tile added on top (the sync found a newer event) moves every row down: the
        // headers move with their tiles.
        verify(fixture.addEvent("e00", "2026-12-05T10:00", EventsModel.Verified))
        verify(fixture.addEvent("e14", "2026-12-03T13:00", EventsModel.Verified))
        compare(checkHeaders(page).length, 5)
        // A blocked entry as the newest: it joins the first day, no header of its own.
        verify(fixture.addEvent("e15", "2026-12-05T11:00", EventsModel.Refused))
        compare(checkHeaders(page), headers)
    }

    function test_headersAfterTheViewWasHiddenAndShownAgain() {
        addWeek()
        const page = makePage()
        checkHeaders(page)
        // As behind the player: hidden while the sync changes the list.
        page.visible = false
        verify(fixture.addEvent("e00", "2026-12-05T10:00", EventsModel.Verified))
        verify(fixture.addEvent("e16", "2026-12-04T08:00", EventsModel.Verified))
        page.visible = true
        compare(checkHeaders(page)[0], "Today")
    }

    function test_headersOnASecondStartFromTheStore() {
        addWeek()
        let page = makePage()
        const before = checkHeaders(page)
        page.destroy()
        verify(fixture.restart())
        page = createTemporaryObject(pageComponent, testCase)
        compare(checkHeaders(page), before)
    }

    function test_headersFollowMidnight() {
        addWeek()
        const page = makePage()
        compare(checkHeaders(page)[0], "Today")
        fixture.pinToday("2026-12-06")
        tryVerify(() => Search.byName(rowsOf(page)[0], "dayHeader").text === "Yesterday")
        const headers = []
        for (const row of rowsOf(page)) {
            const header = Search.byName(row, "dayHeader")
            if (header.visible) headers.push(header.text)
        }
        verify(headers.indexOf("Today") < 0)
        compare(headers[1], new Date(2026, 11, 4).toLocaleDateString(Qt.locale(), "dddd d MMMM"))
    }

    function test_blockedOnlyHasOneHeaderAndNoDay() {
        addWeek()
        verify(fixture.addEvent("e20", "2026-12-04T06:00", EventsModel.Refused))
        verify(fixture.addEvent("e21", "2026-12-02T06:00", EventsModel.Refused))
        const page = makePage()
        AppSession.events.refusedOnly = true
        tryCompare(AppSession.events, "count", 4)
        const headers = checkHeaders(page)
        compare(headers, ["Blocked items"])
        // Nothing on screen or for a screen reader says which day or time they were.
        for (const row of rowsOf(page))
            for (const text of texts(row, []))
                verify(!/Today|Yesterday|December|November|\d:\d\d/.test(text), text)
    }

    function test_stickyHeaderIsTheDayOfTheTopRow() {
        addWeek()
        const page = makePage()
        page.height = 420
        const grid = Search.byName(page, "eventsGrid")
        const sticky = Search.byName(page, "stickyDayHeader")
        for (let r = 0; r < grid.count; ++r) {
            grid.positionViewAtIndex(r, ListView.Beginning)
            grid.contentY += 40 // into the row: its own header (if any) is scrolled away
            const top = grid.itemAt(10, grid.contentY + 1)
            verify(top)
            tryVerify(() => sticky.visible)
            let dated = null
            for (let i = 0; i < top.itemCount; ++i)
                if (top.items[i].state !== EventsModel.Refused) dated = top.items[i]
            if (dated)
                compare(sticky.text, expectedLabel(dated.time), "row " + r)
            compare(sticky.text, top.dayLabel)
        }
    }

    function test_blockedTileCarriesNothingOfItsEntry() {
        verify(fixture.addEvent("e30", "2026-12-04T12:34", EventsModel.Refused, "Living Room", "animal"))
        verify(fixture.addEvent("e31", "2026-12-04T12:35", EventsModel.Verified))
        const page = makePage()
        const tile = Search.byName(page, "eventTile_e30")
        verify(tile)
        tryVerify(() => Search.byName(tile, "refusedTile") !== null)
        const reasonText = tile.item.reasonText
        verify(reasonText !== "")
        compare(tile.Accessible.name, "Blocked item: " + reasonText)
        const all = texts(tile, [tile.Accessible.name, tile.Accessible.description])
        for (const text of all)
            verify(!/Living|Room|animal|Animal|12:34|Yesterday|December/.test(text), text)
    }

    function test_filterBarStaysPutWhenTheListEmpties() {
        verify(fixture.addEvent("e40", "2026-12-05T09:00", EventsModel.Verified))
        verify(fixture.addEvent("e41", "2026-12-04T09:00", EventsModel.Verified))
        verify(fixture.attach())
        const page = createTemporaryObject(pageComponent, testCase, { height: 700 })
        tryCompare(AppSession.events, "count", 2)
        waitForRendering(page)
        const blocked = Search.byName(page, "refusedOnlyFilter")
        const yWithItems = blocked.mapToItem(page, 0, 0).y
        mouseClick(blocked)
        verify(AppSession.events.refusedOnly)
        tryCompare(AppSession.events, "count", 0)
        const state = Search.byName(page, "eventsState")
        tryVerify(() => state.visible)
        waitForRendering(page)
        compare(blocked.mapToItem(page, 0, 0).y, yWithItems)
        // The empty state is centred in the area the list had.
        const area = state.parent
        const centre = state.mapToItem(area, state.width / 2, state.height / 2)
        fuzzyCompare(centre.x, area.width / 2, 1)
        fuzzyCompare(centre.y, area.height / 2, 1)
        // A second click where the switch was turns it off again.
        mouseClick(blocked)
        verify(!AppSession.events.refusedOnly)
        tryCompare(AppSession.events, "count", 2)
        compare(blocked.mapToItem(page, 0, 0).y, yWithItems)
    }

    function test_arrowKeysMoveAcrossRowsAndDays() {
        addWeek()
        const page = makePage()
        const first = Search.byName(page, "eventTile_e01")
        first.forceActiveFocus()
        keyClick(Qt.Key_Right)
        verify(Search.byName(page, "eventTile_e02").activeFocus)
        // Down: the same column of the next grid row, in the next day here.
        const columns = AppSession.tileRows.columns
        keyClick(Qt.Key_Down)
        const below = idOf(AppSession.events.get(1 + columns))
        verify(Search.byName(page, "eventTile_" + below).activeFocus, below)
    }

    // Defect 8: the keyboard's tile keeps the focus when its row is made again (here an
    // older event joins its row, as when the next page of events arrives): the focus comes
    // back to the same event's new tile instead of being left on nothing.
    function test_focusedTileKeepsTheFocusWhenItsRowIsRemade() {
        addWeek()
        const page = makePage()
        const last = Search.byName(page, "eventTile_e13") // alone in the last row (31 December 2025)
        verify(last)
        last.forceActiveFocus()
        verify(last.activeFocus)
        verify(fixture.addEvent("e14", "2025-12-31T21:00", EventsModel.Verified))
        tryVerify(() => Search.byName(page, "eventTile_e14") !== null)
        tryVerify(() => { const t = Search.byName(page, "eventTile_e13"); return t && t.activeFocus }, 2000,
                  "the focus was lost with the remade row")
        keyClick(Qt.Key_Tab)
        verify(Search.byName(page, "eventTile_e14").activeFocus)
    }

    // Defect 4: narrowing to the phone layout, opening and closing the filters with ☰ and
    // widening again must leave the desktop's filter bar shown (a write to `visible` broke
    // its binding).
    function test_filterBarComesBackOnDesktopAfterThePhoneToggle() {
        verify(fixture.addEvent("e50", "2026-12-05T09:00", EventsModel.Verified))
        verify(fixture.attach())
        const page = createTemporaryObject(pageComponent, testCase, { height: 700 })
        const bar = Search.byName(page, "filterBar")
        const button = Search.byName(page, "filtersButton")
        verify(bar.visible)
        verify(!button.visible)
        page.phone = true
        verify(!bar.visible, "the phone starts with the filters closed")
        verify(button.visible)
        verify(!button.checked)
        mouseClick(button)
        verify(bar.visible)
        verify(button.checked)
        mouseClick(button)
        verify(!bar.visible)
        verify(!button.checked)
        page.phone = false
        verify(bar.visible, "the desktop's filter bar is back")
        page.phone = true
        mouseClick(button)
        page.phone = false
        verify(bar.visible)
        page.phone = true
        verify(bar.visible, "the phone keeps the filters open as they were left")
    }
}
