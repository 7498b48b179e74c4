#pragma once
// Draws the static backdrop items of a scene (houses, trees, fences, lamp posts, bushes).
// Kept apart from SceneRenderer so adding a prop kind touches one small file.
#include "SceneSpec.h"

#include <QSize>

class QPainter;

namespace vf::camsim {

class PropPainter {
public:
    // Paints prop into a frame of frameSize pixels. lit: the scene is dark, so windows and
    // lamps glow (that is what makes a night scene readable at thumbnail size).
    static void paint(QPainter &painter, const SceneProp &prop, QSize frameSize, bool lit);
};

} // namespace vf::camsim
