import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qt.labs.settings
import Veriframe

// The window: sign-in, then Events, Cameras and Settings. Under 600 px wide it is the
// phone layout (one column, bottom navigation); wider, the desktop layout (side panel).
ApplicationWindow {
    id: window
    objectName: "mainWindow"
    property string initialTheme: ""
    property string language: ""
    property bool diagnostic: false // support's diagnostic mode (--diagnostic or Settings)
    property bool showPrivateMedia: false // in diagnostic mode, media stays hidden until chosen
    property bool playFirstClip: false // --play-first-clip: open the player once idle
    property bool blockedOnly: false // --blocked-only
    property string openSection: "" // --open
    readonly property bool phone: width < Theme.phoneBreakpoint
    // For automation: thumbnails still being fetched from the provider.
    readonly property int imagesLoading: eventsPage.imagesLoading + (playerView.settled ? 0 : 1)
                                         + (playFirstClip && !playedFirst ? 1 : 0)
    property bool playedFirst: false
    Connections {
        target: AppSession
        function onBecameIdle() {
            if (!window.playFirstClip || window.playedFirst)
                return
            window.playedFirst = true
            const m = AppSession.events
            const row = m.nextPlayable(-1, 1)
            if (row >= 0)
                playerView.openItem(m.get(row))
        }
    }
    readonly property bool signedIn: AppSession.state === AppSession.Syncing || AppSession.state === AppSession.Ready
    property int section: 0
    // Signing out ends on Settings; whoever signs in next starts on Events.
    onSignedInChanged: if (!signedIn) section = 0
    // For UI tests: the popups (they live in the overlay, not under contentItem).
    readonly property alias detailsDialog: details
    readonly property alias playerPopup: playerView

    width: 1180
    height: 760
    visible: true
    title: qsTr("Veriframe")
    color: Theme.background
    Material.theme: Theme.dark ? Material.Dark : Material.Light
    Material.accent: Theme.accent
    Material.primary: Theme.accent
    // Theme and language survive restarts; --theme overrides the stored theme.
    Settings {
        id: appearance
        category: "appearance"
        property bool dark: false
        property string language: ""
    }

    Component.onCompleted: {
        Theme.dark = initialTheme !== "" ? initialTheme === "dark" : appearance.dark
        if (blockedOnly)
            AppSession.events.refusedOnly = true
        const index = ["events", "cameras", "settings", "diagnostics"].indexOf(openSection)
        if (index > 0)
            section = index
    }

    readonly property var sections: {
        const list = [
            { key: "events", title: qsTr("Events"), symbol: "\u25A6" },
            { key: "cameras", title: qsTr("Cameras"), symbol: "\u25C9" },
            { key: "settings", title: qsTr("Settings"), symbol: "\u2699" }
        ]
        if (diagnostic)
            list.push({ key: "diagnostics", title: qsTr("Diagnostics"), symbol: "\u2695" })
        return list
    }
    onDiagnosticChanged: {
        showPrivateMedia = false
        if (!diagnostic && section === 3)
            section = 0
    }

    Shortcut { sequence: StandardKey.Refresh; onActivated: AppSession.refresh() }
    Shortcut { sequence: "F5"; onActivated: AppSession.refresh() }
    Shortcut { sequences: ["Ctrl+1"]; onActivated: window.section = 0 }
    Shortcut { sequences: ["Ctrl+2"]; onActivated: window.section = 1 }
    Shortcut { sequences: ["Ctrl+3"]; onActivated: window.section = 2 }
    Shortcut { sequences: ["Ctrl+4"]; enabled: window.diagnostic; onActivated: window.section = 3 }

    StackLayout {
        anchors.fill: parent
        currentIndex: AppSession.state === AppSession.Starting ? 0 : window.signedIn ? 2 : 1

        // 0: the embedded cloud is starting, or could not.
        Item {
            StatePanel {
                objectName: "startingPanel"
                anchors.centerIn: parent
                width: Math.min(parent.width - 32, 480)
                busy: AppSession.state !== AppSession.Failed
                symbol: "\u26A0"
                title: AppSession.state === AppSession.Failed ? qsTr("Veriframe could not start") : qsTr("Starting the demo cloud…")
                message: AppSession.lastError
            }
        }
        // 1: sign-in.
        SignInPage {}
        // 2: the app.
        RowLayout {
            spacing: 0
            NavigationRail {
                Layout.fillHeight: true
                visible: !window.phone
                compact: window.width < Theme.compactRailBreakpoint
                sections: window.sections
                currentIndex: window.section
                onPicked: (index) => window.section = index
            }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                // Clearly marked while on: support may be looking at this screen.
                Rectangle {
                    objectName: "diagnosticBanner"
                    Layout.fillWidth: true
                    visible: window.diagnostic
                    implicitHeight: visible ? diagRow.implicitHeight + 12 : 0
                    color: Theme.warning
                    // Narrow windows put the buttons under the text, so that it never
                    // wraps into a sliver beside them.
                    GridLayout {
                        id: diagRow
                        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                                  leftMargin: 12; rightMargin: 8 }
                        columns: parent.width < 760 ? 1 : 2
                        rowSpacing: 0
                        Label {
                            Layout.fillWidth: true
                            Layout.topMargin: diagRow.columns === 1 ? 6 : 0
                            wrapMode: Text.Wrap
                            color: Theme.onOverlay
                            font.weight: Font.DemiBold
                            text: window.showPrivateMedia ? qsTr("Diagnostic mode: your pictures are visible.")
                                                          : qsTr("Diagnostic mode: your pictures and clips are hidden.")
                        }
                        Flow {
                            Layout.fillWidth: diagRow.columns === 1
                            Layout.preferredWidth: diagRow.columns === 1 ? -1 : implicitWidth
                            Button {
                                objectName: "togglePrivateMedia"
                                flat: true
                                text: window.showPrivateMedia ? qsTr("Hide my media") : qsTr("Show my media")
                                onClicked: window.showPrivateMedia = !window.showPrivateMedia
                                Accessible.onPressAction: if (enabled) clicked()
                            }
                            Button {
                                objectName: "leaveDiagnostic"
                                flat: true
                                text: qsTr("Leave diagnostic mode")
                                onClicked: window.diagnostic = false
                                Accessible.onPressAction: if (enabled) clicked()
                            }
                        }
                    }
                }
                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: window.section
                    EventsPage {
                        id: eventsPage
                        phone: window.phone
                        privacyMode: window.diagnostic && !window.showPrivateMedia
                        onOpenEvent: (item) => {
                            if (item.state === EventsModel.Verified && item.hasClip
                                && !(window.diagnostic && !window.showPrivateMedia)) {
                                playerView.openItem(item)
                            } else {
                                details.item = item
                                details.open()
                            }
                        }
                    }
                    CamerasPage {
                        phone: window.phone
                        onShowCamera: (deviceId) => {
                            AppSession.events.cameraFilter = deviceId
                            window.section = 0
                        }
                    }
                    SettingsPage {
                        phone: window.phone
                        dark: Theme.dark
                        language: window.language
                        diagnostic: window.diagnostic
                        onDiagnosticRequested: window.diagnostic = true
                        onDarkToggled: (dark) => {
                            Theme.dark = dark
                            appearance.dark = dark
                        }
                        onLanguagePicked: (language) => {
                            appearance.language = language
                            window.language = language
                            AppSession.setLanguage(language)
                        }
                    }
                    Loader {
                        active: window.diagnostic
                        sourceComponent: DiagnosticsPage { phone: window.phone }
                    }
                }
                TabBar {
                    id: bottomNav
                    objectName: "bottomNavigation"
                    Layout.fillWidth: true
                    visible: window.phone
                    currentIndex: window.section
                    onCurrentIndexChanged: window.section = currentIndex
                    Repeater {
                        model: window.sections
                        delegate: TabButton {
                            required property var modelData
                            required property int index
                            objectName: "tab_" + modelData.key
                            focusPolicy: Qt.StrongFocus
                            text: modelData.symbol + "\n" + modelData.title
                            Accessible.name: modelData.title
                            Accessible.onPressAction: bottomNav.currentIndex = index
                        }
                    }
                }
            }
        }
    }

    EventDetails { id: details }
    PlayerView {
        id: playerView
        onShowDetails: (item) => { details.item = item; details.open() }
    }
}
