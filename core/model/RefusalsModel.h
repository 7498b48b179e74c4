#pragma once
// The refusal log of one account, newest first, from the store's audit log: what was
// refused, why, and the hashes that were compared. It shows evidence, never media.
#include "AuditLog.h"
#include "RowListModel.h"

#include <QList>
#include <QString>
#include <QVariantMap>

namespace vf::store {
class Store;
}

namespace vf::model {

// The base named in full for the QML tools (see RowListModel.h).
class RefusalsModel : public vf::model::RowListModel {
    Q_OBJECT
    Q_PROPERTY(QString account READ account NOTIFY sourceChanged)

public:
    enum Role {
        TimeRole = Qt::UserRole + 1,
        TimeMsRole,
        EventIdRole,
        DeviceIdRole,
        MediaRoleRole,
        ReasonRole,
        ReasonTextRole,
        DetailRole,
        ObservedSha256Role,
        AttestedSha256Role,
        ClaimCtiRole,
        AttestedDeviceRole,
    };

    // The newest entries shown; older ones stay in the log for support.
    static constexpr int kLimit = 500;

    explicit RefusalsModel(QObject *parent = nullptr);

    // The store must outlive the model. A null store or an empty account: empty.
    void setSource(vf::store::Store *store, const QString &account);
    QString account() const { return m_account; }

    QHash<int, QByteArray> roleNames() const override;

    // Reads the log again (the sync layer calls it after recording refusals).
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void sourceChanged();

protected:
    int rowsHeld() const override { return int(m_rows.size()); }
    QVariant valueAt(int row, int role) const override { return value(m_rows.at(row), role); }

private:
    QVariant value(const store::AuditEntry &entry, int role) const;

    vf::store::Store *m_store = nullptr;
    QString m_account;
    QList<store::AuditEntry> m_rows;
};

} // namespace vf::model
