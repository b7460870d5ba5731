"""A software passkey for tests: answers allauth's registration options the way a browser's
authenticator does (ES256 key, "none" attestation), so the real form and fido2's checks run."""

import hashlib
import json
import os

from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)


def registration_response(creation_options: dict, *, origin: str = "https://testserver") -> str:
    """The JSON a browser posts as ``credential`` after creating a passkey for these options."""
    options = creation_options.get("publicKey", creation_options)
    rp_id = options["rp"]["id"]
    key = ec.generate_private_key(ec.SECP256R1())
    credential_id = os.urandom(16)
    auth_data = AuthenticatorData.create(
        hashlib.sha256(rp_id.encode()).digest(),
        AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV | AuthenticatorData.FLAG.AT,
        0,
        AttestedCredentialData.create(
            Aaguid.NONE, credential_id, ES256.from_cryptography_key(key.public_key())
        ),
    )
    client_data = CollectedClientData.create(
        type="webauthn.create",
        challenge=websafe_decode(options["challenge"]),
        origin=origin,
    )
    attestation = AttestationObject.create("none", auth_data, {})
    return json.dumps(
        {
            "id": websafe_encode(credential_id),
            "rawId": websafe_encode(credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(bytes(client_data)),
                "attestationObject": websafe_encode(bytes(attestation)),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }
    )
