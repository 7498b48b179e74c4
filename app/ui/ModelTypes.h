#pragma once
// The core models, known to QML by name (for their enums and as property types) without
// core/model depending on QML: foreign registrations.
#include "DevicesModel.h"
#include "EventsModel.h"
#include "RefusalsModel.h"
#include "TileRowsModel.h"

#include <QQmlEngine>

namespace vf::app {

struct EventsModelForeign {
    Q_GADGET
    QML_FOREIGN(vf::model::EventsModel)
    QML_NAMED_ELEMENT(EventsModel)
    QML_UNCREATABLE("provided by AppSession")
};

struct TileRowsModelForeign {
    Q_GADGET
    QML_FOREIGN(vf::model::TileRowsModel)
    QML_NAMED_ELEMENT(TileRowsModel)
    QML_UNCREATABLE("provided by AppSession")
};

struct DevicesModelForeign {
    Q_GADGET
    QML_FOREIGN(vf::model::DevicesModel)
    QML_NAMED_ELEMENT(DevicesModel)
    QML_UNCREATABLE("provided by AppSession")
};

struct RefusalsModelForeign {
    Q_GADGET
    QML_FOREIGN(vf::model::RefusalsModel)
    QML_NAMED_ELEMENT(RefusalsModel)
    QML_UNCREATABLE("provided by AppSession")
};

} // namespace vf::app
