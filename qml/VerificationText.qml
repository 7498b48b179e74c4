pragma Singleton
import QtQuick
import Veriframe

// The positive side of verification, in words a person reads at a glance: one sentence
// for tiles' names, the player's mark and the details. Only for verified items (the model
// gives a verified row's camera name and time; a refused row has neither).
QtObject {
    function sentence(item) {
        if (!item || item.state !== EventsModel.Verified)
            return ""
        const time = Qt.formatTime(item.time, Locale.ShortFormat)
        // The protocol names no owner for a share: the viewer claim binds the camera to
        // this account only, so the sentence says "shared with you", not by whom (a name
        // from the cloud would be unverified).
        return item.access === "viewer"
            ? qsTr("Verified: signed by the %1 camera shared with you at %2, share checked").arg(item.cameraName).arg(time)
            : qsTr("Verified: signed by your %1 camera at %2, owner claim checked").arg(item.cameraName).arg(time)
    }
}
