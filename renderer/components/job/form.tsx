import { createContext, useContext, useEffect, useId, useState } from 'react';
import { errorAt, getAt, type Draft, type Path } from './draft';

// Small labelled controls bound to a path of the draft settings. Each shows its error
// in words beneath it (aria-describedby) and is read-only when the job cannot change.

export interface Form {
  draft: Draft;
  errors: ReadonlyMap<string, string>;
  readOnly: boolean;
  change: (path: Path, value: unknown) => void;
}

export const FormContext = createContext<Form | null>(null);

export function useForm(): Form {
  const form = useContext(FormContext);
  if (form === null) throw new Error('A job panel field is outside its form.');
  return form;
}

interface FieldProps {
  label: string;
  path: Path;
  hint?: string;
}

/** Label, control and error sentence; `control` receives the ids to wire up. */
function Field({
  label,
  path,
  hint,
  control,
}: FieldProps & {
  control: (ids: {
    id: string;
    describedBy: string | undefined;
    invalid: boolean;
  }) => React.ReactNode;
}): React.JSX.Element {
  const { errors } = useForm();
  const id = useId();
  const error = errorAt(errors, path);
  const described = [
    hint === undefined ? null : `${id}-hint`,
    error === null ? null : `${id}-error`,
  ]
    .filter((x): x is string => x !== null)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({
        id,
        describedBy: described === '' ? undefined : described,
        invalid: error !== null,
      })}
      {hint !== undefined && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error !== null && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export interface Option {
  label: string;
  value: unknown;
  /** Whether the draft's value is this option, when equality cannot tell (lists, rectangles). */
  is?: (current: unknown) => boolean;
}

/** A choice among values; `undefined` is the preset's own choice. */
export function SelectField({
  options,
  onPick,
  ...props
}: FieldProps & { options: Option[]; onPick?: (value: unknown) => void }): React.JSX.Element {
  const { draft, readOnly, change } = useForm();
  const current = getAt(draft, props.path);
  const found = options.findIndex((o) =>
    o.is === undefined ? o.value === current : o.is(current),
  );
  return (
    <Field
      {...props}
      control={({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          disabled={readOnly}
          value={String(Math.max(0, found))}
          onChange={(event) => {
            const value = options[Number(event.target.value)]?.value;
            if (onPick !== undefined) onPick(value);
            else change(props.path, value);
          }}
        >
          {options.map((option, index) => (
            <option key={option.label} value={index}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * Free text that becomes a value: `parse` returns the value, or the text itself when it
 * does not parse (the schema then says why), or undefined for empty text.
 */
function ParsedField({
  parse,
  format,
  placeholder,
  ...props
}: FieldProps & {
  parse: (text: string) => unknown;
  format: (value: unknown) => string;
  placeholder?: string;
}): React.JSX.Element {
  const { draft, readOnly, change } = useForm();
  const value = getAt(draft, props.path);
  const [text, setText] = useState(() => format(value));
  // Follows the draft when it changes from elsewhere (Reset, a detected crop).
  useEffect(() => {
    setText((typed) => (same(parse(typed), value) ? typed : format(value)));
  }, [value, parse, format]);
  return (
    <Field
      {...props}
      control={({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="text"
          inputMode={parse === parseNumber ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          readOnly={readOnly}
          placeholder={placeholder}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            change(props.path, parse(event.target.value));
          }}
        />
      )}
    />
  );
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function parseNumber(text: string): unknown {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

const formatAny = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : '';
const parseText = (text: string): unknown => (text === '' ? undefined : text);

export function NumberField(props: FieldProps & { placeholder?: string }): React.JSX.Element {
  return <ParsedField {...props} parse={parseNumber} format={formatAny} />;
}

export function TextField(props: FieldProps & { placeholder?: string }): React.JSX.Element {
  return <ParsedField {...props} parse={parseText} format={formatAny} />;
}

/** Text through custom parse/format (times, language lists). */
export function CustomField(
  props: FieldProps & {
    placeholder?: string;
    parse: (text: string) => unknown;
    format: (value: unknown) => string;
  },
): React.JSX.Element {
  return <ParsedField {...props} />;
}

/** On, or the preset's choice (absent). */
export function CheckField({ label, path }: { label: string; path: Path }): React.JSX.Element {
  const { draft, readOnly, change } = useForm();
  return (
    <label className="check">
      <input
        type="checkbox"
        disabled={readOnly}
        checked={getAt(draft, path) === true}
        onChange={(event) => change(path, event.target.checked ? true : undefined)}
      />
      {label}
    </label>
  );
}
