import { createContext, useContext } from 'react';
import type { FieldErrors } from './preset-form';

// Labelled controls for the preset editor. Each shows the schema's sentences for its own
// field under it, tied to the control (aria-describedby, aria-invalid).

export const ErrorsContext = createContext<FieldErrors>({ byField: new Map(), other: [] });
/** False for a built-in preset: every control is read-only. */
export const EditableContext = createContext(true);

/** An allowlist refusal ends with every allowed key: that long tail folds away. */
function Sentence({ text }: { text: string }): React.JSX.Element {
  const cut = text.indexOf('; allowed ');
  if (cut < 0) return <p>{text}</p>;
  const [what, list] = text.slice(cut + 2).split(': ', 2);
  return (
    <>
      <p>{text.slice(0, cut)}.</p>
      <details className="pe-allowed">
        <summary>Show the {what}</summary>
        {list}
      </details>
    </>
  );
}

const idOf = (field: string): string => `preset-${field.replaceAll('.', '-')}`;

interface Common {
  /** The schema path this control edits ("video.crf"); its errors show under it. */
  field: string;
  label: string;
  help?: React.ReactNode;
  wide?: boolean;
}

function Frame({
  field,
  label,
  help,
  wide,
  children,
}: Common & {
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
}): React.JSX.Element {
  const errors = useContext(ErrorsContext).byField.get(field) ?? [];
  const id = idOf(field);
  const describedBy =
    [help !== undefined ? `${id}-help` : '', errors.length > 0 ? `${id}-error` : '']
      .filter((s) => s !== '')
      .join(' ') || undefined;
  return (
    <div className={wide === true ? 'pe-field wide' : 'pe-field'}>
      <label htmlFor={id}>{label}</label>
      {children(describedBy, errors.length > 0)}
      {help !== undefined && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      {errors.length > 0 && (
        <div id={`${id}-error`} className="pe-error">
          {errors.map((sentence) => (
            <Sentence key={sentence} text={sentence} />
          ))}
        </div>
      )}
    </div>
  );
}

export function TextField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    numeric?: boolean;
    lines?: number;
    readOnly?: boolean;
    placeholder?: string;
  },
): React.JSX.Element {
  const editable = useContext(EditableContext);
  const readOnly = props.readOnly === true || !editable;
  return (
    <Frame {...props}>
      {(describedBy, invalid) => {
        const shared = {
          id: idOf(props.field),
          value: props.value,
          readOnly,
          spellCheck: false,
          placeholder: props.placeholder,
          'aria-describedby': describedBy,
          'aria-invalid': invalid,
        };
        return props.lines !== undefined ? (
          <textarea
            {...shared}
            rows={props.lines}
            onChange={(e) => props.onChange(e.target.value)}
          />
        ) : (
          <input
            {...shared}
            type="text"
            inputMode={props.numeric === true ? 'numeric' : undefined}
            className={props.numeric === true ? 'short' : undefined}
            onChange={(e) => props.onChange(e.target.value)}
          />
        );
      }}
    </Frame>
  );
}

export function SelectField(
  props: Common & {
    value: string;
    options: readonly (readonly [value: string, label: string])[];
    onChange: (value: string) => void;
  },
): React.JSX.Element {
  const editable = useContext(EditableContext);
  return (
    <Frame {...props}>
      {(describedBy, invalid) => (
        <select
          id={idOf(props.field)}
          value={props.value}
          disabled={!editable}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {props.options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Frame>
  );
}

export function CheckField({
  field,
  label,
  checked,
  onChange,
}: {
  field: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}): React.JSX.Element {
  const editable = useContext(EditableContext);
  const errors = useContext(ErrorsContext).byField.get(field) ?? [];
  return (
    <div className="pe-check">
      <input
        id={idOf(field)}
        type="checkbox"
        checked={checked}
        disabled={!editable}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={idOf(field)}>{label}</label>
      {errors.length > 0 && (
        <div className="pe-error">
          {errors.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
      )}
    </div>
  );
}
