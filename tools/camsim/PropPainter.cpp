#include "PropPainter.h"

#include <QPainter>
#include <QPolygonF>
#include <QRadialGradient>

namespace vf::camsim {
namespace {

QRectF toPixels(const QRectF &normalised, QSize frame) {
    return QRectF(normalised.x() * frame.width(), normalised.y() * frame.height(),
                  normalised.width() * frame.width(), normalised.height() * frame.height());
}

void paintHouse(QPainter &p, const SceneProp &prop, const QRectF &r, bool lit) {
    const double roofH = r.height() * 0.38;
    const QRectF walls(r.left() + r.width() * 0.06, r.top() + roofH, r.width() * 0.88,
                       r.height() - roofH);
    p.setPen(Qt::NoPen);
    p.setBrush(prop.primary);
    p.drawRect(walls);

    QPolygonF roof;
    roof << QPointF(r.left(), walls.top()) << QPointF(r.center().x(), r.top())
         << QPointF(r.right(), walls.top());
    p.setBrush(prop.secondary);
    p.drawPolygon(roof);

    const double unit = walls.width() / 10.0;
    p.setBrush(prop.primary.darker(220));
    p.drawRect(QRectF(walls.left() + unit * 4.2, walls.bottom() - walls.height() * 0.55, unit * 1.6,
                      walls.height() * 0.55)); // door

    const QColor glass = lit ? QColor(255, 214, 110) : QColor(170, 200, 220);
    p.setBrush(glass);
    const double winY = walls.top() + walls.height() * 0.22;
    const double winS = std::min(unit * 2.0, walls.height() * 0.3);
    p.drawRect(QRectF(walls.left() + unit * 1.2, winY, winS, winS));
    p.drawRect(QRectF(walls.right() - unit * 1.2 - winS, winY, winS, winS));
}

void paintTree(QPainter &p, const SceneProp &prop, const QRectF &r) {
    p.setPen(Qt::NoPen);
    p.setBrush(prop.secondary);
    const double trunkW = r.width() * 0.18;
    p.drawRect(
        QRectF(r.center().x() - trunkW / 2, r.top() + r.height() * 0.5, trunkW, r.height() * 0.5));
    // Three overlapping ellipses read as foliage; a lighter one on top gives some volume.
    p.setBrush(prop.primary);
    const double crownH = r.height() * 0.62;
    p.drawEllipse(QRectF(r.left(), r.top() + crownH * 0.25, r.width() * 0.65, crownH * 0.75));
    p.drawEllipse(QRectF(r.left() + r.width() * 0.35, r.top() + crownH * 0.25, r.width() * 0.65,
                         crownH * 0.75));
    p.setBrush(prop.primary.lighter(118));
    p.drawEllipse(QRectF(r.left() + r.width() * 0.15, r.top(), r.width() * 0.7, crownH * 0.7));
}

void paintFence(QPainter &p, const SceneProp &prop, const QRectF &r) {
    p.setPen(Qt::NoPen);
    p.setBrush(prop.primary);
    const double rail = std::max(1.0, r.height() * 0.14);
    p.drawRect(QRectF(r.left(), r.top() + r.height() * 0.25, r.width(), rail));
    p.drawRect(QRectF(r.left(), r.top() + r.height() * 0.65, r.width(), rail));
    p.setBrush(prop.primary.darker(125));
    const double postW = std::max(1.5, r.height() * 0.18);
    const int posts = std::max(2, static_cast<int>(r.width() / (r.height() * 1.1)));
    for (int i = 0; i <= posts; ++i) {
        const double x = r.left() + (r.width() - postW) * i / posts;
        p.drawRect(QRectF(x, r.top(), postW, r.height()));
    }
}

void paintLampPost(QPainter &p, const SceneProp &prop, const QRectF &r, bool lit) {
    const QRectF head(r.left() - r.width(), r.top(), r.width() * 3, r.height() * 0.07);
    if (lit) {
        QRadialGradient glow(head.center(), r.height() * 0.35);
        glow.setColorAt(0.0, QColor(255, 230, 150, 150));
        glow.setColorAt(1.0, QColor(255, 230, 150, 0));
        p.setPen(Qt::NoPen);
        p.setBrush(glow);
        p.drawEllipse(head.center(), r.height() * 0.35, r.height() * 0.35);
    }
    p.setPen(Qt::NoPen);
    p.setBrush(prop.primary);
    p.drawRect(QRectF(r.left(), r.top() + head.height(), r.width(), r.height() - head.height()));
    p.setBrush(lit ? QColor(255, 240, 190) : prop.secondary);
    p.drawRoundedRect(head, head.height() * 0.4, head.height() * 0.4);
}

void paintBush(QPainter &p, const SceneProp &prop, const QRectF &r) {
    p.setPen(Qt::NoPen);
    p.setBrush(prop.primary);
    p.drawEllipse(QRectF(r.left(), r.top() + r.height() * 0.3, r.width() * 0.6, r.height() * 0.7));
    p.drawEllipse(QRectF(r.left() + r.width() * 0.4, r.top() + r.height() * 0.25, r.width() * 0.6,
                         r.height() * 0.75));
    p.setBrush(prop.primary.lighter(115));
    p.drawEllipse(QRectF(r.left() + r.width() * 0.2, r.top(), r.width() * 0.55, r.height() * 0.8));
}

} // namespace

void PropPainter::paint(QPainter &painter, const SceneProp &prop, QSize frameSize, bool lit) {
    const QRectF r = toPixels(prop.box, frameSize);
    painter.save();
    switch (prop.kind) {
    case PropKind::House:
        paintHouse(painter, prop, r, lit);
        break;
    case PropKind::Tree:
        paintTree(painter, prop, r);
        break;
    case PropKind::Fence:
        paintFence(painter, prop, r);
        break;
    case PropKind::LampPost:
        paintLampPost(painter, prop, r, lit);
        break;
    case PropKind::Bush:
        paintBush(painter, prop, r);
        break;
    }
    painter.restore();
}

} // namespace vf::camsim
