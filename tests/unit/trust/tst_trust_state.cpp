// The stateful parts of the trust core: the content-keyed memo (and that the owner check
// is never memoised), the revocation list with its rollback rule, the identity token, and
// the streaming clip verifier.
#include "TestWorld.h"

#include "ClipStreamVerifier.h"
#include "IdentityToken.h"

#include <QCborMap>
#include <QTest>
#include <limits>
#include <thread>

using namespace vf;
using namespace vf::test;
using trust::Reason;

namespace {
TestWorld &world() {
    return TestWorld::instance();
}

pki::RevocationPayload revocationPayload(quint64 seq) {
    pki::RevocationPayload p;
    p.seq = seq;
    p.issued = world().nowMs / 1000;
    return p;
}
} // namespace

class TestTrustState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // --- memoisation (trust.md §6) ---
    void memoHitGivesTheSameVerdict() {
        trust::VerificationMemo memo;
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.freeze();
        const trust::Verdict cold = world().verify(e, &memo);
        QVERIFY(cold.verified());
        QCOMPARE(memo.chains.misses(), 2u); // the device chain and the authority chain
        QCOMPARE(memo.chains.size(), 2);
        QCOMPARE(memo.claims.misses(), 1u);
        // Another event of the same camera under the same claim: the chain and the claim
        // are hits, the attestation (other bytes) is not.
        EventFixture next = e;
        next.attestationBytes.reset();
        next.listedEventId = next.attestation.eventId = QStringLiteral("evt-next");
        const trust::Verdict warm = world().verify(next, &memo);
        QVERIFY(warm.verified());
        QCOMPARE(memo.chains.hits(), 1u);
        QCOMPARE(memo.claims.hits(), 1u);
        QCOMPARE(memo.verdicts.hits(), 0u);
        QCOMPARE(warm.evidence.devicePath.size(), cold.evidence.devicePath.size());
        // The same bytes again: the held verdict (tst_display_memo has the details).
        QVERIFY(world().verify(e, &memo).verified());
        QCOMPARE(memo.verdicts.hits(), 1u);
    }

    void ownerCheckIsNeverMemoised() {
        // The incident: a cached result reused for another account. Same bytes, same memo,
        // another signed-in user: the last check runs again and refuses.
        trust::VerificationMemo memo;
        EventFixture e = world().ownerEvent(world().cameraP256, TestWorld::alice());
        e.freeze();
        QVERIFY(world().verify(e, &memo).verified());
        e.userId = TestWorld::bob();
        const trust::Verdict v = world().verify(e, &memo);
        QCOMPARE(v.reason, Reason::ForeignOwner);
        // The held verdict was a hit, the owner check was not.
        QCOMPARE(memo.verdicts.hits(), 1u);
    }

    void memoIsKeyedByContentNotIds() {
        // Two events with the same IDs but different claims (Alice's and Bob's) never share
        // a memo entry: the key is the claim's SHA-256, not its event or device.
        trust::VerificationMemo memo;
        EventFixture alices = world().ownerEvent(world().cameraP256, TestWorld::alice());
        EventFixture bobs = world().ownerEvent(world().cameraP256, TestWorld::bob());
        bobs.listedEventId = alices.listedEventId;
        bobs.attestation.eventId = alices.attestation.eventId;
        QVERIFY(world().verify(alices, &memo).verified());
        QVERIFY(world().verify(bobs, &memo).verified());
        QCOMPARE(memo.claims.size(), 2);
        bobs.userId = TestWorld::alice();
        QCOMPARE(world().verify(bobs, &memo).reason, Reason::ForeignOwner);
    }

    void memoFollowsTheAnchors() {
        trust::VerificationMemo memo;
        EventFixture e = world().ownerEvent(world().cameraP256);
        QVERIFY(world().verify(e, &memo).verified());
        const pki::TestPki other = pki::TestPki::create();
        const auto otherAnchors =
            trust::TrustAnchors::fromPem(other.deviceRootsPem(), other.ownerAuthoritiesPem())
                .anchors;
        trust::AttestationVerifier verifier(otherAnchors, &memo);
        QCOMPARE(verifier.verify(e.request()).reason, Reason::DeviceUntrusted);
    }

    void memoFollowsTheRevocationEpoch() {
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        EventFixture e = world().ownerEvent(world().cameraP256);
        QVERIFY(verifier.verify(e.request()).verified());
        auto list = std::make_shared<trust::RevocationList>();
        list->claims.insert(e.claim.cti);
        verifier.setRevocations(list, 2);
        QCOMPARE(verifier.verify(e.request()).reason, Reason::ClaimRevoked);
        QCOMPARE(memo.claims.hits(), 0u); // new epoch: recomputed, not reused
    }

    void memoIsBounded() {
        trust::BoundedMemo<int> memo(4);
        for (int i = 0; i < 10; ++i)
            memo.insert(QByteArray::number(i), std::make_shared<int>(i));
        QCOMPARE(memo.size(), 4);
        QVERIFY(!memo.find("0"));
        QCOMPARE(*memo.find("9"), 9);
        memo.find("6"); // most recently used survives the next insert
        memo.insert("10", std::make_shared<int>(10));
        QVERIFY(memo.find("6"));
        QVERIFY(!memo.find("7"));
    }

    void verifierIsThreadSafe() {
        trust::VerificationMemo memo(64, 64);
        trust::AttestationVerifier verifier(world().anchors, &memo);
        QList<EventFixture> events;
        QList<trust::VerificationRequest> requests;
        for (int i = 0; i < 8; ++i) {
            events.append(world().ownerEvent(i % 2 ? world().cameraEd25519 : world().cameraP256,
                                             i % 3 ? TestWorld::alice() : TestWorld::bob()));
        }
        for (EventFixture &e : events)
            requests.append(e.request());
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 25; ++round) {
                    for (int i = 0; i < requests.size(); ++i) {
                        trust::VerificationRequest r = requests.at(i);
                        r.userId = (round + t) % 2 ? TestWorld::alice() : TestWorld::bob();
                        const bool mine = events.at(i).claim.subject == r.userId;
                        const trust::Verdict v = verifier.verify(r);
                        if (v.verified() != mine || (!mine && v.reason != Reason::ForeignOwner))
                            ++wrong;
                    }
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
        QCOMPARE(wrong.load(), 0);
        QVERIFY(memo.claims.hits() > 0);
    }

    // --- revocation list (§7) ---
    void revocationListRevokes() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        pki::RevocationPayload payload = revocationPayload(3);
        payload.devices << trust::sha256(e.device.x5chain.first());
        const QByteArray bytes = world().pki.signRevocations(payload);
        const trust::RevocationParseResult parsed =
            trust::verifyRevocationList(bytes, *world().anchors, world().nowMs / 1000);
        QVERIFY2(parsed.list, qPrintable(parsed.error));
        QCOMPARE(parsed.list->seq, 3u);
        QCOMPARE(world().verify(e, nullptr, &*parsed.list).reason, Reason::DeviceRevoked);
    }

    void revocationBookRollbackRule() {
        trust::InMemoryRevocationState state;
        trust::RevocationBook book(&state);
        const qint64 now = world().nowMs / 1000;
        using Outcome = trust::RevocationBook::Outcome;
        pki::RevocationPayload fivePayload = revocationPayload(5);
        fivePayload.claims << QByteArray(16, 'a');
        const QByteArray five = world().pki.signRevocations(fivePayload);
        QCOMPARE(book.offer(five, *world().anchors, now).outcome, Outcome::Accepted);
        const quint64 epoch = book.epoch();
        QVERIFY(book.current()->revokesClaim(QByteArray(16, 'a')));

        // Rollback: a lower seq is refused and the list in force stays.
        const auto rollback =
            book.offer(world().pki.signRevocations(revocationPayload(4)), *world().anchors, now);
        QCOMPARE(rollback.outcome, Outcome::RejectedRollback);
        QVERIFY(book.current()->revokesClaim(QByteArray(16, 'a')));
        QCOMPARE(book.epoch(), epoch);

        // The same list again changes nothing.
        QCOMPARE(book.offer(five, *world().anchors, now).outcome, Outcome::Unchanged);

        // An invalid list (signed by a camera, or garbage) is refused, the previous one kept.
        const EventFixture e = world().ownerEvent(world().cameraP256);
        const QByteArray forged =
            pki::signCoseSign1(revocationPayload(9).toCbor(), e.device.key, e.device.x5chain);
        QCOMPARE(book.offer(forged, *world().anchors, now).outcome, Outcome::RejectedInvalid);
        QCOMPARE(book.offer("garbage", *world().anchors, now).outcome, Outcome::RejectedInvalid);
        pki::RevocationPayload badFingerprint = revocationPayload(10);
        badFingerprint.devices << QByteArray(31, 'x');
        QCOMPARE(
            book.offer(world().pki.signRevocations(badFingerprint), *world().anchors, now).outcome,
            Outcome::RejectedInvalid);
        QCOMPARE(book.current()->seq, 5u);
        QCOMPARE(state.highestAcceptedSeq(), std::optional<quint64>(5));

        // A higher seq replaces it (and may un-revoke).
        QCOMPARE(
            book.offer(world().pki.signRevocations(revocationPayload(6)), *world().anchors, now)
                .outcome,
            Outcome::Accepted);
        QVERIFY(!book.current()->revokesClaim(QByteArray(16, 'a')));
        QVERIFY(book.epoch() > epoch);

        // A new book on the same state restores seq 6 and keeps refusing 5.
        trust::RevocationBook restored(&state);
        restored.restore(*world().anchors, now);
        QCOMPARE(restored.current()->seq, 6u);
        QCOMPARE(restored.offer(five, *world().anchors, now).outcome, Outcome::RejectedRollback);
    }

    // --- revocation list v2 (§7) ---
    void revocationListSizes() {
        // v1 refused anything over 16 KiB, which silently turned revocation off. 20 KiB and
        // 1 MiB lists are accepted; a 5 MiB list is refused while the held list stays.
        trust::InMemoryRevocationState state;
        trust::RevocationBook book(&state);
        const qint64 now = world().nowMs / 1000;
        using Outcome = trust::RevocationBook::Outcome;
        EventFixture e = world().ownerEvent(world().cameraP256);
        const QByteArray camera = trust::sha256(e.device.x5chain.first());
        const auto listOf = [&](quint64 seq, qsizetype bytes) {
            pki::RevocationPayload payload = revocationPayload(seq);
            payload.devices << camera;
            for (qsizetype i = 0; i * 34 < bytes; ++i)
                payload.devices << trust::sha256(QByteArray::number(seq) + QByteArray::number(i));
            return world().pki.signRevocations(payload);
        };
        const QByteArray small = listOf(1, 20 * 1024);
        QVERIFY(small.size() > 20 * 1024);
        QCOMPARE(book.offer(small, *world().anchors, now).outcome, Outcome::Accepted);
        const QByteArray large = listOf(2, 1024 * 1024);
        QVERIFY(large.size() > 1024 * 1024);
        const auto update = book.offer(large, *world().anchors, now);
        QVERIFY2(update.outcome == Outcome::Accepted, qPrintable(update.detail));
        QVERIFY(book.current()->revokesDevice(camera));
        const quint64 epoch = book.epoch();
        const QByteArray huge = listOf(3, 5 * 1024 * 1024);
        QVERIFY(huge.size() > trust::kMaxRevocationListSize);
        QCOMPARE(book.offer(huge, *world().anchors, now).outcome, Outcome::RejectedInvalid);
        QCOMPARE(book.current()->seq, 2u);
        QVERIFY(book.current()->revokesDevice(camera));
        QCOMPARE(book.epoch(), epoch);
        QCOMPARE(world().verify(e, nullptr, book.current().get()).reason, Reason::DeviceRevoked);
    }

    void sameSeqNeedsTheSamePayload() {
        trust::InMemoryRevocationState state;
        trust::RevocationBook book(&state);
        const qint64 now = world().nowMs / 1000;
        using Outcome = trust::RevocationBook::Outcome;
        pki::RevocationPayload payload = revocationPayload(7);
        payload.claims << QByteArray(16, 'r');
        QCOMPARE(book.offer(world().pki.signRevocations(payload), *world().anchors, now).outcome,
                 Outcome::Accepted);
        // The same payload signed again (ECDSA signatures differ each time): unchanged.
        const QByteArray resigned = world().pki.signRevocations(payload);
        QVERIFY(resigned != state.acceptedList());
        QCOMPARE(book.offer(resigned, *world().anchors, now).outcome, Outcome::Unchanged);
        // Another payload under seq 7, un-revoking the claim: a conflict, refused.
        pki::RevocationPayload other = revocationPayload(7);
        const auto conflict = book.offer(world().pki.signRevocations(other), *world().anchors, now);
        QCOMPARE(conflict.outcome, Outcome::RejectedConflict);
        QCOMPARE(conflict.seq, 7u);
        QCOMPARE(conflict.payloadSha256, trust::sha256(other.toCbor()));
        QVERIFY(book.current()->revokesClaim(QByteArray(16, 'r')));
        // A different encoding of the same content is another payload too.
        pki::RevocationPayload padded = payload;
        padded.extra.insert(QStringLiteral("note"), QStringLiteral("x"));
        QCOMPARE(book.offer(world().pki.signRevocations(padded), *world().anchors, now).outcome,
                 Outcome::RejectedConflict);
        // A book restored from the state (another run) judges the same way.
        trust::RevocationBook restored(&state);
        restored.restore(*world().anchors, now);
        QCOMPARE(restored.offer(world().pki.signRevocations(other), *world().anchors, now).outcome,
                 Outcome::RejectedConflict);
        QCOMPARE(restored.offer(resigned, *world().anchors, now).outcome, Outcome::Unchanged);
    }

    void futureIssuedListIsRefused() {
        trust::InMemoryRevocationState state;
        trust::RevocationBook book(&state);
        const qint64 now = world().nowMs / 1000;
        using Outcome = trust::RevocationBook::Outcome;
        pki::RevocationPayload held = revocationPayload(1);
        held.claims << QByteArray(16, 'h');
        QCOMPARE(book.offer(world().pki.signRevocations(held), *world().anchors, now).outcome,
                 Outcome::Accepted);
        pki::RevocationPayload ahead = revocationPayload(2);
        ahead.issued = now + 5 * 60 + 1;
        QCOMPARE(book.offer(world().pki.signRevocations(ahead), *world().anchors, now).outcome,
                 Outcome::RejectedInvalid);
        QVERIFY(book.current()->revokesClaim(QByteArray(16, 'h')));
        ahead.issued = now + 5 * 60;
        QCOMPARE(book.offer(world().pki.signRevocations(ahead), *world().anchors, now).outcome,
                 Outcome::Accepted);
    }

    void nextIsAnOptionalInteger() {
        const qint64 now = world().nowMs / 1000;
        pki::RevocationPayload payload = revocationPayload(1);
        payload.next = now + 86400;
        auto parsed = trust::verifyRevocationList(world().pki.signRevocations(payload),
                                                  *world().anchors, now);
        QVERIFY2(parsed.list, qPrintable(parsed.error));
        QCOMPARE(parsed.list->next, std::optional<qint64>(now + 86400));
        for (const QCborValue &wrong : {QCborValue(QCborSimpleType::Undefined), QCborValue(nullptr),
                                        QCborValue(QStringLiteral("tomorrow")), QCborValue(1.5)}) {
            pki::RevocationPayload bad = revocationPayload(1);
            bad.extra.insert(QStringLiteral("next"), wrong);
            parsed = trust::verifyRevocationList(world().pki.signRevocations(bad), *world().anchors,
                                                 now);
            QVERIFY(!parsed.list);
        }
        // seq and issued beyond 64 bits: -2^64 would read as 0.
        pki::RevocationPayload raw = revocationPayload(1);
        raw.issued = 0x1122334455667788LL;
        QByteArray cbor = raw.toCbor();
        cbor.replace(QCborValue(0x1122334455667788LL).toCbor(),
                     QByteArray::fromHex("3bffffffffffffffff"));
        parsed = trust::verifyRevocationList(
            pki::signCoseSign1(cbor, world().pki.authority.key, world().pki.authority.x5chain),
            *world().anchors, now);
        QVERIFY(!parsed.list);
    }

    void staleness() {
        trust::RevocationList withNext;
        withNext.issued = 1000;
        withNext.next = 1000 + 86400;
        const qint64 nextEdge = 1000 + 86400 + 72 * 3600;
        QVERIFY(!withNext.staleAt(nextEdge));
        QVERIFY(withNext.staleAt(nextEdge + 1));
        trust::RevocationList withoutNext;
        withoutNext.issued = 1000;
        QVERIFY(!withoutNext.staleAt(1000 + 7 * 86400));
        QVERIFY(withoutNext.staleAt(1000 + 7 * 86400 + 1));
        trust::RevocationList farNext;
        farNext.next = std::numeric_limits<qint64>::max();
        QVERIFY(!farNext.staleAt(std::numeric_limits<qint64>::max() - 1)); // no wrap-around
        trust::RevocationList pastNext;
        pastNext.next = std::numeric_limits<qint64>::min();
        QVERIFY(pastNext.staleAt(0));

        // The book: nothing held is stale; a held list reports seq, issued, next.
        trust::InMemoryRevocationState state;
        trust::RevocationBook book(&state);
        const qint64 now = world().nowMs / 1000;
        trust::RevocationStatus status = book.status(now);
        QVERIFY(!status.held);
        QVERIFY(status.stale);
        pki::RevocationPayload payload = revocationPayload(4);
        payload.next = now + 3600;
        QCOMPARE(book.offer(world().pki.signRevocations(payload), *world().anchors, now).outcome,
                 trust::RevocationBook::Outcome::Accepted);
        status = book.status(now);
        QVERIFY(status.held);
        QVERIFY(!status.stale);
        QCOMPARE(status.seq, 4u);
        QCOMPARE(status.issued, payload.issued);
        QCOMPARE(status.next, payload.next);
        QCOMPARE(status.staleAfter, now + 3600 + 72 * 3600);
        QVERIFY(book.status(now + 3600 + 72 * 3600 + 1).stale);
        // Stale still revokes: verification goes on with the held list.
        QCOMPARE(book.current()->seq, 4u);
    }

    // --- identity (§8) ---
    void identityIntegersBeyond64Bits() {
        // §2 v2: nbf = -2^64 read as 0 would make a token valid since 1970.
        const qint64 now = world().nowMs / 1000;
        pki::IdentityPayload id{TestWorld::alice(), QStringLiteral("alice"), 0x1122334455667788LL,
                                now + 3600};
        QByteArray cbor = id.toCbor();
        cbor.replace(QCborValue(0x1122334455667788LL).toCbor(),
                     QByteArray::fromHex("3bffffffffffffffff"));
        const QByteArray token =
            pki::signCoseSign1(cbor, world().pki.authority.key, world().pki.authority.x5chain);
        QVERIFY(!trust::verifyIdentityToken(token, QStringLiteral("alice"), *world().anchors, now)
                     .valid);
    }

    void identityToken() {
        const qint64 now = world().nowMs / 1000;
        pki::IdentityPayload id{TestWorld::alice(), QStringLiteral("alice"), now - 60, now + 3600};
        const QByteArray token = world().pki.signIdentity(id);
        trust::IdentityVerdict v =
            trust::verifyIdentityToken(token, QStringLiteral("alice"), *world().anchors, now);
        QVERIFY2(v.valid, qPrintable(v.detail));
        QCOMPARE(v.userId, TestWorld::alice());

        // Typed another name: the cloud answered for someone else.
        QVERIFY(
            !trust::verifyIdentityToken(token, QStringLiteral("bob"), *world().anchors, now).valid);
        // Expired, not yet valid.
        QVERIFY(!trust::verifyIdentityToken(token, QStringLiteral("alice"), *world().anchors,
                                            now + 7200)
                     .valid);
        QVERIFY(
            !trust::verifyIdentityToken(token, QStringLiteral("alice"), *world().anchors, now - 120)
                 .valid);
        // Signed by a camera, by a foreign authority, or garbage.
        const EventFixture e = world().ownerEvent(world().cameraP256);
        QVERIFY(!trust::verifyIdentityToken(
                     pki::signCoseSign1(id.toCbor(), e.device.key, e.device.x5chain),
                     QStringLiteral("alice"), *world().anchors, now)
                     .valid);
        QVERIFY(!trust::verifyIdentityToken(pki::TestPki::create().signIdentity(id),
                                            QStringLiteral("alice"), *world().anchors, now)
                     .valid);
        QVERIFY(!trust::verifyIdentityToken("junk", QStringLiteral("alice"), *world().anchors, now)
                     .valid);
        // Without exp.
        QCborMap noExp = QCborValue::fromCbor(id.toCbor()).toMap();
        noExp.remove(4);
        const QByteArray noExpToken = pki::signCoseSign1(
            QCborValue(noExp).toCbor(), world().pki.authority.key, world().pki.authority.x5chain);
        QVERIFY(
            !trust::verifyIdentityToken(noExpToken, QStringLiteral("alice"), *world().anchors, now)
                 .valid);
        // As a CWT-tagged object it is accepted.
        pki::Sign1Options cwt;
        cwt.tag = pki::Sign1Options::Tag::Cwt61Cose18;
        QVERIFY(trust::verifyIdentityToken(world().pki.signIdentity(id, cwt),
                                           QStringLiteral("alice"), *world().anchors, now)
                    .valid);
    }

    // --- streaming clips ---
    void clipStreamsSegmentBySegment() {
        const EventFixture e = world().ownerEvent(world().cameraP256);
        const trust::MediaDescriptor media = streamedDescriptor(e);
        trust::ClipStreamVerifier stream(media);
        QByteArray released;
        for (qsizetype at = 0; at < e.clip.size(); at += 1000) {
            const QByteArray out = stream.feed(
                QByteArrayView(e.clip).sliced(at, std::min<qsizetype>(1000, e.clip.size() - at)));
            QVERIFY(out.size() % media.segmentLength == 0); // only whole segments come out
            released += out;
            QCOMPARE(released, e.clip.first(released.size()));
        }
        QCOMPARE(released.size(), 4 * media.segmentLength);
        released += stream.finish();
        QCOMPARE(stream.state(), trust::ClipStreamVerifier::State::Complete);
        QCOMPARE(released, e.clip);
        QCOMPARE(stream.verifiedBytes(), e.clip.size());
    }

    void clipRefusedAtTheFirstBadSegment() {
        const EventFixture e = world().ownerEvent(world().cameraP256);
        QByteArray tampered = e.clip;
        const qint64 segment = 64 * 1024;
        tampered[2 * segment + 17] = static_cast<char>(tampered[2 * segment + 17] ^ 0xff);
        trust::ClipStreamVerifier stream(streamedDescriptor(e));
        QCOMPARE(stream.feed(QByteArrayView(tampered).first(2 * segment)).size(), 2 * segment);
        QCOMPARE(stream.feed(QByteArrayView(tampered).sliced(2 * segment, segment)), QByteArray());
        QCOMPARE(stream.state(), trust::ClipStreamVerifier::State::Refused);
        QVERIFY(stream.detail().contains(QLatin1String("segment 2")));
        QCOMPARE(stream.feed(QByteArrayView(tampered).sliced(3 * segment)), QByteArray());
        QCOMPARE(stream.finish(), QByteArray());
        QCOMPARE(stream.verifiedBytes(), 2 * segment);
    }

    void clipLengthIsEnforced() {
        const EventFixture e = world().ownerEvent(world().cameraP256);
        trust::ClipStreamVerifier longer(streamedDescriptor(e));
        longer.feed(e.clip);
        longer.feed("x");
        QCOMPARE(longer.state(), trust::ClipStreamVerifier::State::Refused);
        trust::ClipStreamVerifier shorter(streamedDescriptor(e));
        shorter.feed(e.clip.first(e.clip.size() - 1));
        QCOMPARE(shorter.finish(), QByteArray());
        QCOMPARE(shorter.state(), trust::ClipStreamVerifier::State::Refused);
    }

    void clipWithoutSegmentsWaitsForTheEnd() {
        const EventFixture e = world().ownerEvent(world().cameraP256);
        trust::MediaDescriptor media = streamedDescriptor(e);
        media.segmentLength = 0;
        media.segmentHashes.clear();
        trust::ClipStreamVerifier stream(media);
        QCOMPARE(stream.feed(e.clip.first(100000)), QByteArray());
        QCOMPARE(stream.feed(e.clip.mid(100000)), QByteArray());
        QCOMPARE(stream.finish(), e.clip);
        trust::ClipStreamVerifier bad(media);
        QByteArray tampered = e.clip;
        tampered[5] = 'x';
        bad.feed(tampered);
        QCOMPARE(bad.finish(), QByteArray());
        QCOMPARE(bad.state(), trust::ClipStreamVerifier::State::Refused);
        // Seeking needs segment hashes.
        QCOMPARE(trust::ClipStreamVerifier(media, 2).state(),
                 trust::ClipStreamVerifier::State::Refused);
    }

    void clipFromAMiddleSegment() {
        const EventFixture e = world().ownerEvent(world().cameraP256);
        const trust::MediaDescriptor media = streamedDescriptor(e);
        trust::ClipStreamVerifier stream(media, 3);
        QCOMPARE(stream.offset(), 3 * media.segmentLength);
        QByteArray released = stream.feed(QByteArrayView(e.clip).sliced(3 * media.segmentLength));
        released += stream.finish();
        QCOMPARE(stream.state(), trust::ClipStreamVerifier::State::Complete);
        QCOMPARE(released, e.clip.mid(3 * media.segmentLength));
    }

private:
    static trust::MediaDescriptor streamedDescriptor(EventFixture e) {
        e.role = trust::MediaRole::Clip;
        e.streamed = true;
        const trust::Verdict v = world().verify(e);
        Q_ASSERT(v.authorisedForStream());
        return *v.evidence.attestedMedia;
    }
};

QTEST_GUILESS_MAIN(TestTrustState)
#include "tst_trust_state.moc"
