#pragma once
// Decodes a verified thumbnail with QImageReader within limits: the header is read first
// and an image larger than the limit is refused before any pixel is decoded, so a
// verified-but-hostile file (a camera's key can leak) cannot exhaust memory.
#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace vf::app {

struct DecodedThumbnail {
    QImage image;  // null on failure
    QString error; // why, for the tile's error text
};

constexpr QSize kMaxThumbnailSize(4096, 4096);

// requested: the size the view asked for (QML sourceSize); invalid or empty: natural size.
DecodedThumbnail decodeThumbnail(const QByteArray &bytes, const QSize &requested,
                                 const QSize &maxSize = kMaxThumbnailSize);

} // namespace vf::app
