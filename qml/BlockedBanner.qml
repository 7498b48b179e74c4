import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// "N items were blocked and reported": shown while any loaded event is refused.
Rectangle {
    id: banner
    required property int blockedCount
    required property int reportsPending
    signal showBlocked()

    objectName: "blockedBanner"
    visible: blockedCount > 0
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    radius: Theme.radius
    color: Theme.blocked
    border.color: Theme.blockedStripe
    Accessible.role: Accessible.AlertMessage
    Accessible.name: message.text

    RowLayout {
        id: row
        anchors { fill: parent; leftMargin: 12; rightMargin: 6 }
        Label { text: "\u2298"; color: Theme.blockedText; Accessible.ignored: true }
        Label {
            id: message
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.blockedText
            text: (banner.blockedCount === 1
                   ? qsTr("1 item was blocked: it did not come from your cameras or was altered.")
                   : qsTr("%1 items were blocked: they did not come from your cameras or were altered.").arg(banner.blockedCount))
                  + " " + (banner.reportsPending > 0 ? qsTr("Reports are queued and will be sent.")
                                                     : qsTr("They were reported to the cloud."))
        }
        Button {
            objectName: "showBlockedButton"
            flat: true
            text: qsTr("Show")
            onClicked: banner.showBlocked()
            Accessible.onPressAction: banner.showBlocked()
        }
    }
}
