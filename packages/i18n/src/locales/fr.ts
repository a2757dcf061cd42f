/** French. Same groups as the English source, in the same order; "credential" is « attestation ». */
import type { Messages } from "./en.ts";

const skip = {
  NOT_APPLICABLE: "Sans objet pour ce document.",
  NOT_CONFIGURED: "Cette vérification n'est pas configurée sur ce vérificateur.",
  SKIPPED_AFTER_FAILURE: "Non vérifié, car une vérification précédente a échoué.",
};

const document = {
  MALFORMED_JSON:
    "Ce n'est pas une attestation lisible : le fichier est endommagé ou dans un mauvais format.",
  DOCUMENT_TOO_LARGE: "Le document est trop volumineux pour être vérifié.",
  DOCUMENT_TOO_DEEP: "Le document est trop imbriqué pour être vérifié en toute sécurité.",
  CONTEXT_MISSING: "Le document n'indique pas quelle norme d'attestation il suit.",
  FIELD_INVALID: "Une information du document a une valeur non autorisée.",
  TYPE_MISSING: "Le document n'indique pas de quel type de document il s'agit.",
};

const context = {
  CONTEXT_UNKNOWN: "Le document utilise un vocabulaire que ce vérificateur ne connaît pas.",
  TERM_UNDEFINED: "Le document utilise un terme que son vocabulaire ne définit pas.",
};

const proof = {
  PROOF_MISSING: "Le document n'a pas de signature numérique : son origine ne peut pas être confirmée.",
  PROOF_MALFORMED: "La signature numérique est endommagée ou incomplète.",
  PROOF_UNSUPPORTED: "Le document est signé d'une manière que ce vérificateur ne prend pas en charge.",
  PROOF_INVALID:
    "La signature numérique ne correspond pas : le document a été modifié après la signature, ou n'est pas authentique.",
  PROOF_PURPOSE_MISMATCH: "La signature a été faite pour un autre usage et ne peut pas être acceptée ici.",
  PROOF_CHALLENGE_MISMATCH:
    "La signature n'a pas été faite pour cette demande ; il s'agit peut-être de la copie d'une signature antérieure.",
  PROOF_DOMAIN_MISMATCH: "La signature a été faite pour un autre site ou service.",
  PROOF_EXPIRED: "La signature numérique a expiré.",
  PROOF_CREATED_IN_FUTURE:
    "La signature est datée dans le futur ; l'horloge du signataire est peut-être fausse.",
};

const jwt = {
  JWT_MALFORMED: "Les données signées sont endommagées ou incomplètes.",
  JWT_ALG_UNSUPPORTED: "Le document est signé avec une méthode que ce vérificateur n'accepte pas.",
  JWT_TYP_INVALID: "Les données signées indiquent un mauvais type de document.",
};

const identity = {
  DID_INVALID: "L'identifiant du signataire n'est pas valide.",
  DID_METHOD_UNSUPPORTED:
    "Le signataire utilise un type d'identifiant que ce vérificateur ne prend pas en charge.",
  DID_NOT_FOUND: "L'identité du signataire est introuvable à l'adresse qu'il indique.",
  DID_RESOLUTION_FAILED:
    "L'identité du signataire n'a pas pu être consultée pour le moment. Réessayez plus tard.",
  DID_NETWORK_BLOCKED:
    "L'identité du signataire n'a pas pu être consultée : l'accès au réseau n'est pas autorisé ici.",
  KEY_NOT_FOUND: "La clé utilisée pour signer ne figure pas parmi celles du signataire.",
  KEY_UNSUPPORTED: "La clé de signature est d'un type que ce vérificateur ne prend pas en charge.",
  KEY_NOT_AUTHORIZED: "Le signataire n'a pas autorisé cette clé pour cet usage.",
};

const status = {
  STATUS_ENTRY_INVALID: "Les informations de révocation de l'attestation ne sont pas valides.",
  STATUS_LIST_INVALID: "La liste de révocation de l'émetteur n'est pas valide ou pas authentique.",
  STATUS_LIST_FULL: "La liste de révocation de l'émetteur est pleine.",
};

const schema = {
  SCHEMA_INVALID: "L'attestation ne respecte pas le format standard qu'elle déclare suivre.",
  SCHEMA_UNKNOWN:
    "L'attestation indique un format que ce vérificateur ne connaît pas : elle n'a pas été contrôlée selon ce format.",
};

export const fr: Messages = {
  check: {
    structure: {
      title: "Informations requises",
      ...skip,
      OK: "Le document contient toutes les informations requises.",
      ...document,
      FIELD_MISSING: "Une information requise manque : {{field}}.",
      DATE_INVALID: "Une date n'est pas valide : {{field}}.",
      URL_INVALID: "Une adresse web ou un identifiant n'est pas valide : {{field}}.",
      CREDENTIAL_NOT_ENVELOPED:
        "Une attestation a été envoyée sous une forme qu'une présentation ne peut pas transporter (un jeton signé nu) ; le portefeuille doit l'envelopper. Demandez à l'apprenant de la partager à nouveau depuis un portefeuille à jour.",
    },
    context: {
      title: "Vocabulaire",
      ...skip,
      OK: "Chaque terme du document est clairement défini.",
      CONTEXT_MISSING: document.CONTEXT_MISSING,
      ...context,
    },
    proof: {
      title: "Signature",
      ...skip,
      OK: "La signature numérique est valide : rien n'a été modifié après la signature.",
      ...proof,
      ...jwt,
    },
    issuer: {
      title: "Identité de l'émetteur",
      ...skip,
      OK: "Signé par l'émetteur indiqué : {{issuer}}.",
      ...identity,
      KEY_CONTROLLER_MISMATCH: "Le document a été signé par quelqu'un d'autre que l'émetteur indiqué.",
    },
    validity: {
      title: "Période de validité",
      ...skip,
      OK: "Valable jusqu'au {{validUntil}}.",
      OK_open: "Valable, sans date de fin.",
      NOT_YET_VALID: "Pas encore valable : valable à partir du {{validFrom}}.",
      EXPIRED: "L'attestation a expiré le {{validUntil}}.",
    },
    status: {
      title: "Statut de révocation",
      ...skip,
      OK: "L'émetteur ne l'a ni révoquée ni suspendue.",
      NOT_APPLICABLE: "L'émetteur ne publie pas de liste de révocation pour cette attestation.",
      STATUS_REVOKED: "L'attestation a été révoquée par son émetteur sur la liste {{listUrl}}.",
      STATUS_SUSPENDED: "L'émetteur a suspendu l'attestation pour le moment (liste {{listUrl}}).",
      STATUS_LIST_UNAVAILABLE:
        "La liste de révocation de l'émetteur ({{listUrl}}) est inaccessible : la révocation n'a pas pu être vérifiée.",
      ...status,
    },
    schema: {
      title: "Format standard",
      ...skip,
      OK: "L'attestation respecte son format standard.",
      NOT_APPLICABLE: "L'attestation n'indique aucun format standard à contrôler.",
      ...schema,
    },
    trust: {
      title: "Appartenance au réseau",
      ...skip,
      OK: "Accrédité par {{anchor}} via {{via}} pour des micro-certifications jusqu'au niveau {{maxLevel}} du CEC dans les domaines {{fields}} (juridiction {{jurisdiction}}).",
      OK_direct:
        "Accrédité par {{anchor}} pour des micro-certifications jusqu'au niveau {{maxLevel}} du CEC dans les domaines {{fields}} (juridiction {{jurisdiction}}).",
      TRUST_OUT_OF_SCOPE_level:
        "L'émetteur est accrédité par {{anchor}} pour des micro-certifications jusqu'au niveau {{maxLevel}} du CEC seulement ; cette attestation est de niveau {{level}}.",
      TRUST_OUT_OF_SCOPE_field:
        "L'émetteur est accrédité par {{anchor}} pour les domaines {{fields}} seulement ; le domaine de cette attestation est {{field}}.",
      NOT_CONFIGURED:
        "Aucune liste d'émetteurs de confiance n'est configurée ici : l'accréditation n'a pas été vérifiée.",
      TRUST_UNKNOWN:
        "L'émetteur n'est pas un membre accrédité connu du réseau. Vérifiez l'émetteur par vous-même.",
      TRUST_SUSPENDED: "{{authority}} a suspendu l'adhésion de cet émetteur au réseau.",
      TRUST_OUT_OF_SCOPE:
        "L'émetteur est membre du réseau, mais n'est pas accrédité pour délivrer cette attestation.",
      TRUST_CHAIN_INVALID:
        "L'accréditation de l'émetteur n'a pas pu être confirmée : sa chaîne de déclarations signées est rompue.",
      TRUST_MARK_INVALID: "Le label d'accréditation de l'émetteur n'est pas valide.",
      TRUST_MARK_REVOKED: "{{authority}} a retiré l'accréditation de l'émetteur.",
      TRUST_UNAVAILABLE:
        "Le registre des membres du réseau est inaccessible : l'accréditation n'a pas pu être vérifiée.",
      ENTITY_STATEMENT_INVALID:
        "L'inscription de l'émetteur au registre du réseau est endommagée ou pas authentique.",
    },
    presentation: {
      title: "Titulaire",
      ...skip,
      OK: "La personne qui présente est bien le titulaire et a signé la présentation.",
      HOLDER_MISMATCH: "Une des attestations appartient à quelqu'un d'autre que la personne qui la présente.",
      KEY_CONTROLLER_MISMATCH: "La présentation a été signée par quelqu'un d'autre que le titulaire indiqué.",
      ...proof,
      ...identity,
    },
  },
  error: {
    BAD_REQUEST: "La requête n'est pas valide.",
    MALFORMED_JSON: "Les données ne sont pas du JSON valide.",
    UNSUPPORTED_MEDIA_TYPE: "Ce type de contenu n'est pas accepté.",
    PAYLOAD_TOO_LARGE: "La requête est trop volumineuse.",
    UNAUTHORIZED: "Veuillez d'abord vous connecter.",
    FORBIDDEN: "Vous n'êtes pas autorisé à faire cela.",
    NOT_FOUND: "Introuvable.",
    CONFLICT: "Cela entre en conflit avec l'état actuel ; rechargez puis réessayez.",
    RATE_LIMITED: "Trop de requêtes. Patientez un instant puis réessayez.",
    INTERNAL: "Une erreur s'est produite de notre côté. Réessayez plus tard.",
    UPSTREAM_UNAVAILABLE: "Un service dont nous dépendons ne répond pas. Réessayez plus tard.",
    DOCUMENT_TOO_LARGE: document.DOCUMENT_TOO_LARGE,
    DOCUMENT_TOO_DEEP: document.DOCUMENT_TOO_DEEP,
    CONTEXT_MISSING: document.CONTEXT_MISSING,
    ...context,
    FIELD_MISSING: "Une information requise manque.",
    FIELD_INVALID: document.FIELD_INVALID,
    TYPE_MISSING: document.TYPE_MISSING,
    DATE_INVALID: "Une date n'est pas valide.",
    URL_INVALID: "Une adresse web ou un identifiant n'est pas valide.",
    ...proof,
    ...jwt,
    ...identity,
    KEY_CONTROLLER_MISMATCH: "Le document a été signé par quelqu'un d'autre que la partie qu'il indique.",
    NOT_YET_VALID: "L'attestation n'est pas encore valable.",
    EXPIRED: "L'attestation a expiré.",
    STATUS_REVOKED: "L'attestation a été révoquée par son émetteur.",
    STATUS_SUSPENDED: "L'attestation est suspendue.",
    STATUS_LIST_UNAVAILABLE: "La liste de révocation est inaccessible.",
    ...status,
    ...schema,
    HOLDER_MISMATCH: "Une attestation appartient à quelqu'un d'autre que la personne qui la présente.",
    CREDENTIAL_NOT_ENVELOPED:
      "Une attestation de cette présentation est envoyée sous forme de jeton signé nu, qu'une présentation ne peut pas transporter : le portefeuille doit l'envelopper dans une EnvelopedVerifiableCredential, ou envoyer une présentation JWT VC 1.1.",
    TRUST_UNKNOWN: "L'émetteur n'est pas un membre accrédité connu du réseau.",
    TRUST_SUSPENDED: "Le réseau a suspendu ce membre.",
    TRUST_OUT_OF_SCOPE: "Le membre n'est pas accrédité pour cela.",
    TRUST_CHAIN_INVALID: "La chaîne de déclarations d'accréditation est rompue ou pas authentique.",
    TRUST_MARK_INVALID: "Le label d'accréditation n'est pas valide.",
    TRUST_MARK_REVOKED: "Le label d'accréditation a été retiré.",
    TRUST_UNAVAILABLE: "Le registre des membres du réseau est inaccessible. Réessayez plus tard.",
    ENTITY_STATEMENT_INVALID: "L'inscription au registre du réseau est endommagée ou pas authentique.",
    GONE: "Ceci a expiré et n'est plus disponible.",
    OFFER_EXPIRED: "Cette offre d'attestation a expiré. Demandez-en une nouvelle au centre.",
    GRANT_INVALID: "Le code de cette offre d'attestation n'est pas valide.",
    GRANT_USED: "Cette offre d'attestation a déjà été utilisée. Demandez-en une nouvelle au centre.",
    TX_CODE_REQUIRED: "Saisissez le code PIN que le centre vous a envoyé séparément.",
    TX_CODE_INVALID: "Le code PIN n'est pas correct.",
    TX_CODE_LOCKED:
      "Trop de codes PIN erronés : cette offre est maintenant bloquée. Demandez-en une nouvelle au centre.",
    ACCESS_TOKEN_INVALID: "Le jeton d'accès est absent, expiré ou non valide.",
    NONCE_INVALID:
      "La réponse du portefeuille n'a pas été faite pour cette demande ; elle est peut-être ancienne. Réessayez.",
    AUDIENCE_MISMATCH: "La réponse du portefeuille a été faite pour un autre service.",
    HOLDER_PROOF_INVALID:
      "Le portefeuille n'a pas pu prouver qu'il détient la clé à laquelle l'attestation sera liée.",
    CREDENTIAL_CONFIGURATION_UNKNOWN: "Ce type d'attestation n'est pas proposé ici.",
    PRESENTATION_REQUEST_EXPIRED: "Cette demande d'attestation a expiré. Demandez-en une nouvelle.",
    PRESENTATION_REPLAYED:
      "Cette présentation a déjà servi pour une autre demande et ne peut pas être acceptée à nouveau.",
    QUERY_INVALID: "La demande d'attestations n'est pas valide.",
    QUERY_UNSATISFIED: "Les attestations partagées ne correspondent pas à ce qui était demandé.",
    EXCHANGE_STATE_INVALID: "Cet échange ne peut pas passer à cette étape pour le moment.",
    RESPONSE_ENCRYPTION_INVALID:
      "La réponse du portefeuille n'est pas chiffrée comme cette demande l'exige, ou n'a pas pu être déchiffrée.",
    FEED_GAP: "Une partie du flux du catalogue manque.",
    FEED_CHAIN_BROKEN:
      "Le flux du catalogue ne reprend pas là où il s'était arrêté ; il a peut-être été modifié.",
    FEED_BEHIND_RETENTION:
      "Le flux du catalogue ne conserve plus de modifications aussi anciennes : téléchargez un nouvel instantané.",
    CHECKPOINT_INVALID: "Le point de contrôle du catalogue n'est pas valide ou pas authentique.",
    RECORD_SIGNATURE_INVALID: "Une fiche du catalogue n'est pas signée par son propriétaire.",
    RECORD_OWNER_UNTRUSTED:
      "Une fiche du catalogue provient d'un centre qui n'est pas un membre de confiance.",
    RECORD_EQUIVOCATION: "Un centre a publié deux versions différentes d'une même fiche sous le même numéro.",
    RECORD_STALE: "Une version plus récente de cette fiche existe déjà.",
    HTTP_SIGNATURE_INVALID: "La signature de la requête est absente ou non valide.",
    FEED_OWNER_QUOTA:
      "Un flux du catalogue donnerait à un centre plus de fiches que ce nœud n'en garde par centre : le flux a été arrêté.",
  },
  verdict: {
    verified: "Vérifiée : tous les contrôles sont réussis.",
    warnings: "Vérifiée, avec des avertissements : lisez les remarques marquées d'un !.",
    failed: "Non vérifiée : ne vous fiez pas à cette attestation.",
  },
  label: {
    credential: "Attestation {{number}}",
    unknown: "inconnu",
  },
};
