#include "SubjectPainter.h"

#include <QPainter>
#include <QPen>
#include <QPolygonF>
#include <QRadialGradient>
#include <cmath>
#include <numbers>

namespace vf::camsim {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

QPen limbPen(const QColor &color, double width) {
    QPen pen(color, width);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    return pen;
}

QRectF paintPerson(QPainter &p, const SubjectPose &s) {
    const double h = s.height;
    const double x = s.feet.x();
    const double feetY = s.feet.y();
    const double hipY = feetY - h * 0.47;
    const double shoulderY = feetY - h * 0.8;
    // ~2 steps a second; starting a quarter cycle in puts frame 0 (the thumbnail) mid-stride,
    // where a walker reads as a walker.
    const double swing = std::cos(s.seconds * kTwoPi * 1.8) * h * 0.14;

    const QColor trousers = s.color.darker(260);
    p.setPen(limbPen(trousers, h * 0.09));
    p.drawLine(QPointF(x, hipY), QPointF(x + swing, feetY - h * 0.03));
    p.drawLine(QPointF(x, hipY), QPointF(x - swing, feetY - h * 0.03));

    p.setPen(limbPen(s.color.darker(130), h * 0.07));
    p.drawLine(QPointF(x, shoulderY + h * 0.03), QPointF(x - swing * 0.8, hipY + h * 0.02));

    p.setPen(Qt::NoPen);
    p.setBrush(s.color);
    const double torsoW = h * 0.24;
    p.drawRoundedRect(QRectF(x - torsoW / 2, shoulderY, torsoW, hipY - shoulderY + h * 0.04),
                      torsoW * 0.3, torsoW * 0.3);

    p.setPen(limbPen(s.color.darker(150), h * 0.065));
    p.drawLine(QPointF(x, shoulderY + h * 0.03), QPointF(x + swing * 0.8, hipY + h * 0.02));

    const double headR = h * 0.085;
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(224, 180, 140));
    p.drawEllipse(QPointF(x + s.direction * h * 0.01, shoulderY - headR * 1.05), headR, headR);
    return QRectF(x - h * 0.22, feetY - h, h * 0.44, h);
}

QRectF paintVehicle(QPainter &p, const SubjectPose &s) {
    const double h = s.height;
    const double len = h * 2.4;
    const double x = s.feet.x();
    const double feetY = s.feet.y();
    const double wheelR = h * 0.19;
    const QRectF body(x - len / 2, feetY - h * 0.68, len, h * 0.46);

    QPolygonF cabin;
    const double front = s.direction; // the windscreen slopes towards the direction of travel
    cabin << QPointF(x - front * len * 0.32, body.top())
          << QPointF(x - front * len * 0.22, feetY - h)
          << QPointF(x + front * len * 0.12, feetY - h)
          << QPointF(x + front * len * 0.3, body.top());
    p.setPen(Qt::NoPen);
    p.setBrush(s.color.darker(115));
    p.drawPolygon(cabin);

    QPolygonF glass;
    glass << QPointF(x - front * len * 0.27, body.top())
          << QPointF(x - front * len * 0.2, feetY - h * 0.92)
          << QPointF(x + front * len * 0.1, feetY - h * 0.92)
          << QPointF(x + front * len * 0.23, body.top());
    p.setBrush(QColor(150, 190, 215));
    p.drawPolygon(glass);

    p.setBrush(s.color);
    p.drawRoundedRect(body, h * 0.12, h * 0.12);
    p.setBrush(QColor(255, 236, 160));
    const double lampX = front > 0 ? body.right() - h * 0.12 : body.left();
    p.drawRect(QRectF(lampX, body.top() + h * 0.1, h * 0.12, h * 0.1));

    // Wheels roll: the spoke angle is distance travelled over radius.
    const double angle = s.seconds * 6.0 * s.direction;
    for (const double wx : {x - len * 0.3, x + len * 0.3}) {
        const QPointF c(wx, feetY - wheelR);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(25, 25, 28));
        p.drawEllipse(c, wheelR, wheelR);
        p.setBrush(QColor(150, 150, 155));
        p.drawEllipse(c, wheelR * 0.5, wheelR * 0.5);
        p.setPen(limbPen(QColor(60, 60, 65), wheelR * 0.15));
        for (int k = 0; k < 3; ++k) {
            const double a = angle + k * kTwoPi / 3;
            p.drawLine(c, c + QPointF(std::cos(a), std::sin(a)) * wheelR * 0.48);
        }
    }
    return QRectF(body.left(), feetY - h, len, h);
}

QRectF paintAnimal(QPainter &p, const SubjectPose &s) {
    const double h = s.height;
    const double len = h * 1.6;
    const double x = s.feet.x();
    const double feetY = s.feet.y();
    const double dir = s.direction;
    const QRectF body(x - len * 0.4, feetY - h * 0.8, len * 0.8, h * 0.42);
    const double gait = std::cos(s.seconds * kTwoPi * 2.5) * h * 0.14; // mid-stride at 0

    p.setPen(limbPen(s.color.darker(140), h * 0.09));
    const double legTop = body.center().y();
    for (const double lx : {body.left() + h * 0.15, body.right() - h * 0.15}) {
        p.drawLine(QPointF(lx, legTop), QPointF(lx + gait, feetY));
        p.drawLine(QPointF(lx, legTop), QPointF(lx - gait, feetY));
    }
    const QPointF tailRoot(dir > 0 ? body.left() : body.right(), body.top() + h * 0.08);
    p.drawLine(tailRoot, tailRoot + QPointF(-dir * h * 0.3, -h * 0.15 + gait * 0.3));

    p.setPen(Qt::NoPen);
    p.setBrush(s.color);
    p.drawEllipse(body);
    const QPointF head(dir > 0 ? body.right() : body.left(), body.top() - h * 0.05);
    const double headR = h * 0.17;
    p.drawEllipse(head, headR, headR * 0.9);
    p.setBrush(s.color.darker(150));
    QPolygonF ear;
    ear << head + QPointF(-headR * 0.6, -headR * 0.5) << head + QPointF(-headR * 0.1, -headR * 1.5)
        << head + QPointF(headR * 0.3, -headR * 0.6);
    p.drawPolygon(ear);
    p.drawEllipse(head + QPointF(dir * headR * 0.95, headR * 0.15), headR * 0.25, headR * 0.2);
    return QRectF(x - len / 2 - h * 0.15, feetY - h * 1.05, len + h * 0.3, h * 1.05);
}

QRectF paintBlob(QPainter &p, const SubjectPose &s) {
    // An indistinct moving shape, as a plain motion detector would see it.
    const double pulse = 1.0 + 0.12 * std::sin(s.seconds * kTwoPi * 1.3);
    const double w = s.height * 0.8 * pulse;
    const double h = s.height * (2.0 - pulse) * 0.95;
    const QPointF c(s.feet.x(), s.feet.y() - h / 2 - s.height * 0.05 * std::sin(s.seconds * 5.0));
    QRadialGradient fill(c, std::max(w, h) / 2);
    fill.setColorAt(0.0, s.color.lighter(130));
    fill.setColorAt(0.7, s.color);
    QColor edge = s.color.darker(140);
    edge.setAlpha(0);
    fill.setColorAt(1.0, edge);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawEllipse(c, w / 2, h / 2);
    return QRectF(c.x() - w / 2, c.y() - h / 2, w, h);
}

} // namespace

QRectF SubjectPainter::paint(QPainter &painter, const SubjectPose &pose) {
    if (pose.height <= 0)
        return QRectF();
    painter.save();
    QRectF bounds;
    switch (pose.kind) {
    case SubjectKind::Person:
        bounds = paintPerson(painter, pose);
        break;
    case SubjectKind::Vehicle:
        bounds = paintVehicle(painter, pose);
        break;
    case SubjectKind::Animal:
        bounds = paintAnimal(painter, pose);
        break;
    case SubjectKind::Blob:
        bounds = paintBlob(painter, pose);
        break;
    }
    painter.restore();
    return bounds;
}

} // namespace vf::camsim
