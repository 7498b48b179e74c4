import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// The blocked design: diagonal stripes, a shield and the reason. Deliberately no Image
// anywhere in this component: a refused item's bytes were dropped and are never shown.
Rectangle {
    id: refused
    required property string reasonText
    required property string reason
    objectName: "refusedTile"
    color: Theme.blocked
    radius: Theme.radius - 1
    clip: true

    Canvas {
        anchors.fill: parent
        opacity: Theme.blockedStripeOpacity
        onPaint: {
            const ctx = getContext("2d")
            ctx.clearRect(0, 0, width, height)
            ctx.strokeStyle = Theme.blockedStripe
            ctx.lineWidth = 10
            for (let x = -height; x < width; x += 28) {
                ctx.beginPath()
                ctx.moveTo(x, height)
                ctx.lineTo(x + height, 0)
                ctx.stroke()
            }
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 24
        spacing: Theme.spacingSmall
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: "\u2298"
            font.pixelSize: Theme.fontGlyphLarge
            color: Theme.blockedText
            Accessible.ignored: true
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: refused.reason === "foreign_owner" ? qsTr("Not from your cameras") : qsTr("Blocked")
            wrapMode: Text.Wrap // a narrow phone tile: two lines, not past the edges
            font.weight: Font.Bold
            color: Theme.blockedText
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: refused.reason !== "foreign_owner"
            text: refused.reasonText
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.pixelSize: Theme.fontSmall
            color: Theme.blockedText
        }
    }
}
