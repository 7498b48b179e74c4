import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// An event's details. For a refused event: why, the IDs and that it was reported, and
// never the media nor anything else of its entry. For a verified one: the picture (through the gate) and
// its facts.
Dialog {
    id: details
    property var item: null
    readonly property bool refused: item !== null && item.state === EventsModel.Refused
    objectName: "eventDetails"
    property bool copied: false
    onAboutToShow: copied = false
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(520, (parent ? parent.width : 520) - 32)
    title: refused ? qsTr("Blocked event") : item ? item.cameraName : ""
    focus: true
    // Its own button rather than Dialog.Close, whose text Qt translates only with its own
    // catalogues; Enter closes as Escape does.
    footer: RowLayout {
        Item { Layout.fillWidth: true }
        Button {
            objectName: "detailsClose"
            Layout.rightMargin: Theme.spacing
            text: qsTr("Close")
            flat: true
            onClicked: details.close()
            Accessible.onPressAction: if (enabled) clicked()
        }
    }

    ColumnLayout {
        width: parent.width
        spacing: 10
        focus: true
        Keys.onReturnPressed: details.close()
        Keys.onEnterPressed: details.close()
        Loader {
            Layout.fillWidth: true
            Layout.preferredHeight: width * 9 / 16
            active: details.item !== null
            sourceComponent: details.refused
                ? refusedComponent
                : details.item && details.item.state === EventsModel.Verified ? imageComponent : null
        }
        Component {
            id: refusedComponent
            RefusedTile { reasonText: details.item.reasonText; reason: details.item.reason }
        }
        Component {
            id: imageComponent
            Image {
                source: details.item.thumbnailUrl
                cache: false
                asynchronous: true
                fillMode: Image.PreserveAspectFit
            }
        }
        // Verified: what was checked, in one sentence, and the checks behind it on demand.
        Label {
            objectName: "detailsVerified"
            visible: details.item !== null && details.item.state === EventsModel.Verified
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: VerificationText.sentence(details.item)
            color: Theme.accent
            font.weight: Font.DemiBold
        }
        Button {
            id: showChecks
            objectName: "detailsShowChecks"
            visible: details.item !== null && details.item.state === EventsModel.Verified
            flat: true
            checkable: true
            text: checked ? qsTr("Hide what was checked") : qsTr("What was checked")
            Accessible.onPressAction: if (enabled) clicked()
        }
        Repeater {
            model: showChecks.visible && showChecks.checked ? AppSession.checkLabels() : []
            delegate: Label {
                required property string modelData
                objectName: "detailsCheck"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: "\u2713 " + modelData
                color: Theme.text
                font.pixelSize: Theme.fontDetail
            }
        }
        // Blocked: what happened, in plain words, and what a person can do about it.
        Label {
            objectName: "detailsExplanation"
            visible: details.refused
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: details.refused ? details.item.explanation : ""
            color: Theme.text
        }
        Flow {
            visible: details.refused
            Layout.fillWidth: true
            spacing: Theme.spacing
            Button {
                objectName: "detailsCopySupport"
                text: details.copied ? qsTr("Copied: paste it to support") : qsTr("Copy details for support")
                onClicked: {
                    AppSession.copySupportDetails(details.item.eventId, details.item.deviceId)
                    details.copied = true
                }
                Accessible.onPressAction: if (enabled) clicked()
            }
            Button {
                objectName: "detailsDismiss"
                text: qsTr("Dismiss")
                onClicked: {
                    AppSession.dismissBlocked(details.item.eventId, details.item.deviceId)
                    details.close()
                }
                Accessible.onPressAction: if (enabled) clicked()
            }
        }
        GridLayout {
            columns: 2
            columnSpacing: 12
            Layout.fillWidth: true
            Label { text: qsTr("Reason"); color: Theme.textMuted; visible: details.refused }
            Label {
                objectName: "detailsReason"
                visible: details.refused
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: details.item ? details.item.reasonText + " (" + details.item.reason + ")" : ""
                color: Theme.blockedText
            }
            // A refused entry's time is the cloud's word about a refused item: not shown
            // (the model gives none).
            Label { text: qsTr("Time"); color: Theme.textMuted; visible: !details.refused }
            Label {
                visible: !details.refused
                text: details.item && !details.refused ? details.item.time.toLocaleString(Qt.locale(), Locale.ShortFormat) : ""
            }
            Label { text: qsTr("Camera ID"); color: Theme.textMuted }
            Label { Layout.fillWidth: true; text: details.item ? details.item.deviceId : ""; textFormat: Text.PlainText; elide: Text.ElideMiddle }
            Label { text: qsTr("Event ID"); color: Theme.textMuted }
            Label { Layout.fillWidth: true; text: details.item ? details.item.eventId : ""; textFormat: Text.PlainText; elide: Text.ElideMiddle }
            Label { text: qsTr("Access"); color: Theme.textMuted; visible: !details.refused }
            Label {
                visible: !details.refused
                text: details.item && details.item.access === "viewer" ? qsTr("Shared with you") : qsTr("Your camera")
            }
            Label { text: qsTr("Report"); color: Theme.textMuted; visible: details.refused }
            Label {
                objectName: "detailsReported"
                visible: details.refused
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: AppSession.reportsPending > 0 ? qsTr("Reported (queued, will be sent)") : qsTr("Reported to the cloud")
            }
        }
    }
}
