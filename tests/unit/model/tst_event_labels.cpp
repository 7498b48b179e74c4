// The one labels table (model::eventLabels): every label once, with a word and colours in
// both themes; its words are translated in one context, and French has each of them.
#include "EventLabels.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace vf::model;

namespace {

// Translates the labels' context only, as a French .qm would.
class FakeFrench : public QTranslator {
public:
    QString translate(const char *context, const char *source, const char *, int) const override {
        if (QByteArray(context) != kEventLabelContext)
            return {};
        if (QByteArray(source) == "Vehicle")
            return QStringLiteral("Véhicule");
        return {};
    }
    bool isEmpty() const override { return false; }
};

// The finished translations of a context in a .ts file, by source text.
QHash<QString, QString> finishedTranslations(const QString &tsPath, const QString &context) {
    QHash<QString, QString> out;
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QString currentContext, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name")
            currentContext = xml.readElementText();
        else if (xml.name() == u"source")
            source = xml.readElementText();
        else if (xml.name() == u"translation" && currentContext == context &&
                 xml.attributes().value(QStringLiteral("type")).isEmpty())
            out.insert(source, xml.readElementText());
    }
    return out;
}

} // namespace

class TestEventLabels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyLabelOnceWithAWordAndColours() {
        const QStringList expected{"person", "vehicle", "animal", "motion", "sound"};
        QStringList keys;
        const QRegularExpression colour(QStringLiteral("^#[0-9a-f]{6}$"));
        for (const EventLabel &label : eventLabels()) {
            keys.append(QString::fromLatin1(label.key));
            QVERIFY(qstrlen(label.name) > 0);
            QVERIFY2(colour.match(QString::fromLatin1(label.color)).hasMatch(), label.key);
            QVERIFY2(colour.match(QString::fromLatin1(label.darkColor)).hasMatch(), label.key);
            QCOMPARE(findEventLabel(QString::fromLatin1(label.key)), &label);
        }
        QCOMPARE(keys, expected); // the label filter's order
    }

    void wordsAreTranslatedInOneContext() {
        QCOMPARE(eventLabelName(QStringLiteral("vehicle")), QStringLiteral("Vehicle"));
        FakeFrench french;
        QVERIFY(QCoreApplication::installTranslator(&french));
        QCOMPARE(eventLabelName(QStringLiteral("vehicle")), QStringLiteral("Véhicule"));
        QCOMPARE(eventLabelName(QStringLiteral("person")), QStringLiteral("Person"));
        QCoreApplication::removeTranslator(&french);
        QCOMPARE(eventLabelName(QStringLiteral("vehicle")), QStringLiteral("Vehicle"));
    }

    void unknownLabelsAreShownAsTheyAre() {
        QCOMPARE(findEventLabel(QStringLiteral("package")), nullptr);
        QCOMPARE(findEventLabel(QStringLiteral("Vehicle")), nullptr); // keys are exact
        QCOMPARE(eventLabelName(QStringLiteral("package")), QStringLiteral("package"));
        QCOMPARE(eventLabelName(QString()), QString());
        // A label comes from the cloud: shown, but never with a direction override.
        QCOMPARE(eventLabelName(QStringLiteral("gro\u202Eevil")), QStringLiteral("groevil"));
    }

    void frenchHasEveryWord() {
        const QHash<QString, QString> fr = finishedTranslations(
            QStringLiteral(VF_SOURCE_DIR "/resources/translations/veriframe_fr.ts"),
            QString::fromLatin1(kEventLabelContext));
        const QHash<QString, QString> expected{{"Person", "Personne"},
                                               {"Vehicle", "Véhicule"},
                                               {"Animal", "Animal"},
                                               {"Motion", "Mouvement"},
                                               {"Sound", "Son"}};
        for (const EventLabel &label : eventLabels()) {
            const QString name = QString::fromLatin1(label.name);
            QCOMPARE(fr.value(name), expected.value(name));
        }
    }
};

QTEST_GUILESS_MAIN(TestEventLabels)
#include "tst_event_labels.moc"
