#include "RefusalsModel.h"

#include "ReasonText.h"
#include "Store.h"

#include <QDateTime>

namespace vf::model {

RefusalsModel::RefusalsModel(QObject *parent)
    : QAbstractListModel(parent) {}

void RefusalsModel::setSource(vf::store::Store *store, const QString &account) {
    if (store == m_store && account == m_account)
        return;
    m_store = store;
    m_account = account;
    reload();
    Q_EMIT sourceChanged();
}

int RefusalsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RefusalsModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return value(m_rows.at(index.row()), role);
}

QHash<int, QByteArray> RefusalsModel::roleNames() const {
    static const QHash<int, QByteArray> names{
        {TimeRole, "time"},
        {TimeMsRole, "timeMs"},
        {EventIdRole, "eventId"},
        {DeviceIdRole, "deviceId"},
        {MediaRoleRole, "mediaRole"},
        {ReasonRole, "reason"},
        {ReasonTextRole, "reasonText"},
        {DetailRole, "detail"},
        {ObservedSha256Role, "observedSha256"},
        {AttestedSha256Role, "attestedSha256"},
        {ClaimCtiRole, "claimCti"},
        {AttestedDeviceRole, "attestedDevice"},
    };
    return names;
}

QVariant RefusalsModel::value(const store::AuditEntry &entry, int role) const {
    switch (role) {
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(entry.timeMs);
    case TimeMsRole:
        return entry.timeMs;
    case EventIdRole:
        return entry.eventId;
    case DeviceIdRole:
        return entry.deviceId;
    case MediaRoleRole:
        return entry.role;
    case ReasonRole:
        return entry.reason;
    case ReasonTextRole:
        return reasonTextForCode(entry.reason);
    case DetailRole:
        return entry.detail;
    case ObservedSha256Role:
        return entry.observedSha256;
    case AttestedSha256Role:
        return entry.attestedSha256;
    case ClaimCtiRole:
        return entry.claimCti;
    case AttestedDeviceRole:
        return entry.attestedDevice;
    default:
        return {};
    }
}

void RefusalsModel::reload() {
    const int before = int(m_rows.size());
    beginResetModel();
    m_rows.clear();
    if (m_store && !m_account.isEmpty()) {
        store::AuditFilter filter;
        filter.limit = kLimit;
        m_rows = m_store->audit().list(m_account, filter);
    }
    endResetModel();
    if (before != m_rows.size())
        Q_EMIT countChanged();
}

QVariantMap RefusalsModel::get(int row) const {
    QVariantMap map;
    if (row < 0 || row >= m_rows.size())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), value(m_rows.at(row), it.key()));
    return map;
}

} // namespace vf::model
