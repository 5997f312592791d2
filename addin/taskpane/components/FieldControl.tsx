// One field of a template as the right control: text, number, date (accepting 和暦), period, yes/no, choice —
// validated as the user types with the same normalisation the validator uses.
import {
  Field,
  Input,
  Link,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Grid } from '../../../templates/model/grid.js';
import type { FieldDef, Issue } from '../../../templates/model/types.js';
import { useI18n } from '../i18n.js';
import { checkInput } from '../model.js';

const useStyles = makeStyles({
  radios: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
  clear: { fontSize: tokens.fontSizeBase200 },
});

export interface FieldControlProps {
  field: FieldDef;
  /** The control's text (canonical text of the cell, or what the user typed). */
  value: string;
  onChange: (text: string) => void;
  /** Called when the user is done with the value (choice made, input left). Defaults to nothing. */
  onCommit?: (text: string) => void;
  /** Findings of the validator on this field's cell (shown below the control). */
  issues?: readonly Issue[];
  grid: Grid | null;
  /** Show the field's hint under the control. */
  showHint?: boolean;
  disabled?: boolean;
  /** Hide the label (the questionnaire shows the question instead). */
  label?: string;
}

type State = 'none' | 'error' | 'warning' | 'success';

export function FieldControl(props: FieldControlProps) {
  const { field, value, onChange, onCommit, issues = [], grid, showHint = true, disabled } = props;
  const { lang, s, t } = useI18n();
  const styles = useStyles();
  const label = props.label ?? t(field.label);
  const kind = field.type.kind;

  // Inline validation of what is typed; else the validator's findings on the cell; else what a date reads as.
  const checked = checkInput(field, value, grid);
  let state: State = 'none';
  let message: string | undefined;
  if (checked.kind === 'invalid') {
    state = 'error';
    message = t(checked.message);
  } else if (
    checked.kind === 'empty' &&
    field.required &&
    !field.computed &&
    issues.some((i) => i.rule === 'V-REQUIRED')
  ) {
    state = 'error';
    message = s.requiredEmpty;
  } else if (issues.length) {
    const worst = issues.find((i) => i.severity === 'error') ?? issues[0];
    state = worst.severity === 'error' ? 'error' : worst.severity === 'warning' ? 'warning' : 'none';
    message = issues.map((i) => t(i.message)).join('\n');
  } else if (checked.kind === 'ok' && (kind === 'date' || kind === 'period') && checked.text !== value.trim()) {
    state = 'success';
    message = s.reads(checked.text);
  }
  const hint = showHint ? t(field.hint) || (kind === 'date' ? s.dateHint : kind === 'period' ? s.periodHint : '') : '';

  const commit = (text: string) => onCommit?.(text);
  const common = {
    disabled: disabled || field.computed,
    'data-field': field.key,
  };

  let control: JSX.Element;
  const choices =
    kind === 'yesno'
      ? [
          { value: 'はい', label: s.yes },
          { value: 'いいえ', label: s.no },
        ]
      : kind === 'enum' && field.type.kind === 'enum'
        ? field.type.options.map((o) => ({ value: o.value, label: lang === 'ja' ? o.value : o.en }))
        : null;
  // The stored value of a choice may be a synonym (○, あり): show the canonical option it stands for.
  const chosen = checked.kind === 'ok' && typeof checked.value === 'string' ? checked.value : value;

  if (choices && choices.length <= 4) {
    control = (
      <div>
        <RadioGroup
          {...common}
          layout="horizontal"
          className={styles.radios}
          value={choices.some((c) => c.value === chosen) ? chosen : ''}
          onChange={(_, d) => {
            onChange(d.value);
            commit(d.value);
          }}
        >
          {choices.map((c) => (
            <Radio key={c.value} value={c.value} label={c.label} />
          ))}
        </RadioGroup>
        {value !== '' && !common.disabled && (
          <Link
            as="button"
            className={styles.clear}
            onClick={() => {
              onChange('');
              commit('');
            }}
          >
            {s.clearChoice}
          </Link>
        )}
      </div>
    );
  } else if (choices) {
    const known = choices.some((c) => c.value === chosen);
    control = (
      <Select
        {...common}
        value={known ? chosen : value}
        onChange={(_, d) => {
          onChange(d.value);
          commit(d.value);
        }}
      >
        <option value="">—</option>
        {!known && value !== '' && <option value={value}>{value}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </Select>
    );
  } else if (kind === 'text' && field.type.kind === 'text' && field.type.multiline) {
    control = (
      <Textarea
        {...common}
        resize="vertical"
        value={value}
        onChange={(_, d) => onChange(d.value)}
        onBlur={(e) => commit(e.currentTarget.value)}
      />
    );
  } else {
    const inputMode =
      kind === 'integer' || kind === 'number'
        ? 'decimal'
        : kind === 'email'
          ? 'email'
          : kind === 'url'
            ? 'url'
            : undefined;
    control = (
      <Input
        {...common}
        value={value}
        inputMode={inputMode}
        placeholder={kind === 'date' ? s.dateHint : undefined}
        onChange={(_, d) => onChange(d.value)}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
    );
  }

  return (
    <Field
      label={label || undefined}
      required={field.required && !field.computed}
      validationState={state}
      validationMessage={message}
      hint={hint ? { children: hint, className: styles.hint } : undefined}
    >
      {control}
    </Field>
  );
}
