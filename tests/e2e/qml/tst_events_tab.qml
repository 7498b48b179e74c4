import QtQuick
import QtTest
import Veriframe
import "../../qml/ItemSearch.js" as Search

// The real window, end to end. Runs in order: each step builds on the one before.
TestCase {
    id: testCase
    name: "EventsTab"
    when: windowShown
    visible: true

    property var window: null
    property var dismissedKey: null

    function tiles() {
        const all = Search.withPrefix(window.contentItem, "eventTile_", [])
        const out = []
        for (let i = 0; i < all.length; ++i)
            if (all[i].visible && all[i].item) out.push(all[i])
        return out
    }

    Component { id: mainComponent; Main { width: 1200; height: 800 } }

    function test_1_signIn() {
        window = mainComponent.createObject(testCase) // kept across the steps
        verify(window)
        tryVerify(() => Search.byName(window.contentItem, "signInPage") !== null && AppSession.state === AppSession.SignedOut, 20000)
        // "Stay signed in" shows what the session will do, and sets it (the fixture starts
        // with it off: this test keeps nothing in a keyring).
        const stay = Search.byName(window.contentItem, "staySignedIn")
        verify(stay.visible)
        compare(stay.checked, AppSession.staySignedIn)
        mouseClick(stay)
        verify(AppSession.staySignedIn)
        mouseClick(stay)
        verify(!AppSession.staySignedIn)
        verify(!stay.checked)
        Search.byName(window.contentItem, "usernameField").text = "alice"
        Search.byName(window.contentItem, "passwordField").text = alicePassword
        mouseClick(Search.byName(window.contentItem, "signInButton"))
        tryVerify(() => AppSession.state === AppSession.Ready, 60000)
        tryVerify(() => tiles().length > 0, 10000)
        verify(Search.byName(window.contentItem, "blockedBanner").visible, "the mixup was blocked")
    }

    function test_2_blockedTilesShowNoImage() {
        tryVerify(() => window.imagesLoading === 0, 20000)
        const all = tiles()
        const refused = all.filter(t => t.item.state === EventsModel.Refused)
        const verified = all.filter(t => t.item.state === EventsModel.Verified)
        verify(verified.length > 0)
        for (const t of verified)
            tryVerify(() => Search.byName(t, "thumbnail") !== null)
        for (const t of refused) {
            compare(Search.images(t).length, 0)
            verify(Search.byName(t, "refusedTile") !== null)
        }
    }

    function test_3_filterByCamera() {
        const combo = Search.byName(window.contentItem, "cameraFilter")
        tryVerify(() => combo.count > 1, 10000)
        combo.currentIndex = 1
        combo.activated(1)
        const device = AppSession.events.cameraFilter
        verify(device !== "")
        tryVerify(() => AppSession.events.count > 0)
        for (let i = 0; i < AppSession.events.count; ++i)
            compare(AppSession.events.get(i).deviceId, device)
        mouseClick(Search.byName(window.contentItem, "clearFilters"))
        compare(AppSession.events.cameraFilter, "")
    }

    // Defect 4: from 600 to ~900 px the side panel is compact and the grid keeps two columns
    // or more; toggling the phone's filters and widening again keeps the desktop filter bar.
    function test_3b_narrowDesktopAndBack() {
        const width = window.width
        const rail = Search.byName(window.contentItem, "navigationRail")
        const bar = Search.byName(window.contentItem, "filterBar")
        for (const w of [600, 650, 700, 899]) {
            window.width = w
            tryCompare(rail, "width", Theme.railCompactWidth)
            tryVerify(() => AppSession.tileRows.columns >= 2, 2000, "one wide column at " + w + " px")
            verify(bar.visible)
        }
        window.width = 390
        tryVerify(() => !rail.visible)
        const button = Search.byName(window.contentItem, "filtersButton")
        tryVerify(() => button.visible)
        verify(!bar.visible)
        mouseClick(button)
        verify(bar.visible)
        mouseClick(button)
        verify(!bar.visible)
        window.width = width
        tryVerify(() => rail.visible && rail.width === Theme.railWidth)
        verify(bar.visible, "the filter bar is lost on the desktop")
        // The section names are still there for people and screen readers when compact.
        window.width = 700
        tryCompare(rail, "width", Theme.railCompactWidth)
        compare(Search.byName(window.contentItem, "nav_events").Accessible.name, "Events")
        window.width = width
    }

    // Defect 8: Tab goes round the whole window: the side panel's sections, the bar, the
    // filters, the timeline, and the tiles one after another, however many (the list makes
    // them as it scrolls), each scrolled into view when it takes the focus; Shift+Tab goes
    // back. The timeline takes the arrows and Enter.
    function test_3c_tabReachesEverything() {
        const grid = Search.byName(window.contentItem, "eventsGrid")
        tryVerify(() => !AppSession.busy && AppSession.events.count > 24, 20000)
        Search.byName(window.contentItem, "nav_events").forceActiveFocus()
        const seen = []
        const tilesSeen = new Set()
        let outOfView = ""
        for (let i = 0; i < 60; ++i) {
            keyClick(Qt.Key_Tab)
            // A page of events arriving remakes the last row's tiles: the focus goes back
            // to the same event's new tile (it is never left on nothing).
            tryVerify(() => window.activeFocusItem && window.activeFocusItem.objectName !== "",
                      3000, "nothing has the focus after " + i + " Tabs")
            wait(0) // the scroll that brings the tile into view
            tryVerify(() => window.activeFocusItem && window.activeFocusItem.objectName !== "", 3000)
            const focused = window.activeFocusItem
            const name = focused.objectName
            seen.push(name)
            if (name.startsWith("eventTile_")) {
                tilesSeen.add(name)
                const at = focused.mapToItem(grid, 0, 0)
                if (at.y < -0.5 || at.y + focused.height > grid.height + 0.5)
                    outOfView = name + " at " + at.y
            }
        }
        for (const name of ["nav_cameras", "nav_settings", "refreshButton", "cameraFilter",
                            "labelFilter", "refusedOnlyFilter", "hourTimeline"])
            verify(seen.indexOf(name) >= 0, name + " is never reached: " + seen.join(" "))
        verify(tilesSeen.size > 30, "tiles reached: " + tilesSeen.size)
        compare(outOfView, "", "a focused tile is not scrolled into view")
        // Back: Shift+Tab goes to the tile before; from the first tile, back to the bar
        // above; Tab from the last tile goes on to the side panel.
        const page = Search.byName(window.contentItem, "eventsPage")
        page.focusEvent(5)
        compare(window.activeFocusItem.item.sourceRow, 5)
        keyClick(Qt.Key_Backtab)
        compare(window.activeFocusItem.item.sourceRow, 4)
        page.focusEvent(0)
        keyClick(Qt.Key_Backtab)
        verify(!window.activeFocusItem.objectName.startsWith("eventTile_"), window.activeFocusItem.objectName)
        tryVerify(() => !AppSession.busy && !AppSession.events.cloudHasMore, 20000)
        page.focusEvent(AppSession.events.count - 1)
        compare(window.activeFocusItem.item.sourceRow, AppSession.events.count - 1)
        keyClick(Qt.Key_Tab)
        compare(window.activeFocusItem.objectName, "nav_events")
        // The timeline: arrows pick an hour with events, Enter scrolls the grid there.
        const timeline = Search.byName(window.contentItem, "hourTimeline")
        timeline.forceActiveFocus()
        keyClick(Qt.Key_End)
        const hour = timeline.currentHour
        verify(timeline.counts[hour] > 0, "End goes to the last hour with events")
        verify(timeline.Accessible.name.indexOf(hour + ":00") >= 0, timeline.Accessible.name)
        keyClick(Qt.Key_Home)
        verify(timeline.currentHour <= hour)
        verify(timeline.counts[timeline.currentHour] > 0)
        grid.positionViewAtEnd()
        keyClick(Qt.Key_Return)
        tryVerify(() => grid.contentY < grid.contentHeight - grid.height - 1)
        grid.positionViewAtBeginning()
    }

    function test_4_blockedOnlyAndDetails() {
        mouseClick(Search.byName(window.contentItem, "refusedOnlyFilter"))
        verify(AppSession.events.refusedOnly)
        tryVerify(() => AppSession.events.count > 0)
        for (let i = 0; i < AppSession.events.count; ++i)
            compare(AppSession.events.get(i).state, EventsModel.Refused)
        // The count says what the list holds (not "0 verified").
        tryVerify(() => !AppSession.busy)
        const status = Search.byName(window.contentItem, "syncStatus").text
        verify(status.indexOf("blocked") >= 0 && status.indexOf("" + AppSession.events.refusedCount) >= 0, status)
        tryVerify(() => tiles().length > 0)
        // Delegates may sit outside the viewport (cache buffer): open through the tile's
        // own signal, as its MouseArea and the Enter key do.
        const tile = tiles()[0]
        tile.opened(tile.item)
        const details = window.detailsDialog
        tryVerify(() => details && details.opened)
        verify(details.item.reason === "foreign_owner")
        compare(Search.images(details.contentItem).length, 0)
        // What happened in plain words, and the facts support needs, copied as one text
        // that has the verdict and the IDs only (nothing of the refused entry's listing).
        const explanation = Search.byName(details.contentItem, "detailsExplanation")
        verify(explanation.visible && explanation.text.length > 20, explanation.text)
        const support = AppSession.supportDetails(details.item.eventId, details.item.deviceId)
        const lines = support.trim().split("\n")
        compare(lines[0], "Veriframe blocked item")
        compare(lines[1], "reason: foreign_owner")
        compare(lines[2], "event_id: " + details.item.eventId)
        compare(lines[3], "device_id: " + details.item.deviceId)
        verify(lines[4].startsWith("report: "), lines[4])
        compare(lines.length, 6)
        // Its button is named in the app's words; Enter closes it (#8, #9).
        compare(Search.byName(details.footer, "detailsClose").text, "Close")
        keyClick(Qt.Key_Return)
        tryVerify(() => !details.visible) // the modal dimmer is gone
        // Dismissed: it leaves the grid and the count, and stays in diagnostics (test 6).
        const before = AppSession.events.refusedCount
        dismissedKey = { eventId: tile.item.eventId, deviceId: tile.item.deviceId }
        const dismiss = Search.byName(tile, "dismissBlocked")
        verify(dismiss.visible)
        dismiss.clicked()
        tryCompare(AppSession.events, "refusedCount", before - 1)
        compare(AppSession.events.indexOfEvent(dismissedKey.eventId, dismissedKey.deviceId), -1)
        mouseClick(Search.byName(window.contentItem, "clearFilters"))
        tryVerify(() => !AppSession.events.refusedOnly)
    }

    // Issue 17 #2, #3: the player's controls are light on its dark background in the light
    // theme too, and at phone width every one of them is inside the screen.
    readonly property var playerControls: ["playerClose", "playerDetails", "playerPrevious",
        "playerBack10", "playerPlayPause", "playerForward10", "playerNext", "playerTime",
        "playerSpeed", "playerDownload", "playerScrub"]
    function lightness(c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b }
    function checkPlayerControls(player) {
        const wasDark = Theme.dark
        Theme.dark = false
        for (const name of ["playerClose", "playerPrevious", "playerPlayPause", "playerNext", "playerDownload"]) {
            const button = Search.byName(player.contentItem, name)
            verify(button, name)
            verify(lightness(button.contentItem.color) > 0.6, name + " is dark on the dark player")
        }
        verify(lightness(Search.byName(player.contentItem, "playerTime").color) > 0.6)
        const width = window.width
        window.width = 390
        tryVerify(() => player.width === 390)
        wait(50) // one layout pass
        for (const name of playerControls) {
            const control = Search.byName(player.contentItem, name)
            const at = control.mapToItem(player.contentItem, 0, 0)
            verify(at.x >= 0 && at.x + control.width <= player.width + 0.5,
                   name + " runs off a phone screen: " + at.x + "+" + control.width)
            verify(at.y >= 0 && at.y + control.height <= player.height + 0.5, name)
        }
        const video = Search.byName(player.contentItem, "playerVideo")
        verify(video.width <= player.width && video.height > 100)
        window.width = width
        Theme.dark = wasDark
    }

    function test_5_openAVerifiedEvent() {
        tryVerify(() => tiles().length > 0)
        const verified = tiles().filter(t => t.item.state === EventsModel.Verified && t.item.hasClip)
        verify(verified.length > 0)
        verified[0].opened(verified[0].item)
        const player = window.playerPopup
        const details = window.detailsDialog
        tryVerify(() => player && player.opened, 10000)
        if (player.opened) {
            compare(player.item.eventId, verified[0].item.eventId)
            // The player's quiet mark, with the sentence for a screen reader.
            const mark = Search.byName(player.contentItem, "playerVerified")
            tryVerify(() => mark.visible, 10000)
            compare(mark.Accessible.name, VerificationText.sentence(player.item))
            verify(mark.Accessible.name.startsWith("Verified: signed by"), mark.Accessible.name)
            checkPlayerControls(player)
            player.close()
            tryVerify(() => !player.visible)
        } else {
            details.close()
            tryVerify(() => !details.visible)
        }
    }

    function test_6_diagnosticModeAndExport() {
        window.diagnostic = true
        tryVerify(() => Search.byName(window.contentItem, "diagnosticBanner").visible)
        // The privacy screen: no thumbnail on screen until the user chooses.
        tryVerify(() => tiles().every(t => Search.byName(t, "thumbnail") === null), 10000)
        window.section = 3
        tryVerify(() => Search.byName(window.contentItem, "diagnosticsPage") !== null, 10000)
        const page = Search.byName(window.contentItem, "diagnosticsPage")
        page.reload()
        verify(page.snapshot.events.length > 0)
        // Issue 17 #11: a verified event's line names its camera and time; its checks say
        // what each one established (no failure code beside a passing check), shown above
        // the list; a refused one names no camera.
        const verified = page.snapshot.events.filter(e => e.state === "verified")
        const refused = page.snapshot.events.filter(e => e.state === "refused")
        verify(verified.length > 0 && refused.length > 0)
        const line = Search.byName(page, "diag_" + verified[0].event_id)
        verify(line.text.indexOf(verified[0].camera_name) >= 0, line.text)
        verify(verified[0].camera_name.length > 0)
        for (const r of refused) {
            verify(r.camera_name === undefined)
            const refusedLine = Search.byName(page, "diag_" + r.event_id)
            verify(refusedLine.text.indexOf("Blocked") >= 0, refusedLine.text)
        }
        // The blocked item dismissed in test 4 is still here.
        const dismissed = page.snapshot.events.filter(e => e.event_id === dismissedKey.eventId
                                                         && e.device_id === dismissedKey.deviceId)
        compare(dismissed.length, 1)
        line.clicked()
        const trace = Search.byName(page, "eventTrace")
        tryVerify(() => trace.visible)
        verify(trace.y < line.mapToItem(trace.parent, 0, 0).y, "the checks are below the list")
        const checks = Search.withPrefix(trace, "traceCheck", [])
        compare(checks.length, 15)
        const codes = /malformed|unsupported_algorithm|device_untrusted|device_revoked|signature_invalid|event_mismatch|time_invalid|media_mismatch|claim_missing|claim_untrusted|claim_revoked|claim_device_mismatch|claim_not_bound|outside_ownership_window|foreign_owner/
        for (const c of checks) {
            verify(c.text.startsWith("\u2713"), c.text)
            verify(!codes.test(c.text), c.text)
        }
        Search.byName(page, "diag_" + refused[0].event_id).clicked()
        tryVerify(() => Search.withPrefix(trace, "traceCheck", []).some(c => c.text.startsWith("\u2717")
                                                                && c.text.indexOf(refused[0].recorded_reason) >= 0))
        compare(AppSession.exportDiagnostics("file://" + exportPath), "")
        Search.byName(window.contentItem, "leaveDiagnostic").clicked()
        tryVerify(() => !window.diagnostic)
        tryVerify(() => !Search.byName(window.contentItem, "diagnosticBanner").visible)
    }

    // Issue 17 #12: sign out from Settings, sign in again: the form is prefilled with the
    // last account, and the app opens on Events, not on the Settings page it left from.
    function test_7_signOutAndInAgainLandsOnEvents() {
        window.section = 2
        tryVerify(() => Search.byName(window.contentItem, "settingsPage") !== null, 10000)
        AppSession.signOut()
        tryVerify(() => AppSession.state === AppSession.SignedOut, 10000)
        tryVerify(() => Search.byName(window.contentItem, "signInPage") !== null, 10000)
        compare(Search.byName(window.contentItem, "usernameField").text, "alice")
        verify(!Search.byName(window.contentItem, "cancelSignInButton").visible)
        Search.byName(window.contentItem, "passwordField").text = alicePassword
        mouseClick(Search.byName(window.contentItem, "signInButton"))
        tryVerify(() => AppSession.state === AppSession.Ready, 60000)
        compare(window.section, 0)
        tryVerify(() => tiles().length > 0, 10000)
    }

    // Issue 16 (trust.md §7 v2): when the list in force is past its next + 72 h, the Events
    // page says so above the grid; a fresh list takes the banner away.
    function test_8_staleRevocationsShowOnTheEventsPage() {
        window.section = 0
        const banner = Search.byName(window.contentItem, "revocationStaleBanner")
        verify(banner)
        verify(!banner.visible)
        compare(authority.publishListIssuedDaysAgo(10), "")
        AppSession.refresh()
        tryVerify(() => AppSession.revocationStale, 20000)
        tryVerify(() => banner.visible)
        verify(Search.byName(banner, "revocationStaleText").text.indexOf("out of date") >= 0)
        compare(authority.publishListIssuedDaysAgo(0), "")
        mouseClick(Search.byName(banner, "revocationRetryButton"))
        tryVerify(() => !AppSession.revocationStale, 20000)
        tryVerify(() => !banner.visible)
    }
}
