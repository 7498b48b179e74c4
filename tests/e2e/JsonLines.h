#pragma once
// An automation log (automation.md: one JSON object per line) read back whole.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace vf::e2e {

inline QList<QJsonObject> readJsonLines(const QString &path) {
    QList<QJsonObject> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.trimmed().isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

} // namespace vf::e2e
