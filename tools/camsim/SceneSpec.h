#pragma once
// What one simulated camera sees: a fixed backdrop (palette, horizon, a few props) derived
// from the camera ID, and the moving subject of one event derived from its detection label.
// Plain data, so a scene can be built once per event and rendered from any worker thread.
#include <QColor>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringView>

namespace vf::camsim {

// The moving thing drawn for an event; "person"/"vehicle"/"animal" labels pick their own
// silhouette so a viewer can tell at a glance that the thumbnail matches the event kind.
enum class SubjectKind { Person, Vehicle, Animal, Blob };

enum class PropKind { House, Tree, Fence, LampPost, Bush };

// A static backdrop item. Geometry is normalised to the frame ((0,0) top-left, (1,1)
// bottom-right) so the same scene renders identically at thumbnail and clip sizes.
struct SceneProp {
    PropKind kind = PropKind::Bush;
    QRectF box;
    QColor primary;   // walls, foliage, posts
    QColor secondary; // roof, trunk, lamp
};

struct SceneSpec {
    QString cameraId;
    QString cameraName; // drawn in the on-screen display
    QString label;      // detection label of the event, e.g. "person" (trust.md §5 "kind")
    quint64 seed = 0;   // everything random about the scene comes from this
    // The timestamp is drawn in this fixed offset, never in the machine's time zone, so the
    // same inputs give the same pixels on every host.
    int utcOffsetMinutes = 0;

    QColor skyTop;
    QColor skyHorizon;
    QColor groundHorizon;
    QColor groundBottom;
    double horizon = 0.45;  // fraction of the frame height
    QList<SceneProp> props; // back to front

    SubjectKind subject = SubjectKind::Blob;
    QColor subjectColor;
    double subjectSpeed = 0.1;  // frame widths per second (magnitude; direction is per event)
    double subjectFeetY = 0.8;  // where the subject stands, fraction of the frame height
    double subjectHeight = 0.3; // fraction of the frame height
    QColor accent;              // detection box and label colour

    // The scene of camera cameraId for an event labelled label. worldSeed lets two demo
    // worlds differ while each stays reproducible; the same arguments always give the same
    // scene, and different camera IDs give visibly different ones.
    static SceneSpec forCamera(const QString &cameraId, const QString &cameraName,
                               const QString &label, quint64 worldSeed = 0);

    // "person" → Person, "vehicle"/"car"/"truck" → Vehicle, "animal"/"pet"/"dog"/"cat" →
    // Animal, anything else ("motion", "package", …) → Blob. Case-insensitive.
    static SubjectKind subjectForLabel(QStringView label);
};

} // namespace vf::camsim
