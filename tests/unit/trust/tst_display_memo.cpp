// The held verdict (issue 17, "Speed"): a thumbnail displayed again costs the SHA-256 of its
// bytes, a memo lookup keyed by the full attestation and claim bytes (trust.md §6's caching
// rule) and the checks that depend on the request, the clock, the list in force and the
// account, never a second signature check. Each test compares a display served from the memo
// with a cold verify (a verifier without any memo) of the very same request.
#include "TestWorld.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace vf;
using namespace vf::test;
using trust::Reason;

namespace {
TestWorld &world() {
    return TestWorld::instance();
}

QString carol() {
    return QStringLiteral("user-carol");
}

// The checks a held verdict runs again at every use; every other one is served from it.
const QSet<Reason> &checksRunAgain() {
    static const QSet<Reason> checks{Reason::DeviceRevoked, Reason::EventMismatch,
                                     Reason::TimeInvalid,   Reason::ClaimUntrusted,
                                     Reason::ClaimRevoked,  Reason::ForeignOwner};
    return checks;
}

trust::Verdict coldVerify(const trust::VerificationRequest &request,
                          const trust::RevocationList &revocations = {}) {
    trust::AttestationVerifier verifier(world().anchors);
    verifier.setRevocations(std::make_shared<trust::RevocationList>(revocations), 1);
    return verifier.verify(request);
}

// The trace and evidence as diagnostics show them, without what a memo hit changes on
// purpose (the timings, and the flag saying a check was served from the memo).
QJsonObject withoutTimings(QJsonObject trace) {
    QJsonArray checks;
    for (const QJsonValue &check : trace.value(QStringLiteral("checks")).toArray()) {
        QJsonObject entry = check.toObject();
        entry.remove(QStringLiteral("micros"));
        entry.remove(QStringLiteral("memoised"));
        checks.append(entry);
    }
    trace.insert(QStringLiteral("checks"), checks);
    return trace;
}

// Empty when both verdicts say exactly the same thing, else what differs.
QString difference(const trust::Verdict &a, const trust::Verdict &b) {
    if (a.reason != b.reason || a.detail != b.detail)
        return QStringLiteral("%1 \"%2\" vs %3 \"%4\"")
            .arg(trust::reasonCode(a.reason), a.detail, trust::reasonCode(b.reason), b.detail);
    if (a.role != b.role || a.mediaPending != b.mediaPending)
        return QStringLiteral("role or pending media differ");
    if (withoutTimings(a.traceJson()) != withoutTimings(b.traceJson()))
        return QStringLiteral("trace or evidence differ");
    if (a.evidence.claimSubject != b.evidence.claimSubject ||
        a.evidence.observedSha256 != b.evidence.observedSha256 ||
        a.evidence.claimExpires != b.evidence.claimExpires)
        return QStringLiteral("evidence differs");
    return {};
}

// An event that verifies for its user: alice's own, or bob's share of it.
EventFixture displayedEvent(bool viewer, bool ed25519) {
    EventFixture e = world().ownerEvent(ed25519 ? world().cameraEd25519 : world().cameraP256);
    if (viewer) {
        e.claim = world().viewerClaim(e, TestWorld::bob());
        e.userId = TestWorld::bob();
    }
    e.freeze();
    return e;
}

void addDisplayRows() {
    QTest::addColumn<bool>("viewer");
    QTest::addColumn<bool>("ed25519");
    QTest::newRow("owner, ES256") << false << false;
    QTest::newRow("owner, EdDSA") << false << true;
    QTest::newRow("viewer, ES256") << true << false;
    QTest::newRow("viewer, EdDSA") << true << true;
}

struct Flip {
    enum Part { Media, Attestation, Claim } part;
    qsizetype position; // from the start, or from the end when negative
};

QByteArray flipped(QByteArray bytes, qsizetype position) {
    const qsizetype at = position < 0 ? bytes.size() + position : position;
    bytes[at] = static_cast<char>(bytes.at(at) ^ 0x01);
    return bytes;
}
} // namespace

class TestDisplayMemo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aHitGivesTheColdVerdictWithoutASignatureCheck_data() { addDisplayRows(); }
    void aHitGivesTheColdVerdictWithoutASignatureCheck() {
        QFETCH(bool, viewer);
        QFETCH(bool, ed25519);
        EventFixture e = displayedEvent(viewer, ed25519);
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        const trust::Verdict first = verifier.verify(e.request());
        QVERIFY2(first.verified(), qPrintable(first.detail));
        QCOMPARE(verifier.attestationSignatureChecks(), 1u);
        QCOMPARE(memo.verdicts.size(), 1);

        const trust::Verdict cold = coldVerify(e.request());
        QVERIFY(cold.verified());
        QCOMPARE(cold.role, viewer ? trust::GrantRole::Viewer : trust::GrantRole::Owner);
        for (int display = 1; display <= 3; ++display) {
            const trust::Verdict hit = verifier.verify(e.request());
            QVERIFY2(difference(hit, cold).isEmpty(), qPrintable(difference(hit, cold)));
            QCOMPARE(memo.verdicts.hits(), quint64(display));
            // Served from the memo: exactly the content checks, each flagged for diagnostics.
            for (const trust::CheckTrace &step : hit.trace)
                QCOMPARE(step.memoised, !checksRunAgain().contains(step.check));
        }
        QCOMPARE(verifier.attestationSignatureChecks(), 1u); // never checked again
    }

    void anotherAccountIsRefusedOnAHit_data() {
        QTest::addColumn<bool>("viewer");
        QTest::addColumn<QString>("other");
        QTest::newRow("alice's event shown to bob") << false << TestWorld::bob();
        QTest::newRow("bob's share shown to alice, the owner") << true << TestWorld::alice();
        QTest::newRow("bob's share shown to carol") << true << carol();
        QTest::newRow("alice's event, empty user") << false << QString();
    }
    void anotherAccountIsRefusedOnAHit() {
        // The incident (§6): a result held for one account must never show media to another.
        QFETCH(bool, viewer);
        QFETCH(QString, other);
        EventFixture e = displayedEvent(viewer, false);
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        QVERIFY(verifier.verify(e.request()).verified());
        const QString rightful = e.userId;

        e.userId = other;
        const trust::Verdict hit = verifier.verify(e.request());
        QCOMPARE(trust::reasonCode(hit.reason), QStringLiteral("foreign_owner"));
        QCOMPARE(hit.role, trust::GrantRole::None);
        QCOMPARE(memo.verdicts.hits(), 1u);
        const trust::Verdict cold = coldVerify(e.request());
        QVERIFY2(difference(hit, cold).isEmpty(), qPrintable(difference(hit, cold)));
        QCOMPARE(verifier.attestationSignatureChecks(), 1u);

        e.userId = rightful; // the refusal did not disturb what is held
        QVERIFY(verifier.verify(e.request()).verified());
        QCOMPARE(memo.verdicts.hits(), 2u);
    }

    void anyChangedByteMisses_data() {
        QTest::addColumn<int>("part");
        QTest::addColumn<qsizetype>("position");
        const QList<std::pair<const char *, Flip::Part>> parts{
            {"media", Flip::Media}, {"attestation", Flip::Attestation}, {"claim", Flip::Claim}};
        for (const auto &[name, part] : parts) {
            QTest::addRow("%s, first byte", name) << int(part) << qsizetype(0);
            QTest::addRow("%s, byte 100", name) << int(part) << qsizetype(100);
            QTest::addRow("%s, a middle byte", name) << int(part) << qsizetype(-400);
            QTest::addRow("%s, last byte", name) << int(part) << qsizetype(-1);
        }
    }
    void anyChangedByteMisses() {
        QFETCH(int, part);
        QFETCH(qsizetype, position);
        EventFixture e = displayedEvent(false, false);
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        QVERIFY(verifier.verify(e.request()).verified());

        EventFixture changed = e;
        switch (Flip::Part(part)) {
        case Flip::Media:
            changed.mediaBytes = flipped(e.thumbnail, position);
            break;
        case Flip::Attestation:
            changed.attestationBytes = flipped(*e.attestationBytes, position);
            break;
        case Flip::Claim:
            changed.claimBytes = flipped(*e.claimBytes, position);
            break;
        }
        const trust::Verdict v = verifier.verify(changed.request());
        QVERIFY2(!v.verified(), "a changed byte was shown");
        QCOMPARE(memo.verdicts.hits(), 0u); // a miss: the full path refused it
        const trust::Verdict cold = coldVerify(changed.request());
        QVERIFY2(difference(v, cold).isEmpty(), qPrintable(difference(v, cold)));
        QCOMPARE(memo.verdicts.size(), 1); // refusals are never held

        QVERIFY(verifier.verify(e.request()).verified()); // the original is still held
        QCOMPARE(memo.verdicts.hits(), 1u);
    }

    void everyAttestationAndClaimByteIsInTheKey() {
        // The whole class: every single-bit change of either signed object misses the held
        // verdict and is refused as a cold verify refuses it.
        EventFixture e = displayedEvent(false, true);
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        QVERIFY(verifier.verify(e.request()).verified());
        for (const bool claim : {false, true}) {
            const QByteArray original = claim ? *e.claimBytes : *e.attestationBytes;
            for (qsizetype i = 0; i < original.size(); ++i) {
                EventFixture changed = e;
                (claim ? changed.claimBytes : changed.attestationBytes) = flipped(original, i);
                const trust::Verdict v = verifier.verify(changed.request());
                QVERIFY2(!v.verified(), qPrintable(QStringLiteral("%1 byte %2 changed, verified")
                                                       .arg(claim ? "claim" : "attestation")
                                                       .arg(i)));
                QCOMPARE(trust::reasonCode(v.reason),
                         trust::reasonCode(coldVerify(changed.request()).reason));
            }
        }
        QCOMPARE(memo.verdicts.hits(), 0u);
        QCOMPARE(memo.verdicts.size(), 1);
    }

    void theListedIdsAreCheckedOnAHit_data() {
        QTest::addColumn<bool>("device");
        QTest::newRow("another event ID") << false;
        QTest::newRow("another device ID") << true;
    }
    void theListedIdsAreCheckedOnAHit() {
        // The key holds no ID: the same bytes listed under other IDs are a hit, and check 6
        // refuses them as a cold verify does.
        QFETCH(bool, device);
        EventFixture e = displayedEvent(false, false);
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        QVERIFY(verifier.verify(e.request()).verified());
        (device ? e.listedDeviceId : e.listedEventId) = QStringLiteral("swapped-1");
        const trust::Verdict v = verifier.verify(e.request());
        QCOMPARE(trust::reasonCode(v.reason), QStringLiteral("event_mismatch"));
        QCOMPARE(memo.verdicts.hits(), 1u);
        const trust::Verdict cold = coldVerify(e.request());
        QVERIFY2(difference(v, cold).isEmpty(), qPrintable(difference(v, cold)));
    }

    void aNewRevocationListIsApplied_data() {
        QTest::addColumn<bool>("viewer");
        QTest::addColumn<QString>("revoked");
        QTest::addColumn<QString>("reason");
        QTest::newRow("the camera") << false << "leaf"
                                    << "device_revoked";
        QTest::newRow("its camera line") << false << "intermediate"
                                         << "device_revoked";
        QTest::newRow("the owner claim") << false << "claim"
                                         << "claim_revoked";
        QTest::newRow("the share") << true << "claim"
                                   << "claim_revoked";
        QTest::newRow("the owner claim of a share") << true << "grant"
                                                    << "claim_revoked";
    }
    void aNewRevocationListIsApplied() {
        QFETCH(bool, viewer);
        QFETCH(QString, revoked);
        QFETCH(QString, reason);
        EventFixture e = displayedEvent(viewer, false);
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        verifier.setRevocations(std::make_shared<trust::RevocationList>(), 1);
        QVERIFY(verifier.verify(e.request()).verified());

        trust::RevocationList list;
        list.seq = 2;
        if (revoked == QLatin1String("leaf"))
            list.devices.insert(e.device.leaf.sha256());
        else if (revoked == QLatin1String("intermediate"))
            list.devices.insert(world().pki.deviceIntermediate.cert.sha256());
        else
            list.claims.insert(revoked == QLatin1String("grant") ? e.claim.grant : e.claim.cti);
        const auto held = std::make_shared<trust::RevocationList>(list);

        // A new epoch: every held verdict misses, the full path refuses.
        verifier.setRevocations(held, 2);
        trust::Verdict v = verifier.verify(e.request());
        QCOMPARE(trust::reasonCode(v.reason), reason);
        QCOMPARE(memo.verdicts.hits(), 0u);
        QVERIFY2(difference(v, coldVerify(e.request(), list)).isEmpty(), "differs from cold");

        // Even a list swapped in under the old epoch is applied: the lookups run on a hit.
        verifier.setRevocations(std::make_shared<trust::RevocationList>(), 1);
        QVERIFY(verifier.verify(e.request()).verified());
        QCOMPARE(memo.verdicts.hits(), 1u);
        verifier.setRevocations(held, 1);
        v = verifier.verify(e.request());
        QCOMPARE(trust::reasonCode(v.reason), reason);
        QCOMPARE(memo.verdicts.hits(), 2u);
        QVERIFY2(difference(v, coldVerify(e.request(), list)).isEmpty(), "differs from cold");
    }

    void theClockChecksRunOnAHit_data() {
        QTest::addColumn<QString>("clock");
        QTest::addColumn<QString>("reason");
        QTest::newRow("past the authority certificate") << "authority expired"
                                                        << "claim_untrusted";
        QTest::newRow("back before the capture") << "before capture"
                                                 << "time_invalid";
        QTest::newRow("past the claim's exp") << "past exp"
                                              << "verified";
    }
    void theClockChecksRunOnAHit() {
        // The clock is an input of checks 7 and 10 (the authority chain now), never of the
        // key: they run at every display. Check 14 compares the capture time (content) with
        // the claim's window, so a clock past exp changes nothing, on a hit as cold.
        QFETCH(QString, clock);
        QFETCH(QString, reason);
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.claim.exp = e.nowMs / 1000 + 60; // the capture, an hour ago, is inside the window
        e.freeze();
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        const trust::Verdict first = verifier.verify(e.request());
        QVERIFY2(first.verified(), qPrintable(first.detail));

        if (clock == QLatin1String("authority expired")) {
            qint64 notAfterMs = std::numeric_limits<qint64>::max();
            for (const trust::CertificateInfo &cert : first.evidence.claimPath)
                notAfterMs = std::min(notAfterMs, cert.notAfter.toMSecsSinceEpoch());
            e.nowMs = notAfterMs;
        } else if (clock == QLatin1String("before capture")) {
            e.nowMs = e.attestation.tsMs - trust::AttestationVerifier::kMaxClockSkewMs - 1;
        } else {
            e.nowMs = (*e.claim.exp + 24 * 3600) * 1000;
        }
        const trust::Verdict v = verifier.verify(e.request());
        QCOMPARE(trust::reasonCode(v.reason), reason);
        QCOMPARE(memo.verdicts.hits(), 1u);
        const trust::Verdict cold = coldVerify(e.request());
        QVERIFY2(difference(v, cold).isEmpty(), qPrintable(difference(v, cold)));
        QCOMPARE(verifier.attestationSignatureChecks(), v.verified() ? 1u : 2u);
    }

    void aCaptureOutsideTheWindowIsNeverHeld() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.claim.exp = e.attestation.tsMs / 1000; // exclusive: the capture is just outside
        e.freeze();
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        for (int display = 0; display < 2; ++display)
            QCOMPARE(trust::reasonCode(verifier.verify(e.request()).reason),
                     QStringLiteral("outside_ownership_window"));
        QCOMPARE(memo.verdicts.size(), 0);
        QCOMPARE(verifier.attestationSignatureChecks(), 2u);
    }

    void theRoleIsInTheKey() {
        // The clip's bytes under the same attestation and claim are another key, and a
        // streamed clip (no bytes yet) is never held.
        EventFixture e = displayedEvent(false, false);
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        QVERIFY(verifier.verify(e.request()).verified());
        e.role = trust::MediaRole::Clip;
        QVERIFY(verifier.verify(e.request()).verified());
        QCOMPARE(memo.verdicts.hits(), 0u);
        QCOMPARE(memo.verdicts.size(), 2);
        e.streamed = true;
        QVERIFY(verifier.verify(e.request()).authorisedForStream());
        QCOMPARE(memo.verdicts.size(), 2);
        QCOMPARE(memo.verdicts.hits(), 0u);
    }

    void heldVerdictsAreBounded() {
        trust::VerificationMemo memo(64, 64, 2);
        trust::AttestationVerifier verifier(world().anchors, &memo);
        QList<EventFixture> events;
        for (int i = 0; i < 3; ++i) {
            events.append(displayedEvent(false, i % 2));
            QVERIFY(verifier.verify(events.last().request()).verified());
        }
        QCOMPARE(memo.verdicts.size(), 2);
        QCOMPARE(verifier.attestationSignatureChecks(), 3u);
        // The least recently used one was dropped: verified again, in full.
        QVERIFY(verifier.verify(events.first().request()).verified());
        QCOMPARE(verifier.attestationSignatureChecks(), 4u);
        QCOMPARE(memo.verdicts.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDisplayMemo)
#include "tst_display_memo.moc"
