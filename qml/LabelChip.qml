import QtQuick
import QtQuick.Controls

// An event's label ("person", "vehicle"...) as a small coloured chip.
Rectangle {
    id: chip
    required property string label

    implicitWidth: text.implicitWidth + 14
    implicitHeight: 20
    radius: height / 2
    color: Qt.alpha(Theme.labelColor(label), Theme.chipTint)
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Label: %1").arg(text.text)

    Label {
        id: text
        anchors.centerIn: parent
        text: {
            switch (chip.label) {
            case "person": return qsTr("Person")
            case "vehicle": return qsTr("Vehicle")
            case "animal": return qsTr("Animal")
            case "motion": return qsTr("Motion")
            case "sound": return qsTr("Sound")
            default: return chip.label
            }
        }
        font.pixelSize: Theme.fontCaption
        font.weight: Font.DemiBold
        color: Theme.labelColor(chip.label)
    }
}
