#include "DevicesModel.h"

#include "DisplayText.h"

#include <QCollator>
#include <QLocale>
#include <QSet>
#include <algorithm>

namespace vf::model {

DevicesModel::DevicesModel(QObject *parent)
    : RowListModel(parent) {}

QHash<int, QByteArray> DevicesModel::roleNames() const {
    static const QHash<int, QByteArray> names{
        {DeviceIdRole, "deviceId"}, {NameRole, "name"},     {ModelRole, "model"},
        {OnlineRole, "online"},     {AccessRole, "access"}, {VerifiedCountRole, "verifiedCount"},
    };
    return names;
}

QVariant DevicesModel::value(const Row &row, int role) const {
    switch (role) {
    case DeviceIdRole:
        return row.id;
    case NameRole:
        return row.name;
    case ModelRole:
        return row.model;
    case OnlineRole:
        return row.online;
    case AccessRole: {
        // The UI's words: a camera someone shared with this account is "shared".
        const QString access = m_access.value(row.id);
        if (access == QLatin1String("viewer"))
            return QStringLiteral("shared");
        return access;
    }
    case VerifiedCountRole:
        return m_verifiedCount.value(row.id, 0);
    default:
        return {};
    }
}

void DevicesModel::setDevices(const QList<vf::store::DeviceDescription> &devices) {
    QList<Row> rows;
    QSet<QString> seen;
    for (const store::DeviceDescription &device : devices) {
        if (device.id.isEmpty() || seen.contains(device.id))
            continue;
        seen.insert(device.id);
        rows.append(
            {device.id, displayText(device.name), displayText(device.model), device.online});
    }
    // People sort names: in their language, case-insensitive, "Camera 2" before
    // "Camera 10". The C locale's collation compares code points and ignores numeric
    // mode, so it falls back to English rules.
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    QCollator collator(locale);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true);
    std::stable_sort(rows.begin(), rows.end(), [&collator](const Row &a, const Row &b) {
        const int byName = collator.compare(a.name, b.name);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });

    beginResetModel();
    m_rows = std::move(rows);
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).id, i);
    endResetModel();
    notifyCountChanged();
}

void DevicesModel::setAccess(const QString &deviceId, const QString &access) {
    const bool known = access == QLatin1String("owner") || access == QLatin1String("viewer");
    const QString now = known ? access : QString();
    if (m_access.value(deviceId) == now)
        return;
    if (known)
        m_access.insert(deviceId, now);
    else
        m_access.remove(deviceId);
    emitRowChanged(deviceId, AccessRole);
}

void DevicesModel::setVerifiedCount(const QString &deviceId, int count) {
    if (m_verifiedCount.value(deviceId, 0) == count)
        return;
    m_verifiedCount.insert(deviceId, count);
    emitRowChanged(deviceId, VerifiedCountRole);
}

void DevicesModel::loadVerified(const QList<vf::store::VerifiedDevice> &devices) {
    QHash<QString, QString> access;
    QHash<QString, int> counts;
    for (const store::VerifiedDevice &device : devices) {
        if (device.role == QLatin1String("owner") || device.role == QLatin1String("viewer"))
            access.insert(device.deviceId, device.role);
        counts.insert(device.deviceId, device.count);
    }
    QList<int> changedRows;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString &id = m_rows.at(row).id;
        if (access.value(id) != m_access.value(id) ||
            counts.value(id, 0) != m_verifiedCount.value(id, 0))
            changedRows.append(row);
    }
    m_access = std::move(access);
    m_verifiedCount = std::move(counts);
    for (const int row : std::as_const(changedRows)) {
        const QModelIndex i = index(row);
        Q_EMIT dataChanged(i, i, {AccessRole, VerifiedCountRole});
    }
}

void DevicesModel::emitRowChanged(const QString &deviceId, int role) {
    const int row = indexOfDevice(deviceId);
    if (row < 0)
        return;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, {role});
}

QString DevicesModel::nameOf(const QString &deviceId) const {
    const int row = indexOfDevice(deviceId);
    return row < 0 ? QString() : m_rows.at(row).name;
}

int DevicesModel::indexOfDevice(const QString &deviceId) const {
    return m_index.value(deviceId, -1);
}

} // namespace vf::model
