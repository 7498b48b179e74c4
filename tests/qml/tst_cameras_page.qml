import QtQuick
import QtTest
import Veriframe
import "ItemSearch.js" as Search

// The cameras page: each camera's access as the stored verified entries say, and rows
// laid out on one grid whatever their texts (names, models, "Yours" / "Shared with you" /
// "Not verified yet" of different lengths).
TestCase {
    id: testCase
    name: "CamerasPage"
    when: windowShown
    visible: true
    width: 1000
    height: 600

    Component { id: pageComponent; CamerasPage { width: testCase.width; height: testCase.height } }

    function cleanup() { fixture.reset() }

    function checkRows(page, ids) {
        const list = Search.byName(page, "camerasList")
        tryCompare(list, "count", ids.length)
        let nameX = null, accessRight = null, dotX = null
        for (const id of ids) {
            tryVerify(() => Search.byName(list.contentItem, "camera_" + id) !== null, 5000, id)
            const row = Search.byName(list.contentItem, "camera_" + id)
            const edge = () => {
                const label = Search.byName(row, "cameraAccess")
                return label.mapToItem(list, label.width, 0).x
            }
            // Once laid out (layouts settle on the next polish), the access is at the edge.
            tryVerify(() => edge() <= list.width && edge() >= list.width - 40, 2000,
                      id + " access ends at " + edge() + " of " + list.width)
            const name = Search.byName(row, "cameraName")
            const access = Search.byName(row, "cameraAccess")
            const dot = Search.byName(row, "cameraOnline")
            const n = name.mapToItem(list, 0, 0).x
            const a = access.mapToItem(list, access.width, 0).x
            const d = dot.mapToItem(list, 0, 0).x
            if (nameX === null) { nameX = n; accessRight = a; dotX = d }
            compare(n, nameX, id + ": names start in one column")
            compare(d, dotX, id + ": dots in one column")
            fuzzyCompare(a, accessRight, 1, id + ": access ends in one column")
            // Vertically centred in the row.
            const mid = access.mapToItem(row, 0, access.height / 2).y
            fuzzyCompare(mid, row.height / 2, 2, id)
        }
    }

    function test_accessAndAlignment() {
        fixture.setCameras([
            { deviceId: "c1", name: "Front Door", model: "Veriframe Doorbell D1", online: true, access: "owner" },
            { deviceId: "c2", name: "A camera with a rather long name that goes on", model: "X", online: false, access: "viewer" },
            { deviceId: "c3", name: "Garage", model: "Veriframe Outdoor O2 with a long model name", online: true, access: "" }
        ])
        const page = createTemporaryObject(pageComponent, testCase)
        checkRows(page, ["c2", "c1", "c3"])
        compare(Search.byName(page, "camera_c1").access, "owner")
        compare(Search.byName(Search.byName(page, "camera_c1"), "cameraAccess").text, "Yours")
        compare(Search.byName(Search.byName(page, "camera_c2"), "cameraAccess").text, "Shared with you")
        compare(Search.byName(Search.byName(page, "camera_c3"), "cameraAccess").text, "Not verified yet")
        // A phone: still one grid, nothing past the edge.
        page.width = 390
        checkRows(page, ["c2", "c1", "c3"])
    }
}
