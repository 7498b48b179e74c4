import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// The cameras of the account: online state and whether they are yours or shared with you
// (known from verified events: the cloud's list itself proves nothing).
Page {
    id: page
    objectName: "camerasPage"
    Accessible.name: qsTr("Cameras")
    property bool phone: false
    signal showCamera(string deviceId)
    background: Rectangle { color: Theme.background }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: page.phone ? 8 : 16
        Label { text: qsTr("Cameras"); font.pixelSize: Theme.fontHeadline; font.weight: Font.Bold; color: Theme.text }
        ListView {
            id: list
            objectName: "camerasList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 6
            model: AppSession.devices
            delegate: ItemDelegate {
                id: row
                required property string deviceId
                required property string name
                required property string model
                required property bool online
                required property string access
                width: list.width
                objectName: "camera_" + deviceId
                Accessible.name: qsTr("%1, %2, %3").arg(name).arg(online ? qsTr("online") : qsTr("offline"))
                    .arg(access === "owner" ? qsTr("yours") : access === "shared" ? qsTr("shared with you") : qsTr("not verified yet"))
                onClicked: page.showCamera(deviceId)
                Accessible.onPressAction: clicked()
                // One grid for every row: the dot, the name column taking what is left (its
                // labels fill it, elided, so a ColumnLayout cannot shrink to its text), and the
                // access right-aligned at the edge.
                contentItem: RowLayout {
                    spacing: Theme.spacingMedium
                    Rectangle {
                        objectName: "cameraOnline"
                        Layout.preferredWidth: 10
                        Layout.preferredHeight: 10
                        Layout.alignment: Qt.AlignVCenter
                        radius: 5
                        color: row.online ? Theme.online : Theme.divider
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.alignment: Qt.AlignVCenter
                        spacing: 0
                        Label {
                            objectName: "cameraName"
                            Layout.fillWidth: true
                            text: row.name
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            font.weight: Font.DemiBold
                            color: Theme.text
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.model + " · " + (row.online ? qsTr("Online") : qsTr("Offline"))
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                    Label {
                        objectName: "cameraAccess"
                        Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
                        horizontalAlignment: Text.AlignRight
                        text: row.access === "owner" ? qsTr("Yours") : row.access === "shared" ? qsTr("Shared with you") : qsTr("Not verified yet")
                        color: row.access === "" ? Theme.textMuted : Theme.accent
                    }
                }
            }
            StatePanel {
                parent: list // over the list, not inside its scrolling content
                anchors.centerIn: parent
                width: Math.min(list.width - 32, 480)
                visible: list.count === 0
                title: qsTr("No cameras")
                message: qsTr("Cameras you own or that are shared with you appear here.")
            }
        }
    }
}
