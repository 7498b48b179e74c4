import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// The desktop side panel: the app's sections, the account, and the sync state. Compact (the
// sections' symbols over short titles, 84 px) on narrow desktop windows, so that from 600 to
// ~900 px the grid keeps two or three columns instead of one wide one.
Rectangle {
    id: rail
    objectName: "navigationRail"
    property int currentIndex: 0
    property var sections: []
    property bool compact: false
    signal picked(int index)
    color: Theme.surface
    implicitWidth: compact ? Theme.railCompactWidth : Theme.railWidth

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: rail.compact ? 6 : 12
        spacing: Theme.spacingSmall
        Label {
            visible: !rail.compact
            text: "Veriframe"
            font.pixelSize: Theme.fontBrandCompact
            font.weight: Font.Bold
            color: Theme.accent
            Layout.bottomMargin: 12
        }
        Repeater {
            id: sectionRepeater
            model: rail.sections
            delegate: ItemDelegate {
                required property var modelData
                required property int index
                objectName: "nav_" + modelData.key
                Layout.fillWidth: true
                text: modelData.title
                // Compact: the symbol over the title, centred in the narrow panel.
                horizontalPadding: rail.compact ? 2 : 16
                contentItem: Item {
                    implicitWidth: children[0].implicitWidth
                    implicitHeight: children[0].implicitHeight
                    Column {
                        anchors.verticalCenter: parent.verticalCenter
                        width: parent.width
                        spacing: Theme.spacingTiny
                        Label {
                            visible: rail.compact
                            width: parent.width
                            horizontalAlignment: Text.AlignHCenter
                            text: modelData.symbol
                            font.pixelSize: Theme.fontGlyph
                            color: Theme.text
                        }
                        Label {
                            width: parent.width
                            horizontalAlignment: rail.compact ? Text.AlignHCenter : Text.AlignLeft
                            text: rail.compact ? modelData.title : modelData.symbol + "   " + modelData.title
                            font.pixelSize: rail.compact ? Theme.fontCaption : Theme.fontBody
                            // Long titles ("Événements") shrink to fit the compact panel.
                            fontSizeMode: rail.compact ? Text.HorizontalFit : Text.FixedSize
                            minimumPixelSize: 8
                            elide: Text.ElideRight
                            color: Theme.text
                        }
                    }
                }
                highlighted: rail.currentIndex === index
                // The keyboard's place, plainly: Material's own focus tint is faint on the
                // highlighted section.
                Rectangle {
                    objectName: "navFocusRing"
                    anchors.fill: parent
                    visible: parent.visualFocus
                    color: "transparent"
                    border.width: 2
                    border.color: Theme.accent
                    radius: 4
                }
                // ItemDelegate takes no focus by default (it is meant for lists): the
                // sections are the app's first Tab stops, Enter or Space opens one, and the
                // arrows move between them.
                focusPolicy: Qt.StrongFocus
                Keys.onReturnPressed: rail.picked(index)
                Keys.onEnterPressed: rail.picked(index)
                Keys.onUpPressed: if (index > 0) sectionRepeater.itemAt(index - 1).forceActiveFocus()
                Keys.onDownPressed: if (index + 1 < sectionRepeater.count) sectionRepeater.itemAt(index + 1).forceActiveFocus()
                Accessible.name: modelData.title
                ToolTip.visible: rail.compact && hovered
                ToolTip.text: modelData.title
                onClicked: rail.picked(index)
                Accessible.onPressAction: rail.picked(index)
            }
        }
        Item { Layout.fillHeight: true }
        Label {
            visible: !rail.compact
            Layout.fillWidth: true
            text: AppSession.username
            color: Theme.text
            elide: Text.ElideRight
        }
        Label {
            visible: !rail.compact
            Layout.fillWidth: true
            text: AppSession.serverLabel
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
        }
    }
    Rectangle { anchors { right: parent.right; top: parent.top; bottom: parent.bottom } width: 1; color: Theme.divider }
}
