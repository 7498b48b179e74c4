import QtQuick
import QtTest
import Veriframe
import "ItemSearch.js" as Search

// The window before the cloud is reached (AppSession is Starting here: nothing attached):
// the start panel is centred, on a phone too, and shows progress with a BusyIndicator
// rather than a glyph the fonts may lack.
TestCase {
    id: testCase
    name: "StartPanel"
    when: windowShown

    Component { id: mainComponent; Main {} }

    function texts(root, out) {
        const children = root.children || []
        for (let i = 0; i < children.length; ++i) {
            if (children[i].visible && typeof children[i].text === "string") out.push(children[i].text)
            texts(children[i], out)
        }
        return out
    }

    function test_startPanelIsCentredWithProgress_data() {
        return [{ tag: "desktop", width: 1180, height: 760 }, { tag: "phone", width: 390, height: 844 }]
    }
    function test_startPanelIsCentredWithProgress(data) {
        compare(AppSession.state, AppSession.Starting)
        const window = createTemporaryObject(mainComponent, testCase, { width: data.width, height: data.height })
        verify(window)
        const panel = Search.byName(window.contentItem, "startingPanel")
        verify(panel)
        tryVerify(() => panel.visible && panel.width > 0)
        const centre = panel.mapToItem(window.contentItem, panel.width / 2, panel.height / 2)
        fuzzyCompare(centre.x, window.contentItem.width / 2, 1)
        fuzzyCompare(centre.y, window.contentItem.height / 2, 1)
        verify(Search.byName(panel, "statePanelBusy").visible)
        verify(Search.byName(panel, "statePanelBusy").running)
        for (const text of texts(panel, []))
            verify(text.indexOf("\u231B") < 0, "the hourglass glyph")
    }
}
