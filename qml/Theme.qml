pragma Singleton
import QtQuick

// Colours and sizes in one place; `dark` is set by Main from settings or --theme.
QtObject {
    property bool dark: false

    readonly property color background: dark ? "#121416" : "#f6f7f9"
    readonly property color surface: dark ? "#1d2024" : "#ffffff"
    readonly property color surfaceAlt: dark ? "#262a2f" : "#eef0f3"
    readonly property color text: dark ? "#e8eaed" : "#1b1d21"
    readonly property color textMuted: dark ? "#a0a6ad" : "#5f6670"
    readonly property color accent: dark ? "#4fd1c5" : "#00897b"
    readonly property color divider: dark ? "#33383e" : "#dde1e6"
    // The blocked design: nothing like a photo, unmistakable in both themes.
    readonly property color blocked: dark ? "#3a1d20" : "#fdecea"
    readonly property color blockedStripe: dark ? "#4a2428" : "#f9d6d2"
    readonly property color blockedText: dark ? "#ffb4ab" : "#b3261e"
    readonly property color warning: dark ? "#ffb74d" : "#c25e00"

    readonly property int spacing: 8
    readonly property int radius: 10
    readonly property int tileMinWidth: 220
    readonly property int phoneBreakpoint: 600
    // Below this width the desktop's side panel is compact (symbols over short titles).
    readonly property int compactRailBreakpoint: 900
    readonly property int railWidth: 220
    readonly property int railCompactWidth: 84

    function labelColor(label) {
        switch (label) {
        case "person": return dark ? "#7aa2ff" : "#3558d6"
        case "vehicle": return dark ? "#f7b267" : "#b45f06"
        case "animal": return dark ? "#8bd17c" : "#2e7d32"
        case "motion": return dark ? "#d9a0ff" : "#7b1fa2"
        case "sound": return dark ? "#f48fb1" : "#ad1457"
        default: return dark ? "#b0bec5" : "#546e7a"
        }
    }
}
