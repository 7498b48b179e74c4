#pragma once
// The refusal log of one account, newest first, from the store's audit log: what was
// refused, why, and the hashes that were compared. It shows evidence, never media.
#include "AuditLog.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QVariantMap>

namespace vf::store {
class Store;
}

namespace vf::model {

class RefusalsModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString account READ account NOTIFY sourceChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

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

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_rows.size()); }
    // Reads the log again (the sync layer calls it after recording refusals).
    Q_INVOKABLE void reload();
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void sourceChanged();
    void countChanged();

private:
    QVariant value(const store::AuditEntry &entry, int role) const;

    vf::store::Store *m_store = nullptr;
    QString m_account;
    QList<store::AuditEntry> m_rows;
};

} // namespace vf::model
