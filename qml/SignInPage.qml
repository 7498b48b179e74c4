import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Veriframe

// Sign-in with clear errors: wrong password, an unreachable cloud, and a cloud that could
// not prove who you are (identity_mismatch: nothing is loaded).
Page {
    id: page
    objectName: "signInPage"
    Accessible.name: qsTr("Sign in")
    background: Rectangle { color: Theme.background }

    function submit() {
        if (user.text.trim() !== "")
            AppSession.signIn(user.text, password.text)
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(360, page.width - 32)
        spacing: Theme.spacingMedium

        Label {
            Layout.alignment: Qt.AlignHCenter
            text: "Veriframe"
            font.pixelSize: Theme.fontBrand
            font.weight: Font.Bold
            color: Theme.accent
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("Your cameras' events, shown only after this device checked they are yours.")
            color: Theme.textMuted
        }
        TextField {
            id: user
            objectName: "usernameField"
            Layout.fillWidth: true
            placeholderText: qsTr("Username")
            Accessible.name: qsTr("Username")
            enabled: !AppSession.busy
            text: AppSession.suggestedUsername
            focus: text === ""
            onAccepted: password.forceActiveFocus()
        }
        TextField {
            id: password
            objectName: "passwordField"
            Layout.fillWidth: true
            placeholderText: qsTr("Password")
            // Qt reports no accessible name for a password edit whatever is set here
            // (QQuickAccessibleAttached::name() returns "" when passwordEdit is on, which Qt
            // sets for this echo mode once a screen reader is active): the description,
            // which Qt does pass on, says what the field is.
            Accessible.name: qsTr("Password")
            Accessible.description: qsTr("Password")
            echoMode: TextInput.Password
            enabled: !AppSession.busy
            focus: user.text !== ""
            onAccepted: page.submit()
        }
        // cloud-api.md §1 v2: the session is kept in the system's keyring, never in a file.
        CheckBox {
            id: stay
            objectName: "staySignedIn"
            Layout.fillWidth: true
            visible: AppSession.canStaySignedIn
            text: qsTr("Stay signed in")
            checked: AppSession.staySignedIn
            enabled: !AppSession.busy
            onToggled: AppSession.staySignedIn = checked
            Accessible.name: text
            Accessible.onToggleAction: { toggle(); toggled() }
            Accessible.onPressAction: { toggle(); toggled() }
        }
        Label {
            objectName: "keepProblem"
            Layout.fillWidth: true
            visible: AppSession.canStaySignedIn && AppSession.keepProblem !== ""
            text: AppSession.keepProblem
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
        Label {
            objectName: "signInError"
            Layout.fillWidth: true
            visible: AppSession.lastError !== ""
            text: AppSession.lastError
            wrapMode: Text.Wrap
            color: Theme.blockedText
            Accessible.role: Accessible.AlertMessage
        }
        Button {
            objectName: "signInButton"
            Layout.fillWidth: true
            text: AppSession.state === AppSession.SigningIn ? qsTr("Signing in…") : qsTr("Sign in")
            highlighted: true
            enabled: !AppSession.busy && user.text.trim() !== ""
            onClicked: page.submit()
            Accessible.onPressAction: if (enabled) clicked()
        }
        // A cloud that never answers must not hold the page: back to the form at once.
        Button {
            objectName: "cancelSignInButton"
            Layout.fillWidth: true
            visible: AppSession.state === AppSession.SigningIn
            flat: true
            text: qsTr("Cancel")
            onClicked: AppSession.cancelSignIn()
            Accessible.onPressAction: if (enabled) clicked()
        }
        Label {
            Layout.fillWidth: true
            visible: AppSession.embedded && AppSession.demoAccounts.length > 0
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            text: {
                const parts = []
                const accounts = AppSession.demoAccounts
                for (let i = 0; i < accounts.length; ++i)
                    parts.push(accounts[i].username + " / " + accounts[i].password)
                return qsTr("Demo cloud accounts: %1").arg(parts.join(", "))
            }
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: AppSession.serverLabel
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
        }
    }
}
