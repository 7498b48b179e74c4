.pragma library
// Finding items under a root, shared by the Qt Quick tests (tests/qml and tests/e2e/qml):
// by objectName, by objectName prefix, and the Image-like items (a refused tile must have
// none). Popups and pages are searched through their contentItem too.

function kids(root) {
    const out = []
    const children = root.children || []
    for (let i = 0; i < children.length; ++i)
        out.push(children[i])
    if (root.contentItem && root.contentItem !== root && out.indexOf(root.contentItem) < 0)
        out.push(root.contentItem)
    return out
}

// The first item named `name` at or below root (depth first), or null.
function byName(root, name) {
    if (!root)
        return null
    const children = kids(root)
    for (let i = 0; i < children.length; ++i) {
        if (children[i].objectName === name)
            return children[i]
        const found = byName(children[i], name)
        if (found)
            return found
    }
    return null
}

// Every item whose objectName starts with `prefix`, root included.
function withPrefix(root, prefix, out) {
    out = out || []
    if (!root)
        return out
    if (root.objectName && root.objectName.startsWith(prefix))
        out.push(root)
    const children = root.children || []
    for (let i = 0; i < children.length; ++i)
        withPrefix(children[i], prefix, out)
    return out
}

// Every Image or AnimatedImage below root (what has a source, a sourceSize and a fillMode).
function images(root) {
    let found = []
    const children = root.children || []
    for (let i = 0; i < children.length; ++i) {
        const c = children[i]
        if (c.hasOwnProperty("sourceSize") && c.hasOwnProperty("fillMode") && c.hasOwnProperty("source"))
            found.push(c)
        found = found.concat(images(c))
    }
    return found
}

// A popup declared in a page (or another popup): among the content item's data, not its
// visual children.
function popupIn(page, name) {
    const data = (page.contentItem ? page.contentItem.data : page.data) || []
    for (let i = 0; i < data.length; ++i)
        if (data[i] && data[i].objectName === name)
            return data[i]
    return null
}
