import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// A question before an action that cannot be undone in one click: a readable width on any
// screen (never the whole page), the text over the whole width, and buttons that say what
// they do ("Sign out", not "OK"). Enter does the action, Escape cancels.
Dialog {
    id: dialog
    property string text
    required property string acceptText
    modal: true
    focus: true
    anchors.centerIn: Overlay.overlay
    // Follows the window only while shown: resizing a closed dialog whose wrapped text sets
    // its height made Qt 6.4 report a binding loop on implicitHeight.
    width: visible && Overlay.overlay ? Math.min(440, Overlay.overlay.width - 32) : 440
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    contentItem: Label {
        text: dialog.text
        wrapMode: Text.Wrap
        color: Theme.text
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        // The popup's key events reach the item with the focus inside it: the text, until
        // a person tabs to a button (which then takes Space as usual).
        focus: true
        Keys.onReturnPressed: dialog.accept()
        Keys.onEnterPressed: dialog.accept()
    }
    footer: RowLayout {
        spacing: Theme.spacing
        Item { Layout.fillWidth: true }
        Button {
            objectName: dialog.objectName + "Cancel"
            text: qsTr("Cancel")
            flat: true
            onClicked: dialog.reject()
            Accessible.onPressAction: if (enabled) clicked()
        }
        Button {
            objectName: dialog.objectName + "Accept"
            Layout.rightMargin: Theme.spacing
            text: dialog.acceptText
            highlighted: true
            onClicked: dialog.accept()
            Accessible.onPressAction: if (enabled) clicked()
        }
    }
}
