/** Spanish. Same groups as the English source, in the same order; "credential" is «credencial». */
import type { Messages } from "./en.ts";

const skip = {
  NOT_APPLICABLE: "No es necesario para este documento.",
  NOT_CONFIGURED: "Esta comprobación no está configurada en este verificador.",
  SKIPPED_AFTER_FAILURE: "No se comprobó porque una comprobación anterior falló.",
};

const document = {
  MALFORMED_JSON: "No es una credencial legible: el archivo está dañado o tiene un formato incorrecto.",
  DOCUMENT_TOO_LARGE: "El documento es demasiado grande para comprobarlo.",
  DOCUMENT_TOO_DEEP: "El documento tiene demasiados niveles anidados para comprobarlo con seguridad.",
  CONTEXT_MISSING: "El documento no indica qué estándar de credenciales sigue.",
  FIELD_INVALID: "Un dato del documento tiene un valor no permitido.",
  TYPE_MISSING: "El documento no indica qué tipo de documento es.",
};

const context = {
  CONTEXT_UNKNOWN: "El documento usa un vocabulario que este verificador no conoce.",
  TERM_UNDEFINED: "El documento usa un término que su vocabulario no define.",
};

const proof = {
  PROOF_MISSING: "El documento no tiene firma digital, así que no se puede confirmar su origen.",
  PROOF_MALFORMED: "La firma digital está dañada o incompleta.",
  PROOF_UNSUPPORTED: "El documento está firmado de una forma que este verificador no admite.",
  PROOF_INVALID:
    "La firma digital no coincide: el documento se modificó después de firmarse o no es auténtico.",
  PROOF_PURPOSE_MISMATCH: "La firma se hizo para otro fin y no se puede aceptar aquí.",
  PROOF_CHALLENGE_MISMATCH: "La firma no se hizo para esta solicitud; puede ser la copia de una anterior.",
  PROOF_DOMAIN_MISMATCH: "La firma se hizo para otro sitio web o servicio.",
  PROOF_EXPIRED: "La firma digital ha caducado.",
  PROOF_CREATED_IN_FUTURE: "La firma tiene fecha futura; puede que el reloj del firmante esté mal.",
};

const jwt = {
  JWT_MALFORMED: "Los datos firmados están dañados o incompletos.",
  JWT_ALG_UNSUPPORTED: "El documento está firmado con un método que este verificador no acepta.",
  JWT_TYP_INVALID: "Los datos firmados indican un tipo de documento incorrecto.",
};

const identity = {
  DID_INVALID: "El identificador del firmante no es válido.",
  DID_METHOD_UNSUPPORTED: "El firmante usa un tipo de identificador que este verificador no admite.",
  DID_NOT_FOUND: "No se encontró la identidad del firmante en la dirección que indica.",
  DID_RESOLUTION_FAILED:
    "No se pudo consultar la identidad del firmante en este momento. Inténtelo de nuevo más tarde.",
  DID_NETWORK_BLOCKED:
    "No se pudo consultar la identidad del firmante: aquí no se permite el acceso a la red.",
  KEY_NOT_FOUND: "La clave usada para firmar no figura entre las del firmante.",
  KEY_UNSUPPORTED: "La clave de firma es de un tipo que este verificador no admite.",
  KEY_NOT_AUTHORIZED: "El firmante no ha autorizado esta clave para este uso.",
};

const status = {
  STATUS_ENTRY_INVALID: "La información de revocación de la credencial no es válida.",
  STATUS_LIST_INVALID: "La lista de revocación del emisor no es válida o no es auténtica.",
  STATUS_LIST_FULL: "La lista de revocación del emisor está llena.",
};

const schema = {
  SCHEMA_INVALID: "La credencial no sigue el formato estándar que dice usar.",
  SCHEMA_UNKNOWN:
    "La credencial indica un formato que este verificador no conoce, así que no se comprobó con ese formato.",
};

export const es: Messages = {
  check: {
    structure: {
      title: "Datos obligatorios",
      ...skip,
      OK: "El documento tiene toda la información obligatoria.",
      ...document,
      FIELD_MISSING: "Falta información obligatoria: {{field}}.",
      DATE_INVALID: "Una fecha no es válida: {{field}}.",
      URL_INVALID: "Una dirección web o un identificador no es válido: {{field}}.",
      CREDENTIAL_NOT_ENVELOPED:
        "Una credencial se envió en una forma que una presentación no puede llevar (un token firmado suelto); la cartera debe envolverla. Pida a la persona que la comparta de nuevo desde una cartera actualizada.",
    },
    context: {
      title: "Vocabulario",
      ...skip,
      OK: "Todos los términos del documento están bien definidos.",
      CONTEXT_MISSING: document.CONTEXT_MISSING,
      ...context,
    },
    proof: {
      title: "Firma",
      ...skip,
      OK: "La firma digital es válida: no se cambió nada después de firmar.",
      ...proof,
      ...jwt,
    },
    issuer: {
      title: "Identidad del emisor",
      ...skip,
      OK: "Firmado por el emisor que indica: {{issuer}}.",
      ...identity,
      KEY_CONTROLLER_MISMATCH: "Lo firmó alguien distinto del emisor que indica.",
    },
    validity: {
      title: "Periodo de validez",
      ...skip,
      OK: "Válida hasta el {{validUntil}}.",
      OK_open: "Válida, sin fecha de fin.",
      NOT_YET_VALID: "Aún no es válida: lo será a partir del {{validFrom}}.",
      EXPIRED: "La credencial caducó el {{validUntil}}.",
    },
    status: {
      title: "Estado de revocación",
      ...skip,
      OK: "El emisor no la ha revocado ni suspendido.",
      NOT_APPLICABLE: "El emisor no publica ninguna lista de revocación para esta credencial.",
      STATUS_REVOKED: "El emisor revocó la credencial en la lista {{listUrl}}.",
      STATUS_SUSPENDED: "El emisor ha suspendido la credencial por ahora (lista {{listUrl}}).",
      STATUS_LIST_UNAVAILABLE:
        "No se pudo acceder a la lista de revocación del emisor ({{listUrl}}), así que no se pudo comprobar la revocación.",
      ...status,
    },
    schema: {
      title: "Formato estándar",
      ...skip,
      OK: "La credencial sigue su formato estándar.",
      NOT_APPLICABLE: "La credencial no indica ningún formato estándar que comprobar.",
      ...schema,
    },
    trust: {
      title: "Pertenencia a la red",
      ...skip,
      OK: "Acreditado por {{anchor}} a través de {{via}} para microcredenciales hasta el nivel {{maxLevel}} del MEC en los campos {{fields}} (jurisdicción {{jurisdiction}}).",
      OK_direct:
        "Acreditado por {{anchor}} para microcredenciales hasta el nivel {{maxLevel}} del MEC en los campos {{fields}} (jurisdicción {{jurisdiction}}).",
      TRUST_OUT_OF_SCOPE_level:
        "El emisor está acreditado por {{anchor}} solo para microcredenciales hasta el nivel {{maxLevel}} del MEC; esta credencial es de nivel {{level}}.",
      TRUST_OUT_OF_SCOPE_field:
        "El emisor está acreditado por {{anchor}} solo para los campos {{fields}}; el campo de esta credencial es {{field}}.",
      NOT_CONFIGURED:
        "Aquí no hay ninguna lista de emisores de confianza configurada, así que no se comprobó la acreditación.",
      TRUST_UNKNOWN:
        "El emisor no es un miembro acreditado conocido de la red. Compruebe usted mismo quién es el emisor.",
      TRUST_SUSPENDED: "{{authority}} ha suspendido la membresía de este emisor en la red.",
      TRUST_OUT_OF_SCOPE:
        "El emisor es miembro de la red, pero no está acreditado para emitir esta credencial.",
      TRUST_CHAIN_INVALID:
        "No se pudo confirmar la acreditación del emisor: su cadena de declaraciones firmadas está rota.",
      TRUST_MARK_INVALID: "El sello de acreditación del emisor no es válido.",
      TRUST_MARK_REVOKED: "{{authority}} ha retirado la acreditación del emisor.",
      TRUST_UNAVAILABLE:
        "No se pudo acceder al registro de miembros de la red, así que no se pudo comprobar la acreditación.",
      ENTITY_STATEMENT_INVALID:
        "La inscripción del emisor en el registro de la red está dañada o no es auténtica.",
    },
    presentation: {
      title: "Titular",
      ...skip,
      OK: "Quien la presenta es el titular y firmó la presentación.",
      HOLDER_MISMATCH: "Una de las credenciales pertenece a otra persona, no a quien la presenta.",
      KEY_CONTROLLER_MISMATCH: "La presentación la firmó alguien distinto del titular que indica.",
      ...proof,
      ...identity,
    },
  },
  error: {
    BAD_REQUEST: "La solicitud no es válida.",
    MALFORMED_JSON: "Los datos no son JSON válido.",
    UNSUPPORTED_MEDIA_TYPE: "No se acepta este tipo de contenido.",
    PAYLOAD_TOO_LARGE: "La solicitud es demasiado grande.",
    UNAUTHORIZED: "Inicie sesión primero.",
    FORBIDDEN: "No tiene permiso para hacer esto.",
    NOT_FOUND: "No se encontró.",
    CONFLICT: "Esto choca con el estado actual; recargue e inténtelo de nuevo.",
    RATE_LIMITED: "Demasiadas solicitudes. Espere un momento e inténtelo de nuevo.",
    INTERNAL: "Algo salió mal por nuestra parte. Inténtelo de nuevo más tarde.",
    UPSTREAM_UNAVAILABLE: "Otro servicio del que dependemos no responde. Inténtelo de nuevo más tarde.",
    DOCUMENT_TOO_LARGE: document.DOCUMENT_TOO_LARGE,
    DOCUMENT_TOO_DEEP: document.DOCUMENT_TOO_DEEP,
    CONTEXT_MISSING: document.CONTEXT_MISSING,
    ...context,
    FIELD_MISSING: "Falta información obligatoria.",
    FIELD_INVALID: document.FIELD_INVALID,
    TYPE_MISSING: document.TYPE_MISSING,
    DATE_INVALID: "Una fecha no es válida.",
    URL_INVALID: "Una dirección web o un identificador no es válido.",
    ...proof,
    ...jwt,
    ...identity,
    KEY_CONTROLLER_MISMATCH: "El documento lo firmó alguien distinto de quien indica.",
    NOT_YET_VALID: "La credencial aún no es válida.",
    EXPIRED: "La credencial ha caducado.",
    STATUS_REVOKED: "El emisor revocó la credencial.",
    STATUS_SUSPENDED: "La credencial está suspendida.",
    STATUS_LIST_UNAVAILABLE: "No se pudo acceder a la lista de revocación.",
    ...status,
    ...schema,
    HOLDER_MISMATCH: "Una credencial pertenece a otra persona, no a quien la presenta.",
    CREDENTIAL_NOT_ENVELOPED:
      "Una credencial de esta presentación se envía como un token firmado suelto, que una presentación no puede llevar: la cartera digital debe envolverla como EnvelopedVerifiableCredential o enviar una presentación JWT de VC 1.1.",
    TRUST_UNKNOWN: "El emisor no es un miembro acreditado conocido de la red.",
    TRUST_SUSPENDED: "La red ha suspendido a este miembro.",
    TRUST_OUT_OF_SCOPE: "El miembro no está acreditado para esto.",
    TRUST_CHAIN_INVALID: "La cadena de declaraciones de acreditación está rota o no es auténtica.",
    TRUST_MARK_INVALID: "El sello de acreditación no es válido.",
    TRUST_MARK_REVOKED: "Se retiró el sello de acreditación.",
    TRUST_UNAVAILABLE: "No se pudo acceder al registro de miembros de la red. Inténtelo de nuevo más tarde.",
    ENTITY_STATEMENT_INVALID: "La inscripción en el registro de la red está dañada o no es auténtica.",
    GONE: "Esto ha caducado y ya no está disponible.",
    OFFER_EXPIRED: "Esta oferta de credencial ha caducado. Pida una nueva al centro.",
    GRANT_INVALID: "El código de esta oferta de credencial no es válido.",
    GRANT_USED: "Esta oferta de credencial ya se usó. Pida una nueva al centro.",
    TX_CODE_REQUIRED: "Introduzca el PIN que el centro le envió por separado.",
    TX_CODE_INVALID: "El PIN no es correcto.",
    TX_CODE_LOCKED: "Demasiados PIN incorrectos: esta oferta ahora está bloqueada. Pida una nueva al centro.",
    ACCESS_TOKEN_INVALID: "El token de acceso falta, ha caducado o no es válido.",
    NONCE_INVALID:
      "La respuesta de la cartera digital no se hizo para esta solicitud; puede ser antigua. Inténtelo de nuevo.",
    AUDIENCE_MISMATCH: "La respuesta de la cartera digital se hizo para otro servicio.",
    HOLDER_PROOF_INVALID:
      "La cartera digital no pudo demostrar que tiene la clave a la que se vinculará la credencial.",
    CREDENTIAL_CONFIGURATION_UNKNOWN: "Aquí no se ofrece este tipo de credencial.",
    PRESENTATION_REQUEST_EXPIRED: "Esta solicitud de credencial ha caducado. Pida una nueva.",
    PRESENTATION_REPLAYED: "Esta presentación ya se usó para otra solicitud y no se puede volver a aceptar.",
    QUERY_INVALID: "La solicitud de credenciales no es válida.",
    QUERY_UNSATISFIED: "Las credenciales compartidas no coinciden con lo que se pidió.",
    EXCHANGE_STATE_INVALID: "Este intercambio no puede dar ese paso ahora.",
    RESPONSE_ENCRYPTION_INVALID:
      "La respuesta de la cartera digital no está cifrada como pide esta solicitud, o no se pudo descifrar.",
    FEED_GAP: "Falta una parte del flujo del catálogo.",
    FEED_CHAIN_BROKEN: "El flujo del catálogo no continúa desde donde estaba; puede que lo hayan alterado.",
    FEED_BEHIND_RETENTION:
      "El flujo del catálogo ya no guarda cambios tan antiguos: descargue una instantánea nueva.",
    CHECKPOINT_INVALID: "El punto de control del catálogo no es válido o no es auténtico.",
    RECORD_SIGNATURE_INVALID: "Una ficha del catálogo no está firmada por su propietario.",
    RECORD_OWNER_UNTRUSTED: "Una ficha del catálogo procede de un centro que no es un miembro de confianza.",
    RECORD_EQUIVOCATION: "Un centro publicó dos versiones distintas de una misma ficha con el mismo número.",
    RECORD_STALE: "Ya existe una versión más reciente de esta ficha.",
    HTTP_SIGNATURE_INVALID: "La firma de la solicitud falta o no es válida.",
    FEED_OWNER_QUOTA:
      "Un flujo del catálogo daría a un centro más fichas de las que este nodo guarda por centro: se detuvo el flujo.",
  },
  verdict: {
    verified: "Verificada: se superaron todas las comprobaciones.",
    warnings: "Verificada, con advertencias: lea las notas marcadas con !.",
    failed: "No verificada: no confíe en esta credencial.",
  },
  label: {
    credential: "Credencial {{number}}",
    unknown: "desconocido",
  },
};
