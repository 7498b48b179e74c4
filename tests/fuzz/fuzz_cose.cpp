// libFuzzer target: the COSE_Sign1 and CWT decoders and every payload parser of the trust
// core, on arbitrary bytes. Nothing may crash, hang or read out of bounds.
#include "AttestationPayload.h"
#include "CoseSign1.h"
#include "CwtClaims.h"
#include "StrictCbor.h"

#include <cstddef>
#include <cstdint>

using namespace vf::trust;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    for (CoseTags tags : {CoseTags::Sign1, CoseTags::Sign1OrCwt}) {
        const CoseDecodeResult decoded = decodeCoseSign1(bytes, tags);
        if (!decoded.message)
            continue;
        (void)headerAlgorithm(*decoded.message);
        (void)sigStructure(decoded.message->protectedBytes, decoded.message->payload);
        (void)checkVeriframeProfile(*decoded.message);
        (void)parseAttestationPayload(decoded.message->payload);
        (void)parseOwnerClaim(decoded.message->payload);
        (void)parseIdentityClaims(decoded.message->payload);
    }
    // The payload parsers directly, too: most inputs never make it through a COSE frame.
    (void)parseAttestationPayload(bytes);
    (void)parseOwnerClaim(bytes);
    (void)decodeStrictCbor(bytes);
    return 0;
}
