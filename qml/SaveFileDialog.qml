import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs

// A save dialog where Enter in the file-name field saves, as in every desktop's own dialog.
// Where the platform has no native dialog, Qt 6.4 shows its own, whose file-name field
// ignores Enter (its TextField has no onAccepted): when it opens, its field's `accepted`
// is tied to a click on the dialog's Save button, which goes through the dialog's own
// handling (a folder name opens the folder; a file name is accepted).
FileDialog {
    id: dialog
    fileMode: FileDialog.SaveFile
    // Where Qt's own dialog appears: the window's overlay (a FileDialog is no Item, so it
    // cannot find it itself).
    required property Item overlay
    // For tests: Enter is tied to the dialog's Save button.
    property bool enterSaves: false
    // Once Qt's dialog is on screen (created and laid out), on the next turn of the loop.
    onVisibleChanged: if (visible) tieTimer.restart()
    property Timer tieTimer: Timer { interval: 0; onTriggered: dialog.tieEnterToSave() }

    function findIn(item, test) {
        if (!item) return null
        if (test(item)) return item
        const children = item.children || []
        for (let i = 0; i < children.length; ++i) {
            const found = findIn(children[i], test)
            if (found) return found
        }
        return null
    }
    function tieEnterToSave() {
        const root = dialog.overlay
        if (enterSaves || !root)
            return
        // A native dialog is not found there (and takes Enter itself).
        const field = findIn(root, (i) => i.objectName === "fileNameTextField" && i.visible)
        if (!field)
            return
        // Its DialogButtonBox is beside it in the dialog's footer. Qt 6.4's accept button
        // is "Open" even for saving, and both buttons use Qt's own catalogues (English
        // where Qt's French is not installed): they say "Save" and "Cancel" in the app's
        // words.
        const box = findIn(field.parent, (i) => i.standardButtons !== undefined && i.standardButton !== undefined)
        const save = box ? box.standardButton(Dialog.Open) || box.standardButton(Dialog.Save) : null
        if (!save)
            return
        save.text = qsTr("Save")
        const cancel = box.standardButton(Dialog.Cancel)
        if (cancel)
            cancel.text = qsTr("Cancel")
        field.accepted.connect(() => { if (dialog.visible) save.clicked() })
        enterSaves = true
    }
}
