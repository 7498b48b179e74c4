import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Veriframe

// Support's diagnostic mode: why each item was verified or refused (the fifteen checks with
// time, the chains, the claim with a pseudonymised subject, hashes), the report outbox, the
// network log, the trust store, versions and outcomes per hour. Never any picture.
Page {
    id: page
    // The window's overlay, where Qt's own save dialog appears.
    readonly property Item overlayItem: Overlay.overlay
    objectName: "diagnosticsPage"
    Accessible.name: qsTr("Diagnostics")
    property bool phone: false
    property var snapshot: ({})
    property var selected: null
    background: Rectangle { color: Theme.background }

    function reload() {
        snapshot = AppSession.diagnosticsSnapshot(400)
        selected = null
    }
    // A verified event by its camera and time; a refused one by its verdict and IDs only
    // (its entry's names and times are the cloud's word about a foreign item).
    function eventLine(e) {
        if (e.state === "verified")
            return "\u2713 " + e.camera_name + " · " + new Date(e.ts).toLocaleString(Qt.locale(), Locale.ShortFormat)
                   + " · " + e.event_id
        if (e.state === "refused")
            return "\u2717 " + qsTr("Blocked: %1").arg(e.recorded_reason) + " · " + e.event_id + " · " + e.device_id
        return "\u2026 " + e.state + " · " + e.event_id
    }
    // The checks are shown above the list: bring them into view.
    function select(e) {
        selected = e
        scroll.contentItem.contentY = Math.max(0, trace.y - 8)
    }
    Component.onCompleted: reload()
    onVisibleChanged: if (visible) reload()
    Connections {
        target: AppSession
        function onBecameIdle() { if (page.visible) page.reload() }
    }

    SaveFileDialog {
        id: exportDialog
        overlay: page.overlayItem
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("JSON (*.json)")]
        onAccepted: {
            const error = AppSession.exportDiagnostics(selectedFile)
            exportResult.text = error === "" ? qsTr("Bundle written (no media, no tokens, pseudonymised IDs).") : error
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        anchors.margins: page.phone ? 8 : 16
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: Theme.spacingMedium

            // On a phone the buttons go under the title rather than over it.
            GridLayout {
                Layout.fillWidth: true
                columns: page.phone ? 1 : 2
                Label { text: qsTr("Diagnostics"); font.pixelSize: Theme.fontHeadline; font.weight: Font.Bold; color: Theme.text; Layout.fillWidth: true }
                Flow {
                    Layout.fillWidth: page.phone
                    Layout.preferredWidth: page.phone ? -1 : diagnosticsRefresh.implicitWidth + exportDiagnostics.implicitWidth + spacing
                    spacing: Theme.spacing
                    Button { id: diagnosticsRefresh; objectName: "diagnosticsRefresh"; text: qsTr("Refresh"); onClicked: page.reload(); Accessible.onPressAction: if (enabled) clicked() }
                    Button { id: exportDiagnostics; objectName: "exportDiagnostics"; text: qsTr("Export diagnostics"); onClicked: exportDialog.open(); Accessible.onPressAction: if (enabled) clicked() }
                }
            }
            Label { id: exportResult; objectName: "exportResult"; visible: text !== ""; color: Theme.textMuted; wrapMode: Text.Wrap; Layout.fillWidth: true }

            GroupBox {
                title: qsTr("This app")
                Layout.fillWidth: true
                GridLayout {
                    anchors.fill: parent
                    columns: page.phone ? 1 : 2
                    Repeater {
                        model: ["app", "qt", "openssl", "ffmpeg"]
                        delegate: Label {
                            required property string modelData
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            text: modelData + ": " + (page.snapshot.versions ? page.snapshot.versions[modelData] : "")
                            color: Theme.text
                        }
                    }
                    Label { Layout.fillWidth: true; wrapMode: Text.Wrap; text: qsTr("Account: %1 (pseudonym)").arg(page.snapshot.account ? page.snapshot.account.user : ""); color: Theme.text }
                }
            }

            GroupBox {
                title: qsTr("Trust store and revocations")
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    Label { text: qsTr("Anchors SHA-256: %1").arg(page.snapshot.trust ? page.snapshot.trust.anchors_sha256 : ""); color: Theme.text; font.family: "monospace"; font.pixelSize: Theme.fontCaption; elide: Text.ElideMiddle; Layout.fillWidth: true }
                    Repeater {
                        model: page.snapshot.trust ? page.snapshot.trust.device_roots.concat(page.snapshot.trust.owner_authorities) : []
                        delegate: Label { required property var modelData; text: modelData.subject + " · " + modelData.sha256.substring(0, 16) + "…"; color: Theme.textMuted; font.pixelSize: Theme.fontSmall; wrapMode: Text.WrapAnywhere; Layout.fillWidth: true }
                    }
                    Label {
                        objectName: "revocationState"
                        text: page.snapshot.trust && page.snapshot.trust.revocations
                              ? qsTr("Revocation list seq %1: %2 devices, %3 claims (%4)").arg(page.snapshot.trust.revocations.seq)
                                    .arg(page.snapshot.trust.revocations.devices).arg(page.snapshot.trust.revocations.claims)
                                    .arg(page.snapshot.trust.revocations.last_fetch)
                              : qsTr("No revocation list accepted yet")
                        color: Theme.text
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    // A list that could not be accepted: why and when; the one above stays.
                    Label {
                        objectName: "revocationRefusal"
                        readonly property var refusal: page.snapshot.trust ? page.snapshot.trust.revocation_refusal : null
                        visible: !!refusal
                        text: refusal ? qsTr("Last list refused at %1: %2. The list above stays in force.")
                                            .arg(new Date(refusal.at).toLocaleString(Qt.locale(), Locale.ShortFormat)).arg(refusal.reason)
                                      : ""
                        color: Theme.blockedText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }

            GroupBox {
                id: outcomes
                title: qsTr("Outcomes per hour")
                Layout.fillWidth: true
                Row {
                    id: chart
                    objectName: "outcomesChart"
                    height: 90
                    spacing: Theme.spacingTiny
                    readonly property var hours: page.snapshot.outcomes_per_hour || []
                    readonly property int maxCount: {
                        let m = 1
                        for (const h of hours)
                            m = Math.max(m, h.verified + h.refused_total)
                        return m
                    }
                    Repeater {
                        // The last 72 hours, or as many as fit (8 px a bar) on a phone.
                        model: chart.hours.slice(-Math.max(1, Math.min(72, Math.floor(outcomes.availableWidth / 8))))
                        delegate: Column {
                            required property var modelData
                            readonly property int refusedTotal: modelData.refused_total
                            anchors.bottom: parent ? parent.bottom : undefined
                            width: 6
                            Accessible.name: qsTr("%1 verified, %2 refused").arg(modelData.verified).arg(refusedTotal)
                            Rectangle { width: 6; height: 80 * parent.refusedTotal / chart.maxCount; color: Theme.blockedText }
                            Rectangle { width: 6; height: 80 * modelData.verified / chart.maxCount; color: Theme.accent }
                        }
                    }
                }
            }

            GroupBox {
                title: qsTr("Report outbox: %1 pending, %2 acknowledged").arg(page.snapshot.outbox ? page.snapshot.outbox.pending : 0).arg(page.snapshot.outbox ? page.snapshot.outbox.acknowledged : 0)
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    Repeater {
                        model: page.snapshot.outbox ? page.snapshot.outbox.reports : []
                        delegate: Label {
                            required property var modelData
                            text: modelData.event_id + " · " + modelData.reason + " · " + modelData.status + " · " + qsTr("%1 attempts").arg(modelData.attempts)
                                  + (modelData.last_error ? " · " + modelData.last_error : "")
                            color: Theme.text; font.pixelSize: Theme.fontSmall; wrapMode: Text.Wrap; Layout.fillWidth: true
                        }
                    }
                }
            }

            GroupBox {
                id: trace
                objectName: "eventTrace"
                visible: page.selected !== null
                title: page.selected ? qsTr("Checks for %1").arg(page.eventLine(page.selected)) : ""
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    Label { text: page.selected ? qsTr("Checked on %1; verdict %2 %3").arg(page.selected.checked_on).arg(page.selected.trace.verdict).arg(page.selected.trace.reason || "") : ""; color: Theme.text; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    Repeater {
                        model: page.selected ? page.selected.trace.checks : []
                        delegate: Label {
                            required property var modelData
                            objectName: "traceCheck"
                            // What the check establishes; a failure adds its reason code.
                            text: (modelData.passed ? "\u2713 " : "\u2717 ") + modelData.n + ". " + modelData.label
                                  + (modelData.passed ? "" : " \u2014 " + qsTr("failed: %1").arg(modelData.name))
                                  + " · " + (modelData.memoised ? qsTr("remembered") : modelData.micros + " µs")
                            Accessible.name: (modelData.passed ? qsTr("Passed: %1") : qsTr("Failed: %1")).arg(modelData.label)
                            color: modelData.passed ? Theme.text : Theme.blockedText
                            font.family: "monospace"
                        }
                    }
                    Repeater {
                        model: page.selected ? page.selected.trace.attestation.path.concat(page.selected.trace.claim.path) : []
                        delegate: Label {
                            required property var modelData
                            text: modelData.subject + "\n  " + qsTr("issuer") + " " + modelData.issuer + "\n  " + qsTr("serial") + " " + modelData.serial
                                  + " · " + modelData.key_type + " · " + modelData.not_before + " → " + modelData.not_after + "\n  SHA-256 " + modelData.sha256
                            color: Theme.textMuted; font.pixelSize: Theme.fontCaption; font.family: "monospace"; wrapMode: Text.WrapAnywhere; Layout.fillWidth: true
                        }
                    }
                    Label {
                        text: page.selected ? qsTr("Claim %1 · role %2 · device %3 · subject %4 · from %5%6")
                              .arg(page.selected.trace.claim.cti).arg(page.selected.trace.claim.role).arg(page.selected.trace.claim.device)
                              .arg(page.selected.trace.claim.subject).arg(page.selected.trace.claim.nbf)
                              .arg(page.selected.trace.claim.exp ? " " + qsTr("to %1").arg(page.selected.trace.claim.exp) : "") : ""
                        color: Theme.text; font.pixelSize: Theme.fontSmall; wrapMode: Text.WrapAnywhere; Layout.fillWidth: true
                    }
                    Label {
                        text: page.selected ? qsTr("Media: %1").arg(JSON.stringify(page.selected.trace.media)) : ""
                        color: Theme.textMuted; font.pixelSize: Theme.fontCaption; font.family: "monospace"; wrapMode: Text.WrapAnywhere; Layout.fillWidth: true
                    }
                }
            }

            GroupBox {
                title: qsTr("Events (tap one for its checks)")
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    Repeater {
                        model: page.snapshot.events || []
                        delegate: ItemDelegate {
                            required property var modelData
                            Layout.fillWidth: true
                            objectName: "diag_" + modelData.event_id
                            text: page.eventLine(modelData)
                            Accessible.name: text
                            onClicked: page.select(modelData)
                            Accessible.onPressAction: clicked()
                        }
                    }
                }
            }

            GroupBox {
                title: qsTr("Network log (newest last)")
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    Repeater {
                        model: page.snapshot.network ? page.snapshot.network.slice(-60) : []
                        delegate: Label {
                            required property var modelData
                            text: modelData.method + " " + modelData.path + " → " + modelData.status + " · " + modelData.latency_ms + " ms · " + modelData.bytes + " B"
                                  + (modelData.error ? " · " + modelData.error : "")
                            color: modelData.error ? Theme.warning : Theme.textMuted; font.pixelSize: Theme.fontCaption; font.family: "monospace"; elide: Text.ElideMiddle; Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }
}
