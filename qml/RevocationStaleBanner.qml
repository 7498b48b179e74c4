import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// trust.md §7 v2: the revocation list held is out of date (or none could be fetched).
// Verification goes on with what is held, so a camera revoked since may still pass: the
// person is told, with the date of the list in force.
Rectangle {
    id: banner
    required property bool stale
    required property double issuedMs
    signal retry()

    objectName: "revocationStaleBanner"
    visible: stale
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    radius: Theme.radius
    color: Theme.surfaceAlt
    border.color: Theme.warning
    Accessible.role: Accessible.AlertMessage
    Accessible.name: message.text

    RowLayout {
        id: row
        anchors { fill: parent; leftMargin: 12; rightMargin: 6 }
        Label { text: "\u26A0"; color: Theme.warning; Accessible.ignored: true }
        Label {
            id: message
            objectName: "revocationStaleText"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            text: banner.issuedMs > 0
                  ? qsTr("The list of revoked cameras is out of date (issued %1): a camera revoked since then may still show as verified.")
                        .arg(new Date(banner.issuedMs).toLocaleString(Qt.locale(), Locale.ShortFormat))
                  : qsTr("The list of revoked cameras could not be fetched: a revoked camera may still show as verified.")
        }
        Button {
            objectName: "revocationRetryButton"
            flat: true
            text: qsTr("Try again")
            onClicked: banner.retry()
            Accessible.onPressAction: if (enabled) clicked()
        }
    }
}
