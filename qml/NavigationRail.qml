import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// The desktop side panel: the app's sections, the account, and the sync state.
Rectangle {
    id: rail
    property int currentIndex: 0
    property var sections: []
    signal picked(int index)
    color: Theme.surface
    implicitWidth: 220

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 4
        Label {
            text: "Veriframe"
            font.pixelSize: 20
            font.weight: Font.Bold
            color: Theme.accent
            Layout.bottomMargin: 12
        }
        Repeater {
            model: rail.sections
            delegate: ItemDelegate {
                required property var modelData
                required property int index
                objectName: "nav_" + modelData.key
                Layout.fillWidth: true
                text: modelData.symbol + "   " + modelData.title
                highlighted: rail.currentIndex === index
                Accessible.name: modelData.title
                onClicked: rail.picked(index)
            }
        }
        Item { Layout.fillHeight: true }
        Label {
            Layout.fillWidth: true
            text: AppSession.username
            color: Theme.text
            elide: Text.ElideRight
        }
        Label {
            Layout.fillWidth: true
            text: AppSession.serverLabel
            color: Theme.textMuted
            font.pixelSize: 11
            wrapMode: Text.Wrap
        }
    }
    Rectangle { anchors { right: parent.right; top: parent.top; bottom: parent.bottom } width: 1; color: Theme.divider }
}
