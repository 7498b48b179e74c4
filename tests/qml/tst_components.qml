import QtQuick
import QtQuick.Controls
import QtTest
import Veriframe
import "ItemSearch.js" as Search

// The Events tab's components on their own: tile states (a refused tile has no Image at
// all), the banner, the label chip, the filters and the timeline.
TestCase {
    id: testCase
    name: "Components"
    when: windowShown
    visible: true // so that mouse clicks reach the components and `visible` bindings hold
    width: 800
    height: 600
    readonly property Item overlayItem: Overlay.overlay

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

    function test_verifiedTileShowsItsThumbnail() {
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Verified, { thumbnailUrl: "image://verified/p/evt-1/00" }) })
        verify(tile)
        tryVerify(() => Search.byName(tile, "thumbnail") !== null)
        compare(Search.byName(tile, "thumbnail").source.toString(), "image://verified/p/evt-1/00")
        compare(tile.objectName, "eventTile_evt-1")
        verify(tile.Accessible.name.indexOf("Front door") >= 0)
    }

    // The page counts loading images from the tiles' transitions (screenshots and tests wait
    // for it to reach 0). A tile destroyed while its image loads, as when a page of events
    // remakes a row, signalled the end of loading twice, and the count went below 0.
    function test_aTileDestroyedMidLoadEndsItsLoadingOnce() {
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Verified, { thumbnailUrl: "image://verified/p/evt-1/00" }) })
        // Asynchronous: the image is loading as the tile is made, until the event loop runs.
        verify(tile.imageLoading)
        let loading = 1
        let changes = 0
        tile.imageStateChanged.connect(l => { loading += l ? 1 : -1; ++changes })
        tile.destroy() // whether it finishes first or not, its loading ends once
        tryVerify(() => changes > 0)
        wait(50) // any second signal would come in this time
        compare(changes, 1)
        compare(loading, 0)
    }

    function test_narrowTileKeepsTheWholeCameraName() {
        // Wide enough: name and chip share the caption row.
        const wide = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Verified, { label: "motion" }) })
        verify(Search.byName(wide, "tileChip").visible)
        verify(!Search.byName(wide, "tileChipBelow").visible)
        // A phone tile with a name that would be elided beside the chip: the chip moves
        // below and the name gets the caption's whole width.
        const narrow = createTemporaryObject(tileComponent, testCase,
            { width: 180, item: item(EventsModel.Verified,
                                      { cameraName: "Front door, garden side", label: "motion" }) })
        verify(!Search.byName(narrow, "tileChip").visible)
        verify(Search.byName(narrow, "tileChipBelow").visible)
        const name = Search.byName(narrow, "tileCameraName")
        compare(name.text, "Front door, garden side")
        tryCompare(name, "width", narrow.width - 20) // the caption's whole width (margins 10)
        // A refused tile has no chip either way.
        const refused = createTemporaryObject(tileComponent, testCase,
            { width: 180, item: item(EventsModel.Refused, { reason: "foreign_owner" }) })
        verify(!Search.byName(refused, "tileChip").visible)
        verify(!Search.byName(refused, "tileChipBelow").visible)
    }

    function test_refusedTileHasNoImageAtAll() {
        // Even with a (leftover) URL, a refused tile must not create an Image.
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Refused, { reason: "foreign_owner", reasonText: "Not from your cameras",
                                                thumbnailUrl: "image://verified/p/evt-1/00" }) })
        tryVerify(() => Search.byName(tile, "refusedTile") !== null)
        compare(Search.images(tile).length, 0)
        verify(tile.Accessible.name.indexOf("Blocked") >= 0)
    }

    // Even if a refused item reached the tile with its entry's listing (the model gives
    // none), nothing of it is shown or named: the accessible name is the verdict alone.
    function test_refusedTileNamesNothingOfItsEntry() {
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Refused, { cameraName: "Living Room", label: "animal",
                                                reason: "foreign_owner", reasonText: "Not from your cameras" }) })
        tryVerify(() => Search.byName(tile, "refusedTile") !== null)
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

    // Issue 17, "show the verification": a verified tile carries the quiet mark with the
    // sentence of what was checked; a shared one says so; a blocked one has no mark and
    // can be dismissed.
    function test_verifiedTilesCarryTheMarkAndItsSentence() {
        const tile = createTemporaryObject(tileComponent, testCase, { item: item(EventsModel.Verified) })
        const mark = Search.byName(tile, "verifiedMark")
        verify(mark.visible)
        const time = Qt.formatTime(new Date(2026, 10, 23, 14, 5), Locale.ShortFormat)
        compare(mark.sentence, "Verified: signed by your Front door camera at " + time + ", owner claim checked")
        verify(tile.Accessible.name.endsWith(", verified"), tile.Accessible.name)
        verify(!Search.byName(tile, "dismissBlocked").visible)

        const shared = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Verified, { access: "viewer", shared: true }) })
        compare(Search.byName(shared, "verifiedMark").sentence,
                "Verified: signed by the Front door camera shared with you at " + time + ", share checked")
        verify(shared.Accessible.name.indexOf("shared with you") >= 0, shared.Accessible.name)

        for (const state of [EventsModel.Refused, EventsModel.Loading]) {
            const other = createTemporaryObject(tileComponent, testCase,
                { item: item(state, { reason: "foreign_owner", reasonText: "Not from your cameras" }) })
            verify(!Search.byName(other, "verifiedMark").visible, "state " + state)
            compare(VerificationText.sentence(other.item), "")
            compare(Search.byName(other, "dismissBlocked").visible, state === EventsModel.Refused)
        }
        const blocked = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Refused, { reason: "foreign_owner", reasonText: "Not from your cameras" }) })
        compare(Search.byName(blocked, "dismissBlocked").Accessible.name, "Dismiss blocked item")
    }

    // The details: a verified item says what was checked and lists the checks on demand,
    // each worded as what it established (no failure code); a blocked one explains in plain
    // words and offers "copy for support" and "dismiss", and nothing of the verified side.
    Component { id: detailsComponent; EventDetails {} }
    function test_detailsSayWhatWasChecked() {
        const details = createTemporaryObject(detailsComponent, testCase, { item: item(EventsModel.Verified) })
        details.open()
        tryVerify(() => details.opened)
        const sentence = Search.byName(details.contentItem, "detailsVerified")
        verify(sentence.visible)
        verify(sentence.text.startsWith("Verified: signed by your Front door camera at"), sentence.text)
        verify(!Search.byName(details.contentItem, "detailsExplanation").visible)
        verify(!Search.byName(details.contentItem, "detailsCopySupport").visible)
        const show = Search.byName(details.contentItem, "detailsShowChecks")
        verify(show.visible)
        const checksOf = () => {
            const out = []
            const walk = (root) => {
                const children = root.children || []
                for (let i = 0; i < children.length; ++i) {
                    if (children[i].objectName === "detailsCheck") out.push(children[i])
                    walk(children[i])
                }
            }
            walk(details.contentItem)
            return out
        }
        compare(checksOf().length, 0)
        mouseClick(show)
        tryVerify(() => checksOf().length === AppSession.checkLabels().length)
        compare(checksOf().length, 15)
        const codes = /_|malformed|foreign_owner/
        for (const c of checksOf()) {
            verify(c.text.startsWith("\u2713 "), c.text)
            verify(c.text.length > 8 && !codes.test(c.text), c.text)
        }
        mouseClick(show)
        tryVerify(() => checksOf().length === 0)
        details.close()
        tryVerify(() => !details.visible)

        details.item = item(EventsModel.Refused, { reason: "foreign_owner", reasonText: "Not from your cameras",
                                                  explanation: "This item came from a camera that is not yours." })
        details.open()
        tryVerify(() => details.opened)
        verify(!Search.byName(details.contentItem, "detailsVerified").visible)
        verify(!Search.byName(details.contentItem, "detailsShowChecks").visible)
        const explanation = Search.byName(details.contentItem, "detailsExplanation")
        verify(explanation.visible)
        compare(explanation.text, "This item came from a camera that is not yours.")
        const copy = Search.byName(details.contentItem, "detailsCopySupport")
        verify(copy.visible)
        compare(copy.text, "Copy details for support")
        mouseClick(copy)
        compare(copy.text, "Copied: paste it to support")
        verify(Search.byName(details.contentItem, "detailsDismiss").visible)
        compare(details.title, "Blocked event")
        keyClick(Qt.Key_Escape)
        tryVerify(() => !details.visible)
    }

    function test_refusedReasonTextIsShown() {
        const tile = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Refused, { reason: "media_mismatch", reasonText: "The picture was altered" }) })
        const refused = Search.byName(tile, "refusedTile")
        verify(refused)
        compare(refused.reasonText, "The picture was altered")
    }

    function test_loadingAndFailedTiles() {
        const loading = createTemporaryObject(tileComponent, testCase, { item: item(EventsModel.Loading) })
        compare(Search.images(loading).length, 0)
        compare(Search.byName(loading, "retryButton").visible, false)
        const failed = createTemporaryObject(tileComponent, testCase,
            { item: item(EventsModel.Loading, { errorText: "timed out" }) })
        tryVerify(() => Search.byName(failed, "retryButton") && Search.byName(failed, "retryButton").visible)
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
        mouseClick(Search.byName(banner, "showBlockedButton"))
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
        mouseClick(Search.byName(banner, "revocationRetryButton"))
        compare(spy.count, 1)
    }

    function test_labelChip() {
        const chip = createTemporaryObject(chipComponent, testCase, { label: "vehicle" })
        verify(chip.Accessible.name.indexOf("Vehicle") >= 0)
        // A label the table does not know (a newer camera's) is shown as it is, as text.
        const other = createTemporaryObject(chipComponent, testCase, { label: "<b>package</b>" })
        compare(other.word, "<b>package</b>")
        compare(Search.byName(other, "labelChipText").textFormat, Text.PlainText)
        compare(other.tone, Theme.labelOther)
    }

    // One labels table (AppSession.eventLabels): the filter lists exactly its labels, in its
    // order and words, after "All labels"; the chip and a tile's name say its word, in its
    // colours for the theme.
    function test_labelsComeFromTheOneTable() {
        const table = AppSession.eventLabels
        const keys = []
        for (let i = 0; i < table.length; ++i)
            keys.push(table[i].key)
        compare(keys, ["person", "vehicle", "animal", "motion", "sound"])
        const bar = createTemporaryObject(filterComponent, testCase)
        const combo = Search.byName(bar, "labelFilter")
        compare(combo.count, table.length + 1)
        compare(combo.valueAt(0), "")
        for (let i = 0; i < table.length; ++i) {
            compare(combo.valueAt(i + 1), table[i].key)
            compare(combo.textAt(i + 1), table[i].name)
            const chip = createTemporaryObject(chipComponent, testCase, { label: table[i].key })
            compare(chip.word, table[i].name)
            compare(chip.Accessible.name, "Label: " + table[i].name)
            compare(chip.tone, Theme.dark ? table[i].darkColor : table[i].color)
            const tile = createTemporaryObject(tileComponent, testCase,
                { item: item(EventsModel.Verified, { label: table[i].key }) })
            verify(tile.Accessible.name.indexOf(", " + table[i].name + ", verified") > 0, tile.Accessible.name)
        }
        // Choosing a label in the combo filters the model by its key.
        combo.currentIndex = 2
        combo.activated(2)
        compare(AppSession.events.labelFilter, table[1].key)
        AppSession.events.clearFilters()
        compare(AppSession.events.labelFilter, "")
    }

    function test_filtersDriveTheModel() {
        const bar = createTemporaryObject(filterComponent, testCase)
        const blocked = Search.byName(bar, "refusedOnlyFilter")
        const clear = Search.byName(bar, "clearFilters")
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

    // A screen reader's actions do what a click does: Toggle and Press on the blocked-only
    // switch filter the list (Qt 6.4 flipped `checked` without `toggled`, leaving the list
    // unfiltered), Press on a button clicks it.
    function test_screenReaderActionsWorkLikeClicks() {
        const bar = createTemporaryObject(filterComponent, testCase)
        const blocked = Search.byName(bar, "refusedOnlyFilter")
        verify(fixture.accessibleAction(blocked, "Toggle"))
        verify(AppSession.events.refusedOnly)
        verify(blocked.checked)
        verify(fixture.accessibleAction(blocked, "Press"))
        verify(!AppSession.events.refusedOnly)
        verify(fixture.accessibleAction(blocked, "Toggle"))
        verify(AppSession.events.refusedOnly)
        const clear = Search.byName(bar, "clearFilters")
        tryVerify(() => clear.visible)
        verify(fixture.accessibleAction(clear, "Press"))
        verify(!AppSession.events.refusedOnly)

        const details = createTemporaryObject(detailsComponent, testCase, { item: item(EventsModel.Verified) })
        details.open()
        tryVerify(() => details.opened)
        verify(fixture.accessibleAction(Search.byName(details.footer, "detailsClose"), "Press"))
        tryVerify(() => !details.visible)
        // A disabled button does nothing when pressed.
        const view = createTemporaryObject(playerComponent, testCase)
        view.open()
        tryVerify(() => view.opened)
        const download = Search.byName(view.contentItem, "playerDownload")
        verify(!download.enabled)
        const spy = createTemporaryObject(signalSpyComponent, testCase, { target: download, signalName: "clicked" })
        fixture.accessibleAction(download, "Press")
        compare(spy.count, 0)
        view.close()
    }

    Component { id: playerComponent; PlayerView {} }
    function test_playerControls() {
        const view = createTemporaryObject(playerComponent, testCase)
        view.open()
        tryVerify(() => view.opened)
        for (const name of ["playerPlayPause", "playerScrub", "playerBack10", "playerForward10",
                            "playerSpeed", "playerDownload", "playerPrevious", "playerNext",
                            "playerClose", "playerTime"])
            verify(Search.byName(view.contentItem, name) !== null, name)
        // Nothing verified yet: nothing to download, nothing to scrub.
        verify(!Search.byName(view.contentItem, "playerDownload").enabled)
        verify(!Search.byName(view.contentItem, "playerScrub").enabled)
        compare(Search.byName(view.contentItem, "playerTime").text, "0:00 / 0:00")
        keyClick(Qt.Key_Escape)
        tryVerify(() => !view.opened)
    }

    // Defect 8: Enter in the save dialog's file-name field saves (Qt 6.4's own dialog,
    // which the offscreen platform uses, ignores it).
    Component { id: saveDialogComponent; SaveFileDialog { overlay: testCase.overlayItem; nameFilters: ["JSON (*.json)"] } }
    function test_enterInTheSaveDialogSaves() {
        const dialog = createTemporaryObject(saveDialogComponent, testCase)
        const spy = createTemporaryObject(signalSpyComponent, testCase, { target: dialog, signalName: "accepted" })
        dialog.open()
        tryVerify(() => dialog.enterSaves, 5000, "Enter was not tied to Save")
        const field = Search.byName(testCase.Window.window.contentItem, "fileNameTextField")
        verify(field && field.visible)
        // Its buttons say what they do, in the app's words.
        const texts = []
        const collect = (root) => {
            const children = root.children || []
            for (let i = 0; i < children.length; ++i) {
                if (children[i].visible && typeof children[i].text === "string") texts.push(children[i].text)
                collect(children[i])
            }
        }
        collect(field.parent)
        verify(texts.indexOf("Save") >= 0 && texts.indexOf("Cancel") >= 0, texts.join("|"))
        verify(texts.indexOf("Open") < 0, texts.join("|"))
        field.forceActiveFocus()
        field.text = "proof-of-export.json"
        keyClick(Qt.Key_Return)
        tryCompare(spy, "count", 1)
        verify(dialog.selectedFile.toString().endsWith("/proof-of-export.json"), dialog.selectedFile)
        tryVerify(() => !dialog.visible)
    }

    // Defect 8: the timeline is one Tab stop; the arrows choose among the hours that have
    // events, Home and End the first and last, Enter picks.
    function test_timelineTakesTheKeyboard() {
        const timeline = createTemporaryObject(timelineComponent, testCase)
        timeline.counts = [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0]
        verify(timeline.activeFocusOnTab)
        const spy = createTemporaryObject(signalSpyComponent, testCase, { target: timeline, signalName: "hourPicked" })
        timeline.forceActiveFocus()
        compare(timeline.currentHour, 19) // the latest hour with events
        keyClick(Qt.Key_Left)
        compare(timeline.currentHour, 12)
        keyClick(Qt.Key_Left)
        compare(timeline.currentHour, 7)
        keyClick(Qt.Key_Left)
        compare(timeline.currentHour, 7) // nothing earlier
        keyClick(Qt.Key_End)
        compare(timeline.currentHour, 19)
        keyClick(Qt.Key_Home)
        compare(timeline.currentHour, 7)
        keyClick(Qt.Key_Return)
        compare(spy.count, 1)
        compare(spy.signalArguments[0][0], 7)
        verify(timeline.Accessible.name.indexOf("7:00") >= 0, timeline.Accessible.name)
    }

    function test_timelineHasTwentyFourHours() {
        const timeline = createTemporaryObject(timelineComponent, testCase)
        compare(timeline.counts.length, 24)
    }

    // Defects 10 and 8: a confirm dialog has a readable width with its text over all of it,
    // buttons named after the action, and Enter does the action.
    Component { id: settingsComponent; SettingsPage { width: testCase.width; height: testCase.height } }
    function test_confirmDialogsNameTheActionAndTakeEnter() {
        const page = createTemporaryObject(settingsComponent, testCase)
        const spy = createTemporaryObject(signalSpyComponent, testCase, { target: page, signalName: "diagnosticRequested" })
        mouseClick(Search.byName(page, "enterDiagnostic"))
        const dialog = Search.popupIn(page, "confirmDiagnostic")
        tryVerify(() => dialog.opened)
        verify(dialog.width <= 440)
        verify(dialog.width < testCase.width - 100, "the dialog spans the page")
        fuzzyCompare(dialog.contentItem.width, dialog.availableWidth, 1)
        const accept = Search.byName(dialog.footer, "confirmDiagnosticAccept")
        compare(accept.text, "Turn on")
        compare(Search.byName(dialog.footer, "confirmDiagnosticCancel").text, "Cancel")
        keyClick(Qt.Key_Escape)
        tryVerify(() => !dialog.visible)
        compare(spy.count, 0)
        mouseClick(Search.byName(page, "enterDiagnostic"))
        tryVerify(() => dialog.opened)
        keyClick(Qt.Key_Return)
        tryVerify(() => !dialog.visible)
        compare(spy.count, 1)
        // Sign out says so.
        mouseClick(Search.byName(page, "signOutButton"))
        const signOut = Search.popupIn(page, "confirmSignOut")
        tryVerify(() => signOut.opened)
        compare(Search.byName(signOut.footer, "confirmSignOutAccept").text, "Sign out")
        mouseClick(Search.byName(signOut.footer, "confirmSignOutCancel"))
        tryVerify(() => !signOut.visible)
    }
}
