#include "ThumbnailDecoder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>

namespace vf::app {

DecodedThumbnail decodeThumbnail(const QByteArray &bytes, const QSize &requested,
                                 const QSize &maxSize) {
    DecodedThumbnail out;
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    // trust.md §5 v2: a thumbnail is attested as image/jpeg (anything else is refused before
    // it gets here), so only the JPEG reader ever sees its bytes: no sniffing of the content,
    // which would hand a PNG, GIF, SVG... to whichever Qt plugin claims it.
    QImageReader reader(&buffer, QByteArrayLiteral("jpeg"));
    reader.setAutoDetectImageFormat(false);
    reader.setDecideFormatFromContent(false);
    const QSize natural = reader.size();
    if (!natural.isValid()) {
        out.error = QCoreApplication::translate("ThumbnailDecoder",
                                                "The verified picture cannot be read: %1")
                        .arg(reader.errorString());
        return out;
    }
    if (natural.width() > maxSize.width() || natural.height() > maxSize.height()) {
        out.error = QCoreApplication::translate("ThumbnailDecoder",
                                                "The verified picture is too large (%1×%2).")
                        .arg(natural.width())
                        .arg(natural.height());
        return out;
    }
    if (requested.isValid() && !requested.isEmpty() &&
        (requested.width() < natural.width() || requested.height() < natural.height()))
        reader.setScaledSize(natural.scaled(requested, Qt::KeepAspectRatio));
    out.image = reader.read();
    if (out.image.isNull())
        out.error = QCoreApplication::translate("ThumbnailDecoder",
                                                "The verified picture cannot be decoded: %1")
                        .arg(reader.errorString());
    return out;
}

} // namespace vf::app
