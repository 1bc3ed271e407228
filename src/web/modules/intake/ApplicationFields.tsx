import { useTranslation } from 'react-i18next';
import { INSTITUTION_KINDS, MAX_CHILDREN, MAX_INSTITUTIONS, MAX_PEOPLE, MEASURES } from '../../../shared/intake.js';
import type { Form } from '../../ui/form.js';
import { SelectField, TextAreaField, TextField } from '../../ui/form.js';
import { Button, Heading2, Paragraph } from '../../ui/nlds.js';
import { CheckboxField, DateField, RadioField } from '../../ui/fields.js';
import { addRow, int, key, removeRow, rowsOf, text, type Flat } from './nested.js';
import './intake.css';

/** The languages the forms offer (ISO 639-1); the API takes any two-letter code. */
export const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'ti', 'so', 'uk', 'fr', 'de', 'es'] as const;
const POST_SAFE = ['yes', 'no', 'unsure'] as const;

const PERSON = { relation: 'parent', firstName: '', lastName: '', phone: '', email: '', safeContactNote: '', postSafe: undefined };
const CHILD = { firstName: '', birthYear: '', measure: undefined };
const INSTITUTION = { kind: 'gi', name: '' };

/** Empty form values of the family part: one parent, one child, no institutions. */
export function emptyFamily(): Flat {
  let v: Flat = { municipalityCode: undefined, postcode: '', conflictSummary: '', hearingDate: '', urgencyNote: '', preferredLanguage: 'nl', consent: false };
  v = addRow(v, 'people', PERSON);
  v = addRow(v, 'children', CHILD);
  return { ...v, [key('institutions', 'count')]: '0' };
}

type Translate = (k: string, o?: Record<string, unknown>) => string;

/**
 * The note about safe contact the staff read: "when not to call" as typed, and whether post to the
 * home is safe. Always in Dutch, the organisation's working language, whatever language the form was in.
 */
function safeContactNote(t: Translate, note: string | undefined, postSafe: unknown): string | undefined {
  const post = POST_SAFE.includes(postSafe as (typeof POST_SAFE)[number])
    ? `${t('applicationForm.about.postSafe', { lng: 'nl' })} ${t(`applicationForm.about.postSafe${postSafe === 'yes' ? 'Yes' : postSafe === 'no' ? 'No' : 'Unsure'}`, { lng: 'nl' })}.`
    : undefined;
  const parts = [note, post].filter(Boolean);
  return parts.length ? parts.join('\n') : undefined;
}

/** The family part of a request body (people, children, place, institutions, situation, consent) from the flat form. */
export function familyBody(t: Translate, v: Flat) {
  return {
    people: Array.from({ length: rowsOf(v, 'people') }, (_, i) => ({
      relation: v[key('people', i, 'relation')],
      firstName: text(v[key('people', i, 'firstName')]) ?? '',
      lastName: text(v[key('people', i, 'lastName')]) ?? '',
      phone: text(v[key('people', i, 'phone')]),
      email: text(v[key('people', i, 'email')]),
      safeContactNote: safeContactNote(t, text(v[key('people', i, 'safeContactNote')]), v[key('people', i, 'postSafe')]),
    })),
    children: Array.from({ length: rowsOf(v, 'children') }, (_, i) => ({
      firstName: text(v[key('children', i, 'firstName')]) ?? '',
      birthYear: int(v[key('children', i, 'birthYear')]),
      measure: v[key('children', i, 'measure')],
    })),
    municipalityCode: v.municipalityCode,
    postcode: text(v.postcode),
    institutions: Array.from({ length: rowsOf(v, 'institutions') }, (_, i) => ({
      kind: v[key('institutions', i, 'kind')],
      name: text(v[key('institutions', i, 'name')]) ?? '',
    })),
    conflictSummary: text(v.conflictSummary) ?? '',
    hearingDate: text(v.hearingDate),
    urgencyNote: text(v.hearingDate) ? text(v.urgencyNote) : undefined,
    preferredLanguage: v.preferredLanguage,
    consent: v.consent === true,
  };
}

/** Focus a field after its row appeared, or a button after a row went away (keyboard users stay in place). */
function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** Add/remove rows of a list; the message after a removal is announced in the list's live region. */
function useRows(form: Form<Flat>, list: string, blank: Flat, firstField: string) {
  const count = rowsOf(form.values, list);
  const add = () => {
    form.reset(addRow(form.values, list, blank));
    focusLater(form.fieldId(key(list, count, firstField)));
  };
  const remove = (i: number) => {
    form.reset(removeRow(form.values, list, i));
    focusLater(`${form.id}-${list}-add`);
  };
  return { count, add, remove };
}

function Optional() {
  const { t } = useTranslation();
  return <>{optional(t)}</>;
}
const optional = (t: Translate) => ` ${t('publicForm.optional')}`;

export function PeopleFields({ form, staff }: { form: Form<Flat>; staff?: boolean }) {
  const { t } = useTranslation();
  const opt = optional(t);
  const { count, add, remove } = useRows(form, 'people', PERSON, 'firstName');
  const n = (i: number) => (count > 1 ? ` (${i + 1})` : '');
  return (
    <section className="naast-section" aria-labelledby={`${form.id}-h-people`}>
      <Heading2 id={`${form.id}-h-people`}>{t(staff ? 'applicationForm.about.staffTitle' : 'applicationForm.about.title')}</Heading2>
      <Paragraph>{t(staff ? 'applicationForm.about.staffIntro' : 'applicationForm.about.intro')}</Paragraph>
      {Array.from({ length: count }, (_, i) => (
        <fieldset key={i} className="naast-fieldset naast-row">
          <legend>{t('applicationForm.about.person', { n: i + 1 })}</legend>
          <RadioField
            form={form}
            name={key('people', i, 'relation')}
            label={t(staff ? 'applicationForm.about.staffRelation' : 'applicationForm.about.relation') + n(i)}
            options={(['parent', 'carer'] as const).map((r) => ({ value: r, label: t(`applicationForm.relation.${r}`) }))}
          />
          <TextField form={form} name={key('people', i, 'firstName')} label={t('applicationForm.about.firstName') + n(i)} autoComplete={i === 0 && !staff ? 'given-name' : 'off'} maxLength={80} />
          <TextField form={form} name={key('people', i, 'lastName')} label={t('applicationForm.about.lastName') + n(i)} autoComplete={i === 0 && !staff ? 'family-name' : 'off'} maxLength={120} />
          <TextField
            form={form}
            name={key('people', i, 'phone')}
            label={t('applicationForm.about.phone') + n(i) + opt}
            description={t('applicationForm.about.phoneHint')}
            autoComplete={i === 0 && !staff ? 'tel' : 'off'}
            inputMode="numeric"
            maxLength={20}
          />
          <TextField
            form={form}
            name={key('people', i, 'email')}
            type="email"
            label={t('applicationForm.about.email') + n(i) + opt}
            description={staff ? undefined : t('applicationForm.about.emailHint')}
            autoComplete={i === 0 && !staff ? 'email' : 'off'}
            inputMode="email"
            spellCheck={false}
            maxLength={254}
          />
          <TextAreaField form={form} name={key('people', i, 'safeContactNote')} label={t('applicationForm.about.safeNote') + n(i) + opt} description={t('applicationForm.about.safeNoteHint')} rows={2} maxLength={400} />
          <RadioField
            form={form}
            name={key('people', i, 'postSafe')}
            label={t('applicationForm.about.postSafe') + n(i) + opt}
            description={t('applicationForm.about.postSafeHint')}
            options={POST_SAFE.map((p) => ({ value: p, label: t(`applicationForm.about.postSafe${p === 'yes' ? 'Yes' : p === 'no' ? 'No' : 'Unsure'}`) }))}
          />
          {count > 1 ? (
            <Button appearance="secondary-action-button" onClick={() => remove(i)}>
              {t('applicationForm.about.remove', { n: i + 1 })}
            </Button>
          ) : null}
        </fieldset>
      ))}
      {count < MAX_PEOPLE ? (
        <Button id={`${form.id}-people-add`} appearance="secondary-action-button" onClick={add}>
          {t('applicationForm.about.add')}
        </Button>
      ) : null}
    </section>
  );
}

export function ChildrenFields({ form, staff }: { form: Form<Flat>; staff?: boolean }) {
  const { t } = useTranslation();
  const { count, add, remove } = useRows(form, 'children', CHILD, 'firstName');
  const n = (i: number) => (count > 1 ? ` (${t('applicationForm.children.child', { n: i + 1 }).toLowerCase()})` : '');
  const year = new Date().getFullYear();
  return (
    <section className="naast-section" aria-labelledby={`${form.id}-h-children`}>
      <Heading2 id={`${form.id}-h-children`}>{t(staff ? 'applicationForm.children.staffTitle' : 'applicationForm.children.title')}</Heading2>
      <Paragraph>{t('applicationForm.children.intro')}</Paragraph>
      <details className="naast-explain">
        <summary>{t('applicationForm.children.explainTitle')}</summary>
        <dl>
          {MEASURES.map((m) => (
            <div key={m}>
              <dt>{t(`applicationForm.measure.${m}`)}</dt>
              <dd>{t(`applicationForm.measureExplain.${m}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
      {Array.from({ length: count }, (_, i) => (
        <fieldset key={i} className="naast-fieldset naast-row">
          <legend>{t('applicationForm.children.child', { n: i + 1 })}</legend>
          <TextField form={form} name={key('children', i, 'firstName')} label={t('applicationForm.children.firstName') + n(i)} autoComplete="off" maxLength={80} />
          <TextField
            form={form}
            name={key('children', i, 'birthYear')}
            label={t('applicationForm.children.birthYear') + n(i)}
            description={t('applicationForm.children.birthYearHint', { year })}
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
          />
          <SelectField
            form={form}
            name={key('children', i, 'measure')}
            label={t('applicationForm.children.measure') + n(i)}
            description={t('applicationForm.children.measureHint')}
            placeholder=""
            options={MEASURES.map((m) => ({ value: m, label: t(`applicationForm.measure.${m}`) }))}
          />
          {count > 1 ? (
            <Button appearance="secondary-action-button" onClick={() => remove(i)}>
              {t('applicationForm.children.remove', { n: i + 1 })}
            </Button>
          ) : null}
        </fieldset>
      ))}
      {count < MAX_CHILDREN ? (
        <Button id={`${form.id}-children-add`} appearance="secondary-action-button" onClick={add}>
          {t('applicationForm.children.add')}
        </Button>
      ) : null}
    </section>
  );
}

export function PlaceFields({ form, municipalities, staff }: { form: Form<Flat>; municipalities: Array<{ code: string; name: string }>; staff?: boolean }) {
  const { t } = useTranslation();
  const opt = optional(t);
  return (
    <section className="naast-section" aria-labelledby={`${form.id}-h-place`}>
      <Heading2 id={`${form.id}-h-place`}>{t(staff ? 'applicationForm.where.staffTitle' : 'applicationForm.where.title')}</Heading2>
      <SelectField
        form={form}
        name="municipalityCode"
        label={t('applicationForm.where.municipality')}
        description={t(staff ? 'applicationForm.where.staffMunicipalityHint' : 'applicationForm.where.municipalityHint')}
        placeholder={t('applicationForm.where.chooseMunicipality')}
        options={municipalities.map((m) => ({ value: m.code, label: m.name }))}
      />
      <TextField
        form={form}
        name="postcode"
        label={t('applicationForm.where.postcode') + opt}
        description={t('applicationForm.where.postcodeHint')}
        autoComplete={staff ? 'off' : 'postal-code'}
        maxLength={7}
      />
    </section>
  );
}

export function InstitutionFields({ form }: { form: Form<Flat> }) {
  const { t } = useTranslation();
  const { count, add, remove } = useRows(form, 'institutions', INSTITUTION, 'kind');
  const n = (i: number) => (count > 1 ? ` (${i + 1})` : '');
  return (
    <section className="naast-section" aria-labelledby={`${form.id}-h-institutions`}>
      <Heading2 id={`${form.id}-h-institutions`}>
        {t('applicationForm.institutions.title')}
        <Optional />
      </Heading2>
      <Paragraph>{t('applicationForm.institutions.intro')}</Paragraph>
      {Array.from({ length: count }, (_, i) => (
        <fieldset key={i} className="naast-fieldset naast-row">
          <legend>{t('applicationForm.institutions.row', { n: i + 1 })}</legend>
          <SelectField
            form={form}
            name={key('institutions', i, 'kind')}
            label={t('applicationForm.institutions.kind') + n(i)}
            options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`applicationForm.institutionKind.${k}`) }))}
          />
          <TextField form={form} name={key('institutions', i, 'name')} label={t('applicationForm.institutions.name') + n(i)} description={t('applicationForm.institutions.nameHint')} maxLength={160} />
          <Button appearance="secondary-action-button" onClick={() => remove(i)}>
            {t('applicationForm.institutions.remove', { n: i + 1 })}
          </Button>
        </fieldset>
      ))}
      {count < MAX_INSTITUTIONS ? (
        <Button id={`${form.id}-institutions-add`} appearance="secondary-action-button" onClick={add}>
          {t('applicationForm.institutions.add')}
        </Button>
      ) : null}
    </section>
  );
}

export function SituationFields({ form, staff }: { form: Form<Flat>; staff?: boolean }) {
  const { t } = useTranslation();
  const opt = optional(t);
  return (
    <section className="naast-section" aria-labelledby={`${form.id}-h-situation`}>
      <Heading2 id={`${form.id}-h-situation`}>{t(staff ? 'applicationForm.situation.staffTitle' : 'applicationForm.situation.title')}</Heading2>
      <TextAreaField
        form={form}
        name="conflictSummary"
        label={t(staff ? 'applicationForm.situation.staffConflict' : 'applicationForm.situation.conflict')}
        description={t('applicationForm.situation.conflictHint')}
        rows={6}
        maxLength={4000}
      />
      <DateField form={form} name="hearingDate" label={t('applicationForm.situation.hearingDate') + opt} description={t('applicationForm.situation.hearingDateHint')} />
      {text(form.values.hearingDate) ? (
        <TextField form={form} name="urgencyNote" label={t('applicationForm.situation.urgencyNote') + opt} description={t('applicationForm.situation.urgencyNoteHint')} maxLength={500} />
      ) : null}
      <SelectField
        form={form}
        name="preferredLanguage"
        label={t(staff ? 'applicationForm.situation.staffLanguage' : 'applicationForm.situation.language')}
        options={LANGUAGES.map((l) => ({ value: l, label: t(`applicationForm.languages.${l}`) }))}
      />
    </section>
  );
}

/** The consent checkbox with the privacy statement shown in full (in its own scrollable, focusable region). */
export function ConsentFields({ form, statement, staff }: { form: Form<Flat>; statement: string; staff?: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="naast-section" aria-labelledby={`${form.id}-h-consent`}>
      <Heading2 id={`${form.id}-h-consent`}>{t('applicationForm.consent.title')}</Heading2>
      {staff ? null : <Paragraph>{t('applicationForm.consent.intro')}</Paragraph>}
      <div className="naast-privacy" tabIndex={0} role="region" aria-label={t('applicationForm.consent.statement')}>
        {statement}
      </div>
      <CheckboxField form={form} name="consent" label={t(staff ? 'applicationForm.consent.staffLabel' : 'applicationForm.consent.label')} description={staff ? undefined : t('applicationForm.consent.hint')} />
    </section>
  );
}
