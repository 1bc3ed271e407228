import type { Lang } from '../../platform/i18n/index.js';

/**
 * The privacy statement shown with the application form; the applicant's consent records this
 * version. A new text gets a new version: a form opened with the old one is refused (the parent
 * must see what they agree to). An organisation-specific statement is a later setting.
 */
export const PRIVACY_STATEMENT_VERSION = '2025-1';

const TEXT: Record<Lang, string> = {
  nl: [
    'Wat doen wij met uw gegevens?',
    '',
    '{org} gebruikt de gegevens uit dit formulier alleen om u te helpen: om contact met u op te nemen, een gesprek met u te voeren en een vrijwilliger voor u te zoeken.',
    'Wij vragen niet naar het burgerservicenummer (BSN) van u of uw kinderen. Vul dat nergens in.',
    'Alleen medewerkers die u helpen kunnen uw gegevens zien. Wij houden bij wie uw gegevens bekijkt.',
    'Wij delen niets met anderen zonder uw toestemming. Heeft iemand u verwezen en bent u daarmee akkoord? Dan horen zij alleen dát uw aanmelding binnen is, niet wat u ons vertelt.',
    'Wij bewaren uw gegevens niet langer dan nodig. U mag altijd vragen welke gegevens wij van u hebben, en vragen om ze te verbeteren of te verwijderen. Wij antwoorden binnen een maand.',
    'U kunt uw toestemming altijd intrekken.',
  ].join('\n'),
  en: [
    'What do we do with your data?',
    '',
    '{org} uses the data in this form only to help you: to contact you, to talk with you and to find a volunteer for you.',
    'We do not ask for the citizen service number (BSN) of you or your children. Do not enter it anywhere.',
    'Only staff who help you can see your data. We keep track of who looks at your data.',
    'We share nothing with others without your consent. Did someone refer you and do you agree? Then they only hear that your application arrived, not what you tell us.',
    'We keep your data no longer than needed. You may always ask which data we hold about you, and ask us to correct or delete it. We answer within one month.',
    'You can withdraw your consent at any time.',
  ].join('\n'),
};

export function privacyStatement(lang: Lang, organisationName: string): { version: string; text: string } {
  return { version: PRIVACY_STATEMENT_VERSION, text: TEXT[lang].replaceAll('{org}', organisationName) };
}
