#include "FaultPlan.h"

#include <QCryptographicHash>
#include <QStringList>
#include <QtEndian>

namespace vf::cloud {

namespace {

struct FaultName {
    Fault fault;
    const char *name;
};

constexpr FaultName kNames[] = {
    {Fault::Mixup, "mixup"},
    {Fault::ClaimSwap, "claim-swap"},
    {Fault::ThumbSwap, "thumb-swap"},
    {Fault::Tamper, "tamper"},
    {Fault::Forge, "forge"},
    {Fault::StaleClaim, "stale-claim"},
    {Fault::Slow, "slow"},
    {Fault::Error, "error"},
    {Fault::Redirect, "redirect"},
    {Fault::Drip, "drip"},
    {Fault::BigListing, "big-listing"},
    {Fault::DupId, "dup-id"},
};

// SHA-256 rather than qHash: qHash is seeded per process, and decisions must repeat across
// runs and machines.
quint64 digest(quint64 seed, Fault fault, QStringView subject, QStringView userId) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray::number(seed));
    h.addData(QByteArrayView("|"));
    h.addData(FaultPlan::name(fault).toUtf8());
    h.addData(QByteArrayView("|"));
    h.addData(subject.toUtf8());
    h.addData(QByteArrayView("|"));
    h.addData(userId.toUtf8());
    const QByteArray d = h.result();
    return qFromBigEndian<quint64>(d.constData());
}

} // namespace

QString FaultPlan::name(Fault fault) {
    for (const auto &n : kNames)
        if (n.fault == fault)
            return QString::fromLatin1(n.name);
    return {};
}

std::optional<Fault> FaultPlan::fromName(QStringView name) {
    for (const auto &n : kNames)
        if (name == QLatin1String(n.name))
            return n.fault;
    return std::nullopt;
}

QStringList FaultPlan::names() {
    QStringList out;
    for (const auto &n : kNames)
        out << QString::fromLatin1(n.name);
    return out;
}

std::optional<FaultPlan> FaultPlan::parse(const QString &spec, quint64 seed, QString *error) {
    FaultPlan plan;
    plan.m_seed = seed;
    if (spec.trimmed().isEmpty())
        return plan;
    const QStringList items = spec.split(QLatin1Char(','));
    for (const QString &raw : items) {
        const QString item = raw.trimmed();
        const qsizetype colon = item.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            *error = QStringLiteral("fault '%1': expected NAME:PROBABILITY").arg(item);
            return std::nullopt;
        }
        const auto fault = fromName(QStringView(item).left(colon));
        if (!fault) {
            *error = QStringLiteral("unknown fault '%1' (known: %2)")
                         .arg(item.left(colon), names().join(QStringLiteral(", ")));
            return std::nullopt;
        }
        bool ok = false;
        const double p = item.mid(colon + 1).toDouble(&ok);
        if (!ok || !(p >= 0.0 && p <= 1.0)) {
            *error = QStringLiteral("fault '%1': probability must be a number in [0, 1]")
                         .arg(item.left(colon));
            return std::nullopt;
        }
        if (p > 0.0)
            plan.m_probability.insert(*fault, p);
    }
    return plan;
}

bool FaultPlan::applies(Fault fault, QStringView subject, QStringView userId) const {
    const double p = probability(fault);
    if (p <= 0.0)
        return false;
    if (p >= 1.0)
        return true;
    // Top 53 bits as a uniform double in [0, 1).
    const double u = double(digest(m_seed, fault, subject, userId) >> 11) * 0x1.0p-53;
    return u < p;
}

quint64 FaultPlan::pick(Fault fault, QStringView subject, QStringView userId) const {
    // A different stream from applies(): salted so the pick is independent of the decision.
    return digest(m_seed ^ 0x5bd1e995ull, fault, subject, userId);
}

QString FaultPlan::toString() const {
    QStringList parts;
    for (const auto &n : kNames)
        if (isActive(n.fault))
            parts << QStringLiteral("%1:%2")
                         .arg(QString::fromLatin1(n.name))
                         .arg(probability(n.fault));
    return parts.join(QLatin1Char(','));
}

} // namespace vf::cloud
