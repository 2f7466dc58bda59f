// Synthetic data at the scale the benchmark measures: a board session's file with 10,000
// ballots, an adviser's collection of 1,000 partnerships' files, a questionnaire of 5,000
// expectations with an assessment rating them all, and the 200 adviser files an adviser
// might add at once. Deterministic, so every run measures the same data; in the app's own
// stored and file formats (the envelope `{format, schema_version, app_version, <kind>}`).
import { readFileSync } from 'node:fs';

const national = JSON.parse(readFileSync(new URL('../../questionnaires/principles-of-effective-community-planning.json', import.meta.url), 'utf8'));
export const NATIONAL = { id: national.id, version: national.version };
export const EXPECTATIONS = national.principles.flatMap((p) => p.expectations.map((e) => e.id));

/** A seeded pseudo-random number in [0, 1). */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** A rating near `centre` on the six-point scale, sometimes "Don't know". */
function ratingNear(next, centre) {
  if (next() < 0.04) return 'dont_know';
  return { level: Math.max(1, Math.min(6, centre + Math.round(next() * 2 - 1))) };
}

const envelope = (kind, schema, body) => ({ format: `cpp-self-assessment.${kind}`, schema_version: schema, app_version: '0.1.0', [kind]: body });

/** One rating as a session stores it in its ballots' columns. */
const ratingCode = (rating) => (rating === 'dont_know' ? '?' : rating.level.toString(36));

/** A board session with `ballots` members' ballots, none revealed yet, as a session file
 * (its ballots in columns: the expectations once, then a character per rating). */
export function sessionFile({ id = 'bench-session', ballots = 10_000, boardSize = null } = {}) {
  const next = random(7);
  const expectations = [...EXPECTATIONS].sort();
  const rows = Array.from({ length: ballots }, (_, b) => ({
    ratings: expectations.map((e) => ratingCode(ratingNear(next, 1 + ((b + EXPECTATIONS.indexOf(e)) % 6)))).join(''),
  }));
  return envelope('session', 6, {
    id,
    questionnaire_id: NATIONAL.id,
    questionnaire_version: NATIONAL.version,
    details: { partnership: 'Benchmark CPP', date: '2026-11-23' },
    ballots: { expectations, ballots: rows },
    ballot_box_closed: false,
    ...(boardSize ? { board_size: boardSize } : {}),
    anonymity_threshold: 5,
    attendance: {},
    hands: {},
    consensus: {},
    revealed: [],
    agenda_order: 'disagreement',
    plan: { actions: [], next_action_number: 0 },
    updated_at: '2026-11-23T11:00:00.000Z',
  });
}

/** One partnership's adviser file body. */
function submission(next, p, year, questionnaire = NATIONAL, expectations = EXPECTATIONS) {
  const session = year % 2 === 1;
  const centre = 1 + ((p + year) % 6);
  const ratings = Object.fromEntries(expectations.map((e) => [e, ratingNear(next, centre)]));
  const counts = session
    ? Object.fromEntries(expectations.map((e) => [e, { levels: { [Math.max(1, centre - 1)]: 3, [centre]: 4 }, dont_know: 0 }]))
    : undefined;
  return {
    partnership_code: `CPP-${String(p).padStart(4, '0')}`,
    questionnaire_id: questionnaire.id,
    questionnaire_version: questionnaire.version,
    date: `${2020 + year}-0${1 + (p % 9)}-15`,
    source: session ? 'session' : 'assessment',
    ratings,
    ...(counts ? { counts } : {}),
    planned: expectations.filter((_, i) => (i + p) % 7 === 0),
  };
}

/** `count` adviser files, as partnerships send them, one file each. */
export function adviserFiles(count = 200) {
  const next = random(42);
  return Array.from({ length: count }, (_, i) => {
    const body = submission(next, i + 1, i % 7);
    const text = JSON.stringify(envelope('adviser', 1, body), null, 2);
    return { name: `${body.partnership_code.toLowerCase()}.adviser.json`, mimeType: 'application/json', buffer: Buffer.from(text) };
  });
}

/** The adviser's stored collection, with one file from each of `partnerships`. */
export function collectionRecord(partnerships = 1_000) {
  const next = random(99);
  const submissions = Array.from({ length: partnerships }, (_, i) => submission(next, i + 1, i % 7));
  return envelope('collection', 1, { submissions, threshold: 5, updated_at: '2026-11-23T12:00:00.000Z' });
}

/** A questionnaire file of `expectations` expectations in 50 principles, every one with a
 * suggested action, and the stored record a person who loaded it would have. */
export function largeQuestionnaire(expectations = 5_000) {
  const principles = 50;
  const perPrinciple = expectations / principles;
  const level = (value, label) => ({ value, label, descriptor: `${label}: what choosing it means.` });
  const file = {
    format: 'cpp-questionnaire',
    format_version: 1,
    id: 'bench-large',
    version: '1.0.0',
    title: `A questionnaire of ${expectations} expectations`,
    summary: 'Synthetic, for the benchmark.',
    source: { title: 'Synthetic', publisher: 'The benchmark', licence: 'None', attribution: 'The benchmark', guidance_reference: 'Synthetic' },
    scale: {
      id: 'four-point', name: 'Four points',
      levels: [level(4, 'Strong'), level(3, 'Fair'), level(2, 'Weak'), level(1, 'Poor')],
      dont_know: { label: "Don't know", descriptor: 'Not enough evidence to judge.' },
      target: 3,
    },
    principles: Array.from({ length: principles }, (_, p) => ({
      id: `principle-${p + 1}`,
      title: `Principle ${p + 1}`,
      expectations: Array.from({ length: perPrinciple }, (_, e) => ({
        id: `p${p + 1}-e${e + 1}`,
        statement: `Expectation ${e + 1} of principle ${p + 1}, as a statement people rate.`,
        guidance_paragraphs: [],
        prompts: [{ question: 'What would show this?', evidence: ['A document that shows it'] }],
        actions: [{ text: `Improve expectation ${e + 1} of principle ${p + 1}.`, timescale: 'short' }],
      })),
    })),
  };
  const text = JSON.stringify(file, null, 2);
  const ids = file.principles.flatMap((p) => p.expectations.map((e) => e.id));
  const questionnaireRecord = envelope('questionnaire', 1, {
    file_name: 'large.json', id: 'bench-large@1.0.0', loaded_at: '2026-11-23T09:00:00.000Z', text, updated_at: '2026-11-23T09:00:00.000Z',
  });
  const next = random(5);
  const assessmentRecord = envelope('assessment', 4, {
    id: 'bench-large-assessment',
    questionnaire_id: file.id,
    questionnaire_version: file.version,
    details: { partnership: 'Benchmark CPP', date: '2026-11-23' },
    responses: Object.fromEntries(ids.map((id) => [id, { rating: { level: 1 + Math.floor(next() * 4) } }])),
    plan: { actions: [], next_action_number: 0 },
    updated_at: '2026-11-23T10:00:00.000Z',
  });
  return { questionnaireRecord, assessmentRecord };
}

/** A session of `members` ballots for the reveal timings, each expectation spread enough
 * to show. */
export function smallSession(id = 'bench-board', members = 7) {
  return sessionFile({ id, ballots: members, boardSize: members });
}
