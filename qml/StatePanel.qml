import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// An empty, offline or error state: a symbol (or, while busy, a progress indicator), what
// happened, and what to do. Its parent centres it (anchors.centerIn): a layout cell would
// keep it at its implicit size in a corner.
ColumnLayout {
    id: panel
    property string symbol: "\u2601" // only glyphs the bundled fonts have (no emoji)
    property bool busy: false
    property string title
    property string message
    property string actionText
    signal action()
    spacing: 10
    Accessible.role: Accessible.StaticText
    Accessible.name: title + ". " + message

    BusyIndicator {
        objectName: "statePanelBusy"
        Layout.alignment: Qt.AlignHCenter
        visible: panel.busy
        running: panel.busy
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        visible: !panel.busy
        text: panel.symbol
        font.pixelSize: Theme.fontGlyphHuge
        color: Theme.textMuted
        Accessible.ignored: true
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: 420
        text: panel.title
        font.pixelSize: Theme.fontTitle
        font.weight: Font.DemiBold
        color: Theme.text
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: 420
        visible: text !== ""
        text: panel.message
        color: Theme.textMuted
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
    }
    Button {
        Layout.alignment: Qt.AlignHCenter
        visible: panel.actionText !== ""
        text: panel.actionText
        highlighted: true
        onClicked: panel.action()
        Accessible.onPressAction: if (enabled) clicked()
    }
}
