// veriframe-iconrender: renders the app's SVG icon into the PNG sizes of the hicolor theme
// at build time, with the SVG renderer Qt itself uses (QtSvg), so the package needs no
// external rasteriser.
//
//   veriframe-iconrender ICON.svg OUT_DIR NAME SIZE...
//
// writes OUT_DIR/<SIZE>x<SIZE>/apps/NAME.png for each SIZE. Exit 0 on success, 2 on a usage
// error, an unreadable SVG or an unwritable PNG.
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char **argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: veriframe-iconrender ICON.svg OUT_DIR NAME SIZE...\n");
        return 2;
    }
    const QString svgPath = QString::fromLocal8Bit(argv[1]);
    const QString outDir = QString::fromLocal8Bit(argv[2]);
    const QString name = QString::fromLocal8Bit(argv[3]);

    QSvgRenderer renderer(svgPath);
    if (!renderer.isValid()) {
        std::fprintf(stderr, "veriframe-iconrender: cannot read SVG %s\n", argv[1]);
        return 2;
    }
    for (int i = 4; i < argc; ++i) {
        bool ok = false;
        const int size = QString::fromLatin1(argv[i]).toInt(&ok);
        if (!ok || size < 1 || size > 4096) {
            std::fprintf(stderr, "veriframe-iconrender: bad size %s\n", argv[i]);
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(outDir).arg(size);
        const QString file = QStringLiteral("%1/%2.png").arg(dir, name);
        if (!QDir().mkpath(dir) || !image.save(file, "PNG")) {
            std::fprintf(stderr, "veriframe-iconrender: cannot write %s\n", qPrintable(file));
            return 2;
        }
    }
    return 0;
}
