import QtQuick
import QtTest
import Veriframe

// The Events tab's components on their own: tile states (a refused tile has no Image at
// all), the banner, the label chip, the filters and the timeline.
TestCase {
    id: testCase
    name: "Components"
    when: windowShown
    visible: true // so that mouse clicks reach the components and `visible` bindings hold
    width: 800
    height: 600

    Component { id: tileComponent; EventTile { width: 300 } }
    Component { id: bannerComponent; BlockedBanner { width: 600 } }
    Component { id: staleComponent; RevocationStaleBanner { width: 600 } }
    Component { id: chipComponent; LabelChip {} }
    Component { id: filterComponent; FilterBar { width: 700; model: AppSession.events; devices: AppSession.devices } }
    Component { id: timelineComponent; HourTimeline { width: 600; model: AppSession.events } }

    function item(state, extra) {
        const base = {
            eventId: "evt-1", deviceId: "cam-1", cameraName: "Front door", label: "person",
            time: new Date(2026, 10, 23, 14, 5), dayKey: "2026-11-23", dayLabel: "Monday 23 November",
            state: state,
            reason: "", reasonText: "", access: "owner", shared: false,
            thumbnailUrl: "", hasClip: true, errorText: ""
        }
        for (const k in extra) base[k] = extra[k]
        return base
    }
    // Any Image (or AnimatedImage) anywhere below root.
    function findImages(root) {
        let found = []
        const children = root.children || []
        for (let i = 0; i < children.length; ++i) {
            const c = children[i]
            if (c.hasOwnProperty("sourceSize") && c.hasOwnProperty("fillMode") && c.hasOwnProperty("source"))
                found.push(c)
            found = found.concat(findImages(c))
        }
        return found
    }
    function findByName(root, name) {
        const children = root.children || []
        for (let i = 0; i < children.length; ++i) {
            if (children[i].objectName === name) return children[i]
            const f = findByName(children[i], name)
            if (f) return f
        }
        return null
    }

    function test_verifiedTileShowsItsThumbnail() {
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Verified, { thumbnailUrl: "image://verified/p/evt-1/00" }) })
        verify(tile)
        tryVerify(() => findByName(tile, "thumbnail") !== null)
        compare(findByName(tile, "thumbnail").source.toString(), "image://verified/p/evt-1/00")
        compare(tile.objectName, "eventTile_evt-1")
        verify(tile.Accessible.name.indexOf("Front door") >= 0)
    }

    function test_narrowTileKeepsTheWholeCameraName() {
        // Wide enough: name and chip share the caption row.
        const wide = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Verified, { label: "motion" }) })
        verify(findByName(wide, "tileChip").visible)
        verify(!findByName(wide, "tileChipBelow").visible)
        // A phone tile with a name that would be elided beside the chip: the chip moves
        // below and the name gets the caption's whole width.
        const narrow = createTemporaryObject(tileComponent, testCase,
            { width: 180, item: item(EventsModel.Verified,
                                      { cameraName: "Front door, garden side", label: "motion" }) })
        verify(!findByName(narrow, "tileChip").visible)
        verify(findByName(narrow, "tileChipBelow").visible)
        const name = findByName(narrow, "tileCameraName")
        compare(name.text, "Front door, garden side")
        tryCompare(name, "width", narrow.width - 20) // the caption's whole width (margins 10)
        // A refused tile has no chip either way.
        const refused = createTemporaryObject(tileComponent, testCase,
            { width: 180, item: item(EventsModel.Refused, { reason: "foreign_owner" }) })
        verify(!findByName(refused, "tileChip").visible)
        verify(!findByName(refused, "tileChipBelow").visible)
    }

    function test_refusedTileHasNoImageAtAll() {
        // Even with a (leftover) URL, a refused tile must not create an Image.
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Refused, { reason: "foreign_owner", reasonText: "Not from your cameras",
                                                thumbnailUrl: "image://verified/p/evt-1/00" }) })
        tryVerify(() => findByName(tile, "refusedTile") !== null)
        compare(findImages(tile).length, 0)
        verify(tile.Accessible.name.indexOf("Blocked") >= 0)
    }

    // Even if a refused item reached the tile with its entry's listing (the model gives
    // none), nothing of it is shown or named: the accessible name is the verdict alone.
    function test_refusedTileNamesNothingOfItsEntry() {
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Refused, { cameraName: "Living Room", label: "animal",
                                                reason: "foreign_owner", reasonText: "Not from your cameras" }) })
        tryVerify(() => findByName(tile, "refusedTile") !== null)
        compare(tile.Accessible.name, "Blocked item: Not from your cameras")
        const said = [tile.Accessible.name, tile.Accessible.description]
        const collect = (root) => {
            const children = root.children || []
            for (let i = 0; i < children.length; ++i) {
                const c = children[i]
                if (c.visible && typeof c.text === "string") said.push(c.text)
                if (c.visible) said.push(c.Accessible.name, c.Accessible.description)
                collect(c)
            }
        }
        collect(tile)
        for (const text of said)
            verify(!/Living Room|animal|Animal|14:05|November|2026/.test(text || ""), text)
    }

    function test_refusedReasonTextIsShown() {
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Refused, { reason: "media_mismatch", reasonText: "The picture was altered" }) })
        const refused = findByName(tile, "refusedTile")
        verify(refused)
        compare(refused.reasonText, "The picture was altered")
    }

    function test_loadingAndFailedTiles() {
        const loading = createTemporaryObject(tileComponent, testCase, { item: item(EventsModel.Loading) })
        compare(findImages(loading).length, 0)
        compare(findByName(loading, "retryButton").visible, false)
        const failed = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Loading, { errorText: "timed out" }) })
        tryVerify(() => findByName(failed, "retryButton") && findByName(failed, "retryButton").visible)
    }

    function test_tileOpensOnClickAndKeys() {
        const tile = createTemporaryObject(tileComponent, testCase, { item: item(EventsModel.Refused, { reason: "forge" }) })
        const spy = createTemporaryObject(signalSpyComponent, testCase, { target: tile, signalName: "opened" })
        mouseClick(tile)
        compare(spy.count, 1)
        tile.forceActiveFocus()
        keyClick(Qt.Key_Return)
        compare(spy.count, 2)
    }
    Component { id: signalSpyComponent; SignalSpy {} }

    function test_bannerCountsAndShows() {
        const banner = createTemporaryObject(bannerComponent, testCase, { blockedCount: 0, reportsPending: 0 })
        verify(!banner.visible)
        banner.blockedCount = 3
        verify(banner.visible)
        verify(banner.Accessible.name.indexOf("3") >= 0)
        const spy = createTemporaryObject(signalSpyComponent, testCase, { target: banner, signalName: "showBlocked" })
        mouseClick(findByName(banner, "showBlockedButton"))
        compare(spy.count, 1)
    }

    function test_revocationStaleBanner() {
        const banner = createTemporaryObject(staleComponent, testCase, { stale: false, issuedMs: 0 })
        verify(!banner.visible)
        compare(banner.implicitHeight, 0)
        banner.stale = true
        verify(banner.visible)
        verify(banner.implicitHeight > 0)
        // No list at all: says it could not be fetched.
        verify(banner.Accessible.name.indexOf("could not be fetched") >= 0)
        // A held list: its issue date is shown (the year is in every short format).
        banner.issuedMs = new Date(2026, 10, 20, 9, 30).getTime()
        verify(banner.Accessible.name.indexOf("out of date") >= 0)
        verify(banner.Accessible.name.indexOf("26") >= 0)
        const spy = createTemporaryObject(signalSpyComponent, testCase, { target: banner, signalName: "retry" })
        mouseClick(findByName(banner, "revocationRetryButton"))
        compare(spy.count, 1)
    }

    function test_labelChip() {
        const chip = createTemporaryObject(chipComponent, testCase, { label: "vehicle" })
        verify(chip.Accessible.name.indexOf("Vehicle") >= 0)
    }

    function test_filtersDriveTheModel() {
        const bar = createTemporaryObject(filterComponent, testCase)
        const blocked = findByName(bar, "refusedOnlyFilter")
        const clear = findByName(bar, "clearFilters")
        verify(!AppSession.events.refusedOnly)
        verify(!clear.visible)
        mouseClick(blocked)
        verify(AppSession.events.refusedOnly)
        verify(AppSession.events.filtered)
        tryVerify(() => clear.visible)
        mouseClick(clear)
        verify(!AppSession.events.refusedOnly)
        verify(!AppSession.events.filtered)
    }

    Component { id: playerComponent; PlayerView {} }
    function test_playerControls() {
        const view = createTemporaryObject(playerComponent, testCase)
        view.open()
        tryVerify(() => view.opened)
        for (const name of ["playerPlayPause", "playerScrub", "playerBack10", "playerForward10",
                            "playerSpeed", "playerDownload", "playerPrevious", "playerNext",
                            "playerClose", "playerTime"])
            verify(findByName(view.contentItem, name) !== null, name)
        // Nothing verified yet: nothing to download, nothing to scrub.
        verify(!findByName(view.contentItem, "playerDownload").enabled)
        verify(!findByName(view.contentItem, "playerScrub").enabled)
        compare(findByName(view.contentItem, "playerTime").text, "0:00 / 0:00")
        keyClick(Qt.Key_Escape)
        tryVerify(() => !view.opened)
    }

    function test_timelineHasTwentyFourHours() {
        const timeline = createTemporaryObject(timelineComponent, testCase)
        compare(timeline.counts.length, 24)
    }

    // Defects 10 and 8: a confirm dialog has a readable width with its text over all of it,
    // buttons named after the action, and Enter does the action.
    Component { id: settingsComponent; SettingsPage { width: testCase.width; height: testCase.height } }
    // A popup declared in a page is among its content item's data, not its visual children.
    function findPopup(page, name) {
        const data = page.contentItem.data
        for (let i = 0; i < data.length; ++i)
            if (data[i].objectName === name) return data[i]
        return null
    }
    function test_confirmDialogsNameTheActionAndTakeEnter() {
        const page = createTemporaryObject(settingsComponent, testCase)
        const spy = createTemporaryObject(signalSpyComponent, testCase, { target: page, signalName: "diagnosticRequested" })
        mouseClick(findByName(page, "enterDiagnostic"))
        const dialog = findPopup(page, "confirmDiagnostic")
        tryVerify(() => dialog.opened)
        verify(dialog.width <= 440)
        verify(dialog.width < testCase.width - 100, "the dialog spans the page")
        fuzzyCompare(dialog.contentItem.width, dialog.availableWidth, 1)
        const accept = findByName(dialog.footer, "confirmDiagnosticAccept")
        compare(accept.text, "Turn on")
        compare(findByName(dialog.footer, "confirmDiagnosticCancel").text, "Cancel")
        keyClick(Qt.Key_Escape)
        tryVerify(() => !dialog.visible)
        compare(spy.count, 0)
        mouseClick(findByName(page, "enterDiagnostic"))
        tryVerify(() => dialog.opened)
        keyClick(Qt.Key_Return)
        tryVerify(() => !dialog.visible)
        compare(spy.count, 1)
        // Sign out says so.
        mouseClick(findByName(page, "signOutButton"))
        const signOut = findPopup(page, "confirmSignOut")
        tryVerify(() => signOut.opened)
        compare(findByName(signOut.footer, "confirmSignOutAccept").text, "Sign out")
        mouseClick(findByName(signOut.footer, "confirmSignOutCancel"))
        tryVerify(() => !signOut.visible)
    }
}
