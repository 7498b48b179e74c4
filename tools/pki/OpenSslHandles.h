#pragma once

// Owning smart pointers for OpenSSL objects. Every OpenSSL allocation in the signer goes into
// one of these at once, so an early return on an error path cannot leak or double-free.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace vf::pki {

namespace detail {
// A stateless deleter calling the OpenSSL free function given as a template argument, so the
// pointer stays the size of a raw pointer (no function pointer stored per instance).
template <auto FreeFn> struct OpenSslDeleter {
    template <typename T> void operator()(T *p) const { FreeFn(p); }
};
} // namespace detail

template <typename T, auto FreeFn>
using OpenSslPtr = std::unique_ptr<T, detail::OpenSslDeleter<FreeFn>>;

using EvpPkeyPtr = OpenSslPtr<EVP_PKEY, &EVP_PKEY_free>;
using EvpPkeyCtxPtr = OpenSslPtr<EVP_PKEY_CTX, &EVP_PKEY_CTX_free>;
using EvpMdCtxPtr = OpenSslPtr<EVP_MD_CTX, &EVP_MD_CTX_free>;
using X509Ptr = OpenSslPtr<X509, &X509_free>;
using X509NamePtr = OpenSslPtr<X509_NAME, &X509_NAME_free>;
using X509StorePtr = OpenSslPtr<X509_STORE, &X509_STORE_free>;
using X509StoreCtxPtr = OpenSslPtr<X509_STORE_CTX, &X509_STORE_CTX_free>;
using BioPtr = OpenSslPtr<BIO, &BIO_free_all>;
using BignumPtr = OpenSslPtr<BIGNUM, &BN_free>;
using EcdsaSigPtr = OpenSslPtr<ECDSA_SIG, &ECDSA_SIG_free>;
using Asn1IntegerPtr = OpenSslPtr<ASN1_INTEGER, &ASN1_INTEGER_free>;
using Asn1OctetStringPtr = OpenSslPtr<ASN1_OCTET_STRING, &ASN1_OCTET_STRING_free>;
using Asn1BitStringPtr = OpenSslPtr<ASN1_BIT_STRING, &ASN1_BIT_STRING_free>;
using Asn1TimePtr = OpenSslPtr<ASN1_TIME, &ASN1_TIME_free>;
using BasicConstraintsPtr = OpenSslPtr<BASIC_CONSTRAINTS, &BASIC_CONSTRAINTS_free>;
using AuthorityKeyIdPtr = OpenSslPtr<AUTHORITY_KEYID, &AUTHORITY_KEYID_free>;
using GeneralNamePtr = OpenSslPtr<GENERAL_NAME, &GENERAL_NAME_free>;
using GeneralNamesPtr = OpenSslPtr<GENERAL_NAMES, &GENERAL_NAMES_free>;
using Asn1Ia5StringPtr = OpenSslPtr<ASN1_IA5STRING, &ASN1_IA5STRING_free>;

// Everything written to a memory BIO (PEM output), as bytes.
inline QByteArray bioContents(BIO *bio) {
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

// A read-only memory BIO over bytes that outlive it (PEM input).
inline BioPtr readOnlyBio(const QByteArray &bytes) {
    return BioPtr(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

// Drains OpenSSL's thread-local error queue into one line, for warnings: a stale queue would
// otherwise be blamed on the next, unrelated failure.
inline QString takeOpenSslErrors() {
    QStringList lines;
    while (const unsigned long code = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        lines << QString::fromLatin1(buf);
    }
    return lines.join(QLatin1String("; "));
}

} // namespace vf::pki
