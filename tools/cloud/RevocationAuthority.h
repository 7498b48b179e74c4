#pragma once
// The reference cloud as the revocation authority of trust.md §7 (cloud-api.md §6 v2): it
// signs each list with the world's authority key, sets `next` to issued + 1 day, pads the
// list with --revocation-padding N random-looking device fingerprints (a large list the
// client must still accept), and publishes every change under a new seq. The DB never holds
// two payloads under one seq; the one lie it can tell on purpose, a same-seq list with
// another payload (conflictingTwin), is served from memory and never stored.
//
// The list in force is the truth: its real entries are its entries minus the padding, which
// is a pure function of (seed, index), so a restart or a revocation rebuilds the list from
// what is served, even when a test published that list itself (CloudHost::publishRevocations).
#include "CloudRepository.h"
#include "TestPki.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace vf::cloud {

class RevocationAuthority {
public:
    static constexpr qint64 kNextAfterSeconds = 24 * 3600; // cloud-api.md §6 v2

    struct Entries {
        QList<QByteArray> devices; // SHA-256 of certificate DER: camera leaves, intermediates
        QList<QByteArray> claims;  // claim ctis
    };
    struct SignedList {
        quint64 seq = 0;
        QByteArray cose;
    };

    // seed: the world's (so the padding stays the same across restarts); padding: how many
    // padding entries every list this authority publishes carries.
    RevocationAuthority(CloudDatabase &database, const pki::TestPki &pki, quint64 seed,
                        int padding);

    // The padding entries 0..count-1: SHA-256("veriframe-cloud revocation padding|seed|i"),
    // 32 bytes that no certificate has (a preimage would be needed to match one).
    static QList<QByteArray> paddingEntries(quint64 seed, int count);

    // At start: publishes seq 1 (nothing revoked) when DIR holds no list; seq + 1 when the
    // list in force carries another padding count, or its `next` has passed. Else nothing.
    bool ensurePublished(QString *error);
    // Publishes seq + 1: the list in force's real entries plus added, padded. The new seq,
    // or nullopt with *error.
    std::optional<quint64> revoke(const Entries &added, QString *error);
    // A list under the seq in force with another payload: the real revocations dropped (a
    // same-seq list un-revoking, trust.md §9) and issued one second later, so it differs
    // even when nothing is revoked. Signed by the same authority; stored nowhere.
    std::optional<SignedList> conflictingTwin(QString *error) const;

private:
    struct InForce {
        quint64 seq = 0;
        qint64 issued = 0;
        std::optional<qint64> next;
        Entries real;
        int padding = 0; // entries 0..padding-1 of paddingEntries() were in the list
    };
    std::optional<InForce> inForce(QString *error) const;
    QByteArray sign(quint64 seq, qint64 issued, const Entries &real) const;

    CloudRepository m_repository;
    const pki::TestPki &m_pki;
    quint64 m_seed;
    int m_padding;
};

} // namespace vf::cloud
