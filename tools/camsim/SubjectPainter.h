#pragma once
// Draws the moving subject of an event (a walking person, a driving vehicle, a trotting
// animal or a shapeless "motion" blob) at one instant, with limbs/wheels animated from the
// elapsed time so consecutive frames differ even where the subject barely moves.
#include "SceneSpec.h"

#include <QPointF>
#include <QRectF>

class QPainter;

namespace vf::camsim {

struct SubjectPose {
    SubjectKind kind = SubjectKind::Blob;
    QColor color;
    QPointF feet;         // pixel position of the ground contact point, centre
    double height = 0;    // pixels
    double direction = 1; // +1 moving right, -1 moving left
    double seconds = 0;   // time since the clip started, drives the gait
};

class SubjectPainter {
public:
    // Paints the subject and returns its bounding box in pixels (for the detection box).
    static QRectF paint(QPainter &painter, const SubjectPose &pose);
};

} // namespace vf::camsim
