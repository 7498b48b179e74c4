#include "RefusalsModel.h"

#include "ReasonText.h"
#include "Store.h"

#include <QDateTime>

namespace vf::model {

RefusalsModel::RefusalsModel(QObject *parent)
    : RowListModel(parent) {}

void RefusalsModel::setSource(vf::store::Store *store, const QString &account) {
    if (store == m_store && account == m_account)
        return;
    m_store = store;
    m_account = account;
    reload();
    Q_EMIT sourceChanged();
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
    beginResetModel();
    m_rows.clear();
    if (m_store && !m_account.isEmpty()) {
        store::AuditFilter filter;
        filter.limit = kLimit;
        m_rows = m_store->audit().list(m_account, filter);
    }
    endResetModel();
    notifyCountChanged();
}

} // namespace vf::model
