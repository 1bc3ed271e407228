/** Server-side messages (problem titles/details, field errors, mail). Dutch first, English available. */
export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

type Params = Record<string, string | number>;
type Catalog = Record<string, string>;

const nl: Catalog = {
  'problem.validation.title': 'Niet alle gegevens zijn goed ingevuld',
  'problem.validation.detail': 'Controleer de velden hieronder en probeer het opnieuw.',
  'problem.malformed_json.title': 'De gegevens konden niet worden gelezen',
  'problem.malformed_json.detail': 'Het verzoek bevat geen geldige JSON.',
  'problem.invalid_encoding.title': 'De gegevens konden niet worden gelezen',
  'problem.invalid_encoding.detail': 'Het verzoek bevat tekens die geen geldige UTF-8 zijn.',
  'problem.payload_too_large.title': 'Het verzoek is te groot',
  'problem.payload_too_large.detail': 'Stuur minder gegevens tegelijk (maximaal {limit}).',
  'problem.unsupported_media_type.title': 'Dit soort gegevens wordt niet ondersteund',
  'problem.unsupported_media_type.detail': 'Stuur de gegevens als application/json.',
  'problem.not_found.title': 'Niet gevonden',
  'problem.not_found.detail': 'Wat u zoekt bestaat niet, of u heeft er geen toegang toe.',
  'problem.method_not_allowed.title': 'Dit kan hier niet',
  'problem.unauthenticated.title': 'U bent niet ingelogd',
  'problem.unauthenticated.detail': 'Log in om verder te gaan. Misschien was u te lang niet actief.',
  'problem.mfa_required.title': 'Tweestapsverificatie nodig',
  'problem.mfa_required.detail': 'Rond eerst de tweestapsverificatie af.',
  'problem.csrf.title': 'Verzoek geweigerd',
  'problem.csrf.detail': 'De beveiligingscode van dit verzoek ontbreekt of klopt niet. Laad de pagina opnieuw.',
  'problem.forbidden.title': 'Geen toegang',
  'problem.forbidden.detail': 'U heeft geen toestemming voor deze handeling.',
  'problem.conflict.title': 'Dit botst met bestaande gegevens',
  'problem.conflict.detail': 'Deze gegevens bestaan al of zijn intussen gewijzigd.',
  'problem.rate_limited.title': 'Te veel pogingen',
  'problem.rate_limited.detail': 'Wacht {seconds} seconden en probeer het dan opnieuw.',
  'problem.invalid_credentials.title': 'Inloggen mislukt',
  'problem.invalid_credentials.detail': 'Het e-mailadres of wachtwoord klopt niet.',
  'problem.invalid_code.title': 'Code klopt niet',
  'problem.invalid_code.detail': 'De code is onjuist of verlopen. Probeer het opnieuw.',
  'problem.token_invalid.title': 'Deze link werkt niet meer',
  'problem.token_invalid.detail': 'De link is al gebruikt of verlopen. Vraag een nieuwe aan.',
  'problem.weak_password.title': 'Kies een ander wachtwoord',
  'problem.service_unavailable.title': 'Naast is even niet bereikbaar',
  'problem.service_unavailable.detail': 'Probeer het over een paar minuten opnieuw. Er is niets opgeslagen.',
  'problem.internal.title': 'Er ging iets mis',
  'problem.internal.detail': 'Er is een fout opgetreden. Er is niets opgeslagen. Noem deze code als u contact opneemt: {requestId}.',
  'field.required': 'Dit veld is verplicht.',
  'field.invalid_type': 'Dit veld heeft een verkeerd soort waarde (verwacht: {expected}).',
  'field.too_small.string': 'Vul minimaal {minimum} tekens in.',
  'field.too_big.string': 'Vul maximaal {maximum} tekens in.',
  'field.too_small.number': 'De waarde moet minimaal {minimum} zijn.',
  'field.too_big.number': 'De waarde mag maximaal {maximum} zijn.',
  'field.too_small.array': 'Kies minimaal {minimum}.',
  'field.too_big.array': 'Kies maximaal {maximum}.',
  'field.invalid_format.email': 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
  'field.invalid_format.uuid': 'Dit is geen geldige code.',
  'field.invalid_format': 'Deze waarde heeft niet de juiste vorm.',
  'field.invalid_value': 'Kies een van de mogelijke waarden.',
  'field.unrecognized_keys': 'Onbekend veld: {keys}.',
  'field.nul_byte': 'Deze tekst bevat een ongeldig teken (NUL).',
  'field.too_deep': 'De gegevens zijn te diep genest (maximaal {maximum} niveaus).',
  'field.invalid_unicode': 'Deze tekst bevat een ongeldig teken.',
  'field.invalid_cursor': 'Deze vervolgcode klopt niet. Begin opnieuw bij de eerste pagina.',
  'field.invalid': 'Deze waarde is ongeldig.',
  'password.too_short': 'Gebruik minimaal 12 tekens.',
  'password.too_long': 'Gebruik maximaal 256 tekens.',
  'password.common': 'Dit wachtwoord is te bekend en makkelijk te raden. Kies een ander.',
  'password.contains_email': 'Gebruik niet uw e-mailadres in uw wachtwoord.',
};

const en: Catalog = {
  'problem.validation.title': 'Some of the data is not valid',
  'problem.validation.detail': 'Check the fields below and try again.',
  'problem.malformed_json.title': 'The data could not be read',
  'problem.malformed_json.detail': 'The request does not contain valid JSON.',
  'problem.invalid_encoding.title': 'The data could not be read',
  'problem.invalid_encoding.detail': 'The request contains bytes that are not valid UTF-8.',
  'problem.payload_too_large.title': 'The request is too large',
  'problem.payload_too_large.detail': 'Send less data at once (at most {limit}).',
  'problem.unsupported_media_type.title': 'This type of data is not supported',
  'problem.unsupported_media_type.detail': 'Send the data as application/json.',
  'problem.not_found.title': 'Not found',
  'problem.not_found.detail': 'What you are looking for does not exist, or you have no access to it.',
  'problem.method_not_allowed.title': 'Not possible here',
  'problem.unauthenticated.title': 'You are not signed in',
  'problem.unauthenticated.detail': 'Sign in to continue. You may have been inactive for too long.',
  'problem.mfa_required.title': 'Two-step verification needed',
  'problem.mfa_required.detail': 'Complete two-step verification first.',
  'problem.csrf.title': 'Request refused',
  'problem.csrf.detail': 'The security code of this request is missing or wrong. Reload the page.',
  'problem.forbidden.title': 'No access',
  'problem.forbidden.detail': 'You are not allowed to do this.',
  'problem.conflict.title': 'This conflicts with existing data',
  'problem.conflict.detail': 'This data already exists or was changed in the meantime.',
  'problem.rate_limited.title': 'Too many attempts',
  'problem.rate_limited.detail': 'Wait {seconds} seconds and try again.',
  'problem.invalid_credentials.title': 'Sign-in failed',
  'problem.invalid_credentials.detail': 'The email address or password is not correct.',
  'problem.invalid_code.title': 'Code not correct',
  'problem.invalid_code.detail': 'The code is wrong or has expired. Try again.',
  'problem.token_invalid.title': 'This link no longer works',
  'problem.token_invalid.detail': 'The link was already used or has expired. Ask for a new one.',
  'problem.weak_password.title': 'Choose another password',
  'problem.service_unavailable.title': 'Naast is unavailable for a moment',
  'problem.service_unavailable.detail': 'Try again in a few minutes. Nothing was saved.',
  'problem.internal.title': 'Something went wrong',
  'problem.internal.detail': 'An error occurred. Nothing was saved. Mention this code if you contact us: {requestId}.',
  'field.required': 'This field is required.',
  'field.invalid_type': 'This field has the wrong kind of value (expected: {expected}).',
  'field.too_small.string': 'Enter at least {minimum} characters.',
  'field.too_big.string': 'Enter at most {maximum} characters.',
  'field.too_small.number': 'The value must be at least {minimum}.',
  'field.too_big.number': 'The value must be at most {maximum}.',
  'field.too_small.array': 'Choose at least {minimum}.',
  'field.too_big.array': 'Choose at most {maximum}.',
  'field.invalid_format.email': 'Enter a valid email address, like name@example.org.',
  'field.invalid_format.uuid': 'This is not a valid code.',
  'field.invalid_format': 'This value does not have the right form.',
  'field.invalid_value': 'Choose one of the possible values.',
  'field.unrecognized_keys': 'Unknown field: {keys}.',
  'field.nul_byte': 'This text contains an invalid character (NUL).',
  'field.too_deep': 'The data is nested too deeply (at most {maximum} levels).',
  'field.invalid_unicode': 'This text contains an invalid character.',
  'field.invalid_cursor': 'This page code is not valid. Start again at the first page.',
  'field.invalid': 'This value is not valid.',
  'password.too_short': 'Use at least 12 characters.',
  'password.too_long': 'Use at most 256 characters.',
  'password.common': 'This password is too common and easy to guess. Choose another one.',
  'password.contains_email': 'Do not use your email address in your password.',
};

const catalogs: Record<Lang, Catalog> = { nl, en };

/** Modules add their own server-side messages at import time. */
/** A module's messages. The same key with another text is a mistake (one module silently rewording another's error): refused at start-up. */
export function addMessages(lang: Lang, messages: Catalog) {
  for (const [key, text] of Object.entries(messages)) {
    const existing = catalogs[lang][key];
    if (existing !== undefined && existing !== text) throw new Error(`message "${key}" (${lang}) is defined twice with different texts`);
  }
  Object.assign(catalogs[lang], messages);
}

export function t(lang: Lang, key: string, params: Params = {}): string {
  const template = catalogs[lang][key] ?? catalogs.nl[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export function hasMessage(key: string): boolean {
  return key in nl;
}

/** Picks nl or en from an Accept-Language header; Dutch unless English is preferred. */
export function pickLang(acceptLanguage: string | undefined, fallback: Lang = 'nl'): Lang {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return fallback;
}
