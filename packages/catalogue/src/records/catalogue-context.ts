/**
 * The JSON-LD context of catalogue records, bundled so that nothing is ever fetched. Signing and verifying
 * with eddsa-jcs-2022 runs the document through JSON-LD safe mode, which refuses terms no context defines;
 * the VC context defines none of a course's, so records name this one (and the Data Integrity context for
 * their proof). Terms map onto schema.org `Course` where it has one, ActivityStreams for tombstones, and
 * Learnbridge's own vocabulary otherwise.
 */
import { CONTEXT_URLS, createDocumentLoader, type DocumentLoader } from "@learnbridge/credentials";

/** The URL records name; it is served from the bundle, never from the network. */
export const CATALOGUE_CONTEXT_URL = "https://w3id.org/learnbridge/catalogue/v1";

/** The `@context` of every record and tombstone, in this order. */
export const CATALOGUE_RECORD_CONTEXT: readonly string[] = [
  CATALOGUE_CONTEXT_URL,
  CONTEXT_URLS.DATA_INTEGRITY_V2,
];

const AS = "https://www.w3.org/ns/activitystreams#";

/** The context document itself. */
export const CATALOGUE_CONTEXT = {
  "@context": {
    "@protected": true,
    schema: "https://schema.org/",
    lb: "https://w3id.org/learnbridge/vocab#",
    xsd: "http://www.w3.org/2001/XMLSchema#",
    Course: "schema:Course",
    Tombstone: `${AS}Tombstone`,
    formerType: { "@id": `${AS}formerType`, "@type": "@vocab" },
    deleted: { "@id": `${AS}deleted`, "@type": "xsd:dateTime" },
    owner: { "@id": "lb:owner", "@type": "@id" },
    version: { "@id": "schema:version", "@type": "xsd:integer" },
    title: { "@id": "schema:name", "@container": "@language" },
    description: { "@id": "schema:description", "@container": "@language" },
    level: { "@id": "lb:level" },
    framework: { "@id": "lb:framework" },
    credits: { "@id": "lb:credits" },
    system: { "@id": "lb:creditSystem" },
    value: { "@id": "schema:value" },
    language: { "@id": "schema:inLanguage", "@container": "@set" },
    mode: { "@id": "schema:courseMode" },
    audience: { "@id": "lb:audience", "@container": "@set" },
    country: { "@id": "lb:country" },
    updated: { "@id": "schema:dateModified", "@type": "xsd:dateTime" },
  },
} as const;

/** The bundled contexts plus the catalogue's: what record signing and verification load from. */
export const catalogueDocumentLoader: DocumentLoader = createDocumentLoader({
  extra: { [CATALOGUE_CONTEXT_URL]: CATALOGUE_CONTEXT },
});
