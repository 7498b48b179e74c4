#pragma once
// The account's cameras for the camera filter and the cameras page. The list and its names
// come from the cloud and are display text only; who the viewer is to a camera ("owner",
// "shared") is known only from verified events: the store's verified entries (read again
// at sign-in and as the sync changes them, so it holds across restarts), and the sync
// layer's live verdicts in between.
#include "DeviceDescription.h"
#include "RowListModel.h"
#include "StoredEvent.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariantMap>

namespace vf::model {

// The base named in full for the QML tools (see RowListModel.h).
class DevicesModel : public vf::model::RowListModel {
    Q_OBJECT

public:
    enum Role {
        DeviceIdRole = Qt::UserRole + 1,
        NameRole,
        ModelRole,
        OnlineRole,
        AccessRole,
        VerifiedCountRole,
    };

    explicit DevicesModel(QObject *parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    // Replaces the list (sorted by name, then ID; a repeated ID keeps its first entry).
    // Access and verified counts already known for a camera are kept.
    void setDevices(const QList<vf::store::DeviceDescription> &devices);
    // access: "owner" or "viewer" from a verified event; anything else makes it unknown.
    // Remembered for cameras not listed yet.
    void setAccess(const QString &deviceId, const QString &access);
    void setVerifiedCount(const QString &deviceId, int count);
    // Replaces every camera's access and verified count with what the store's verified
    // entries say (EventStore::verifiedDevices); a camera without any is unknown again.
    void loadVerified(const QList<vf::store::VerifiedDevice> &devices);

    // The camera's display name, "" for a camera not in the list.
    Q_INVOKABLE QString nameOf(const QString &deviceId) const;
    Q_INVOKABLE int indexOfDevice(const QString &deviceId) const;

protected:
    int rowsHeld() const override { return int(m_rows.size()); }
    QVariant valueAt(int row, int role) const override { return value(m_rows.at(row), role); }

private:
    struct Row {
        QString id;
        QString name; // cleaned for display
        QString model;
        bool online = false;
    };

    QVariant value(const Row &row, int role) const;
    void emitRowChanged(const QString &deviceId, int role);

    QList<Row> m_rows;
    QHash<QString, int> m_index;         // device ID -> row
    QHash<QString, QString> m_access;    // device ID -> "owner" / "viewer"
    QHash<QString, int> m_verifiedCount; // device ID -> verified events
};

} // namespace vf::model
