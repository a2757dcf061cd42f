/** Swahili (Kiswahili). Same groups as the English source; "credential" is «cheti», a document «hati». */
import type { Messages } from "./en.ts";

const skip = {
  NOT_APPLICABLE: "Haihitajiki kwa hati hii.",
  NOT_CONFIGURED: "Ukaguzi huu haujawekwa kwenye mfumo huu wa uthibitishaji.",
  SKIPPED_AFTER_FAILURE: "Haukukaguliwa kwa sababu ukaguzi wa awali ulishindwa.",
};

const document = {
  MALFORMED_JSON: "Hiki si cheti kinachosomeka: faili imeharibika au iko katika muundo usio sahihi.",
  DOCUMENT_TOO_LARGE: "Hati ni kubwa mno kukaguliwa.",
  DOCUMENT_TOO_DEEP: "Hati ina ngazi nyingi mno za ndani kukaguliwa kwa usalama.",
  CONTEXT_MISSING: "Hati haisemi inafuata kiwango gani cha vyeti.",
  FIELD_INVALID: "Taarifa fulani katika hati ina thamani isiyoruhusiwa.",
  TYPE_MISSING: "Hati haisemi ni hati ya aina gani.",
};

const context = {
  CONTEXT_UNKNOWN: "Hati inatumia msamiati ambao mfumo huu wa uthibitishaji haujui.",
  TERM_UNDEFINED: "Hati inatumia neno ambalo halijafafanuliwa katika msamiati wake.",
};

const proof = {
  PROOF_MISSING: "Hati haina sahihi ya kidijitali, kwa hiyo chanzo chake hakiwezi kuthibitishwa.",
  PROOF_MALFORMED: "Sahihi ya kidijitali imeharibika au haijakamilika.",
  PROOF_UNSUPPORTED: "Hati imetiwa sahihi kwa njia ambayo mfumo huu hauiungi mkono.",
  PROOF_INVALID: "Sahihi ya kidijitali hailingani: hati ilibadilishwa baada ya kutiwa sahihi, au si halisi.",
  PROOF_PURPOSE_MISMATCH: "Sahihi ilitolewa kwa madhumuni mengine na haiwezi kukubaliwa hapa.",
  PROOF_CHALLENGE_MISMATCH: "Sahihi haikutolewa kwa ombi hili; huenda ni nakala ya sahihi ya awali.",
  PROOF_DOMAIN_MISMATCH: "Sahihi ilitolewa kwa tovuti au huduma nyingine.",
  PROOF_EXPIRED: "Muda wa sahihi ya kidijitali umekwisha.",
  PROOF_CREATED_IN_FUTURE: "Sahihi ina tarehe ya siku zijazo; huenda saa ya aliyetia sahihi imekosewa.",
};

const jwt = {
  JWT_MALFORMED: "Data iliyotiwa sahihi imeharibika au haijakamilika.",
  JWT_ALG_UNSUPPORTED: "Hati imetiwa sahihi kwa mbinu ambayo mfumo huu haukubali.",
  JWT_TYP_INVALID: "Data iliyotiwa sahihi imewekewa aina isiyo sahihi ya hati.",
};

const identity = {
  DID_INVALID: "Kitambulisho cha aliyetia sahihi si halali.",
  DID_METHOD_UNSUPPORTED: "Aliyetia sahihi anatumia aina ya kitambulisho ambayo mfumo huu hauiungi mkono.",
  DID_NOT_FOUND: "Utambulisho wa aliyetia sahihi haukupatikana kwenye anwani anayoitaja.",
  DID_RESOLUTION_FAILED:
    "Utambulisho wa aliyetia sahihi haukuweza kuangaliwa kwa sasa. Tafadhali jaribu tena baadaye.",
  DID_NETWORK_BLOCKED:
    "Utambulisho wa aliyetia sahihi haukuweza kuangaliwa: matumizi ya mtandao hayaruhusiwi hapa.",
  KEY_NOT_FOUND: "Ufunguo uliotumika kutia sahihi haumo kwenye orodha ya aliyetia sahihi.",
  KEY_UNSUPPORTED: "Ufunguo wa sahihi ni wa aina ambayo mfumo huu hauiungi mkono.",
  KEY_NOT_AUTHORIZED: "Aliyetia sahihi hajaidhinisha ufunguo huu kwa matumizi haya.",
};

const status = {
  STATUS_ENTRY_INVALID: "Taarifa za ubatilishaji za cheti si halali.",
  STATUS_LIST_INVALID: "Orodha ya ubatilishaji ya mtoaji si halali au si halisi.",
  STATUS_LIST_FULL: "Orodha ya ubatilishaji ya mtoaji imejaa.",
};

const schema = {
  SCHEMA_INVALID: "Cheti hakifuati muundo rasmi kinachodai kufuata.",
  SCHEMA_UNKNOWN: "Cheti kinataja muundo ambao mfumo huu haujui, kwa hiyo hakikukaguliwa kwa muundo huo.",
};

export const sw: Messages = {
  check: {
    structure: {
      title: "Taarifa zinazohitajika",
      ...skip,
      OK: "Hati ina taarifa zote zinazohitajika.",
      ...document,
      FIELD_MISSING: "Taarifa inayohitajika haipo: {{field}}.",
      DATE_INVALID: "Tarehe si halali: {{field}}.",
      URL_INVALID: "Anwani ya tovuti au kitambulisho si halali: {{field}}.",
      CREDENTIAL_NOT_ENVELOPED:
        "Cheti kimoja kimetumwa kwa namna ambayo uwasilishaji hauwezi kubeba (tokeni iliyotiwa sahihi bila kifuniko); pochi lazima ikifunge. Mwombe mwanafunzi akishiriki tena kutoka kwa pochi iliyosasishwa.",
    },
    context: {
      title: "Msamiati",
      ...skip,
      OK: "Kila neno katika hati limefafanuliwa wazi.",
      CONTEXT_MISSING: document.CONTEXT_MISSING,
      ...context,
    },
    proof: {
      title: "Sahihi",
      ...skip,
      OK: "Sahihi ya kidijitali ni halali: hakuna kilichobadilishwa baada ya kutiwa sahihi.",
      ...proof,
      ...jwt,
    },
    issuer: {
      title: "Utambulisho wa mtoaji",
      ...skip,
      OK: "Imetiwa sahihi na mtoaji anayetajwa: {{issuer}}.",
      ...identity,
      KEY_CONTROLLER_MISMATCH: "Ilitiwa sahihi na mtu mwingine, si mtoaji anayetajwa.",
    },
    validity: {
      title: "Muda wa uhalali",
      ...skip,
      OK: "Ni halali hadi tarehe {{validUntil}}.",
      OK_open: "Ni halali, bila tarehe ya mwisho.",
      NOT_YET_VALID: "Bado si halali: kitakuwa halali kuanzia tarehe {{validFrom}}.",
      EXPIRED: "Muda wa cheti ulikwisha tarehe {{validUntil}}.",
    },
    status: {
      title: "Hali ya ubatilishaji",
      ...skip,
      OK: "Mtoaji hajakifuta wala hajakisimamisha cheti hiki.",
      NOT_APPLICABLE: "Mtoaji hachapishi orodha ya ubatilishaji kwa cheti hiki.",
      STATUS_REVOKED: "Cheti kimefutwa na mtoaji wake kwenye orodha {{listUrl}}.",
      STATUS_SUSPENDED: "Mtoaji amesimamisha cheti kwa sasa (orodha {{listUrl}}).",
      STATUS_LIST_UNAVAILABLE:
        "Orodha ya ubatilishaji ya mtoaji ({{listUrl}}) haikupatikana, kwa hiyo haikuwezekana kukagua kama cheti kimefutwa.",
      ...status,
    },
    schema: {
      title: "Muundo rasmi",
      ...skip,
      OK: "Cheti kinafuata muundo wake rasmi.",
      NOT_APPLICABLE: "Cheti hakitaji muundo rasmi wa kukaguliwa.",
      ...schema,
    },
    trust: {
      title: "Uanachama wa mtandao",
      ...skip,
      OK: "Imeidhinishwa na {{anchor}} kupitia {{via}} kutoa vyeti vidogo hadi ngazi ya {{maxLevel}} ya EQF katika nyanja {{fields}} (mamlaka {{jurisdiction}}).",
      OK_direct:
        "Imeidhinishwa na {{anchor}} kutoa vyeti vidogo hadi ngazi ya {{maxLevel}} ya EQF katika nyanja {{fields}} (mamlaka {{jurisdiction}}).",
      TRUST_OUT_OF_SCOPE_level:
        "Mtoaji ameidhinishwa na {{anchor}} kwa vyeti vidogo hadi ngazi ya {{maxLevel}} ya EQF pekee; cheti hiki ni cha ngazi ya {{level}}.",
      TRUST_OUT_OF_SCOPE_field:
        "Mtoaji ameidhinishwa na {{anchor}} kwa nyanja {{fields}} pekee; nyanja ya cheti hiki ni {{field}}.",
      NOT_CONFIGURED:
        "Hakuna orodha ya watoaji wanaoaminika iliyowekwa hapa, kwa hiyo uidhinishaji haukukaguliwa.",
      TRUST_UNKNOWN:
        "Mtoaji si mwanachama aliyeidhinishwa anayejulikana wa mtandao. Mthibitishe mtoaji wewe mwenyewe.",
      TRUST_SUSPENDED: "{{authority}} imesimamisha uanachama wa mtoaji huyu katika mtandao.",
      TRUST_OUT_OF_SCOPE: "Mtoaji ni mwanachama wa mtandao, lakini hajaidhinishwa kutoa cheti hiki.",
      TRUST_CHAIN_INVALID:
        "Uidhinishaji wa mtoaji haukuweza kuthibitishwa: mfululizo wa taarifa zake zilizotiwa sahihi umekatika.",
      TRUST_MARK_INVALID: "Alama ya uidhinishaji ya mtoaji si halali.",
      TRUST_MARK_REVOKED: "{{authority}} imeondoa uidhinishaji wa mtoaji.",
      TRUST_UNAVAILABLE:
        "Rejista ya wanachama wa mtandao haikupatikana, kwa hiyo uidhinishaji haukuweza kukaguliwa.",
      ENTITY_STATEMENT_INVALID: "Taarifa za mtoaji katika rejista ya mtandao zimeharibika au si halisi.",
    },
    presentation: {
      title: "Mmiliki",
      ...skip,
      OK: "Anayewasilisha ndiye mmiliki na ametia sahihi uwasilishaji.",
      HOLDER_MISMATCH: "Cheti kimoja ni cha mtu mwingine, si cha anayekiwasilisha.",
      KEY_CONTROLLER_MISMATCH: "Uwasilishaji ulitiwa sahihi na mtu mwingine, si mmiliki anayetajwa.",
      ...proof,
      ...identity,
    },
  },
  error: {
    BAD_REQUEST: "Ombi si halali.",
    MALFORMED_JSON: "Data si JSON halali.",
    UNSUPPORTED_MEDIA_TYPE: "Aina hii ya maudhui haikubaliwi.",
    PAYLOAD_TOO_LARGE: "Ombi ni kubwa mno.",
    UNAUTHORIZED: "Tafadhali ingia kwanza.",
    FORBIDDEN: "Huruhusiwi kufanya hivi.",
    NOT_FOUND: "Haikupatikana.",
    CONFLICT: "Hili linakinzana na hali ya sasa; pakia upya kisha ujaribu tena.",
    RATE_LIMITED: "Maombi ni mengi mno. Tafadhali subiri kidogo kisha ujaribu tena.",
    INTERNAL: "Hitilafu imetokea upande wetu. Tafadhali jaribu tena baadaye.",
    UPSTREAM_UNAVAILABLE: "Huduma nyingine tunayoitegemea haijibu. Tafadhali jaribu tena baadaye.",
    DOCUMENT_TOO_LARGE: document.DOCUMENT_TOO_LARGE,
    DOCUMENT_TOO_DEEP: document.DOCUMENT_TOO_DEEP,
    CONTEXT_MISSING: document.CONTEXT_MISSING,
    ...context,
    FIELD_MISSING: "Taarifa inayohitajika haipo.",
    FIELD_INVALID: document.FIELD_INVALID,
    TYPE_MISSING: document.TYPE_MISSING,
    DATE_INVALID: "Tarehe si halali.",
    URL_INVALID: "Anwani ya tovuti au kitambulisho si halali.",
    ...proof,
    ...jwt,
    ...identity,
    KEY_CONTROLLER_MISMATCH: "Hati ilitiwa sahihi na mtu mwingine, si yule anayetajwa.",
    NOT_YET_VALID: "Cheti bado si halali.",
    EXPIRED: "Muda wa cheti umekwisha.",
    STATUS_REVOKED: "Cheti kimefutwa na mtoaji wake.",
    STATUS_SUSPENDED: "Cheti kimesimamishwa.",
    STATUS_LIST_UNAVAILABLE: "Orodha ya ubatilishaji haikupatikana.",
    ...status,
    ...schema,
    HOLDER_MISMATCH: "Cheti kimoja ni cha mtu mwingine, si cha anayekiwasilisha.",
    CREDENTIAL_NOT_ENVELOPED:
      "Cheti kimoja katika uwasilishaji huu kimetumwa kama tokeni iliyotiwa sahihi bila kifuniko, jambo ambalo uwasilishaji hauwezi kubeba: pochi ya kidijitali lazima ikifunge kama EnvelopedVerifiableCredential, au itume uwasilishaji wa JWT wa VC 1.1.",
    TRUST_UNKNOWN: "Mtoaji si mwanachama aliyeidhinishwa anayejulikana wa mtandao.",
    TRUST_SUSPENDED: "Mtandao umemsimamisha mwanachama huyu.",
    TRUST_OUT_OF_SCOPE: "Mwanachama hajaidhinishwa kwa jambo hili.",
    TRUST_CHAIN_INVALID: "Mfululizo wa taarifa za uidhinishaji umekatika au si halisi.",
    TRUST_MARK_INVALID: "Alama ya uidhinishaji si halali.",
    TRUST_MARK_REVOKED: "Alama ya uidhinishaji imeondolewa.",
    TRUST_UNAVAILABLE: "Rejista ya wanachama wa mtandao haikupatikana. Tafadhali jaribu tena baadaye.",
    ENTITY_STATEMENT_INVALID: "Taarifa katika rejista ya mtandao zimeharibika au si halisi.",
    GONE: "Muda wake umekwisha na haipatikani tena.",
    OFFER_EXPIRED:
      "Muda wa mwaliko huu wa kupokea cheti umekwisha. Tafadhali omba mwaliko mpya kutoka kituoni.",
    GRANT_INVALID: "Msimbo wa mwaliko huu wa kupokea cheti si halali.",
    GRANT_USED: "Mwaliko huu wa kupokea cheti umeshatumika. Tafadhali omba mwaliko mpya kutoka kituoni.",
    TX_CODE_REQUIRED: "Tafadhali ingiza PIN ambayo kituo kilikutumia kando.",
    TX_CODE_INVALID: "PIN si sahihi.",
    TX_CODE_LOCKED:
      "PIN zisizo sahihi zimeingizwa mara nyingi mno: mwaliko huu sasa umefungwa. Tafadhali omba mwaliko mpya kutoka kituoni.",
    ACCESS_TOKEN_INVALID: "Tokeni ya ufikiaji haipo, muda wake umekwisha au si halali.",
    NONCE_INVALID:
      "Jibu la pochi ya kidijitali halikutolewa kwa ombi hili; huenda ni la zamani. Tafadhali jaribu tena.",
    AUDIENCE_MISMATCH: "Jibu la pochi ya kidijitali lilitolewa kwa huduma nyingine.",
    HOLDER_PROOF_INVALID:
      "Pochi ya kidijitali haikuweza kuthibitisha kuwa ina ufunguo ambao cheti kitaunganishwa nao.",
    CREDENTIAL_CONFIGURATION_UNKNOWN: "Aina hii ya cheti haitolewi hapa.",
    PRESENTATION_REQUEST_EXPIRED: "Muda wa ombi hili la cheti umekwisha. Tafadhali omba jipya.",
    PRESENTATION_REPLAYED: "Uwasilishaji huu ulishatumika kwa ombi jingine na hauwezi kukubaliwa tena.",
    QUERY_INVALID: "Ombi la vyeti si halali.",
    QUERY_UNSATISFIED: "Vyeti vilivyoshirikiwa havilingani na vilivyoombwa.",
    EXCHANGE_STATE_INVALID: "Ubadilishanaji huu hauwezi kuchukua hatua hiyo kwa sasa.",
    RESPONSE_ENCRYPTION_INVALID:
      "Jibu la pochi ya kidijitali halikusimbwa kwa njia inayotakiwa na ombi hili, au halikuweza kufunguliwa.",
    FEED_GAP: "Sehemu ya mtiririko wa masasisho ya katalogi haipo.",
    FEED_CHAIN_BROKEN:
      "Mtiririko wa masasisho ya katalogi hauendelei kutoka ulipokuwa; huenda umebadilishwa.",
    FEED_BEHIND_RETENTION:
      "Mtiririko wa masasisho ya katalogi hauhifadhi tena mabadiliko ya zamani hivyo: pakua nakala kamili mpya.",
    CHECKPOINT_INVALID: "Alama ya ukaguzi ya katalogi si halali au si halisi.",
    RECORD_SIGNATURE_INVALID: "Rekodi moja ya katalogi haijatiwa sahihi na mmiliki wake.",
    RECORD_OWNER_UNTRUSTED: "Rekodi moja ya katalogi inatoka kwa kituo ambacho si mwanachama anayeaminika.",
    RECORD_EQUIVOCATION:
      "Kituo kimoja kilichapisha matoleo mawili tofauti ya rekodi moja chini ya namba ileile.",
    RECORD_STALE: "Toleo jipya zaidi la rekodi hii tayari lipo.",
    HTTP_SIGNATURE_INVALID: "Sahihi ya ombi haipo au si halali.",
    FEED_OWNER_QUOTA:
      "Mtiririko wa katalogi ungempa kituo kimoja rekodi nyingi kuliko kikomo ambacho nodi hii huhifadhi kwa kila kituo: mtiririko umesimamishwa.",
  },
  verdict: {
    verified: "Kimethibitishwa: ukaguzi wote umefaulu.",
    warnings: "Kimethibitishwa, pamoja na tahadhari: tafadhali soma maelezo yenye alama !.",
    failed: "Hakijathibitishwa: usikitegemee cheti hiki.",
  },
  label: {
    credential: "Cheti {{number}}",
    unknown: "haijulikani",
  },
};
