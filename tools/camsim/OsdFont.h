#pragma once
// The on-screen-display font: a built-in 5x7 bitmap font (plus a descender row) drawn with QPainter
// rectangles. Why not QPainter::drawText? Text rendering needs the platform font database, which
// aborts the process unless a QGuiApplication exists ("Must construct a QGuiApplication first"),
// and the cloud that synthesises media is a console QCoreApplication working on worker
// threads. A bitmap font also keeps the pixels independent of the fonts a host has
// installed (one less reason for regenerated media to hash differently), and it looks like
// a real camera's OSD.
#include <QColor>
#include <QPoint>
#include <QSize>
#include <QString>
#include <QStringView>

class QPainter;

namespace vf::camsim {

class OsdFont {
public:
    static constexpr int kGlyphWidth = 5;
    static constexpr int kGlyphHeight = 8; // 7 rows and a descender row
    static constexpr int kAdvance = 6;     // glyph plus one column of spacing

    // The text as the font can draw it: printable ASCII; accents are stripped (é → e) and
    // anything else becomes '?'.
    static QString toDrawable(QStringView text);

    // Size in pixels of text drawn at an integer scale (each font pixel is scale×scale).
    static QSize textSize(QStringView text, int scale);

    // The longest prefix of text that fits maxWidth pixels, ending in ".." when cut.
    static QString elide(QStringView text, int maxWidth, int scale);

    // Draws text with its top-left corner at topLeft. A one-pixel dark shadow keeps it
    // legible on any background.
    static void draw(QPainter &painter, QPoint topLeft, QStringView text, int scale,
                     const QColor &color);
};

} // namespace vf::camsim
