import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// One event in the grid. A verified event shows its thumbnail, which only the "verified"
// image provider serves (it verifies again for the signed-in account before decoding).
// A refused event is a RefusedTile: it has no Image element at all.
Item {
    id: tile
    required property var item // the row's roles, from TileRowsModel.items
    property bool privacyMode: false
    signal opened(var item)
    signal navigate(int delta) // arrow keys: -1/+1 along the grid, ±columns up and down
    signal imageStateChanged(bool loading)
    // Tab and Shift+Tab go from tile to tile: the list makes tiles only near the view, so
    // the focus chain alone would stop at the last one made. The page accepts the key when
    // there is a tile to go to; past either end the focus goes on to the other controls.
    signal tabbed(int delta, var event)
    // Only transitions are signalled, so the page's count of loading images stays exact.
    // Everything goes through imageLoading, destruction too: the tile and its Image both
    // clear it as they go, in either order, and only the first change is signalled (two
    // signals made the page's count negative when a row was remade mid-load).
    property bool imageLoading: false
    onImageLoadingChanged: imageStateChanged(imageLoading)
    Component.onDestruction: imageLoading = false

    readonly property int state_: item ? item.state : EventsModel.Loading
    readonly property bool refused: state_ === EventsModel.Refused
    readonly property bool verified: state_ === EventsModel.Verified
    readonly property bool failed: !verified && !refused && !!item && item.errorText !== ""

    objectName: "eventTile_" + (item ? item.eventId : "")
    implicitHeight: width * 9 / 16 + 52
    activeFocusOnTab: true
    Accessible.role: Accessible.Button
    // A blocked tile's name is the verdict alone: nothing of its entry (the model gives
    // none: no name, label or time). Others carry their day, which a tile shows only in
    // the header above it.
    Accessible.name: refused
        ? qsTr("Blocked item: %1").arg(item.reasonText)
        : verified
          ? qsTr("%1, %2 at %3, %4%5, verified").arg(item.cameraName).arg(item.dayLabel).arg(timeText.text)
                .arg(sideChip.word).arg(item.shared ? qsTr(", shared with you") : "")
          : qsTr("Event from %1, %2 at %3, checking").arg(item ? item.cameraName : "")
                .arg(item ? item.dayLabel : "").arg(timeText.text)
    Accessible.description: refused ? qsTr("Blocked and reported. Open for details, or press Delete to dismiss.") : ""
    Accessible.onPressAction: tile.opened(tile.item)
    Keys.onReturnPressed: tile.opened(tile.item)
    Keys.onSpacePressed: tile.opened(tile.item)
    Keys.onLeftPressed: tile.navigate(-1)
    Keys.onRightPressed: tile.navigate(1)
    Keys.onUpPressed: tile.navigate(-AppSession.tileRows.columns)
    Keys.onDownPressed: tile.navigate(AppSession.tileRows.columns)
    Keys.onTabPressed: (event) => { event.accepted = false; tile.tabbed(1, event) }
    Keys.onBacktabPressed: (event) => { event.accepted = false; tile.tabbed(-1, event) }
    Keys.onDeletePressed: if (tile.refused) AppSession.dismissBlocked(tile.item.eventId, tile.item.deviceId)

    Rectangle {
        anchors.fill: parent
        radius: Theme.radius
        color: Theme.surface
        border.width: tile.activeFocus ? 2 : 1
        border.color: tile.activeFocus ? Theme.accent : Theme.divider
    }

    Item {
        id: media
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 1 }
        height: (parent.width - 2) * 9 / 16
        clip: true

        Rectangle { anchors.fill: parent; color: Theme.surfaceAlt; radius: Theme.radius - 1 }

        Loader {
            anchors.fill: parent
            sourceComponent: tile.refused ? refusedView : tile.verified ? (tile.privacyMode ? hiddenView : imageView) : pendingView
        }
    }

    // The quiet positive mark: this picture was checked on this device for this account.
    Rectangle {
        objectName: "verifiedMark"
        visible: tile.verified
        anchors { left: parent.left; top: parent.top; margins: Theme.spacing }
        width: 22; height: 22; radius: 11
        color: Theme.verifiedMark
        Label { anchors.centerIn: parent; text: "\u2713"; color: Theme.onOverlay; font.pixelSize: Theme.fontDetail; font.weight: Font.Bold }
        Accessible.ignored: true // the tile's own name says "verified"
        HoverHandler { id: markHover }
        readonly property string sentence: VerificationText.sentence(tile.item)
        ToolTip.visible: markHover.hovered
        ToolTip.text: sentence
    }

    Component {
        id: imageView
        Image {
            id: thumb
            objectName: "thumbnail"
            source: tile.item.thumbnailUrl
            asynchronous: true
            cache: false // every display goes through the gate, from the cache too
            fillMode: Image.PreserveAspectCrop
            sourceSize.width: 640
            onStatusChanged: tile.imageLoading = status === Image.Loading
            Component.onCompleted: tile.imageLoading = status === Image.Loading
            Component.onDestruction: tile.imageLoading = false
            Label {
                visible: thumb.status === Image.Error
                anchors.centerIn: parent
                width: parent.width - 16
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                color: Theme.textMuted
                text: qsTr("Couldn't show this picture")
            }
        }
    }
    Component {
        id: refusedView
        RefusedTile { reasonText: tile.item.reasonText; reason: tile.item.reason }
    }
    Component {
        id: hiddenView
        Rectangle {
            color: Theme.surfaceAlt
            Label { anchors.centerIn: parent; text: qsTr("Hidden in diagnostic mode"); color: Theme.textMuted }
        }
    }
    Component {
        id: pendingView
        Item {
            BusyIndicator {
                anchors.centerIn: parent
                running: !tile.failed
                visible: running
                width: 36; height: 36
            }
            ColumnLayout {
                visible: tile.failed
                anchors.centerIn: parent
                width: parent.width - 24
                Label {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    color: Theme.textMuted
                    text: qsTr("Couldn't load: %1").arg(tile.item ? tile.item.errorText : "")
                }
                Button {
                    objectName: "retryButton"
                    Layout.alignment: Qt.AlignHCenter
                    flat: true
                    text: qsTr("Retry")
                    onClicked: AppSession.retry(tile.item.eventId, tile.item.deviceId)
                    Accessible.onPressAction: if (enabled) clicked()
                }
            }
        }
    }

    // The caption: the camera's name and the time, the "Shared" mark and the label chip at the
    // right. Where the whole name would not fit beside them (narrow phone tiles, long
    // translated labels such as "Mouvement"), the chip moves down beside the time so the name
    // keeps the full width.
    RowLayout {
        id: caption
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 10 }
        height: 32
        spacing: 6
        readonly property bool chipBelow: !tile.refused && cameraName.implicitWidth + spacing
            + (sharedMark.visible ? sharedMark.implicitWidth + spacing : 0)
            + sideChip.implicitWidth > width
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                id: cameraName
                objectName: "tileCameraName"
                Layout.fillWidth: true
                // A refused entry's camera name is the cloud's word about someone else's
                // camera: not repeated here (the details show its IDs).
                text: !tile.item ? "" : tile.refused ? qsTr("Reported") : tile.item.cameraName
                textFormat: Text.PlainText
                elide: Text.ElideRight
                font.weight: Font.DemiBold
                color: Theme.text
            }
            RowLayout {
                spacing: 6
                Layout.fillWidth: true
                Label {
                    id: timeText
                    Layout.fillWidth: true
                    // A refused row has no time (the model gives none).
                    text: tile.item && !tile.refused ? Qt.formatTime(tile.item.time, Locale.ShortFormat) : ""
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                }
                LabelChip {
                    objectName: "tileChipBelow"
                    label: tile.item && !tile.refused ? tile.item.label : ""
                    visible: caption.chipBelow
                    implicitHeight: 16
                }
            }
        }
        Label {
            id: sharedMark
            visible: !!tile.item && tile.item.shared && tile.verified
            text: qsTr("Shared")
            font.pixelSize: Theme.fontCaption
            color: Theme.textMuted
            Accessible.name: qsTr("Shared with you")
        }
        LabelChip {
            id: sideChip
            objectName: "tileChip"
            label: tile.item && !tile.refused ? tile.item.label : ""
            // Hidden, it keeps its implicit width, which chipBelow measures.
            visible: !tile.refused && !caption.chipBelow
        }
    }

    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        onClicked: { tile.forceActiveFocus(); tile.opened(tile.item) }
    }
    // A blocked item can be put away: it leaves the grid and the counts, and stays in
    // diagnostics (and its report is sent regardless).
    ToolButton {
        objectName: "dismissBlocked"
        visible: tile.refused
        anchors { right: parent.right; top: parent.top; margins: Theme.spacingTiny }
        text: "\u2715"
        // Not a Tab stop of its own (Tab goes tile to tile): from the keyboard, Delete on
        // the tile or the details' Dismiss; a screen reader presses it as a button.
        focusPolicy: Qt.NoFocus
        Accessible.name: qsTr("Dismiss blocked item")
        ToolTip.visible: hovered
        ToolTip.text: Accessible.name
        onClicked: AppSession.dismissBlocked(tile.item.eventId, tile.item.deviceId)
        Accessible.onPressAction: if (enabled) clicked()
    }
}
