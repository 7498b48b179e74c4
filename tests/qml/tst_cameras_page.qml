import QtQuick
import QtTest
import Veriframe

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

    function findByName(root, name) {
        const children = root.children || []
        for (let i = 0; i < children.length; ++i) {
            if (children[i].objectName === name) return children[i]
            const f = findByName(children[i], name)
            if (f) return f
        }
        return null
    }
    function cleanup() { fixture.reset() }

    function checkRows(page, ids) {
        const list = findByName(page, "camerasList")
        tryCompare(list, "count", ids.length)
        let nameX = null, accessRight = null, dotX = null
        for (const id of ids) {
            tryVerify(() => findByName(list.contentItem, "camera_" + id) !== null, 5000, id)
            const row = findByName(list.contentItem, "camera_" + id)
            const edge = () => {
                const label = findByName(row, "cameraAccess")
                return label.mapToItem(list, label.width, 0).x
            }
            // Once laid out (layouts settle on the next polish), the access is at the edge.
            tryVerify(() => edge() <= list.width && edge() >= list.width - 40, 2000,
                      id + " access ends at " + edge() + " of " + list.width)
            const name = findByName(row, "cameraName")
            const access = findByName(row, "cameraAccess")
            const dot = findByName(row, "cameraOnline")
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
        compare(findByName(page, "camera_c1").access, "owner")
        compare(findByName(findByName(page, "camera_c1"), "cameraAccess").text, "Yours")
        compare(findByName(findByName(page, "camera_c2"), "cameraAccess").text, "Shared with you")
        compare(findByName(findByName(page, "camera_c3"), "cameraAccess").text, "Not verified yet")
        // A phone: still one grid, nothing past the edge.
        page.width = 390
        checkRows(page, ["c2", "c1", "c3"])
    }
}
