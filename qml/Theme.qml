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
    // The chip of a label the labels table does not know (each known label has its own
    // colours there: AppSession.eventLabels).
    readonly property color labelOther: dark ? "#b0bec5" : "#546e7a"
    // How strongly a label's colour tints its chip's background.
    readonly property real chipTint: dark ? 0.25 : 0.14
    // The stripes behind a blocked tile's verdict are drawn dimmed, so the words stand out.
    readonly property real blockedStripeOpacity: 0.6

    // Overlays: the player, and marks drawn over pictures. They look the same in both themes
    // (a picture has no theme), so none of these depend on `dark`.
    // The player's backdrop: near-black, not pure black, so the video's own blacks show.
    readonly property color playerBackground: "#0b0c0e"
    // Text and glyphs over the player's backdrop, over a picture or over the warning colour.
    readonly property color onOverlay: "white"
    // The "Verified" word in the player: a light green readable on the dark backdrop.
    readonly property color verifiedOnOverlay: "#7ee2b8"
    // The verified mark over a tile's picture: a deep green at 80 % so the picture shows through.
    readonly property color verifiedMark: "#cc0b5d4f"
    // A camera that is online (the dot beside its name); an offline one uses `divider`.
    readonly property color online: "#43a047"

    // The type scale, in pixels (Material's body text is 14).
    readonly property int fontTiny: 10 // the hours under the timeline
    readonly property int fontCaption: 11 // chips, footnotes, hashes
    readonly property int fontSmall: 12 // second lines: times, camera models, notes
    readonly property int fontDetail: 13 // the list of checks in details; the verified mark
    readonly property int fontBody: 14
    readonly property int fontSubtitle: 15 // day headers
    readonly property int fontTitle: 18 // a state panel's title
    readonly property int fontHeadline: 22 // page titles
    readonly property int fontBrand: 30 // "Veriframe" on the sign-in page
    readonly property int fontBrandCompact: 20 // "Veriframe" atop the side panel
    // Symbols used as icons.
    readonly property int fontGlyph: 20 // "↻", the side panel's symbols
    readonly property int fontGlyphMain: 22 // the player's play/pause, larger than its neighbours
    readonly property int fontGlyphLarge: 26 // "⊘" on a blocked tile
    readonly property int fontGlyphHuge: 40 // a state panel's symbol

    // Spacing steps.
    readonly property int spacingTiny: 2
    readonly property int spacingSmall: 4
    readonly property int spacing: 8
    readonly property int spacingMedium: 12
    readonly property int spacingLarge: 16

    readonly property int radius: 10
    readonly property int tileMinWidth: 220
    readonly property int phoneBreakpoint: 600
    // Below this width the desktop's side panel is compact (symbols over short titles).
    readonly property int compactRailBreakpoint: 900
    readonly property int railWidth: 220
    readonly property int railCompactWidth: 84
}
