import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import QtMultimedia
import Veriframe

// The event player: the clip streams through the segment verifier and is decoded from
// verified bytes only. Space plays/pauses, the arrows skip 10 s, Page Up/Down go to the
// previous/next event, Escape closes. A segment that fails verification stops playback
// at once and shows the refused state.
Popup {
    id: view
    objectName: "playerView"
    property var item: null
    readonly property bool refused: player.state === ClipPlayer.Refused
    // For automation screenshots: a frame has been on screen for a moment, or it ended.
    property bool shownFrame: false
    readonly property bool settled: !opened || (opacity === 1 && shownFrame) || refused
                                    || player.state === ClipPlayer.Failed || player.state === ClipPlayer.Finished
    signal showDetails(var item)

    parent: Overlay.overlay
    x: 0; y: 0
    width: parent ? parent.width : 800
    height: parent ? parent.height : 600
    modal: true
    focus: true
    padding: 0
    closePolicy: Popup.CloseOnEscape
    background: Rectangle { color: Theme.playerBackground }
    // The player is dark in both themes: its controls take the dark theme's colours (under
    // the Material style palette.buttonText has no effect, so they were black on black in
    // the light theme).
    Material.theme: Material.Dark
    readonly property bool narrow: width < 600

    function openItem(item) {
        view.item = item
        player.deviceId = item.deviceId
        player.eventId = item.eventId
        open()
        player.play()
    }
    function step(delta) {
        const m = AppSession.events
        const row = m.nextPlayable(m.indexOfEvent(view.item.eventId, view.item.deviceId), delta)
        if (row >= 0)
            openItem(m.get(row))
    }
    function timeText(ms) {
        const s = Math.floor(ms / 1000)
        return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0")
    }
    onClosed: player.stop()

    ClipPlayer {
        id: player
        session: AppSession
        videoSink: video.videoSink
        onFirstFrame: frameTimer.restart()
        onEventIdChanged: view.shownFrame = false
    }
    Timer { id: frameTimer; interval: 700; onTriggered: view.shownFrame = true }

    SaveFileDialog {
        id: saveDialog
        overlay: view.parent
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("MP4 video (*.mp4)")]
        onAccepted: {
            const error = player.saveTo(selectedFile)
            toast.text = error === "" ? qsTr("Saved the verified clip") : error
            toast.open()
        }
    }

    FocusScope {
        anchors.fill: parent
        focus: true
        Keys.onSpacePressed: player.togglePlay()
        Keys.onLeftPressed: player.skip(-10000)
        Keys.onRightPressed: player.skip(10000)
        Keys.onPressed: (event) => {
            if (event.key === Qt.Key_PageUp) { view.step(-1); event.accepted = true }
            else if (event.key === Qt.Key_PageDown) { view.step(1); event.accepted = true }
        }

        ColumnLayout {
            anchors.fill: parent
            spacing: 0

            RowLayout {
                Layout.fillWidth: true
                Layout.margins: Theme.spacing
                ToolButton {
                    objectName: "playerClose"
                    text: "\u2715"
                    Accessible.name: qsTr("Close player")
                    onClicked: view.close()
                    Accessible.onPressAction: if (enabled) clicked()
                }
                Label {
                    Layout.fillWidth: true
                    color: Theme.onOverlay
                    elide: Text.ElideRight
                    text: view.item ? view.item.cameraName + " · " + view.item.time.toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
                    textFormat: Text.PlainText
                }
                LabelChip { label: view.item ? view.item.label : ""; visible: view.item !== null }
                // What is on screen was verified segment by segment before decoding; a
                // refused segment stops the clip and the mark gives way to the refusal.
                Label {
                    objectName: "playerVerified"
                    visible: view.item !== null && !view.refused && player.state !== ClipPlayer.Loading
                             && player.state !== ClipPlayer.Failed
                    text: view.narrow ? "\u2713" : "\u2713 " + qsTr("Verified")
                    color: Theme.verifiedOnOverlay
                    font.weight: Font.DemiBold
                    Accessible.name: view.item ? VerificationText.sentence(view.item) : ""
                    ToolTip.visible: verifiedHover.hovered
                    ToolTip.text: Accessible.name
                    HoverHandler { id: verifiedHover }
                }
                ToolButton {
                    objectName: "playerDetails"
                    text: qsTr("Details")
                    Accessible.name: qsTr("Event details")
                    onClicked: view.showDetails(view.item)
                    Accessible.onPressAction: if (enabled) clicked()
                }
            }

            Item {
                Layout.fillWidth: true
                Layout.fillHeight: true
                VideoOutput {
                    id: video
                    objectName: "playerVideo"
                    anchors.fill: parent
                    visible: !view.refused
                }
                RefusedTile {
                    anchors.centerIn: parent
                    width: Math.min(parent.width - 32, 520)
                    height: width * 9 / 16
                    visible: view.refused
                    reason: player.refusedReason
                    reasonText: qsTr("This clip failed verification and was stopped. It was reported.")
                }
                BusyIndicator {
                    anchors.centerIn: parent
                    running: player.state === ClipPlayer.Loading
                }
                Label {
                    anchors.centerIn: parent
                    visible: player.state === ClipPlayer.Failed
                    width: parent.width - 48
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.onOverlay
                    text: player.errorText
                }
                MouseArea { anchors.fill: parent; onClicked: player.togglePlay() }
            }

            // Scrub bar: the verified part of the clip shaded, the position as the handle.
            Slider {
                id: scrub
                objectName: "playerScrub"
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                from: 0
                to: Math.max(1, player.duration)
                value: player.position
                enabled: !view.refused && player.duration > 0
                Accessible.name: qsTr("Position")
                onMoved: player.seek(value)
            }

            // One row on a desktop; on a phone speed and download go to a second row, so
            // nothing runs off the screen.
            GridLayout {
                Layout.fillWidth: true
                Layout.margins: Theme.spacing
                columnSpacing: 4
                rowSpacing: 0
                columns: view.narrow ? 6 : 9
                ToolButton {
                    objectName: "playerPrevious"
                    text: "\u25C0\u25C0"
                    Accessible.name: qsTr("Previous event")
                    onClicked: view.step(-1)
                    Accessible.onPressAction: if (enabled) clicked()
                }
                ToolButton {
                    objectName: "playerBack10"
                    text: "\u21BA 10"
                    Accessible.name: qsTr("Back 10 seconds")
                    onClicked: player.skip(-10000)
                    Accessible.onPressAction: if (enabled) clicked()
                }
                ToolButton {
                    objectName: "playerPlayPause"
                    text: player.state === ClipPlayer.Playing || player.state === ClipPlayer.Loading ? "\u275A\u275A" : "\u25B6"
                    font.pixelSize: Theme.fontGlyphMain
                    enabled: !view.refused
                    Accessible.name: player.state === ClipPlayer.Playing ? qsTr("Pause") : qsTr("Play")
                    onClicked: player.togglePlay()
                    Accessible.onPressAction: if (enabled) clicked()
                }
                ToolButton {
                    objectName: "playerForward10"
                    text: "10 \u21BB"
                    Accessible.name: qsTr("Forward 10 seconds")
                    onClicked: player.skip(10000)
                    Accessible.onPressAction: if (enabled) clicked()
                }
                ToolButton {
                    objectName: "playerNext"
                    text: "\u25B6\u25B6"
                    Accessible.name: qsTr("Next event")
                    onClicked: view.step(1)
                    Accessible.onPressAction: if (enabled) clicked()
                }
                Label {
                    objectName: "playerTime"
                    Layout.fillWidth: view.narrow
                    horizontalAlignment: Text.AlignRight
                    text: view.timeText(player.position) + " / " + view.timeText(player.duration)
                }
                Item { Layout.fillWidth: true }
                ComboBox {
                    objectName: "playerSpeed"
                    model: [0.5, 1, 1.5, 2, 4]
                    displayText: player.speed + "×"
                    Layout.preferredWidth: 96
                    currentIndex: 1
                    Accessible.name: qsTr("Playback speed")
                    onActivated: (index) => player.speed = model[index]
                }
                ToolButton {
                    objectName: "playerDownload"
                    text: "\u2193"
                    enabled: player.canDownload
                    Accessible.name: qsTr("Download the verified clip")
                    onClicked: saveDialog.open()
                    Accessible.onPressAction: if (enabled) clicked()
                }
            }
        }
    }

    ToolTip { id: toast; timeout: 3000; x: (view.width - width) / 2; y: view.height - 120 }
}
