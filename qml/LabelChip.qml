import QtQuick
import QtQuick.Controls
import Veriframe

// An event's label ("person", "vehicle"...) as a small coloured chip. Its word and colour
// come from the one labels table (AppSession.eventLabels); a label the table does not know
// (from a newer camera) is shown as it is, in grey.
Rectangle {
    id: chip
    required property string label
    // var: Qt 6.4's qmllint knows no array methods on a QVariantList.
    readonly property var table: AppSession.eventLabels
    // The label's entry in the table ({key, name, color, darkColor}), undefined if none.
    readonly property var entry: table.find(e => e.key === chip.label)
    // What a person reads: "Vehicle", "Véhicule".
    readonly property string word: entry ? entry.name : label
    readonly property color tone: entry ? (Theme.dark ? entry.darkColor : entry.color) : Theme.labelOther

    implicitWidth: text.implicitWidth + 14
    implicitHeight: 20
    radius: height / 2
    color: Qt.alpha(tone, Theme.chipTint)
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Label: %1").arg(word)

    Label {
        id: text
        objectName: "labelChipText"
        anchors.centerIn: parent
        text: chip.word
        textFormat: Text.PlainText // an unknown label is the cloud's text
        font.pixelSize: Theme.fontCaption
        font.weight: Font.DemiBold
        color: chip.tone
    }
}
