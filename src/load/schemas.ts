/**
 * Schemas of every YAML file and front matter block (FORMAT.md sections 2,
 * 3 and 5). Messages say what was expected; `validate.ts` adds the place.
 */
import { z } from 'zod';

const id = z
  .string({ error: 'expected an id (text)' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected lowercase letters, digits and dashes ([a-z0-9-])' });
const text = z.string({ error: 'expected text' });
const clock = z
  .string({ error: 'expected a time as "HH:MM" (quote it)' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a 24-hour time as "HH:MM"' });
const textList = z.array(z.coerce.string(), { error: 'expected a list' });
const vars = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]), {
  error: 'expected a mapping of names to values',
});

export const workshopSchema = z.object({
  day_start: clock.default('09:00'),
  day_end: clock.default('17:00'),
  days: z.number().int().positive().optional(),
  breaks: z
    .array(
      z.object({
        at: clock,
        minutes: z.number({ error: 'expected minutes (a whole number)' }).int().positive(),
        label: text.optional(),
      }),
    )
    .default([]),
});

/** `workshop:` in an overlay: any key overrides the parent's; `breaks` replaces the parent's list whole. */
export const overlayWorkshopSchema = z.object({
  day_start: clock.optional(),
  day_end: clock.optional(),
  days: z.number().int().positive().optional(),
  breaks: workshopSchema.shape.breaks.unwrap().optional(),
});

const numbers = z.enum(['latin', 'native'], { error: 'expected latin or native' });

export const themeSchema = z.record(z.string(), z.unknown());

/** The self-paced course (`trainpack export course`): FORMAT.md section 2. */
export const elearningSchema = z.object({
  passing_score: z
    .number({ error: 'expected a percentage from 0 to 100' })
    .min(0, { error: 'expected a percentage from 0 to 100' })
    .max(100, { error: 'expected a percentage from 0 to 100' })
    .default(80),
  required: z.array(z.string(), { error: 'expected a list of module ids' }).default([]),
});

export const curriculumSchema = z.object({
  id,
  title: text,
  version: z.coerce.string().optional(),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'expected a BCP 47 language tag such as "en" or "fr-SN"' }).default('en'),
  license: text.optional(),
  authors: z.union([textList, z.string().transform((s) => [s])]).default([]),
  modules: z.array(z.string(), { error: 'expected a list of module folder names' }).optional(),
  vars: vars.default({}),
  workshop: workshopSchema.optional(),
  theme: themeSchema.optional(),
  elearning: elearningSchema.optional(),
  numbers: numbers.optional(),
  typography: z.boolean({ error: 'expected true or false' }).optional(),
  description: text.optional(),
});

export const moduleSchema = z.object({
  id: id.optional(),
  title: text,
  summary: text.optional(),
  audience: text.optional(),
  units: z.array(z.string(), { error: 'expected a list of unit file names' }).optional(),
  /** Where the module begins in the agenda: a new workshop day, or after the next break of the day. */
  starts: z.enum(['day', 'break'], { error: 'expected "day" (a new workshop day) or "break" (after the next break of the day)' }).optional(),
  /** The time slot, in minutes, the module is planned for; `check` warns when its units need more. */
  minutes: z
    .number({ error: 'expected the planned minutes as a whole number greater than 0' })
    .int({ error: 'expected the planned minutes as a whole number greater than 0' })
    .positive({ error: 'expected the planned minutes as a whole number greater than 0' })
    .optional(),
});

export const unitTypes = ['session', 'exercise', 'roleplay', 'quiz'] as const;

export const unitSchema = z.object({
  id: id.optional(),
  title: text,
  type: z.enum(unitTypes, { error: `expected one of ${unitTypes.join(', ')}` }).default('session'),
  duration: z
    .number({ error: 'expected minutes as a whole number greater than 0' })
    .int({ error: 'expected minutes as a whole number greater than 0' })
    .positive({ error: 'expected minutes as a whole number greater than 0' }),
  objectives: textList.default([]),
  materials: textList.default([]),
  methods: textList.default([]),
  self_check: z.boolean().default(false),
  upstream: z.string().regex(/^[0-9a-f]{40}$/, { error: 'expected a 40-character git blob hash' }).optional(),
});

export const overlaySchema = z.object({
  id,
  extends: id.optional(),
  title: text.optional(),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'expected a BCP 47 language tag' }).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 code such as "SN"' }).optional(),
  vars: vars.default({}),
  exclude: z.array(z.string(), { error: 'expected a list of unit or module ids' }).default([]),
  strings: z.record(z.string(), z.string()).default({}),
  theme: themeSchema.optional(),
  workshop: overlayWorkshopSchema.optional(),
  numbers: numbers.optional(),
  typography: z.boolean({ error: 'expected true or false' }).optional(),
});

/** Keys each schema accepts, for "did you mean" on unknown keys. */
export function knownKeys(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}
