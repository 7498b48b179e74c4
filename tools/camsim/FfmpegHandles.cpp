#include "FfmpegHandles.h"

#include <QStringList>

namespace vf::camsim {

void AvDictionary::set(const char *key, const QString &value) {
    av_dict_set(&m_dict, key, value.toUtf8().constData(), 0);
}

QString AvDictionary::leftoverKeys() const {
    QStringList keys;
    const AVDictionaryEntry *entry = nullptr;
    while ((entry = av_dict_get(m_dict, "", entry, AV_DICT_IGNORE_SUFFIX)))
        keys.append(QString::fromUtf8(entry->key));
    return keys.join(u", ");
}

QString avErrorText(int errnum) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(errnum, buffer, sizeof buffer) < 0)
        return QStringLiteral("FFmpeg error %1").arg(errnum);
    return QStringLiteral("%1 (%2)").arg(QString::fromUtf8(buffer)).arg(errnum);
}

} // namespace vf::camsim
