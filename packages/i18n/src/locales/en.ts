/**
 * English: the source messages every other locale translates. Written for an HR officer or a learner, not a
 * cryptographer: say what happened and what it means. Groups shared by several checks are spread in.
 */

const skip = {
  NOT_APPLICABLE: "Not needed for this document.",
  NOT_CONFIGURED: "This check is not set up on this verifier.",
  SKIPPED_AFTER_FAILURE: "Not checked, because an earlier check failed.",
};

const document = {
  MALFORMED_JSON: "This is not a readable credential: the file is damaged or in the wrong format.",
  DOCUMENT_TOO_LARGE: "The document is too large to check.",
  DOCUMENT_TOO_DEEP: "The document is too deeply nested to check safely.",
  CONTEXT_MISSING: "The document does not say which credential standard it follows.",
  FIELD_INVALID: "Some information in the document has a value that is not allowed.",
  TYPE_MISSING: "The document does not say what kind of document it is.",
};

const context = {
  CONTEXT_UNKNOWN: "The document uses a vocabulary this verifier does not know.",
  TERM_UNDEFINED: "The document uses a term that its vocabulary does not define.",
};

const proof = {
  PROOF_MISSING: "The document has no digital signature, so its origin cannot be confirmed.",
  PROOF_MALFORMED: "The digital signature is damaged or incomplete.",
  PROOF_UNSUPPORTED: "The document is signed in a way this verifier does not support.",
  PROOF_INVALID:
    "The digital signature does not match: the document was changed after signing, or is not genuine.",
  PROOF_PURPOSE_MISMATCH: "The signature was made for another purpose and cannot be accepted here.",
  PROOF_CHALLENGE_MISMATCH:
    "The signature was not made for this request; it may be a copy of an earlier one.",
  PROOF_DOMAIN_MISMATCH: "The signature was made for a different website or service.",
  PROOF_EXPIRED: "The digital signature has expired.",
  PROOF_CREATED_IN_FUTURE: "The signature is dated in the future; the signer's clock may be wrong.",
};

const jwt = {
  JWT_MALFORMED: "The signed data is damaged or incomplete.",
  JWT_ALG_UNSUPPORTED: "The document is signed with a method this verifier does not accept.",
  JWT_TYP_INVALID: "The signed data is labelled as the wrong kind of document.",
};

const identity = {
  DID_INVALID: "The signer's identifier is not valid.",
  DID_METHOD_UNSUPPORTED: "The signer uses a kind of identifier this verifier does not support.",
  DID_NOT_FOUND: "The signer's identity was not found at the address it names.",
  DID_RESOLUTION_FAILED: "The signer's identity could not be looked up just now. Please try again later.",
  DID_NETWORK_BLOCKED: "The signer's identity could not be looked up: network access is not allowed here.",
  KEY_NOT_FOUND: "The key used to sign is not listed by the signer.",
  KEY_UNSUPPORTED: "The signing key is of a type this verifier does not support.",
  KEY_NOT_AUTHORIZED: "The signer has not authorised this key for this use.",
};

const status = {
  STATUS_ENTRY_INVALID: "The credential's revocation information is not valid.",
  STATUS_LIST_INVALID: "The issuer's revocation list is not valid or not genuine.",
  STATUS_LIST_FULL: "The issuer's revocation list is full.",
};

const schema = {
  SCHEMA_INVALID: "The credential does not follow the standard format it claims to use.",
  SCHEMA_UNKNOWN:
    "The credential names a format this verifier does not know, so it was not checked against it.",
};

export const en = {
  check: {
    structure: {
      title: "Required details",
      ...skip,
      OK: "The document has all the required information.",
      ...document,
      FIELD_MISSING: "Required information is missing: {{field}}.",
      DATE_INVALID: "A date is not valid: {{field}}.",
      URL_INVALID: "A web address or identifier is not valid: {{field}}.",
      CREDENTIAL_NOT_ENVELOPED:
        "A credential was sent in a form a presentation cannot carry (a bare signed token); the wallet must wrap it. Ask the learner to share it again from an up-to-date wallet.",
    },
    context: {
      title: "Vocabulary",
      ...skip,
      OK: "Every term in the document is clearly defined.",
      CONTEXT_MISSING: document.CONTEXT_MISSING,
      ...context,
    },
    proof: {
      title: "Signature",
      ...skip,
      OK: "The digital signature is valid: nothing was changed after signing.",
      ...proof,
      ...jwt,
    },
    issuer: {
      title: "Issuer identity",
      ...skip,
      OK: "Signed by the issuer it names: {{issuer}}.",
      ...identity,
      KEY_CONTROLLER_MISMATCH: "It was signed by someone other than the issuer it names.",
    },
    validity: {
      title: "Validity period",
      ...skip,
      OK: "Valid until {{validUntil}}.",
      OK_open: "Valid, with no end date.",
      NOT_YET_VALID: "Not valid yet: it becomes valid on {{validFrom}}.",
      EXPIRED: "The credential expired on {{validUntil}}.",
    },
    status: {
      title: "Revocation status",
      ...skip,
      OK: "The issuer has not revoked or suspended it.",
      NOT_APPLICABLE: "The issuer publishes no revocation list for this credential.",
      STATUS_REVOKED: "The credential was revoked by its issuer on the list {{listUrl}}.",
      STATUS_SUSPENDED: "The issuer has suspended the credential for now (list {{listUrl}}).",
      STATUS_LIST_UNAVAILABLE:
        "The issuer's revocation list ({{listUrl}}) could not be reached, so revocation could not be checked.",
      ...status,
    },
    schema: {
      title: "Standard format",
      ...skip,
      OK: "The credential follows its standard format.",
      NOT_APPLICABLE: "The credential names no standard format to check.",
      ...schema,
    },
    trust: {
      title: "Network membership",
      ...skip,
      OK: "Accredited by {{anchor}} via {{via}} for micro-credentials up to EQF level {{maxLevel}} in fields {{fields}} (jurisdiction {{jurisdiction}}).",
      OK_direct:
        "Accredited by {{anchor}} for micro-credentials up to EQF level {{maxLevel}} in fields {{fields}} (jurisdiction {{jurisdiction}}).",
      TRUST_OUT_OF_SCOPE_level:
        "The issuer is accredited by {{anchor}} for micro-credentials up to EQF level {{maxLevel}} only; this credential is at level {{level}}.",
      TRUST_OUT_OF_SCOPE_field:
        "The issuer is accredited by {{anchor}} for fields {{fields}} only; this credential's field is {{field}}.",
      NOT_CONFIGURED: "No list of trusted issuers is set up here, so accreditation was not checked.",
      TRUST_UNKNOWN: "The issuer is not a known accredited member of the network. Check the issuer yourself.",
      TRUST_SUSPENDED: "{{authority}} has suspended this issuer's membership of the network.",
      TRUST_OUT_OF_SCOPE:
        "The issuer is a member of the network, but is not accredited to issue this credential.",
      TRUST_CHAIN_INVALID:
        "The issuer's accreditation could not be confirmed: its chain of signed statements is broken.",
      TRUST_MARK_INVALID: "The issuer's accreditation mark is not valid.",
      TRUST_MARK_REVOKED: "{{authority}} has withdrawn the issuer's accreditation.",
      TRUST_UNAVAILABLE:
        "The network's register of members could not be reached, so accreditation could not be checked.",
      ENTITY_STATEMENT_INVALID: "The issuer's entry in the network register is damaged or not genuine.",
    },
    presentation: {
      title: "Holder",
      ...skip,
      OK: "The person presenting it is the holder and signed the presentation.",
      HOLDER_MISMATCH: "A credential in it belongs to someone other than the person presenting it.",
      KEY_CONTROLLER_MISMATCH: "The presentation was signed by someone other than the holder it names.",
      ...proof,
      ...identity,
    },
  },
  error: {
    BAD_REQUEST: "The request is not valid.",
    MALFORMED_JSON: "The data is not valid JSON.",
    UNSUPPORTED_MEDIA_TYPE: "This type of content is not accepted.",
    PAYLOAD_TOO_LARGE: "The request is too large.",
    UNAUTHORIZED: "Please sign in first.",
    FORBIDDEN: "You are not allowed to do this.",
    NOT_FOUND: "Not found.",
    CONFLICT: "This conflicts with the current state; reload and try again.",
    RATE_LIMITED: "Too many requests. Please wait a moment and try again.",
    INTERNAL: "Something went wrong on our side. Please try again later.",
    UPSTREAM_UNAVAILABLE: "Another service we depend on is not answering. Please try again later.",
    DOCUMENT_TOO_LARGE: document.DOCUMENT_TOO_LARGE,
    DOCUMENT_TOO_DEEP: document.DOCUMENT_TOO_DEEP,
    CONTEXT_MISSING: document.CONTEXT_MISSING,
    ...context,
    FIELD_MISSING: "Required information is missing.",
    FIELD_INVALID: document.FIELD_INVALID,
    TYPE_MISSING: document.TYPE_MISSING,
    DATE_INVALID: "A date is not valid.",
    URL_INVALID: "A web address or identifier is not valid.",
    ...proof,
    ...jwt,
    ...identity,
    KEY_CONTROLLER_MISMATCH: "The document was signed by someone other than the party it names.",
    NOT_YET_VALID: "The credential is not valid yet.",
    EXPIRED: "The credential has expired.",
    STATUS_REVOKED: "The credential was revoked by its issuer.",
    STATUS_SUSPENDED: "The credential is suspended.",
    STATUS_LIST_UNAVAILABLE: "The revocation list could not be reached.",
    ...status,
    ...schema,
    HOLDER_MISMATCH: "A credential belongs to someone other than the person presenting it.",
    CREDENTIAL_NOT_ENVELOPED:
      "A credential in this presentation is sent as a bare signed token, which a presentation cannot carry: the wallet must wrap it as an EnvelopedVerifiableCredential, or send a VC 1.1 JWT presentation.",
    TRUST_UNKNOWN: "The issuer is not a known accredited member of the network.",
    TRUST_SUSPENDED: "The network has suspended this member.",
    TRUST_OUT_OF_SCOPE: "The member is not accredited for this.",
    TRUST_CHAIN_INVALID: "The chain of accreditation statements is broken or not genuine.",
    TRUST_MARK_INVALID: "The accreditation mark is not valid.",
    TRUST_MARK_REVOKED: "The accreditation mark was withdrawn.",
    TRUST_UNAVAILABLE: "The network's register of members could not be reached. Please try again later.",
    ENTITY_STATEMENT_INVALID: "The network register entry is damaged or not genuine.",
    GONE: "This has expired and is no longer available.",
    OFFER_EXPIRED: "This credential offer has expired. Please ask the centre for a new one.",
    GRANT_INVALID: "This credential offer code is not valid.",
    GRANT_USED: "This credential offer was already used. Please ask the centre for a new one.",
    TX_CODE_REQUIRED: "Please enter the PIN the centre sent you separately.",
    TX_CODE_INVALID: "The PIN is not correct.",
    TX_CODE_LOCKED: "Too many wrong PINs: this offer is now locked. Please ask the centre for a new one.",
    ACCESS_TOKEN_INVALID: "The access token is missing, expired or not valid.",
    NONCE_INVALID: "The wallet's answer was not made for this request; it may be old. Please try again.",
    AUDIENCE_MISMATCH: "The wallet's answer was made for a different service.",
    HOLDER_PROOF_INVALID: "The wallet could not prove it holds the key the credential will be bound to.",
    CREDENTIAL_CONFIGURATION_UNKNOWN: "This kind of credential is not offered here.",
    PRESENTATION_REQUEST_EXPIRED: "This request for a credential has expired. Please ask for a new one.",
    PRESENTATION_REPLAYED:
      "This presentation was already used for another request and cannot be accepted again.",
    QUERY_INVALID: "The request for credentials is not valid.",
    QUERY_UNSATISFIED: "The credentials shared do not match what was asked for.",
    EXCHANGE_STATE_INVALID: "This exchange cannot take that step now.",
    RESPONSE_ENCRYPTION_INVALID:
      "The wallet's answer was not encrypted as this request asks, or it could not be decrypted.",
    FEED_GAP: "A part of the catalogue feed is missing.",
    FEED_CHAIN_BROKEN: "The catalogue feed does not continue from where it was; it may have been altered.",
    FEED_BEHIND_RETENTION: "The catalogue feed no longer keeps changes that old: download a fresh snapshot.",
    CHECKPOINT_INVALID: "The catalogue checkpoint is not valid or not genuine.",
    RECORD_SIGNATURE_INVALID: "A catalogue record is not signed by its owner.",
    RECORD_OWNER_UNTRUSTED: "A catalogue record comes from a centre that is not a trusted member.",
    RECORD_EQUIVOCATION: "A centre published two different versions of one record under the same number.",
    RECORD_STALE: "A newer version of this record already exists.",
    HTTP_SIGNATURE_INVALID: "The request's signature is missing or not valid.",
    FEED_OWNER_QUOTA:
      "A catalogue feed would give one centre more records than this node keeps per centre: the feed was stopped.",
  },
  verdict: {
    verified: "Verified: every check passed.",
    warnings: "Verified, with warnings: please read the notes marked !.",
    failed: "Not verified: do not rely on this credential.",
  },
  label: {
    credential: "Credential {{number}}",
    unknown: "unknown",
  },
};

/** The shape every locale has: the English one. */
export type Messages = typeof en;
