import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// Account (sign out wipes this account's cache), theme and language.
Page {
    id: page
    objectName: "settingsPage"
    Accessible.name: qsTr("Settings")
    property bool phone: false
    property bool dark: false
    property string language: ""
    property bool diagnostic: false
    signal diagnosticRequested()
    signal darkToggled(bool dark)
    signal languagePicked(string language)
    background: Rectangle { color: Theme.background }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: page.phone ? 8 : 16
        spacing: Theme.spacingMedium
        Label { text: qsTr("Settings"); font.pixelSize: Theme.fontHeadline; font.weight: Font.Bold; color: Theme.text }

        GroupBox {
            title: qsTr("Account")
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                Label { text: qsTr("Signed in as %1").arg(AppSession.username); color: Theme.text }
                Label { text: AppSession.serverLabel; color: Theme.textMuted; font.pixelSize: Theme.fontSmall; wrapMode: Text.Wrap; Layout.fillWidth: true }
                Label {
                    text: qsTr("%n report(s) waiting to be sent", "", AppSession.reportsPending)
                    visible: AppSession.reportsPending > 0
                    color: Theme.warning
                }
                Label {
                    objectName: "settingsKeepProblem"
                    text: AppSession.keepProblem
                    visible: AppSession.canStaySignedIn && text !== ""
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "signOutButton"
                    text: qsTr("Sign out")
                    onClicked: confirmSignOut.open()
                    Accessible.onPressAction: if (enabled) clicked()
                }
            }
        }
        GroupBox {
            title: qsTr("Appearance")
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                Switch {
                    objectName: "darkThemeSwitch"
                    text: qsTr("Dark theme")
                    checked: page.dark
                    onToggled: page.darkToggled(checked)
                    Accessible.onToggleAction: { toggle(); toggled() }
                    Accessible.onPressAction: { toggle(); toggled() }
                }
                RowLayout {
                    Label { text: qsTr("Language"); color: Theme.text }
                    ComboBox {
                        objectName: "languageBox"
                        textRole: "text"
                        valueRole: "value"
                        model: [{ text: qsTr("System"), value: "" }, { text: "English", value: "en" }, { text: "Français", value: "fr" }]
                        currentIndex: Math.max(0, indexOfValue(page.language))
                        onActivated: page.languagePicked(currentValue)
                    }
                }
            }
        }
        GroupBox {
            title: qsTr("Support")
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.textMuted
                    text: qsTr("Diagnostic mode shows support staff why any item was refused: certificates, claims, hashes, timings and the report queue.")
                }
                Button {
                    objectName: "enterDiagnostic"
                    enabled: !page.diagnostic
                    text: page.diagnostic ? qsTr("Diagnostic mode is on") : qsTr("Diagnostic mode…")
                    onClicked: confirmDiagnostic.open()
                    Accessible.onPressAction: if (enabled) clicked()
                }
            }
        }
        Item { Layout.fillHeight: true }
    }

    ConfirmDialog {
        id: confirmDiagnostic
        objectName: "confirmDiagnostic"
        title: qsTr("Turn on diagnostic mode?")
        acceptText: qsTr("Turn on")
        text: qsTr("It shows, for every event, the checks this device ran and their results, the certificates and claims involved (with your user ID replaced by a pseudonym), media hashes, the network log and the report queue. Your pictures and clips stay hidden unless you choose to show them.")
        onAccepted: page.diagnosticRequested()
    }

    ConfirmDialog {
        id: confirmSignOut
        objectName: "confirmSignOut"
        title: qsTr("Sign out?")
        acceptText: qsTr("Sign out")
        text: qsTr("Verified pictures, events and the refusal log of this account are removed from this computer, and its saved session is ended. Reports not yet sent stay queued and go when you sign in again.")
        onAccepted: AppSession.signOut()
    }
}
